"""Charts: time to make a Chart and render it to HTML, drawn afresh (drawing cache off) or read from the cache.

"to_html" builds the figure and draws it to SVG (text kept as text); the alt text and table are made with the Chart.
The explorer's LiveCurves redraws only what changed and encodes a PNG. Text is the slow part of any drawing here.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable

from benchmarks.chart_cache import chart_cache

REPEATS = 20
SLIDER_GOAL_MS = 50.0


def _median_ms(step: Callable[[int], object], repeats: int = REPEATS) -> float:
    step(-1)  # warm-up: font cache, imports
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        step(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _row(name: str, value: float, repeats: int, goal_ms: float | None, notes: str) -> dict:
    return {"name": name, "value": value, "unit": f"ms median of {repeats}",
            "goal": f"<= {goal_ms:g} ms" if goal_ms is not None else "none (reported)",
            "met": goal_ms is None or value <= goal_ms, "notes": notes}


def run() -> list[dict]:
    from course_lib.charts import by_design, effect_size_curves, forest
    from course_lib.charts.curves import LiveCurves
    from course_lib.evidence import select

    def d(i: int) -> float:
        return round(0.05 + 0.07 * (i + 1), 2)  # a new d every time

    live = LiveCurves()
    few = select(study_key={"keefe2014", "turner2008", "haby2006"})
    designs = ["within_group_pre_post", "between_group_vs_control", "between_group_vs_active"]
    with chart_cache("off"):
        rows = [
            _row("effect_size_curves: build + to_html", _median_ms(lambda i: effect_size_curves(d(i)).to_html()),
                 REPEATS, None, "a full drawing to SVG, as for a static chart in a lesson; drawing cache off"),
            _row("LiveCurves.to_html (the explorer's redraw)", _median_ms(lambda i: live.to_html(d(i))), REPEATS,
                 SLIDER_GOAL_MS, "the same figure redrawn in place for a new d: changed artists only, PNG"),
            _row("forest, 6 records: build + to_html", _median_ms(lambda i: forest(few).to_html()), REPEATS, None,
                 "the evidence explorer's chart for a small selection; drawing cache off"),
            _row("forest, one design: build + to_html",
                 _median_ms(lambda i: forest(select(design=designs[i % 3])).to_html(), 6), 6, None,
                 "11–34 labelled rows, one label each: the most text of any chart the widgets draw; "
                 "drawing cache off"),
            _row("by_design (57 figures): build + to_html", _median_ms(lambda i: by_design().to_html(), 3), 3,
                 None, "a one-off lesson figure, not redrawn on interaction; drawing cache off"),
        ]
    with tempfile.TemporaryDirectory() as directory, chart_cache(directory):
        rows.append(_row("by_design (57 figures): to_html from the drawing cache",
                         _median_ms(lambda i: by_design().to_html()), REPEATS, None,
                         "what every run of lesson 05 after the first pays for this chart"))
    return rows
