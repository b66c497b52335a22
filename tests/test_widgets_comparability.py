"""Tests for course_lib.widgets.evidence.comparability: the within-vs-between demo driven from Python."""

import ipywidgets as widgets

from course_lib.evidence_views.within_between import simulate
from course_lib.widgets.evidence.comparability import comparability_demo


def test_every_control_has_a_visible_label():
    """Both sliders carry a non-empty description."""
    demo = comparability_demo()
    controls = [c for c in demo.children if isinstance(c, widgets.FloatSlider)]
    assert len(controls) == 2 and all(c.description.strip() for c in controls)


def test_moving_background_changes_pre_post_but_not_between_group():
    """Raising 'improves anyway' raises the shown pre-post d and leaves the shown between-group d unchanged."""
    demo = comparability_demo(background=0.2, treatment_effect=0.3)
    before = demo.result
    demo.background.value = 1.2
    after = demo.result
    assert after.pre_post_treated > before.pre_post_treated + 0.9
    assert f"{after.between_group:.2f}" == f"{before.between_group:.2f}"
    assert f"{after.pre_post_treated:.2f}" in demo.readout.value


def test_treatment_slider_moves_between_group_d_and_redraws():
    """Raising the treatment effect raises the between-group d shown and redraws the chart."""
    demo = comparability_demo(background=0.8, treatment_effect=0.0)
    old_figure = demo.figure.value
    demo.treatment.value = 0.6
    assert demo.result == simulate(0.8, 0.6)
    assert f"{simulate(0.8, 0.6).between_group:.2f}" in demo.readout.value
    assert demo.figure.value != old_figure and "<img alt=" in demo.figure.value
