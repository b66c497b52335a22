"""Tests for course_lib.widgets.evidence.effect_size_explorer, driven from Python as a student would use it."""

import ipywidgets as widgets
import pytest

from course_lib.charts.curves import shared_live_curves
from course_lib.charts.render_cache import ENVIRONMENT_VARIABLE
from course_lib.widgets.evidence.effect_size_explorer import effect_size_explorer


@pytest.fixture(scope="module")
def explorer():
    return effect_size_explorer(0.5)


def test_every_control_has_a_visible_label(explorer):
    """The slider, dropdown, checkbox and CER slider each carry a non-empty description."""
    controls = [c for c in explorer.children if isinstance(c, widgets.ValueWidget) and not isinstance(c, widgets.HTML)]
    assert len(controls) == 4
    assert all(c.description.strip() for c in controls)


def test_slider_to_08_shows_the_worked_values(explorer):
    """Setting d = 0.8 shows U3 0.788, overlap 0.689, PS 0.714 and NNT 2.3, in the table and the live summary."""
    explorer.slider.value = 0.8
    for shown in ("0.788", "0.689", "0.714", "2.3"):
        assert shown in explorer.readout.value
        assert shown in explorer.summary.value
    assert "79 of 100" in explorer.readout.value
    assert "course-live" in explorer.summary._dom_classes


def test_moving_the_slider_redraws_the_figure_with_alt_text(explorer):
    """A new d gives a new figure whose <img> carries alt text, and new numbers."""
    explorer.slider.value = 0.2
    before = explorer.figure.value
    explorer.slider.value = 1.2
    assert explorer.figure.value != before
    assert "<img alt=" in explorer.figure.value and 'alt=""' not in explorer.figure.value
    assert "0.885" in explorer.readout.value  # U3 for d = 1.2


def test_choosing_a_preset_sets_d_and_explains_its_type():
    """Picking Shedler's 0.97 moves the slider to 0.97 and says it is against weak controls and untraced."""
    explorer = effect_size_explorer()
    explorer.preset.value = "abbass2006_shedler_post"
    assert explorer.slider.value == pytest.approx(0.97)
    assert "0.97" in explorer.summary.value
    assert "weak controls" in explorer.caveat.value.lower() and "trace it" in explorer.caveat.value.lower()


def test_every_preset_label_names_its_row_and_the_disputed_one_is_flagged():
    """Each dropdown option names its source; the 1.8 option and its caveat say DISPUTED."""
    explorer = effect_size_explorer(preset="leichsenring2008_between")
    labels = [label for label, value in explorer.preset.options if value]
    assert len(labels) >= 5 and all("(" in label for label in labels)
    assert any(label.startswith("1.8") and "DISPUTED" in label for label in labels)
    assert explorer.slider.value == pytest.approx(1.8)
    assert "DISPUTED" in explorer.caveat.value


def test_moving_away_from_a_preset_clears_it():
    """After a preset, a slider move resets the dropdown to 'none' and the general note returns."""
    explorer = effect_size_explorer()
    explorer.preset.value = "turner2008_antidepressants"
    explorer.slider.value = 0.45
    assert explorer.preset.value == "" and explorer.preset.label == "(none: use the slider)"
    assert "between-group d" in explorer.caveat.value


def test_control_event_rate_switches_the_nnt_method():
    """Ticking the CER box enables the CER slider and shows the Furukawa–Leucht NNT for that rate."""
    from course_lib.evidence import nnt

    explorer = effect_size_explorer(0.5)
    assert explorer.cer.disabled
    explorer.use_cer.value = True
    explorer.cer.value = 0.2
    assert not explorer.cer.disabled
    assert f"{nnt(0.5, cer=0.2):.1f}" in explorer.readout.value
    assert "Furukawa" in explorer.readout.value


def test_two_explorers_sharing_one_figure_each_show_their_own_d():
    """Explorers share one live figure; each still shows the curves and readings for its own slider."""
    first, second = effect_size_explorer(0.3), effect_size_explorer(1.2)
    first.slider.value = 0.4
    assert "d = 0.4" in first.figure.value and "d = 1.2" in second.figure.value
    assert first.figure.value != second.figure.value


def test_a_reopened_explorer_shows_its_first_image_from_the_cache_and_draws_on_the_first_move(tmp_path, monkeypatch):
    """A lesson rerun opens the explorer without drawing the live figure; the student's first move draws it."""
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(tmp_path))
    first_time = effect_size_explorer(0.9).figure.value
    shared_live_curves.cache_clear()  # as in a fresh kernel
    reopened = effect_size_explorer(0.9)
    assert reopened.figure.value == first_time
    assert shared_live_curves.cache_info().currsize == 0
    reopened.slider.value = 1.4
    assert shared_live_curves.cache_info().currsize == 1
    assert "d = 1.4" in reopened.figure.value and len(list(tmp_path.glob("*.png"))) == 1  # moves are not kept
