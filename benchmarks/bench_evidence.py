"""Evidence widgets and lesson: Python-side time of one explorer update, and lesson 05 executed headless.

An "update" is what a student's slider move costs in the kernel: the value is set, the readings are recomputed and
the figure is redrawn into its HTML widget (PNG encoding included). Browser rendering is not measured.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_lessons import execute_once

LESSON = Path(__file__).resolve().parent.parent / "notebooks" / "05_evidence.ipynb"
UPDATES = 20
LESSON_RUNS = 3
UPDATE_GOAL_MS = 50.0
LESSON_GOAL_S = 3.0


def _median_ms(step: Callable[[int], None], repeats: int = UPDATES) -> float:
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        step(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _row(name: str, value: float, unit: str, goal: float, goal_unit: str, notes: str) -> dict:
    return {"name": name, "value": value, "unit": unit, "goal": f"<= {goal:g} {goal_unit}", "met": value <= goal,
            "notes": notes}


def run() -> list[dict]:
    from course_lib.widgets.comparability import comparability_demo
    from course_lib.widgets.effect_size_explorer import effect_size_explorer
    from course_lib.widgets.evidence_explorer import evidence_explorer

    explorer = effect_size_explorer(0.5)
    explorer.slider.value = 0.6  # warm-up: fonts and caches, as after a student's first move

    def move_d(i: int) -> None:
        explorer.slider.value = round(0.1 + 0.07 * i, 2)  # a new value every time, so nothing is reused

    demo = comparability_demo()

    def move_background(i: int) -> None:
        demo.background.value = round(0.05 * (i + 1), 2)

    chooser = evidence_explorer()
    designs = [value for _, value in chooser.design.options]

    def change_design(i: int) -> None:
        chooser.design.value = designs[i % len(designs)]

    lesson = statistics.median(execute_once(LESSON) for _ in range(LESSON_RUNS))
    return [
        _row("effect-size explorer: one slider update", _median_ms(move_d), f"ms median of {UPDATES}",
             UPDATE_GOAL_MS, "ms", "slider value set → readings recomputed → curves redrawn to PNG in an HTML widget"),
        _row("within-vs-between demo: one slider update", _median_ms(move_background), f"ms median of {UPDATES}",
             UPDATE_GOAL_MS, "ms", "seeded simulation + sweep of 7 settings + two-panel chart to PNG"),
        _row("evidence explorer: one filter change", _median_ms(change_design), f"ms median of {UPDATES}",
             UPDATE_GOAL_MS, "ms", "filter → notes → forest chart, table and sources to HTML (size varies by design)"),
        _row("05_evidence executed headless", lesson, f"s median of {LESSON_RUNS}", LESSON_GOAL_S, "s",
             "nbclient, fresh kernel each run, kernel start included"),
    ]
