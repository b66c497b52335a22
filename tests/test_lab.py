"""`make lab`: JupyterLab on loopback, always with a token, on a free port, with the course's extensions enabled."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from course_lib import lab

BIN = Path(sys.executable).parent


def test_choose_port_skips_a_busy_port():
    """When the first port is taken, the next free one is used."""
    with socket.socket() as busy:
        busy.bind((lab.HOST, 0))
        busy.listen()
        taken = busy.getsockname()[1]
        chosen = lab.choose_port(taken, tries=20)
    assert chosen != taken and taken < chosen < taken + 20


def test_no_free_port_gives_a_clear_message(monkeypatch):
    """With every port busy the error names the range and what to do."""
    monkeypatch.setattr(lab, "port_is_free", lambda port, host=lab.HOST: False)
    with pytest.raises(lab.NoFreePortError, match=r"ports 9000-9002 .* all in use.*LAB_PORT"):
        lab.choose_port(9000, tries=3)


def test_command_binds_loopback_with_a_token_and_no_silent_port_change():
    """The server listens on 127.0.0.1 only, requires the token, never moves port and opens lesson 00."""
    command = lab.lab_command(8899, "secret-token")
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--IdentityProvider.token=secret-token" in command
    assert "--ServerApp.port_retries=0" in command
    assert any(arg.endswith("notebooks/00_start_here.ipynb") for arg in command)
    assert lab.lab_url(8899, "t") == "http://127.0.0.1:8899/lab/tree/notebooks/00_start_here.ipynb?token=t"


def test_start_notebook_exists():
    """The notebook make lab opens is in the repo."""
    assert (lab.REPO_ROOT / lab.START_NOTEBOOK).is_file()


def get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError:
        return 0  # not listening yet


@pytest.mark.server
def test_lab_starts_prints_its_url_and_refuses_requests_without_the_token(tmp_path):
    """The real server starts, prints a tokenised URL, answers with the token and refuses without it."""
    port = lab.choose_port(18931)
    env = dict(
        os.environ, JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"), JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings")
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "course_lib.lab", "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True,
    )
    try:
        first_lines = [process.stdout.readline() for _ in range(3)]
        url = re.compile(r"http://127\.0\.0\.1:(\d+)/lab/tree/notebooks/00_start_here\.ipynb\?token=(\S+)")
        match = url.search("".join(first_lines))
        assert match, f"no URL printed: {first_lines}"
        port, token = int(match.group(1)), match.group(2)
        status_url = f"http://127.0.0.1:{port}/api/status"
        deadline = time.monotonic() + 60
        while get_status(f"{status_url}?token={token}") != 200:
            assert process.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.5)
        assert get_status(status_url) == 403
        # The student's server leaves instructor and developer tools out: no formgrader or terminals behind it,
        # nbgrader's menus and the debugger disabled in the page.
        assert get_status(f"http://127.0.0.1:{port}/formgrader?token={token}") == 404
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as response:
            page = response.read().decode()
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      page, re.S).group(1))
        assert {"@jupyter/nbgrader", "@jupyterlab/debugger-extension"} <= set(config["disabledExtensions"])
        assert get_status(f"http://127.0.0.1:{port}/api/terminals?token={token}") == 404
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_widgets_and_nbgrader_extensions_are_enabled():
    """The lab and server extensions the course needs are installed and enabled in the venv."""
    labext = subprocess.run([BIN / "jupyter", "labextension", "list"], capture_output=True, text=True)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", labext.stdout + labext.stderr)
    for name in ("@jupyter-widgets/jupyterlab-manager", "@jupyter/nbgrader"):
        line = next((line for line in listing.splitlines() if name in line), "")
        assert "enabled" in line and "OK" in line, f"lab extension {name} is not enabled: {line!r}"
    server = subprocess.run([BIN / "jupyter", "server", "extension", "list"], capture_output=True, text=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", server.stdout + server.stderr)
    for name in ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.assignment_list", "jupyterlab"):
        assert re.search(rf"{re.escape(name)}\s+enabled", text), f"server extension {name} is not enabled"


def test_only_the_student_server_leaves_nbgrader_out():
    """make lab puts the course's student configuration first on the config path; make formgrader does not."""
    student = lab.server_environment(base={"JUPYTER_CONFIG_PATH": "/elsewhere"})
    assert student["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(lab.STUDENT_CONFIG), "/elsewhere"]
    assert (lab.STUDENT_CONFIG / "jupyter_server_config.json").is_file()
    assert "JUPYTER_CONFIG_PATH" not in lab.server_environment(instructor=True, base={})


def test_instructor_mode_serves_the_nbgrader_course_and_opens_the_formgrader():
    """`make formgrader` roots the server at assignments/ (where nbgrader_config.py is) and opens the formgrader."""
    command = lab.lab_command(8899, "t", instructor=True)
    assert f"--ServerApp.root_dir={lab.REPO_ROOT / 'assignments'}" in command
    assert "--LabApp.default_url=/formgrader" in command
    assert (lab.INSTRUCTOR_ROOT / "nbgrader_config.py").is_file()
    assert lab.lab_url(8899, "t", instructor=True) == "http://127.0.0.1:8899/formgrader?token=t"


def test_formgrader_on_another_course_folder(tmp_path):
    """`make formgrader COURSE=DIR` (and `course formgrader`) serve that course, not the repository's."""
    command = lab.lab_command(8899, "t", instructor=True, course_dir=tmp_path)
    assert f"--ServerApp.root_dir={tmp_path}" in command
    assert "--LabApp.default_url=/formgrader" in command
