"""Chart: a figure together with what makes it readable without seeing it (alt text, data table, sources)."""

from __future__ import annotations

import base64
import html
import io
import math
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

import matplotlib
from matplotlib.figure import Figure

from course_lib.charts.render_cache import cached_drawing
from course_lib.evidence import cite
from course_lib.ui.scroll_region import scroll_region


def format_cell(value) -> str:
    """Table cell text: numbers without trailing zeros, infinity in words, None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isinf(value):
            return "infinite" if value > 0 else "minus infinity"
        return f"{value:g}"
    return str(value)


# Text as <text> (the browser draws it, in DejaVu Sans or the nearest sans-serif); a fixed salt for stable ids.
_SVG_SETTINGS = {"svg.fonttype": "none", "svg.hashsalt": "course-chart", "font.family": "sans-serif"}


@contextmanager
def chart_style() -> Iterator[None]:
    """matplotlib's default style plus the SVG settings, whatever a student has done to ``rcParams``: every chart
    looks as designed (palette, sizes), and a cached drawing is the one a fresh drawing would give."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(_SVG_SETTINGS)
        yield


@dataclass
class Chart:
    """A chart's drawing with its alt text, the data table of exactly what is plotted, and the reference keys
    of its sources.

    ``draw`` builds the matplotlib Figure (without pyplot, so nothing displays or leaks by itself). It runs only
    when the figure is needed: when it is a ``functools.partial`` of a module-level function, the SVG comes from
    the drawing cache (``render_cache``) on every run after the first, and the figure is never built.

    In JupyterLab it renders as ``<figure><img alt=…>`` plus an HTML table (Lab 4.6 drops alt text given in image
    metadata, but renders it from HTML); as plain text it prints the title, alt text, table and sources.
    """

    title: str
    draw: Callable[[], Figure]
    alt_text: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    citations: tuple[str, ...]

    @cached_property
    def figure(self) -> Figure:
        """The figure, built on first use."""
        with chart_style():
            return self.draw()

    def svg(self) -> bytes:
        """The figure as SVG with its text kept as text: with no glyphs to draw it renders several times faster
        than a PNG, it stays sharp at any zoom, and the same figure always gives the same bytes."""
        if "figure" in self.__dict__:  # already built, so perhaps changed since: draw it as it is now
            return self._render_svg()
        return cached_drawing(self.draw, self._render_svg)

    def _render_svg(self) -> bytes:
        figure = self.figure  # built first: the figure property applies chart_style itself
        buffer = io.BytesIO()
        with chart_style():
            figure.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
        return buffer.getvalue()

    def sources(self) -> list[str]:
        """The formatted references behind the chart, in citation order."""
        return [cite(key) for key in self.citations]

    def table_html(self) -> str:
        """The data table as accessible HTML: a caption and column headers with scope."""
        head = "".join(f'<th scope="col">{html.escape(column)}</th>' for column in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(format_cell(cell))}</td>" for cell in row) + "</tr>"
            for row in self.rows
        )
        return scroll_region(
            f'<table class="course-chart-data"><caption>Data shown in the chart: {html.escape(self.title)}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
            f"Data shown in the chart: {self.title} (scrolls sideways)",
        )

    def to_html(self, image_uri: str | None = None) -> str:
        """``<figure>`` with the image, its alt text and a caption naming the sources, then the data table.
        ``image_uri``: an image of the figure made elsewhere (a live figure's PNG); default: the figure as SVG."""
        sources = "; ".join(html.escape(text) for text in self.sources())
        if image_uri is None:
            image_uri = "data:image/svg+xml;base64," + base64.b64encode(self.svg()).decode("ascii")
        caption = f"<strong>{html.escape(self.title)}</strong>"
        if sources:
            caption += f"<br>Sources: {sources}"
        return (
            f'<figure class="course-chart" style="margin:0">'
            f'<img alt="{html.escape(self.alt_text, quote=True)}" style="max-width:100%" '
            f'src="{html.escape(image_uri, quote=True)}">'
            f"<figcaption>{caption}</figcaption></figure>{self.table_html()}"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def table_text(self) -> str:
        """The data table as aligned plain text."""
        cells = [list(self.columns)] + [[format_cell(cell) for cell in row] for row in self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                 for row in cells]
        lines.insert(1, "  ".join("-" * width for width in widths))
        return "\n".join(lines)

    def __str__(self) -> str:
        parts = [self.title, "=" * len(self.title), textwrap.fill(self.alt_text, width=100), "", self.table_text()]
        if self.citations:
            parts += ["", "Sources:"] + [textwrap.fill(text, width=100, initial_indent="- ", subsequent_indent="  ")
                                         for text in self.sources()]
        return "\n".join(parts)

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(str(self))
