"""Suite-wide settings: the chart drawing cache (course_lib.charts.render_cache) and the learner's progress record
(course_lib.progress.store) live in directories of their own for the run, so no test reads a drawing made before
the run, none is left in the user's cache, and nothing is written to the user's real progress record. Kernels
started by the notebook tests inherit both."""

import os
import shutil
import tempfile

from course_lib.charts.render_cache import ENVIRONMENT_VARIABLE
from course_lib.progress.store import ENVIRONMENT_VARIABLE as PROGRESS_VARIABLE

_created: list[str] = []


def pytest_configure(config):
    _created.append(tempfile.mkdtemp(prefix="course-chart-cache-"))
    os.environ[ENVIRONMENT_VARIABLE] = _created[-1]
    _created.append(tempfile.mkdtemp(prefix="course-progress-"))
    os.environ[PROGRESS_VARIABLE] = _created[-1]


def pytest_unconfigure(config):
    for directory in _created:
        shutil.rmtree(directory, ignore_errors=True)
