"""Fixed layout in inches: margins sized to the measured labels, panels stacked at set heights.

Why not matplotlib's constrained layout: it draws every figure twice (once to measure, once to render), and text is
the slow part of drawing. Measuring the few strings that decide a margin is one cheap call each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from matplotlib.transforms import blended_transform_factory

from course_lib.charts.style import DPI

# Browsers that lack DejaVu Sans (the font the SVG names first) fall back to a sans-serif no wider than it;
# the slack covers rounding and bold text.
_SLACK = 1.06
LINE = 1.35  # line height as a multiple of the font size
GRID_COLOUR = "#dddddd"
GRID_LABEL = "grid"  # marks the grid's line collection: scenery, not data
ROW_LABEL = "row label"  # marks a row's text, so code (and tests) can find the rows


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in inches of ``text`` (its widest line) at ``size`` points in the course font."""
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    widest = max(text_to_path.get_text_width_height_descent(line, prop, ismath=False)[0]
                 for line in text.split("\n"))
    return widest * _SLACK / 72


def widest(texts: Iterable[str], size: float, bold: bool = False) -> float:
    """Width in inches of the widest of ``texts`` (0 when there are none)."""
    return max((text_width(text, size, bold) for text in texts), default=0.0)


def text_height(lines: int, size: float) -> float:
    """Height in inches of ``lines`` lines of text at ``size`` points."""
    return lines * size * LINE / 72


@dataclass(frozen=True)
class Margins:
    """Space around the panels, in inches."""

    left: float
    right: float
    top: float
    bottom: float


def new_fixed_figure(width: float, height: float) -> Figure:
    """A Figure without pyplot and without a layout engine (so it is drawn once)."""
    return Figure(figsize=(width, height), dpi=DPI)


def stacked_axes(figure: Figure, heights: Sequence[float], gaps: Sequence[float], margins: Margins) -> list[Axes]:
    """One axes per entry of ``heights`` (inches), top to bottom, with ``gaps[i]`` inches of space above panel i
    (for its title) after the top margin. The figure's height must be the sum of all of them."""
    if len(gaps) != len(heights):
        raise ValueError("stacked_axes needs one gap per panel")
    fig_width, fig_height = figure.get_size_inches()
    needed = margins.top + margins.bottom + sum(heights) + sum(gaps)
    if abs(needed - fig_height) > 1e-6:
        raise ValueError(f"the panels need a figure {needed:.2f} in tall, not {fig_height:.2f} in")
    left = margins.left / fig_width
    width = (fig_width - margins.left - margins.right) / fig_width
    axes, top = [], fig_height - margins.top
    for height, gap in zip(heights, gaps, strict=True):
        top -= gap
        axes.append(figure.add_axes((left, (top - height) / fig_height, width, height / fig_height)))
        top -= height
    return axes


def add_title(figure: Figure, title: str) -> None:
    """The chart's bold title, a fixed distance below the top edge whatever the figure's height."""
    figure.suptitle(title, fontsize=12, fontweight="bold", y=1 - 0.12 / figure.get_figheight(), va="top")


def stacked_figure(width: float, title: str, heights: Sequence[float], gaps: Sequence[float],
                   margins: Margins) -> tuple[Figure, list[Axes]]:
    """A titled figure exactly tall enough for its panels, and the panels (see ``stacked_axes``)."""
    figure = new_fixed_figure(width, margins.top + margins.bottom + sum(heights) + sum(gaps))
    add_title(figure, title)
    return figure, stacked_axes(figure, heights, gaps, margins)


def single_axes(figure: Figure, margins: Margins) -> Axes:
    """One axes filling the figure inside ``margins``."""
    fig_width, fig_height = figure.get_size_inches()
    return figure.add_axes((margins.left / fig_width, margins.bottom / fig_height,
                            (fig_width - margins.left - margins.right) / fig_width,
                            (fig_height - margins.top - margins.bottom) / fig_height))


def row_labels(ax: Axes, positions: Iterable[float], labels: Sequence[str],
               colours: Sequence[str] | None = None, size: float = 8) -> None:
    """Label rows at the left of ``ax`` as plain text instead of y ticks (a tick is several artists, and with
    dozens of rows they dominate the drawing time)."""
    ax.set_yticks([])
    transform = blended_transform_factory(ax.transAxes, ax.transData)
    for y, label, colour in zip(positions, labels, colours or ["black"] * len(labels), strict=True):
        ax.text(-0.01, y, label, transform=transform, ha="right", va="center", fontsize=size, color=colour,
                label=ROW_LABEL)


def row_label_texts(ax: Axes) -> list[str]:
    """The row labels drawn by ``row_labels`` on ``ax``, top to bottom."""
    rows = [t for t in ax.texts if t.get_label() == ROW_LABEL]
    return [t.get_text() for t in sorted(rows, key=lambda t: -t.get_position()[1])]


def shared_x_grid(axes: Sequence[Axes], low: float, high: float) -> None:
    """Give stacked panels one x scale with vertical grid lines, tick labels on the bottom panel only.

    The upper panels get no tick objects at all (ticks are several artists each, and the costliest part of a
    stacked figure); their grid is one line collection at the bottom panel's tick positions.
    """
    bottom = axes[-1]
    bottom.set_xlim(low, high)
    positions = [x for x in bottom.xaxis.get_major_locator().tick_values(low, high) if low <= x <= high]
    bottom.set_xticks(positions)
    for ax in axes:
        ax.set_xlim(low, high)
        low_y, high_y = ax.get_ylim()
        ax.vlines(positions, low_y, high_y, color=GRID_COLOUR, linewidth=0.6, zorder=0, label=GRID_LABEL)
        ax.set_ylim(low_y, high_y)
        if ax is not bottom:
            ax.set_xticks([])
