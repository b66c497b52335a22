"""effect_size_curves: what a given d looks like as two overlapping normal curves (the effect-size explorer).

Built for slider updates: few artists, little text (text is the slow part to render), one fixed-size figure on a
fixed span of scores, so that moving the slider moves the treatment curve and nothing else (``LiveCurves``).
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Callable
from functools import cache, partial

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from course_lib.charts.chart import Chart, chart_style
from course_lib.charts.layout import new_fixed_figure
from course_lib.charts.render_cache import cached_drawing
from course_lib.charts.style import DESIGN_STYLES, OKABE_ITO, number
from course_lib.evidence import cohen_label, nnt, overlap, prob_superiority, u3

COLUMNS = ("Measure", "Value", "What it means")
CITATIONS = ("cohen1988", "mcgraw1992", "kraemer2006")
_CONTROL = OKABE_ITO["blue"]
_TREATED = OKABE_ITO["orange"]
_SHARED = DESIGN_STYLES["between_group_vs_control"][0]
EXPLORER_SPAN = (-4.0, 5.5)  # scores shown for every d from -0.5 to 2 (the explorer's slider), 3.5 SD to spare


def _pdf(x: np.ndarray, mean: float) -> np.ndarray:
    return np.exp(-0.5 * (x - mean) ** 2) / math.sqrt(2 * math.pi)


def _nnt_words(value: float) -> tuple[str, str]:
    if math.isinf(value):
        return "infinite", "with no difference, no number of people treated gives one extra good outcome"
    if value < 0:
        return (f"−{abs(value):.1f}", f"negative: about {abs(value):.1f} people treated for one extra poor outcome "
                "(a number needed to harm)")  # a true minus sign, as in the rest of the chart
    return f"{value:.1f}", f"about {value:.1f} people treated for one extra good outcome (Kraemer–Kupfer)"


def _curve_values(x: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    control, treated = _pdf(x, 0.0), _pdf(x, d)
    return control, treated, np.minimum(control, treated)


def _x_grid(d: float) -> np.ndarray:
    """The fixed span (so curves can be compared from one d to the next), widened only for a d beyond it."""
    return np.linspace(min(EXPLORER_SPAN[0], d - 3.5), max(EXPLORER_SPAN[1], d + 3.5), 200)


def _title(d: float, measures: dict[str, float]) -> str:
    return (f"d = {number(d)}: U3 {measures['u3']:.0%} · overlap {measures['overlap']:.0%} · "
            f"superiority {measures['ps']:.0%} · NNT {_nnt_words(measures['nnt'])[0]}")


def _measures(d: float) -> dict[str, float]:
    return {"u3": u3(d), "overlap": overlap(d), "ps": prob_superiority(d), "nnt": nnt(d)}  # validates d


def _draw(d: float, measures: dict[str, float]) -> tuple[Figure, tuple[Artist, ...]]:
    """The figure for ``d``, and the artists that change with d (overlap, treatment curve, its marker, title)."""
    x = _x_grid(d)
    control, treated, shared = _curve_values(x, d)
    figure = new_fixed_figure(7, 3.2)
    figure.subplots_adjust(left=0.03, right=0.97, bottom=0.16, top=0.9)
    ax = figure.subplots()
    fill = ax.fill_between(x, shared, color=_SHARED, alpha=0.25, linewidth=0, label="overlap")
    ax.plot(x, control, color=_CONTROL, linewidth=2, label="control group")
    (curve,) = ax.plot(x, treated, color=_TREATED, linewidth=2, linestyle="--", label="treatment group")
    ax.axvline(0, color=_CONTROL, linewidth=1, linestyle=":")
    marker = ax.axvline(d, color=_TREATED, linewidth=1, linestyle=":")
    ax.set_ylim(0, 0.5)
    ax.set_xlim(x[0], x[-1])
    ax.set_yticks([])
    ax.set_xticks(np.arange(math.ceil(x[0]), math.floor(x[-1]) + 1))  # whole SDs only: few labels, quick to draw
    ax.set_xlabel("Score in standard deviations (higher = better)", fontsize=9)
    title = ax.set_title(_title(d, measures), fontsize=10, y=1.0)  # fixed: no search for tick labels to clear
    ax.legend(loc="upper left", fontsize=8, frameon=False)  # upper left: no curve reaches it for any d
    return figure, (fill, curve, marker, title)


def _figure(d: float) -> Figure:
    return _draw(d, _measures(d))[0]


def _describe(d: float, measures: dict[str, float], draw: Callable[[], Figure]) -> Chart:
    """The Chart for ``d`` drawn by ``draw``: alt text and table with U3, overlap, superiority and NNT."""
    nnt_shown, nnt_meaning = _nnt_words(measures["nnt"])
    rows = (
        ("d", round(d, 3), f"{cohen_label(d)} by Cohen's benchmarks, which are conventions, not laws"),
        ("U3", round(measures["u3"], 3), f"{measures['u3']:.0%} of the treatment group score above the control mean"),
        ("Overlap", round(measures["overlap"], 3),
         f"the two distributions share {measures['overlap']:.0%} of their area"),
        ("Probability of superiority", round(measures["ps"], 3),
         f"a random treated person does better than a random control person {measures['ps']:.0%} of the time"),
        ("NNT", measures["nnt"] if math.isinf(measures["nnt"]) else round(measures["nnt"], 1), nnt_meaning),
    )
    alt = (
        f"Two bell curves of the same width: the control group centred at 0 and the treatment group at d = "
        f"{number(d)}, with higher scores better; the area they share is shaded. U3 = {measures['u3']:.3f}: "
        f"{rows[1][2]}. Overlap = {measures['overlap']:.3f}: {rows[2][2]}. Probability of superiority = "
        f"{measures['ps']:.3f}: {rows[3][2]}. NNT = {nnt_shown}: {nnt_meaning}. Cohen's label: "
        f"{cohen_label(d)}, a convention rather than a law."
    )
    return Chart(f"What d = {number(d)} looks like", draw, alt, COLUMNS, rows, CITATIONS)


def effect_size_curves(d: float) -> Chart:
    """Control group centred at 0 and treatment group at d (in standard deviations, higher = better), their
    overlap shaded; U3, overlap, probability of superiority and NNT in the alt text and the table."""
    measures = _measures(d)  # refuses NaN, infinities and text before anything is drawn
    d = float(d)
    return _describe(d, measures, partial(_figure, d))


class LiveCurves:
    """The explorer's figure, drawn in full once; for each new d only what changes (overlap, treatment curve, its
    marker line, title) is redrawn over the saved background (matplotlib's blitting), about a tenth of the time
    of a full drawing. The result is a PNG: the one format blitting produces."""

    def __init__(self, d: float = 0.0):
        with chart_style():
            self._figure, self._changing = _draw(float(d), _measures(d))
            self._x = self._changing[1].get_xdata()
            for artist in self._changing:
                artist.set_animated(True)  # left out of the full drawing: the background holds only what is fixed
            self._canvas = FigureCanvasAgg(self._figure)
            self._canvas.draw()
            self._background = self._canvas.copy_from_bbox(self._figure.bbox)

    def chart(self, d: float) -> Chart:
        """The Chart for ``d`` (its figure is this object's figure, now showing ``d``)."""
        measures = _measures(d)  # validates d
        d = float(d)
        fill, curve, marker, title = self._changing
        _, treated, shared = _curve_values(self._x, d)
        fill.set_data(self._x, shared, 0)
        curve.set_ydata(treated)
        marker.set_xdata([d, d])
        title.set_text(_title(d, measures))
        return _describe(d, measures, lambda: self._figure)

    def to_html(self, d: float) -> str:
        """The figure at ``d`` as HTML (PNG, alt text, caption, data table); a d beyond the fixed span, which this
        figure cannot show, is drawn in full instead."""
        if not _in_span(d):
            return effect_size_curves(d).to_html()
        chart = self.chart(d)
        return chart.to_html(image_uri=_png_uri(self._blit_png()))

    def png(self, d: float) -> bytes:
        """The figure at ``d`` (within the fixed span) as a PNG."""
        self.chart(d)
        return self._blit_png()

    def _blit_png(self) -> bytes:
        with chart_style():
            self._canvas.restore_region(self._background)
            for artist in self._changing:
                self._figure.draw_artist(artist)
        image = Image.frombuffer("RGBA", self._canvas.get_width_height(), self._canvas.buffer_rgba(), "raw", "RGBA",
                                 0, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)  # the fastest level: the image is sent, not stored
        return buffer.getvalue()


def _in_span(d: float) -> bool:
    return EXPLORER_SPAN[0] + 3.5 <= d <= EXPLORER_SPAN[1] - 3.5


def _png_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@cache
def shared_live_curves() -> LiveCurves:
    """One live figure for every explorer in the kernel: drawing it in full is the costly part, and each update
    redraws it for its own d and returns the image, so explorers never see each other's state."""
    return LiveCurves()


def live_png(d: float) -> bytes:
    """The shared live figure's PNG at ``d``: the same bytes whatever it showed before, so it can be cached."""
    return shared_live_curves().png(d)


def explorer_html(d: float, *, from_cache: bool = False) -> str:
    """The explorer's figure at ``d`` as HTML, redrawn in place on the shared live figure; ``from_cache``: the
    PNG from the drawing cache, for the first image an explorer shows, so that opening a lesson does not have to
    draw the live figure at all (it is drawn at the student's first move)."""
    if not (from_cache and _in_span(d)):
        return shared_live_curves().to_html(d)
    measures = _measures(d)  # validates d
    d = float(d)
    drawing = partial(live_png, d)  # the call is both the cache key and what draws on a miss
    png = cached_drawing(drawing, drawing, "png")
    return _describe(d, measures, partial(_figure, d)).to_html(image_uri=_png_uri(png))
