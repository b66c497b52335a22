"""Benchmarks choose what the chart drawing cache does: off, to time drawing itself, or a directory of their own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from course_lib.charts.render_cache import ENVIRONMENT_VARIABLE


@contextmanager
def chart_cache(setting: str) -> Iterator[None]:
    """COURSE_CHART_CACHE set to ``setting`` ("off" or a directory) inside the block, for this process and the
    kernels it starts."""
    saved = os.environ.get(ENVIRONMENT_VARIABLE)
    os.environ[ENVIRONMENT_VARIABLE] = setting
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(ENVIRONMENT_VARIABLE, None)
        else:
            os.environ[ENVIRONMENT_VARIABLE] = saved
