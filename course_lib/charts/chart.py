"""Chart: a figure together with what makes it readable without seeing it (alt text, data table, sources)."""

from __future__ import annotations

import base64
import html
import io
import math
import textwrap
from dataclasses import dataclass

from matplotlib.figure import Figure

from course_lib.evidence import cite


def format_cell(value) -> str:
    """Table cell text: numbers without trailing zeros, infinity in words, None as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isinf(value):
            return "infinite" if value > 0 else "minus infinity"
        return f"{value:g}"
    return str(value)


@dataclass
class Chart:
    """A matplotlib Figure (built without pyplot, so nothing displays or leaks by itself) with its alt text,
    the data table of exactly what is plotted, and the reference keys of its sources.

    In JupyterLab it renders as ``<figure><img alt=…>`` plus an HTML table (Lab 4.6 drops alt text given in image
    metadata, but renders it from HTML); as plain text it prints the title, alt text, table and sources.
    """

    title: str
    figure: Figure
    alt_text: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    citations: tuple[str, ...]

    def png_base64(self) -> str:
        """The figure as a base64-encoded PNG."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=self.figure.dpi, facecolor="white")
        return base64.b64encode(buffer.getvalue()).decode("ascii")

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
        return (
            f'<table class="course-chart-data"><caption>Data shown in the chart: {html.escape(self.title)}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def to_html(self) -> str:
        """``<figure>`` with the image, its alt text and a caption naming the sources, then the data table."""
        sources = "; ".join(html.escape(text) for text in self.sources())
        caption = f"<strong>{html.escape(self.title)}</strong>"
        if sources:
            caption += f"<br>Sources: {sources}"
        return (
            f'<figure class="course-chart" style="margin:0">'
            f'<img alt="{html.escape(self.alt_text, quote=True)}" style="max-width:100%" '
            f'src="data:image/png;base64,{self.png_base64()}">'
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
