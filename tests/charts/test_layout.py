"""Tests for course_lib.charts.layout: fixed layouts in inches, sized to the measured labels."""

import pytest

from course_lib.charts.layout import (
    Margins,
    new_fixed_figure,
    row_label_texts,
    row_labels,
    shared_x_grid,
    single_axes,
    stacked_axes,
    text_width,
    widest,
)


def test_text_width_grows_with_the_text_and_the_size_and_takes_the_widest_line():
    """A longer label, a larger size or bold needs more room; a two-line label needs the room of its longer line."""
    short, long = text_width("abbass2006", 8), text_width("abbass2006 · general symptom improvement", 8)
    assert 0 < short < long < 4  # inches: a 40-character label at 8 pt is a few inches wide
    assert text_width("abbass2006", 10) > short and text_width("abbass2006", 8, bold=True) > short
    assert text_width("abbass2006\nabbass2006 · general symptom improvement", 8) == long
    assert widest(["abbass2006", "abbass2006 · general symptom improvement"], 8) == long
    assert widest([], 8) == 0.0


def test_stacked_axes_place_panels_top_to_bottom_at_their_heights_in_inches():
    """Each panel gets exactly its height, below its gap, inside the margins."""
    margins = Margins(left=2.0, right=0.5, top=0.4, bottom=0.6)
    figure = new_fixed_figure(10, 0.4 + 0.3 + 1.0 + 0.3 + 2.0 + 0.6)
    top, bottom = stacked_axes(figure, [1.0, 2.0], [0.3, 0.3], margins)
    width, height = figure.get_size_inches()
    for ax, expected_height in ((top, 1.0), (bottom, 2.0)):
        box = ax.get_position()
        assert box.height * height == pytest.approx(expected_height)
        assert box.x0 * width == pytest.approx(2.0) and (1 - box.x1) * width == pytest.approx(0.5)
    assert top.get_position().y0 > bottom.get_position().y1
    assert bottom.get_position().y0 * height == pytest.approx(0.6)


def test_stacked_axes_refuse_a_figure_of_the_wrong_height():
    """A figure that does not add up names the height the panels need."""
    with pytest.raises(ValueError, match=r"3\.00 in tall"):
        stacked_axes(new_fixed_figure(10, 5), [1.0], [0.5], Margins(1, 1, 0.5, 1))
    with pytest.raises(ValueError, match="one gap per panel"):
        stacked_axes(new_fixed_figure(10, 5), [1.0, 1.0], [0.5], Margins(1, 1, 0.5, 1))


def test_row_labels_replace_y_ticks_and_are_found_top_to_bottom():
    """Row labels are plain text at the left of the panel, in the colour given; the y axis has no ticks."""
    figure = new_fixed_figure(6, 3)
    ax = single_axes(figure, Margins(2, 0.2, 0.2, 0.5))
    ax.set_ylim(-0.5, 2.5)
    row_labels(ax, [2, 1, 0], ["first", "second", "third"], ["black", "#D55E00", "black"])
    assert row_label_texts(ax) == ["first", "second", "third"]
    assert list(ax.get_yticks()) == []
    assert [t.get_color() for t in ax.texts] == ["black", "#D55E00", "black"]


def test_shared_x_grid_gives_one_scale_and_tick_labels_only_at_the_bottom():
    """Every panel has the same limits and grid lines; only the bottom panel carries x ticks."""
    figure = new_fixed_figure(8, 4.6)
    axes = stacked_axes(figure, [1.5, 1.5], [0.3, 0.3], Margins(1, 0.3, 0.4, 0.6))
    for ax in axes:
        ax.set_ylim(-0.5, 1.5)
    shared_x_grid(axes, -0.4, 2.2)
    assert all(ax.get_xlim() == (-0.4, 2.2) for ax in axes)
    assert list(axes[0].get_xticks()) == [] and len(axes[1].get_xticks()) >= 3
    for ax in axes:
        (grid,) = ax.collections
        assert len(grid.get_segments()) == len(axes[1].get_xticks())
        assert ax.get_ylim() == (-0.5, 1.5)  # the grid does not stretch the rows
