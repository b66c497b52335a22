"""Start JupyterLab on the course: loopback only, always with a token, on a free port, opening lesson 00.

Run by ``make lab`` as ``python -m course_lib.lab``. Options: ``--port N`` (first port to try, default 8888 or
$COURSE_PORT), ``--no-browser``, and ``--instructor`` (``make formgrader``: the nbgrader course and its formgrader).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
INSTRUCTOR_ROOT = REPO_ROOT / "assignments"
STUDENT_CONFIG = Path(__file__).resolve().parent / "jupyter_student"  # leaves nbgrader out (see its README)
HOST = "127.0.0.1"
PORTS_TO_TRY = 50


class NoFreePortError(RuntimeError):
    """Every port in the range we try is taken."""


def port_is_free(port: int, host: str = HOST) -> bool:
    """True when nothing listens on host:port (we can bind it ourselves)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(first: int, tries: int = PORTS_TO_TRY, host: str = HOST) -> int:
    """The first free port from ``first`` on; NoFreePortError names the range when none is free."""
    for port in range(first, first + tries):
        if port_is_free(port, host):
            return port
    raise NoFreePortError(
        f"ports {first}-{first + tries - 1} on {host} are all in use; "
        f"free one or pick another range with 'make lab LAB_PORT=9000'"
    )


def lab_url(port: int, token: str, instructor: bool = False) -> str:
    start = "formgrader" if instructor else f"lab/tree/{START_NOTEBOOK}"
    return f"http://{HOST}:{port}/{start}?token={token}"


def lab_command(port: int, token: str, open_browser: bool = True, instructor: bool = False,
                course_dir: Path | None = None) -> list[str]:
    """The jupyter lab command line: loopback, fixed port (no silent retries), token auth.

    Students get the repo as root and lesson 00; instructors get the nbgrader course (assignments/) as root, which
    the formgrader needs (it reads nbgrader_config.py from the server's root folder), and the formgrader page;
    ``course_dir`` serves another nbgrader course instead.
    """
    instructor_root = course_dir or INSTRUCTOR_ROOT
    root, start = (instructor_root, "/formgrader") if instructor else (REPO_ROOT, f"/lab/tree/{START_NOTEBOOK}")
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url={start}",
    ]
    if not open_browser:
        command.append("--no-browser")
    if os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root; the token still guards the server
    return command


def server_environment(instructor: bool = False, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the server: for students, the course's own configuration first on the config path."""
    env = dict(os.environ if base is None else base)
    if not instructor:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            [str(STUDENT_CONFIG)] + [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
        )
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make lab", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("COURSE_PORT") or 8888))
    parser.add_argument("--no-browser", action="store_true", help="print the URL but do not open a browser")
    parser.add_argument("--instructor", action="store_true", help="serve assignments/ and open the formgrader")
    parser.add_argument("--course-dir", type=Path, metavar="DIR",
                        help="with --instructor: serve this nbgrader course instead of assignments/")
    args = parser.parse_args(argv)
    course_dir = args.course_dir.expanduser().resolve() if args.course_dir else None
    try:
        port = choose_port(args.port)
    except NoFreePortError as error:
        print(f"make lab: {error}", file=sys.stderr)
        return 1
    if port != args.port:
        print(f"make lab: port {args.port} is busy, using {port} instead.")
    token = secrets.token_urlsafe(24)
    url = lab_url(port, token, args.instructor)
    print(f"make lab: opening the course at\n\n    {url}\n\n(stop it with Ctrl-C)", flush=True)
    os.chdir((course_dir or INSTRUCTOR_ROOT) if args.instructor else REPO_ROOT)
    os.execve(sys.executable, lab_command(port, token, not args.no_browser, args.instructor, course_dir),
              server_environment(args.instructor))
    return 0  # not reached: execve replaces this process


if __name__ == "__main__":
    sys.exit(main())
