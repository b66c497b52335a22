"""Suite-wide setting: the chart drawing cache (course_lib.charts.render_cache) lives in a directory of its own for
the run, so no test reads a drawing made before the run and none is left in the user's cache. Kernels started by
the notebook tests inherit it."""

import os
import shutil
import tempfile

from course_lib.charts.render_cache import ENVIRONMENT_VARIABLE

_created: list[str] = []


def pytest_configure(config):
    _created.append(tempfile.mkdtemp(prefix="course-chart-cache-"))
    os.environ[ENVIRONMENT_VARIABLE] = _created[-1]


def pytest_unconfigure(config):
    for directory in _created:
        shutil.rmtree(directory, ignore_errors=True)
