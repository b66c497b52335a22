"""Throwaway Unix accounts for tests of a shared machine: made with useradd (root only), removed afterwards, and
commands run as them with runuser, with a Python they can execute (this one, or a copy of it reading this
environment's packages when this one sits in a folder they cannot enter)."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def unavailable_reason() -> str | None:
    """Why real accounts cannot be made here, or None."""
    if os.geteuid() != 0:
        return "making real Unix accounts needs root (the CI runs the suite as root)"
    missing = [tool for tool in ("useradd", "userdel", "runuser") if not shutil.which(tool)]
    return f"missing {', '.join(missing)}" if missing else None


class Machine:
    """Accounts living under ``base/home``; ``run(user, *cmd)`` runs a command as one of them."""

    def __init__(self, base: Path):
        self.base = base
        self.homes = base / "home"
        self.homes.mkdir(mode=0o755)
        self.bin = base / "bin"
        self.bin.mkdir(mode=0o755)
        self.users: list[str] = []
        self._opened: dict[Path, int] = {}  # folder -> its mode before the accounts were let through
        self.env = {"PATH": f"{self.bin}:/usr/bin:/bin", "LANG": "C.UTF-8"}
        try:
            self._set_up_python()
        except BaseException:
            self.remove()
            raise

    def _set_up_python(self) -> None:
        python = sys.executable
        probe = self.add_user("probe")
        if self.run(probe, python, "-c", "import nbgrader").returncode != 0:
            python = self._copy_interpreter()
            self.env["PYTHONPATH"] = f"{REPO}:{sysconfig.get_paths()['purelib']}"
            self.env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")  # nbconvert's templates
        self.interpreter = python  # a Python the accounts can run (to make a virtual environment for them, too)
        self.python_env = {key: self.env[key] for key in ("LD_LIBRARY_PATH",) if key in self.env}
        for name, command in (("python", ""), ("alembic", "-m alembic"), ("nbgrader", "-m nbgrader"),
                              ("course", "-m course_lib.cli")):
            wrapper = self.bin / name
            wrapper.write_text(f'#!/bin/sh\nexec {python} {command} "$@"\n')
            wrapper.chmod(0o755)
        done = self.run(probe, "python", "-c", "import nbgrader, course_lib")
        if done.returncode != 0:
            self._open_the_way(REPO, Path(sysconfig.get_paths()["purelib"]))
            self._let_list(REPO)  # on PYTHONPATH: Python lists a path entry to import from it
            done = self.run(probe, "python", "-c", "import nbgrader, course_lib")
        if done.returncode != 0:
            raise RuntimeError(f"no Python other accounts can run with this environment: {done.stderr.strip()}")

    def _open_the_way(self, *paths: Path) -> None:
        """Let other accounts pass through (not list) the folders above ``paths`` that shut them out, such as a
        private temporary folder holding the clone and its .venv; ``remove`` puts the modes back (the suite runs as
        root on a throwaway machine in CI; elsewhere these tests are skipped)."""
        for path in paths:
            for folder in [path, *path.parents]:
                mode = folder.stat().st_mode & 0o7777
                if not mode & 0o001 and folder not in self._opened:
                    self._opened[folder] = mode
                    folder.chmod(mode | 0o001)

    def _copy_interpreter(self) -> str:
        """This Python (binary, shared library, standard library) where other accounts can run it: it lives in a
        folder they cannot enter (pyenv under /root). The environment's packages are read from where they are."""
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        base, copy = Path(sys.base_prefix), self.base / "python"
        shutil.copytree(base / "lib" / version, copy / "lib" / version,
                        ignore=shutil.ignore_patterns("site-packages", "test", "__pycache__", "idlelib", "tkinter"))
        for library in (base / "lib").glob("libpython*.so*"):
            shutil.copy2(library, copy / "lib")
        (copy / "bin").mkdir()
        shutil.copy2(Path(sys.executable).resolve(), copy / "bin" / version)
        subprocess.run(["chmod", "-R", "a+rX", str(copy)], check=True)
        self.env["LD_LIBRARY_PATH"] = str(copy / "lib")
        return str(copy / "bin" / version)

    def add_user(self, role: str) -> str:
        name = f"ct{role[:8]}{secrets.token_hex(3)}"
        subprocess.run(["useradd", "--create-home", "--home-dir", str(self.homes / name), "--user-group",
                        "--shell", "/bin/sh", name], check=True, capture_output=True)
        self.users.append(name)
        return name

    def home(self, user: str) -> Path:
        return self.homes / user

    def run(self, user: str, *command: str, cwd: Path | None = None, extra_env: dict | None = None):
        env = {**self.env, "HOME": str(self.home(user)), "USER": user, **(extra_env or {})}
        return subprocess.run([shutil.which("runuser"), "-u", user, "--", *command], cwd=cwd or self.home(user),
                              env=env, capture_output=True, text=True, timeout=600)

    def start(self, user: str, *command: str, cwd: Path | None = None) -> subprocess.Popen:
        """Start a long-running command as ``user`` (a server); the caller stops it."""
        env = {**self.env, "HOME": str(self.home(user)), "USER": user}
        return subprocess.Popen([shutil.which("runuser"), "-u", user, "--", *command], cwd=cwd or self.home(user),
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def give(self, user: str, path: Path) -> None:
        subprocess.run(["chown", "-R", f"{user}:{user}", str(path)], check=True)

    def _let_list(self, folder: Path) -> None:
        mode = folder.stat().st_mode & 0o7777
        if mode & 0o005 != 0o005:
            self._opened.setdefault(folder, mode)
            folder.chmod(mode | 0o005)

    def remove(self) -> None:
        for name in self.users:
            subprocess.run(["userdel", name], capture_output=True)
        shutil.rmtree(self.base, ignore_errors=True)
        for folder, mode in self._opened.items():
            folder.chmod(mode)
