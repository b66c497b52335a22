"""Self-study progress: what recording adds to a practice Check, and the progress view with 10,000 attempts.

Recording is timed as the difference between the median Check with recording on and with it off (the same
question and answer, in a record already holding 10,000 attempts, WAL on the local disk). The view is timed from
reading the record to the widget's HTML (summary, mastery, review queue, chart drawn to SVG with the drawing cache
off, so every view draws afresh); browser rendering is not included. The first view in a fresh kernel also pays
for importing matplotlib and ipywidgets (reported separately).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.chart_cache import chart_cache

CHECKS = 300
VIEWS = 10
ATTEMPTS = 10_000
RECORD_GOAL_MS = 5.0
VIEW_GOAL_MS = 300.0


def _fill(folder: Path, count: int = ATTEMPTS) -> None:
    """A month of study: ``count`` answers spread over 30 days across every practice question."""
    from course_lib.practice import all_questions
    from course_lib.record.store import Attempt, ProgressStore

    questions = [q for q in all_questions() if q.kind != "reflection"]
    rng = random.Random(0)
    start = time.time() - 30 * 86400
    rows = []
    for n in range(count):
        question = rng.choice(questions)
        rows.append(Attempt(start + n * 30 * 86400 / count, rng.choice(("practice", "review")), question.id,
                            (question.objective,), "correct" if rng.random() < 0.7 else "incorrect"))
    record = ProgressStore(folder)
    record.add_attempts(rows)
    record.close()


def _median_check_ms(setting: str) -> float:
    from course_lib.practice import practice
    from course_lib.record import store

    saved = os.environ.get(store.ENVIRONMENT_VARIABLE)
    os.environ[store.ENVIRONMENT_VARIABLE] = setting
    try:
        question = practice("q01.1")
        question.check("A")  # warm-up: the record opened and checked once per kernel
        times = []
        for _ in range(CHECKS):
            start = time.perf_counter()
            question.check("A")
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)
    finally:
        os.environ[store.ENVIRONMENT_VARIABLE] = saved if saved is not None else ""
        if saved is None:
            os.environ.pop(store.ENVIRONMENT_VARIABLE)


def _view_ms(folder: Path) -> float:
    from course_lib.progress.overview import ProgressView
    from course_lib.record.store import ProgressStore

    record = ProgressStore(folder)
    ProgressView(record)  # warm-up: fonts, content files, the course fingerprint
    times = []
    for _ in range(VIEWS):
        start = time.perf_counter()
        ProgressView(record).chart_view.value  # noqa: B018 - the HTML is what is shown
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _first_view_ms(folder: Path) -> float:
    """A fresh interpreter: import, read the record, draw: what the first progress_view() in a kernel costs."""
    code = ("import time; s = time.perf_counter(); from course_lib.progress.overview import ProgressView; "
            "from course_lib.record.store import ProgressStore; from pathlib import Path; "
            f"ProgressView(ProgressStore(Path({str(folder)!r}))); print((time.perf_counter() - s) * 1000)")
    times = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory) / "record"
        _fill(folder)
        on_ms = _median_check_ms(str(folder))
        off_ms = _median_check_ms("off")
        added = max(on_ms - off_ms, 0.0)
        with chart_cache("off"):
            view_ms = _view_ms(folder)
            first_ms = _first_view_ms(folder)
    return [
        {"name": "recording a practice answer: time added to a Check", "value": added,
         "unit": f"ms (median of {CHECKS})", "goal": f"<= {RECORD_GOAL_MS:g} ms", "met": added <= RECORD_GOAL_MS,
         "notes": f"Check {on_ms:.2f} ms recording, {off_ms:.2f} ms with COURSE_PROGRESS=off; one SQLite "
                  f"transaction (WAL) in a record of {ATTEMPTS:,} attempts"},
        {"name": f"progress view with {ATTEMPTS:,} attempts", "value": view_ms, "unit": f"ms median of {VIEWS}",
         "goal": f"<= {VIEW_GOAL_MS:g} ms", "met": view_ms <= VIEW_GOAL_MS,
         "notes": "record read, mastery, review queue, chart drawn to SVG (drawing cache off), widget HTML"},
        {"name": "progress view: first in a fresh kernel", "value": first_ms, "unit": "ms median of 3",
         "goal": "none (reported)", "met": True,
         "notes": "includes importing matplotlib and ipywidgets and the course fingerprint; once per kernel"},
    ]
