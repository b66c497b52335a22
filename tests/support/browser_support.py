"""A private JupyterLab server and a headless Chromium for the browser suite and its benchmark.

The server listens on 127.0.0.1 at a fixed port with no silent retries (so we never talk to someone else's server),
needs a token, has private workspace and settings folders (no old tabs reopened, no news prompt, no autosave) and is
stopped by its process group whatever happens.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from course_lib.lab import server_environment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
# For the tests: render every cell (with windowing, off-screen outputs are not laid out and cannot be inspected).
# The benchmark keeps JupyterLab's default, which is what a student gets.
RENDER_ALL = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"}}


def browser_available() -> str | None:
    """None when the suite can run here, else the reason it cannot."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (Debian package 'chromium'; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is not installed (pip install -e '.[test]')"
    return None


class LabServer:
    """JupyterLab serving ``root`` on ``port``; use as a context manager."""

    def __init__(self, root: Path, port: int, state_dir: Path, extra_args: tuple[str, ...] = (),
                 instructor: bool = False, render_all: bool = True, app: str = "jupyterlab"):
        """``instructor=False`` serves the lessons as ``make lab`` does (nbgrader left out), ``True`` as
        ``make formgrader`` does; ``render_all=False`` keeps JupyterLab's default (windowed) notebook rendering;
        ``app="notebook"`` runs Notebook 7 (a plain ``jupyter notebook``) instead of JupyterLab."""
        self.root, self.port, self.state_dir = Path(root), port, Path(state_dir)
        self.instructor, self.render_all, self.app = instructor, render_all, app
        self.token = secrets.token_urlsafe(16)
        self.extra_args = extra_args
        self.process: subprocess.Popen | None = None
        self.log_path = self.state_dir / "jupyterlab.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}?token={self.token}"

    def _write_settings(self) -> dict[str, str]:
        settings = self.state_dir / "settings"
        for name, values in (SETTINGS | RENDER_ALL if self.render_all else SETTINGS).items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        workspaces = self.state_dir / "workspaces"
        shutil.rmtree(workspaces, ignore_errors=True)
        workspaces.mkdir(parents=True)
        return {"JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(workspaces)}

    def start(self, timeout: float = 90) -> LabServer:
        env = server_environment(self.instructor, dict(os.environ, **self._write_settings()))
        command = [
            sys.executable, "-m", self.app, "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
            *(("--LabApp.expose_app_in_browser=True", "--LabApp.news_url=") if self.app == "jupyterlab"
              else ("--JupyterNotebookApp.expose_app_in_browser=True",)),
            *self.extra_args,
        ]
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited at start (port {self.port} busy?): {self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=3) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s: {self.log_tail()}")
            time.sleep(0.1)

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Stop the server and its kernels by process group; escalate if it ignores SIGTERM."""
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# JavaScript run in the page: JupyterLab's own app object (exposed with --LabApp.expose_app_in_browser).
RUN_ALL = "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
CELLS_DONE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  return panel.content.widgets.every(c => c.model.type !== 'code' || (c.model.executionCount !== null
      && c.promptNode && !c.promptNode.textContent.includes('*')));
}"""
KERNEL_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && panel.sessionContext.isReady;
}"""


def open_notebook(page, server: LabServer, relative_path: str, timeout_ms: int = 60_000) -> None:
    """Open a notebook in Lab and wait until its kernel is ready (the toolbar's idle dot lies during start-up)."""
    page.goto(server.url(f"lab/tree/{relative_path}") + "&reset")  # reset: never reopen an earlier test's tabs
    page.wait_for_function("() => !!window.jupyterapp", timeout=timeout_ms)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=timeout_ms)
    page.wait_for_function(KERNEL_READY, timeout=timeout_ms)


def run_all(page, timeout_ms: int = 120_000) -> None:
    """Run every cell and wait until every code cell has run and the kernel is idle again."""
    page.evaluate(RUN_ALL)
    page.wait_for_timeout(300)
    page.wait_for_function(CELLS_DONE, timeout=timeout_ms, polling=250)
