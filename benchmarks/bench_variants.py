"""What per-student variants cost autograde (issue 21, point 9): the same class of the same quiz graded with variants
on and off, in one run.

Quiz 3 as committed (every choice item shuffled, its arithmetic's numbers drawn per student) against the same quiz
rendered from a copy of its data file with ``on = false``. The class: COURSE_BENCH_VARIANTS_N students (default 30),
each answering right; with variants on each answers their own version (their letters, their numbers, their ID typed),
with them off the declared keys. Each repetition grades a fresh copy of each class with ``course autograde --workers 2``
(preflight and the variant flags included), on and off alternating so that a change in the machine's load falls on
both; COURSE_BENCH_VARIANTS_REPS repetitions each (default 5), medians reported. A run in which a student is not
given full marks, or a variant flag is raised, is reported as failed rather than timed.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

from course_lib.instructor.course import coursedir
from course_lib.instructor.quizzes.build import load_quiz, rendered_text, source_path
from course_lib.instructor.runner.own_keys import own_source
from course_lib.instructor.steps import autograde, export, release
from course_lib.instructor.testing import synthetic

QUIZ = "q3_reading_the_evidence"
GOAL = 1.10  # issue 21, point 9: variants add at most 10 % to autograde time per student


def variants_off(text: str) -> str:
    """A quiz's data with its variants turned off (``on = false``): every student gets the declared version."""
    if "[variants]\non = true\n" not in text:
        raise ValueError("the quiz data no longer turns variants on as this benchmark expects ([variants] on = true)")
    return text.replace("[variants]\non = true\n", "[variants]\non = false\n")


def _course(root: Path, variants_on: bool) -> Path:
    """A course copy with quiz 3 released: as committed, or rendered again from its data with variants off."""
    shutil.copytree(coursedir.REPO_COURSE, root, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "exchange"))
    if not variants_on:
        data = root / "quizzes" / f"{QUIZ}.toml"
        data.write_text(variants_off(data.read_text(encoding="utf-8")), encoding="utf-8")
        source_path(QUIZ, root).write_text(rendered_text(data), encoding="utf-8")
        assert not load_quiz(data).variants.on
    release.release(root, QUIZ)
    return root


def _class(root: Path, n: int, variants_on: bool) -> None:
    """n students, each answering every item right: their own version's keys with variants on, the declared ones
    with them off."""
    released = coursedir.release_notebooks(root, QUIZ)
    sources = coursedir.source_notebooks(root, QUIZ)
    for i in range(n):
        student = f"student{i:04d}"
        notebooks = {}
        for name, nb in released.items():
            answers = (synthetic.own_answers(sources[name], QUIZ, student) if variants_on
                       else synthetic.answers_from_source(sources[name]))
            notebooks[name] = synthetic.fill_answers(nb, answers)
        synthetic.submit(root, QUIZ, student, notebooks)


def _below_full_marks(root: Path) -> list[str]:
    """Students given less than full marks on an autograded item (the written answer waits for the instructor)."""
    autograded = {item.id for item in load_quiz(root / "quizzes" / f"{QUIZ}.toml").items if item.kind != "written"}
    return sorted({row["student"] for row in export.score_rows(root, [QUIZ]) if row["item"] in autograded
                   and (not row["score"] or float(row["score"]) != float(row["max_score"]))})


def _grade(prepared: Path, work: Path, n: int) -> float:
    """Seconds per student for one ``course autograde --workers 2`` of a fresh copy of the prepared class."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(prepared, work)
    started = time.perf_counter()
    result = autograde.autograde(work, QUIZ, workers=2, err=io.StringIO())
    elapsed = time.perf_counter() - started
    wrong = _below_full_marks(work)
    if result.failed or result.variant_flags or len(result.graded) != n or wrong:
        raise RuntimeError(f"the class was not graded as answered: failed {sorted(result.failed)}, flagged "
                           f"{sorted(result.variant_flags)}, {len(result.graded)} of {n} graded, below full marks "
                           f"{wrong[:5]}")
    return elapsed / n


def where_time_goes(graded: Path, students: list[str]) -> dict[str, float]:
    """Milliseconds per student of the parts of a graded class's run that only variants add and that run in one
    process: the flags (``autograde._variant_flags``), the hidden tests' keys rewritten (``runner.own_keys``) and the
    show calls themselves (without the kernel's round trip for each show cell)."""
    from course_lib.grading import quiz

    source = coursedir.source_notebooks(graded, QUIZ)[QUIZ]
    varying = [cell.source for cell in source.cells
               if cell.cell_type == "code" and ("variant=" in cell.source or "quiz.show(" in cell.source)]
    shows = [cell.source.split("quiz.show(", 1)[1].rstrip()[:-1] for cell in source.cells
             if cell.cell_type == "code" and "quiz.show(" in cell.source]
    spent = {}
    started = time.perf_counter()
    autograde._variant_flags(graded, QUIZ, students)
    spent["flags"] = time.perf_counter() - started
    started = time.perf_counter()
    for student in students:
        for text in varying:
            own_source(text, student)
    spent["keys"] = time.perf_counter() - started
    with mock.patch("IPython.display.display"):
        started = time.perf_counter()
        for student in students:
            for arguments in shows:
                eval(f"show({arguments}, student_id={student!r})", {"show": quiz.show})  # the cell's own call
        spent["shows"] = time.perf_counter() - started
    return {part: 1000 * seconds / len(students) for part, seconds in spent.items()}


def _code_cells(root: Path) -> int:
    return sum(cell.cell_type == "code" for cell in coursedir.release_notebooks(root, QUIZ)[QUIZ].cells)


def measure(n: int, reps: int) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Seconds per student with variants on and off, ``reps`` runs each, alternating; and :func:`where_time_goes`
    (with ``cells``: how many more code cells the notebook with variants runs)."""
    times: dict[str, list[float]] = {"on": [], "off": []}
    with tempfile.TemporaryDirectory() as tmp:
        prepared = {}
        for label in times:
            root = _course(Path(tmp) / f"prepared-{label}", label == "on")
            _class(root, n, label == "on")
            prepared[label] = root
        for rep in range(reps):
            for label in ("on", "off") if rep % 2 == 0 else ("off", "on"):
                times[label].append(_grade(prepared[label], Path(tmp) / f"graded-{label}", n))
        parts = where_time_goes(Path(tmp) / "graded-on", [f"student{i:04d}" for i in range(n)])
        parts["cells"] = _code_cells(prepared["on"]) - _code_cells(prepared["off"])
    return times, parts


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def run() -> list[dict]:
    n = int(os.environ.get("COURSE_BENCH_VARIANTS_N", "30"))
    reps = int(os.environ.get("COURSE_BENCH_VARIANTS_REPS", "5"))
    times, parts = measure(n, reps)
    on, off = statistics.median(times["on"]), statistics.median(times["off"])
    ratio = on / off
    runs = {label: ", ".join(f"{t:.2f}" for t in values) for label, values in times.items()}
    common = f"{QUIZ}, {n} students all right, course autograde --workers 2, preflight and flags included"
    return [
        {"name": f"autograde per student, variants on ({n} students)", "value": round(on, 3), "unit": "s",
         "goal": "reference", "met": True,
         "notes": f"median of {reps}; {common}; each student answers their own version; runs: {runs['on']} s"},
        {"name": f"autograde per student, variants off ({n} students)", "value": round(off, 3), "unit": "s",
         "goal": "reference", "met": True,
         "notes": f"median of {reps}; the same quiz rendered with on = false, the declared keys; "
                  f"runs: {runs['off']} s"},
        {"name": "autograde time per student, variants on vs off", "value": round(ratio, 3), "unit": "x",
         "goal": f"<= {GOAL:.2f} x", "met": ratio <= GOAL,
         "notes": f"same run, on and off alternating; {_load()}. Variants' own work, per student: flags "
                  f"{parts['flags']:.0f} ms, hidden tests given the student's keys {parts['keys']:.0f} ms, the show "
                  f"cells' output {parts['shows']:.0f} ms (written by the grader: of the {parts['cells']:.0f} more "
                  "code cells, a show cell per varying item and the ID cell, the kernel runs only the ID cell)"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
