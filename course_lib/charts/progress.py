"""progress_chart: the learner's objectives per lesson, mastered / in progress / not started, as stacked bars."""

from __future__ import annotations

from functools import partial

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from course_lib.charts.chart import Chart
from course_lib.charts.layout import Margins, add_title, new_fixed_figure, row_labels, single_axes, widest
from course_lib.charts.style import OKABE_ITO, pale

TITLE = "Your learning objectives, lesson by lesson"
STATUSES = ("mastered", "in progress", "not started")
# Colour, hatch and a word in the legend: each status is told apart without colour.
_LOOK = {"mastered": (OKABE_ITO["bluish_green"], ""), "in progress": (OKABE_ITO["orange"], ".."),
         "not started": ("#999999", "//")}


def _draw(rows: tuple[tuple[str, int, int, int], ...]) -> Figure:
    labels = [row[0] for row in rows]
    margins = Margins(left=widest(labels, 9) + 0.3, right=0.3, top=0.55, bottom=0.95)
    figure = new_fixed_figure(8, margins.top + margins.bottom + 0.32 * len(rows))
    add_title(figure, TITLE)
    ax = single_axes(figure, margins)
    positions = list(range(len(rows)))[::-1]
    left = [0] * len(rows)
    for index, status in enumerate(STATUSES):
        colour, hatch = _LOOK[status]
        widths = [row[1 + index] for row in rows]
        ax.barh(positions, widths, left=left, height=0.7, color=pale(colour), edgecolor=colour, hatch=hatch,
                linewidth=0.8)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    row_labels(ax, positions, labels, size=9)
    ax.set_xlim(0, max(left, default=1) or 1)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("Number of the lesson's learning objectives")
    ax.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=pale(_LOOK[s][0]), edgecolor=_LOOK[s][0], hatch=_LOOK[s][1], label=s.capitalize())
               for s in STATUSES]
    figure.legend(handles=handles, loc="lower center", ncol=3, frameon=False, fontsize=9)
    return figure


def alt_text(rows: tuple[tuple[str, int, int, int], ...]) -> str:
    total = [sum(row[i] for row in rows) for i in (1, 2, 3)]
    parts = [f"{label}: {m} mastered, {p} in progress, {n} not started" for label, m, p, n in rows]
    return (f"Stacked bars, one per lesson, of its learning objectives by status. Overall {total[0]} mastered, "
            f"{total[1]} in progress and {total[2]} not started. " + "; ".join(parts) + ".")


def progress_chart(rows: tuple[tuple[str, int, int, int], ...]) -> Chart:
    """``rows``: (lesson label, mastered, in progress, not started) per lesson, in course order."""
    rows = tuple(tuple(row) for row in rows)
    return Chart(TITLE, partial(_draw, rows), alt_text(rows), ("Lesson", "Mastered", "In progress", "Not started"),
                 rows, ())
