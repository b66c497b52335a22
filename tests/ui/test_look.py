"""Tests for course_lib.ui.look: controls share their layout and style models, which keeps a lesson's
widget count (messages to the browser, views to build) down without changing how anything looks."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from course_lib.practice import practice
from course_lib.ui.look import control, shared


def descendants(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += descendants(child)
    return found


def look_models(widget: widgets.Widget) -> set[str]:
    """Model ids of every layout and style under ``widget``."""
    ids = set()
    for w in descendants(widget):
        ids.add(w.layout.model_id)
        if hasattr(w, "style"):
            ids.add(w.style.model_id)
    return ids


def test_a_second_card_opens_no_new_layout_or_style():
    """Two cards of the same kind share every layout and style model (a card used to open 21 of its own)."""
    first, second = practice("q05.4").card(), practice("q05.10").card()
    assert look_models(second) <= look_models(first)
    assert len(look_models(first)) <= 8


def test_shared_looks_keep_their_settings():
    card = practice("q05.4").card()
    assert all(c.layout.width == "auto" and c.style.description_width == "initial" for c in card.controls)
    assert card.layout.border == "1px solid #999999"
    assert control(widgets.Button, description="Go").layout is control(widgets.HTML).layout


def test_different_looks_get_different_models():
    assert shared(widgets.Layout, width="auto") is shared(widgets.Layout, width="auto")
    assert shared(widgets.Layout, width="auto") is not shared(widgets.Layout, width="95%")
    assert shared(widgets.Layout) is not shared(widgets.Layout, width="auto")


def test_a_closed_model_is_replaced_not_reused():
    """After Widget.close_all (a kernel-wide reset a student may run), new controls get live models."""
    before = control(widgets.Button, description="Go")
    widgets.Widget.close_all()
    after = control(widgets.Button, description="Go")
    assert after.layout is not before.layout and after.layout.comm is not None
    assert after.style.comm is not None


def test_a_style_for_a_control_without_one_is_refused():
    with pytest.raises(TypeError, match="VBox has no style"):
        control(widgets.VBox, style={"description_width": "initial"})



def course_boxes() -> list[type]:
    """Every box class the course defines in its widget, practice and progress modules (subpackages included)."""
    import importlib
    import inspect
    import pkgutil

    import course_lib.practice
    import course_lib.progress
    import course_lib.widgets

    found = []
    for package in (course_lib.widgets, course_lib.progress, course_lib.practice):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            found += [obj for _, obj in inspect.getmembers(module, inspect.isclass)
                      if issubclass(obj, widgets.Box) and obj.__module__ == module.__name__]
    return found


def test_every_course_widget_keeps_keys_inside():
    """Every box the course defines is a CourseWidget, so the extension keeps arrows and letters inside it."""
    from course_lib.ui.look import CourseWidget

    boxes = course_boxes()
    assert len(boxes) >= 20
    assert [box.__name__ for box in boxes if not issubclass(box, CourseWidget)] == []


def test_a_course_widget_carries_the_classes_the_extension_looks_for():
    from course_lib.ui.look import CourseWidget, live_region

    assert "course-widget" in CourseWidget([])._dom_classes
    region = live_region("<p>Right.</p>")
    assert "course-live" in region._dom_classes and region.value == "<p>Right.</p>"
