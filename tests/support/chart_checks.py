"""Checks shared by the chart tests (a helper module, not a test module)."""

from matplotlib.colors import to_hex, to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from course_lib.charts import OKABE_ITO, Chart
from course_lib.charts.layout import GRID_LABEL
from course_lib.charts.style import pale
from course_lib.evidence import load_references

# White: hollow markers, hatched bar faces; pale: bar fills mixed from a palette colour and white.
PALETTE = {c.lower() for c in OKABE_ITO.values()} | {"#ffffff"} | {pale(c) for c in OKABE_ITO.values()}


def figure_texts(chart: Chart) -> str:
    """Every piece of text drawn on the figure (titles, tick labels, annotations, legend), joined."""
    return "\n".join(t.get_text() for t in chart.figure.findobj(Text) if t.get_text() and t.get_visible())


def data_colours(chart: Chart) -> set[str]:
    """Colours of the data marks: markers and lines in axes, bars, filled areas."""
    colours = set()
    for ax in chart.figure.axes:
        for line in ax.lines:
            if isinstance(line, Line2D):
                colours |= {to_hex(line.get_color()), to_hex(line.get_markerfacecolor()),
                            to_hex(line.get_markeredgecolor())}
        for patch in ax.patches:
            if isinstance(patch, Rectangle):
                colours |= {to_hex(patch.get_facecolor(), keep_alpha=False), to_hex(patch.get_edgecolor())}
        for collection in (c for c in ax.collections if c.get_label() != GRID_LABEL):
            colours |= {to_hex(c, keep_alpha=False) for c in collection.get_facecolor()}
            colours |= {to_hex(c, keep_alpha=False) for c in collection.get_edgecolor()}
    return {c.lower() for c in colours}


def table_ids(chart: Chart) -> list[str]:
    """The record ids in the chart's data table (first column)."""
    return [row[0] for row in chart.rows]


def assert_basics(chart: Chart) -> None:
    """Alt text is real prose, every row fits the columns, citations are valid keys, palette is Okabe–Ito."""
    assert isinstance(chart, Chart)
    assert len(chart.alt_text) > 80 and "chart" not in chart.alt_text.lower()[:6]
    assert chart.rows and all(len(row) == len(chart.columns) for row in chart.rows)
    assert chart.citations and set(chart.citations) <= set(load_references())
    assert data_colours(chart) <= PALETTE, data_colours(chart) - PALETTE
    faint = {(t.get_text(), to_hex(t.get_color())) for t in chart.figure.findobj(Text)
             if t.get_text().strip() and t.get_visible() and contrast_on_white(t.get_color()) < 4.5}
    assert not faint, f"text below 4.5:1 on white (WCAG 1.4.3): {sorted(faint)[:5]}"


def contrast_on_white(colour) -> float:
    """WCAG contrast ratio of ``colour`` against white."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in to_rgb(colour))
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)
