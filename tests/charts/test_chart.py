"""Tests for course_lib.charts.chart: the Chart's HTML, plain text and SVG forms."""

import base64
import math
import re

import pytest
from matplotlib.figure import Figure

from course_lib.charts import Chart
from course_lib.charts.chart import format_cell
from course_lib.evidence import cite


def _rising_line() -> Figure:
    figure = Figure(figsize=(2, 1.5), dpi=50)
    ax = figure.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("Rising line")
    return figure


@pytest.fixture
def chart():
    """A small hand-made chart whose alt text needs escaping."""
    return Chart(
        title="A <test> chart",
        draw=_rising_line,
        alt_text='Line rising from 0 to 1, "quoted" & <bracketed>.',
        columns=("Name", "Value"),
        rows=(("first", 0.5), ("second", None), ("third", math.inf)),
        citations=("cohen1988", "shedler2010"),
    )


def test_svg_keeps_text_as_text_and_is_stable(chart):
    """The SVG carries its text as <text> (sharp at any zoom, no glyph drawing) and the same figure gives the
    same bytes, so an unchanged chart does not change a saved notebook."""
    svg = chart.svg()
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert re.search(rb"<text[^>]*>Rising line</text>", svg)
    assert chart.svg() == svg


def test_html_has_figure_with_escaped_alt(chart):
    """to_html wraps an <img> with the escaped alt text in a <figure> with a caption naming the sources."""
    html = chart.to_html()
    match = re.search(r'<figure[^>]*><img alt="([^"]*)"[^>]*src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">', html)
    assert match and match.group(1) == "Line rising from 0 to 1, &quot;quoted&quot; &amp; &lt;bracketed&gt;."
    assert base64.b64decode(match.group(2)) == chart.svg()
    caption = re.search(r"<figcaption>(.*)</figcaption>", html).group(1)
    assert "A &lt;test&gt; chart" in caption and "Sources:" in caption and "Shedler, J. (2010)" in caption


def test_html_has_accessible_table(chart):
    """The data table follows the figure with a caption, column headers with scope, and one row per data row."""
    html = chart.to_html()
    assert html.index("</figure>") < html.index("<table")
    assert "<caption>" in html and html.count('<th scope="col">') == 2
    assert html.count("<tr>") == 1 + 3
    assert chart._repr_html_() == html


def test_plain_text_has_title_alt_table_and_sources(chart):
    """str(chart) reads well outside JupyterLab: title, alt text, aligned table, full references."""
    text = str(chart)
    assert text.startswith("A <test> chart")
    assert "Line rising from 0 to 1" in text
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("Name"))
    first = next(line for line in lines if line.startswith("first"))
    assert header.index("Value") == first.index("0.5")
    assert cite("cohen1988").split(".")[0] in text and "Sources:" in text


def test_pretty_printer_uses_plain_text(chart):
    """IPython's pretty printer shows the same plain text as str()."""
    from IPython.lib.pretty import pretty

    assert pretty(chart) == str(chart)


def test_format_cell():
    """Cells: None empty, floats without trailing zeros, infinity in words."""
    assert [format_cell(v) for v in (None, 0.5, 2.0, math.inf, "x")] == ["", "0.5", "2", "infinite", "x"]
