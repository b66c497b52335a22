"""Suite-wide settings: the chart drawing cache (course_lib.charts.render_cache) and the learner's progress record
(course_lib.record.store) live in directories of their own for the run, so no test reads a drawing made before
the run, none is left in the user's cache, and nothing is written to the user's real progress record. Kernels
started by the notebook tests inherit both."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from course_lib.charts.render_cache import ENVIRONMENT_VARIABLE
from course_lib.record.store import ENVIRONMENT_VARIABLE as PROGRESS_VARIABLE

_created: list[str] = []


def pytest_configure(config):
    _created.append(tempfile.mkdtemp(prefix="course-chart-cache-"))
    os.environ[ENVIRONMENT_VARIABLE] = _created[-1]
    _created.append(tempfile.mkdtemp(prefix="course-progress-"))
    os.environ[PROGRESS_VARIABLE] = _created[-1]


def pytest_unconfigure(config):
    for directory in _created:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def open_folder():
    """A folder every user can pass through, like / or a 0755 home on a hub (pytest's own tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="course-open-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
