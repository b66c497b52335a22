"""A real JupyterHub on this machine for the end-to-end class test and its benchmark, set up as docs/jupyterhub.md
tells an administrator: a students' environment (a non-editable install of a checkout of the course, with its
constraints, and jupyterhub for the LocalProcessSpawner), the shared exchange, the site nbgrader config, private
homes, and a hub with PAM logins and configurable-http-proxy (from npm, kept in a cache folder), on loopback and
free ports only. Every process the hub starts is stopped with it.

Two things differ from a production machine, both so the suite never changes the machine it runs on: the paths the
docs name (/srv/nbgrader/exchange, /etc/jupyter, /opt/course-env) sit inside the test's own folder, and
JUPYTER_CONFIG_PATH points both the students' servers and the instructor's commands at the site config folder, as
/etc/jupyter does for every Jupyter on a real machine.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from tests.support.unix_accounts import REPO, Machine

COURSE_ID = "psychodynamic-course"
# The newest configurable-http-proxy; it asks for node >= 22 and warns on Debian 12's node 20, but runs.
PROXY_VERSION = "5.3.0"
STUDENT_EXTENSIONS_OFF = (  # docs/jupyterhub.md, section 1: students get the assignment list only
    ("labextension", "disable", "--level=sys_prefix", "@jupyter/nbgrader:formgrader"),
    ("labextension", "disable", "--level=sys_prefix", "@jupyter/nbgrader:create-assignment"),
    ("labextension", "disable", "--level=sys_prefix", "@jupyter/nbgrader:course-list"),
    ("server", "extension", "disable", "--sys-prefix", "nbgrader.server_extensions.formgrader"),
    ("server", "extension", "disable", "--sys-prefix", "nbgrader.server_extensions.course_list"),
)
# docs/jupyterhub.md, section 3: the files that turn the formgrader on for the instructor's own server and point it
# at the course (by path under the instructor's home, each with the text the docs give).
INSTRUCTOR_FILES = {
    ".jupyter/jupyter_server_config.json":
        '{"ServerApp": {"jpserver_extensions": {"nbgrader.server_extensions.formgrader": true}}}\n',
    ".jupyter/labconfig/page_config.json": '{"disabledExtensions": {"@jupyter/nbgrader:formgrader": false}}\n',
    ".jupyter/nbgrader_config.py":
        'import os\nc = get_config()\nc.CourseDirectory.root = os.path.expanduser("~/course-repo/assignments")\n',
}


def unavailable_reason() -> str | None:
    """Why a hub cannot run here, or None."""
    if not shutil.which("npm"):
        return "npm is missing (Debian package 'npm'; .ci/run installs it): configurable-http-proxy comes from npm"
    try:
        import jupyterhub  # noqa: F401
        import pamela  # noqa: F401
    except ImportError:
        return "jupyterhub is not installed here (pip install -c constraints.txt -e '.[test]')"
    return None


def proxy_command() -> str:
    """configurable-http-proxy, installed from npm into a cache folder of its own the first time."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "psychodynamic-course"
    prefix = cache / f"configurable-http-proxy-{PROXY_VERSION}"
    binary = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if not binary.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error",
                               f"configurable-http-proxy@{PROXY_VERSION}"], capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not binary.exists():
            raise RuntimeError(f"npm could not install configurable-http-proxy: {done.stderr[-2000:]}")
    return str(binary)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def checkout(target: Path) -> Path:
    """A checkout of this repository as it is now (tracked and new files, nothing git ignores), made a git
    repository of its own so an instructor can clone it."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git = ["git", "-C", str(target), "-c", "user.name=Course admin", "-c", "user.email=admin@localhost"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the course"]):
        subprocess.run([*git, *command], check=True, capture_output=True)
    subprocess.run(["chmod", "-R", "a+rX", str(target)], check=True)
    return target


def students_environment(machine: Machine, base: Path) -> Path:
    """docs/jupyterhub.md, section 1, in ``base``: a virtual environment all accounts can run, the course installed
    into it from ``course-repo`` with its constraints (not editable) and jupyterhub beside it, and the instructor
    tools switched off. Returns the environment's folder."""
    environment = base / "opt" / "course-env"
    run = {"env": {**os.environ, **machine.python_env}, "capture_output": True, "text": True, "timeout": 900}
    done = subprocess.run([machine.interpreter, "-m", "venv", str(environment)], **run)
    assert done.returncode == 0, done.stderr[-2000:]
    pip = [str(environment / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run([*pip, "-c", "course-repo/constraints.txt", "./course-repo", "jupyterhub"], cwd=base, **run)
    assert done.returncode == 0, done.stderr[-3000:]
    for command in STUDENT_EXTENSIONS_OFF:
        done = subprocess.run([str(environment / "bin" / "jupyter"), *command], cwd=base, **run)
        assert done.returncode == 0, done.stderr[-2000:]
    subprocess.run(["chmod", "-R", "a+rX", str(environment)], check=True)
    return environment


HUB_CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/jupyterhub_cookie_secret"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {environment!r}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
"""


class Hub:
    """A JupyterHub run as root from this environment, serving the accounts' servers from the students'
    environment; ``stop`` ends the hub, the proxy and every server and kernel it started."""

    def __init__(self, folder: Path, students_env: Path, users: list[str], environment: dict[str, str]):
        self.folder = folder
        self.port = free_port()
        folder.mkdir(mode=0o700)
        self.config = folder / "jupyterhub_config.py"
        self.config.write_text(HUB_CONFIG.format(
            port=self.port, hub_port=free_port(), proxy_port=free_port(), proxy=proxy_command(), folder=folder,
            users=set(users), singleuser=str(students_env / "bin" / "jupyterhub-singleuser"),
            environment=environment))
        self.log_path = folder / "jupyterhub.log"
        self.process: subprocess.Popen | None = None
        self.users = users

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> Hub:
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(self.config)],
                                            cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited at start: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=3) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterHub did not answer within {timeout:.0f} s: {self.log_tail()}")
            time.sleep(0.2)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM to the hub (it stops the servers it spawned), then SIGKILL to whatever of its process tree, or of
        the accounts' processes, is left: the accounts cannot be removed while they run anything."""
        leftovers: list[psutil.Process] = []
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                leftovers = psutil.Process(self.process.pid).children(recursive=True)
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        leftovers += [p for p in psutil.process_iter(["username"]) if p.info["username"] in self.users]
        for process in leftovers:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        psutil.wait_procs(leftovers, timeout=10)


def set_passwords(users: list[str]) -> dict[str, str]:
    """Real passwords for the accounts (the hub's PAM login checks them against /etc/shadow)."""
    passwords = {user: secrets.token_urlsafe(12) for user in users}
    subprocess.run(["chpasswd"], input="".join(f"{u}:{p}\n" for u, p in passwords.items()), text=True, check=True)
    return passwords
