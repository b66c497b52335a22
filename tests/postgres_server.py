"""A private PostgreSQL server for the tests: Debian's ``postgresql`` binaries, a fresh cluster in a temporary
folder, listening on a free loopback port (and a socket in that folder), with password logins over TCP; started and
stopped by the tests that need it. PostgreSQL refuses to run as root, so as root it runs as the ``postgres`` account.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from course_lib.instructor.testing import synthetic


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str
    database: str

    def url(self, password: bool = False) -> str:
        secret = f":{self.password}" if password else ""
        return f"postgresql+psycopg://{self.user}{secret}@{self.host}:{self.port}/{self.database}"


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else shutil.which(name)


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


def unavailable() -> str | None:
    """Why no private server can be started here, or None."""
    if not _binary("initdb") or not _binary("pg_ctl"):
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' account for the server to run as"
        if not shutil.which("runuser"):
            return "running as root without runuser to start the server as 'postgres'"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def private_server(database: str = "gradebook"):
    """Start a throwaway cluster; yields a Server whose password is only in memory."""
    folder = Path(tempfile.mkdtemp(prefix="course-pg-"))
    user, password, port = "grader", secrets.token_urlsafe(16), free_port()
    pwfile = folder / "pw"
    pwfile.write_text(password)
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        for path in (folder, pwfile):
            os.chown(path, account.pw_uid, account.pw_gid)
    data, as_owner = folder / "data", _run_as()

    def run(*cmd: str) -> None:
        subprocess.run([*as_owner, *cmd], cwd=folder, check=True, capture_output=True, text=True)

    try:
        run(_binary("initdb"), "-D", str(data), "-U", user, f"--pwfile={pwfile}", "--auth-local=trust",
            "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
        run(_binary("pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-o", options, "start")
        run(_binary("createdb"), "-h", str(folder), "-p", str(port), "-U", user, database)
        yield Server("127.0.0.1", port, user, password, database)
    finally:
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                run(_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def server():
    """A private server for the module, its password in PGPASSWORD (as an instructor would: never in a file)."""
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    with private_server() as running, pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", running.password)
        yield running


def course_on(root: Path, url: str, *, timeout: int = 3) -> Path:
    """The fixture course at ``root`` with its gradebook at ``url``."""
    synthetic.write_fixture_course(root, timeout=timeout)
    with (root / "nbgrader_config.py").open("a") as config:
        config.write(f"c.CourseDirectory.db_url = {url!r}\n")
    return root
