"""Report benchmark: ``course report`` (item statistics, question texts, objectives and option counts read from
every autograded notebook) for a class of COURSE_BENCH_REPORT_N students (default 500) on the repo's first quiz.

The class is written straight into a temporary copy of the course (course_lib.instructor.testing.synthetic_graded): each
student's answers are drawn at random (a seeded mix of the key, other options and untouched items), so every count
is exercised; grading is not part of the figure, only the report.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from course_lib.instructor.course import coursedir
from course_lib.instructor.report import item_analysis as report
from course_lib.instructor.report import option_counts
from course_lib.instructor.steps import release
from course_lib.instructor.testing import synthetic_graded

QUIZ = "q1_features_and_process"
GOAL_S = 5.0  # "a class of 500 must still report in a few seconds"


def _line(item: option_counts.ChoiceItem, rng: random.Random) -> str:
    """One student's answer line for a choice item: untouched now and then, else a random choice of its kind."""
    variable, letters = item.meta["variable"], item.letters
    if rng.random() < 0.1:
        return f'{variable} = ""'
    if item.kind == "single":
        return f'{variable} = "{rng.choice(letters)}"'
    if item.kind == "multiple":
        return f'{variable} = "{", ".join(sorted(rng.sample(letters, rng.randint(1, len(letters)))))}"'
    if item.kind == "matching":
        pairs = ", ".join(f'{n}: "{rng.choice(letters)}"' for n in item.parts)
        return f"{variable} = {{{pairs}}}"
    return f'{variable} = "{" ".join(rng.sample(letters, len(letters)))}"'


def _class(root: Path, n: int) -> None:
    rng = random.Random(12)
    items = option_counts.choice_items(coursedir.source_notebooks(root, QUIZ))
    answers = {f"student{i:04d}": {item.meta["variable"]: _line(item, rng) for item in items} for i in range(n)}
    maxima = {item.name: float(item.meta["points"]) for item in items}
    scores = {s: {name: rng.choice([0.0, top / 2, top]) for name, top in maxima.items()} for s in answers}
    synthetic_graded.write_graded_class(root, QUIZ, answers, scores)


def run() -> list[dict]:
    n = int(os.environ.get("COURSE_BENCH_REPORT_N", "500"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "course"
        shutil.copytree(coursedir.REPO_COURSE, root, ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "exchange"))
        release.release(root, QUIZ)
        _class(root, n)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            paths = report.write_report(root, QUIZ)
            times.append(time.perf_counter() - start)
        counted = sum(1 for _ in paths["options"].open()) - 1
    elapsed = statistics.median(times)
    return [{"name": f"course report, class of {n}", "value": round(elapsed, 2), "unit": "s",
             "goal": f"<= {GOAL_S:g} s", "met": elapsed <= GOAL_S,
             "notes": f"quiz {QUIZ}: {n} autograded notebooks read once each, {counted} option-count rows, HTML, "
                      "CSVs and PNG; median of 3; machine shared with other work"}]
