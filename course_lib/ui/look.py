"""Controls whose layout and style share one model per distinct look.

ipywidgets gives every control a Layout model and a style model of its own: a practice card with three buttons and
four drop-downs opens over thirty models, each a message to the browser and a view for JupyterLab to build, and
most of them identical. ``control`` gives a control the one model of its look instead, so a card opens about a
third as many. Only for looks that are never changed after creation: a control whose layout changes later (shown,
hidden) must keep its own.
"""

from __future__ import annotations

from typing import Any, TypeVar

import ipywidgets as widgets

W = TypeVar("W", bound=widgets.DOMWidget)
_models: dict[tuple, widgets.Widget] = {}

# The course's recurring looks.
WIDE_LABEL = {"description_width": "initial"}  # a control's description in full, not cut at ipywidgets' default
PANEL_WIDTH = {"width": "min(100%, 640px)"}  # a slider or drop-down as wide as the explorers' panels
SIZED_TO_LABEL = {"width": "max-content"}  # as wide as its label or options, so none is cut off
# A drop-down's first option, "nothing chosen yet", instead of a blank box. "" not None: ipywidgets shows a blank for
# a value of None even when an option has it.
NO_CHOICE = ("— choose —", "")


def shared(kind: type[widgets.Widget], **traits: Any) -> widgets.Widget:
    """The one model of type ``kind`` with these traits in this kernel (a new one if it was closed)."""
    key = (kind, tuple(sorted(traits.items())))
    model = _models.get(key)
    if model is None or model.comm is None:  # comm is None once closed (e.g. by Widget.close_all)
        model = _models[key] = kind(**traits)
    return model


def control(kind: type[W], *, layout: dict | None = None, style: dict | None = None, **traits: Any) -> W:
    """A ``kind`` widget whose layout and style (given as dicts of traits, or left as defaults) are shared."""
    style_trait = kind.class_traits().get("style")
    if style_trait is not None:
        traits["style"] = shared(style_trait.klass, **(style or {}))
    elif style:
        raise TypeError(f"{kind.__name__} has no style")
    return kind(layout=shared(widgets.Layout, **(layout or {})), **traits)


def sized_button(description: str, **traits: Any) -> widgets.Button:
    """A stock button sized to its label."""
    return control(widgets.Button, description=description, layout=SIZED_TO_LABEL, **traits)


class CourseWidget(widgets.VBox):
    """A course widget: the course's JupyterLab extension keeps keys inside it (arrows move in a radio group or a
    list, letters type; Escape goes back to the notebook) and gives its controls a strong focus outline."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.add_class("course-widget")


def live_region(value: str = "") -> widgets.HTML:
    """An HTML widget for feedback that screen readers announce. ipywidgets replaces the widget's content on every
    update, and a live region created together with its text is often not read; the extension makes the widget's own
    node (which survives updates) the polite status region, once. So ``value`` holds no live region of its own."""
    region = control(widgets.HTML, value=value)
    region.add_class("course-live")
    return region
