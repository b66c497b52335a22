"""Installed with the course, every Jupyter server of its environment keeps a student's files to that student (umask
077 for the server and its kernels) and never asks "Jupyter news?"."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

from course_lib import lab, private_files
from tests.support.paths import ROOT

REPO = ROOT
SITE = REPO / "course_lib" / "jupyter_site"


def _request(url: str, method: str = "GET", body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.kernel
def test_a_students_server_and_kernel_write_private_files(tmp_path):
    """A Jupyter server started where the course is installed (with a permissive umask 022, as a hub spawns it):
    a notebook saved and a folder made through its contents API, and a file a kernel writes, are the student's alone
    (0600, folders 0700); and the page JupyterLab serves has the news announcements switched off."""
    root = tmp_path / "home"
    root.mkdir()
    runtime = tmp_path / "runtime"
    token, port = "t" + os.urandom(8).hex(), lab.choose_port(18961)
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(SITE), "JUPYTER_RUNTIME_DIR": str(runtime),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws")}
    log = tmp_path / "server.log"
    old_umask = os.umask(0o022)
    try:
        with log.open("w") as log_file:
            server = subprocess.Popen(
                [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                 f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--allow-root"],
                stdout=subprocess.DEVNULL, stderr=log_file, env=env, cwd=root, start_new_session=True)
    finally:
        os.umask(old_umask)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _request(f"{base}/api/status?token={token}")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, f"the server exited: {log.read_text()[-2000:]}"
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.3)
        _request(f"{base}/api/contents/work?token={token}", "PUT", {"type": "directory"})
        _request(f"{base}/api/contents/work/quiz.ipynb?token={token}", "PUT", {
            "type": "notebook", "format": "json",
            "content": {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}})
        assert _mode(root / "work") == 0o700
        assert _mode(root / "work" / "quiz.ipynb") == 0o600

        kernel = _request(f"{base}/api/kernels?token={token}", "POST", {"name": "python3"})
        client = BlockingKernelClient(connection_file=str(runtime / f"kernel-{kernel['id']}.json"))
        client.load_connection_file()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            reply = client.execute_interactive("import os; os.mkdir('made'); open('made/answer.txt', 'w').write('B')",
                                               timeout=60)
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
        assert _mode(root / "made") == 0o700
        assert _mode(root / "made" / "answer.txt") == 0o600

        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=30) as response:
            page = response.read().decode()
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      page, re.S).group(1))
        assert "@jupyterlab/apputils-extension:announcements" in config["disabledExtensions"]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_private_umask_keeps_what_is_already_masked():
    """The extension adds group and other to the mask, never unmasks a bit the administrator masked."""
    old = os.umask(0o027)
    try:
        assert private_files.private_umask() == 0o077
        os.umask(0o277)
        assert private_files.private_umask() == 0o277
    finally:
        os.umask(old)


def test_a_pip_install_puts_the_config_where_jupyter_reads_it():
    """Every config file in course_lib/jupyter_site is installed into the environment's etc/jupyter (pyproject's
    data-files), and the server extension it names is the course's module."""
    data_files = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    installed = {str(Path(target) / Path(source).name): source
                 for target, sources in data_files.items() for source in sources}
    for path in SITE.rglob("*.json"):
        name = str(Path("etc/jupyter") / path.relative_to(SITE))
        assert installed.get(name) == str(path.relative_to(REPO)), f"{name} is not installed by pyproject.toml"
    server = json.loads((SITE / "jupyter_server_config.d" / "course-lib.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {private_files.__name__: True}
