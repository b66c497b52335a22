"""Suite-wide settings.

- The chart drawing cache (course_lib.charts.render_cache) and the learner's progress record
  (course_lib.record.store) live in directories of their own for the run, so no test reads a drawing made before the
  run, none is left in the user's cache, and nothing is written to the user's real progress record. Kernels started
  by the notebook tests inherit both.
- Speed tiers: every test in a scenario folder carries that folder's marker (``FOLDER_MARKERS``), so
  ``make test-fast`` can leave out whatever starts a browser, a kernel, nbgrader or a server.
- Under ``make test-fast`` (``FAST_TIER`` set) a test that starts a kernel or a browser anyway fails and says
  where it belongs, instead of quietly making the fast tier slow.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from course_lib.charts.render_cache import ENVIRONMENT_VARIABLE
from course_lib.record.store import ENVIRONMENT_VARIABLE as PROGRESS_VARIABLE

TESTS = Path(__file__).resolve().parent

# Folder (relative to tests/) -> the markers every test in it carries. Explicit marks in test files add to these.
FOLDER_MARKERS = {
    "scenarios/browser": ("browser",),
    "scenarios/pipeline": ("pipeline",),
    "scenarios/notebooks": ("kernel",),
    "scenarios/hub": ("hub",),
}

#: Set by ``make test-fast``; under it, starting a kernel or a browser fails the test.
FAST_TIER = "COURSE_TESTS_FAST_TIER"
_STARTED = "COURSE_TESTS_STARTED_LOG"  # where a guarded start is written down, also from forked grading workers

_created: list[str] = []


def pytest_configure(config):
    _created.append(tempfile.mkdtemp(prefix="course-chart-cache-"))
    os.environ[ENVIRONMENT_VARIABLE] = _created[-1]
    _created.append(tempfile.mkdtemp(prefix="course-progress-"))
    os.environ[PROGRESS_VARIABLE] = _created[-1]
    if os.environ.get(FAST_TIER):
        _created.append(tempfile.mkdtemp(prefix="course-fast-tier-"))
        os.environ[_STARTED] = str(Path(_created[-1]) / "started.txt")
        _guard_kernels_and_browsers()


def pytest_unconfigure(config):
    for directory in _created:
        shutil.rmtree(directory, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = Path(item.fspath).resolve().parent.relative_to(TESTS).as_posix()
        for prefix, markers in FOLDER_MARKERS.items():
            if folder == prefix or folder.startswith(prefix + "/"):
                for marker in markers:
                    item.add_marker(marker)
        if "private_postgres" in item.fixturenames:
            item.add_marker("postgres")


# What a guarded start says, by what was started.
_BELONGS = {
    "kernel": "this test starts a kernel: it belongs in tests/scenarios/notebooks/ or carries @pytest.mark.kernel "
              "(or pipeline, when it runs nbgrader)",
    "browser": "this test starts a browser: it belongs in tests/scenarios/browser/",
}


def _refuse(what: str):
    def refused(*args, **kwargs):
        with open(os.environ[_STARTED], "a", encoding="utf-8") as log:
            log.write(what + "\n")
        raise RuntimeError(_BELONGS[what])

    return refused


def _guard_kernels_and_browsers() -> None:
    """Make starting a Jupyter kernel or a Chromium fail in this process and in the workers it forks."""
    from jupyter_client.manager import AsyncKernelManager, KernelManager

    KernelManager.start_kernel = _refuse("kernel")
    AsyncKernelManager.start_kernel = _refuse("kernel")
    try:
        from playwright.sync_api import BrowserType
    except ImportError:  # no playwright, no browser to start
        return
    BrowserType.launch = _refuse("browser")
    BrowserType.launch_persistent_context = _refuse("browser")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under the fast tier, fail a test whose setup or body started a kernel or a browser, even where the code
    caught the error (a grading worker reports a failed student, not the refusal)."""
    outcome = yield
    report = outcome.get_result()
    log = Path(os.environ.get(_STARTED, "")) if os.environ.get(FAST_TIER) else None
    if log is None or not log.is_file():
        return
    started = log.read_text(encoding="utf-8").split()
    log.unlink()
    if started:
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: {_BELONGS[started[0]]}"


@pytest.fixture
def open_folder():
    """A folder every user can pass through, like / or a 0755 home on a hub (pytest's own tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="course-open-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def private_postgres():
    """A private PostgreSQL server for the module, its password in PGPASSWORD (as an instructor would: never in a
    file); the test is skipped, with the reason, where PostgreSQL is not installed."""
    from tests.support import postgres_server

    reason = postgres_server.unavailable()
    if reason:
        pytest.skip(reason)
    with postgres_server.private_server() as running, pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", running.password)
        yield running
