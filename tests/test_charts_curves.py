"""Tests for course_lib.charts.curves: two normal curves for a given d."""

import html as html_lib
import math
import re
import warnings

import numpy as np
import pytest
from chart_checks import PALETTE, data_colours, figure_texts

from course_lib.charts import effect_size_curves
from course_lib.charts.curves import EXPLORER_SPAN, LiveCurves, explorer_html, live_png, shared_live_curves
from course_lib.charts.render_cache import ENVIRONMENT_VARIABLE
from course_lib.evidence import load_references
from course_lib.widgets.evidence.effect_size_explorer import D_RANGE


def test_alt_text_and_table_carry_the_four_measures():
    """For d = 0.8 the alt text and table give U3 0.788, overlap 0.689, superiority 0.714 and NNT 2.3."""
    chart = effect_size_curves(0.8)
    for piece in ("U3 = 0.788", "Overlap = 0.689", "superiority = 0.714", "NNT = 2.3", "convention"):
        assert piece in chart.alt_text
    assert [row[:2] for row in chart.rows] == [("d", 0.8), ("U3", 0.788), ("Overlap", 0.689),
                                               ("Probability of superiority", 0.714), ("NNT", 2.3)]
    assert set(chart.citations) <= set(load_references())


def test_curves_centred_at_zero_and_d():
    """The control curve peaks at 0 and the treatment curve at d."""
    chart = effect_size_curves(1.5)
    peaks = sorted(round(line.get_xdata()[np.argmax(line.get_ydata())], 1)
                   for line in chart.figure.axes[0].lines if len(line.get_xdata()) > 2)
    assert peaks == [0.0, 1.5]


def test_palette_and_legend():
    """Curves and shading use Okabe–Ito colours; the legend names both groups and the overlap."""
    chart = effect_size_curves(0.5)
    assert data_colours(chart) <= PALETTE
    text = figure_texts(chart)
    assert "control group" in text and "treatment group" in text and "overlap" in text


def test_zero_and_negative_d():
    """d = 0 gives an infinite NNT in words; a negative d explains a number needed to harm."""
    assert "infinite" in effect_size_curves(0).alt_text
    assert effect_size_curves(0).rows[-1][1] == math.inf
    harm = effect_size_curves(-0.5).alt_text
    assert "number needed to harm" in harm and "NNT = −3.6" in harm  # a true minus sign: read as "minus"


@pytest.mark.parametrize("bad", [math.nan, math.inf, "big"])
def test_bad_d_rejected(bad):
    """NaN, infinity and text raise ValueError before anything is drawn."""
    with pytest.raises(ValueError):
        effect_size_curves(bad)


def test_renders_without_warnings():
    """Rendering the SVG raises no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert effect_size_curves(2.5).svg()


def test_live_curves_match_a_fresh_drawing():
    """The explorer's in-place figure tells the same story as a fresh drawing: same alt text and table, the
    treatment curve peaking at the new d, and a different image for a different d."""
    live = LiveCurves(0.2)
    first = live.to_html(0.2)
    html = live.to_html(1.3)
    fresh = effect_size_curves(1.3)
    assert html_lib.escape(fresh.alt_text, quote=True) in html and fresh.table_html() in html
    assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]+"', html) and html != first
    peaks = sorted(round(line.get_xdata()[np.argmax(line.get_ydata())], 1)
                   for line in live.chart(1.3).figure.axes[0].lines if len(line.get_xdata()) > 2)
    assert peaks == [0.0, 1.3]


def test_live_curves_span_covers_the_slider_and_beyond_falls_back():
    """Every d on the explorer's slider fits the fixed span; a d beyond it is drawn in full (SVG), not cut off."""
    assert EXPLORER_SPAN[0] + 3.5 <= D_RANGE[0] and D_RANGE[1] <= EXPLORER_SPAN[1] - 3.5
    assert "data:image/svg+xml" in LiveCurves().to_html(3.0)


def test_the_live_png_at_a_d_is_the_same_whatever_came_before():
    """What makes the explorer's first image cacheable: the shared live figure's PNG at d depends on d alone."""
    first = live_png(0.5)
    live_png(1.7)
    assert live_png(0.5) == first == LiveCurves(1.1).png(0.5)


def test_an_explorers_first_image_comes_from_the_cache_without_the_live_figure(tmp_path, monkeypatch):
    """Opening the explorer a second time (a lesson rerun) shows the cached PNG and never draws the live figure;
    the result is the same HTML as a live redraw."""
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(tmp_path))
    drawn = explorer_html(0.8, from_cache=True)
    assert len(list(tmp_path.glob("*.png"))) == 1
    shared_live_curves.cache_clear()
    assert explorer_html(0.8, from_cache=True) == drawn
    assert shared_live_curves.cache_info().currsize == 0  # nothing was drawn
    assert explorer_html(0.8) == drawn  # a live redraw gives the same page
    assert "data:image/svg+xml" in explorer_html(3.0, from_cache=True)  # beyond the span: drawn in full, as ever
