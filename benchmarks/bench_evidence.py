"""Evidence widgets: Python-side time of one explorer update (lesson 05's run time is in bench_lessons).

An "update" is what a student's control change costs in the kernel: the value is set, the readings are recomputed
and the figure is redrawn into its HTML widget (image encoding included). Browser rendering is not measured.
The effect-size explorer redraws its one figure in place at every move, with no cache; the other two widgets cache
each rendered figure per setting, and their caches are cleared before every step (the drawing cache is off).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable

from benchmarks.chart_cache import chart_cache

UPDATES = 20
UPDATE_GOAL_MS = 50.0


def _median_ms(step: Callable[[int], None], before: Callable[[], None] = lambda: None) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``step`` (CPU time helps read results on a busy machine)."""
    wall, cpu = [], []
    for i in range(UPDATES):
        before()
        start, start_cpu = time.perf_counter(), time.process_time()
        step(i)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _row(name: str, value: float | tuple[float, float], unit: str, goal: float, goal_unit: str, notes: str) -> dict:
    if isinstance(value, tuple):
        value, cpu = value
        notes += f"; CPU {cpu:.0f} ms median"
    return {"name": name, "value": value, "unit": unit, "goal": f"<= {goal:g} {goal_unit}", "met": value <= goal,
            "notes": notes}


def _first_move_ms(repeats: int = 5) -> float:
    """The first slider move in a kernel: the explorer opened from the drawing cache, so this move draws the live
    figure in full before redrawing it for the new d."""
    from course_lib.charts.curves import shared_live_curves
    from course_lib.widgets.evidence.effect_size_explorer import effect_size_explorer

    times = []
    with tempfile.TemporaryDirectory() as directory, chart_cache(directory):
        effect_size_explorer(0.5)  # keeps its first image
        for _ in range(repeats):
            shared_live_curves.cache_clear()  # as in a fresh kernel
            explorer = effect_size_explorer(0.5)
            start = time.perf_counter()
            explorer.slider.value = 0.6
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[dict]:
    from course_lib.widgets.evidence import comparability, effect_size_explorer, evidence_explorer

    first_move_ms = _first_move_ms()
    with chart_cache("off"):
        explorer = effect_size_explorer.effect_size_explorer(0.5)
    explorer.slider.value = 0.6  # warm-up: fonts and caches, as after a student's first move
    stops = [round(0.1 + 0.07 * i, 2) for i in range(UPDATES)]

    def move_d(i: int) -> None:
        explorer.slider.value = stops[i]

    demo = comparability.comparability_demo()

    def move_background(i: int) -> None:
        demo.background.value = round(0.05 * (i + 1), 2)

    chooser = evidence_explorer.evidence_explorer()
    designs = [value for _, value in chooser.design.options]

    def change_design(i: int) -> None:
        chooser.design.value = designs[(i + 1) % len(designs)]

    with chart_cache("off"):  # every step drawn: the drawing cache would serve a stop seen before
        slider_ms = _median_ms(move_d)
        demo_ms = _median_ms(move_background, comparability._chart_html.cache_clear)
        filter_ms = _median_ms(change_design, evidence_explorer._forest_html.cache_clear)
    unit = f"ms median of {UPDATES}"
    return [
        _row("effect-size explorer: slider update", slider_ms, unit, UPDATE_GOAL_MS, "ms",
             "slider set → readings recomputed → curves redrawn in place (blitting) to PNG in an HTML widget; "
             "a new d every step, nothing cached"),
        {"name": "effect-size explorer: first move in a kernel", "value": first_move_ms, "unit": "ms median of 5",
         "goal": "none (reported)", "met": True,
         "notes": "the explorer opens on a cached image, so its first move draws the live figure in full; once per "
                  "kernel, every later move is the row above"},
        _row("within-vs-between demo: slider update, new stop", demo_ms, unit, UPDATE_GOAL_MS, "ms",
             "seeded simulation + sweep of 7 settings + two-panel chart to SVG; cache cleared"),
        _row("evidence explorer: design filter change, uncached", filter_ms, unit, UPDATE_GOAL_MS, "ms",
             "filter → notes → forest chart, table and sources to HTML; 1 to 71 rows depending on design"),
    ]
