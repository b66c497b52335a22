"""The effect-size explorer: move d (or pick a headline figure) and see two curves, U3, overlap, PS and NNT in words.

Logic lives in ``course_lib.evidence_views`` (explain_effect_size, presets, caveat); the figure comes from
``course_lib.charts.curves.explorer_html`` (the first image from the drawing cache, then redrawn in place).
This module only wires stock controls to them.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course_lib.charts.curves import explorer_html
from course_lib.evidence_views.effect_size import explain_effect_size
from course_lib.evidence_views.presets import caveat, presets
from course_lib.ui.look import PANEL_WIDTH, WIDE_LABEL, CourseWidget, control, live_region

__all__ = ["D_RANGE", "EffectSizeExplorer", "effect_size_explorer"]

D_RANGE = (-0.5, 2.0)  # wide enough for every headline figure, including the disputed 1.8
_GENERAL_NOTE = (
    "These translations assume two normal groups with equal spread, compared with each other "
    "(a between-group d). Pick a headline figure to see what kind of number it is."
)


class EffectSizeExplorer(CourseWidget):
    """A labelled slider for d, a dropdown of headline figures, an optional control event rate, and the outputs."""

    def __init__(self, d: float = 0.8, preset: str | None = None):
        self._presets = {p.id: p for p in presets()}
        self.slider = control(
            widgets.FloatSlider,
            value=d, min=D_RANGE[0], max=D_RANGE[1], step=0.01, description="Effect size d",
            readout_format=".2f", continuous_update=False, style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.preset = control(
            widgets.Dropdown,
            # "" not None for no preset: ipywidgets shows a blank box for a value of None.
            options=[("(none: use the slider)", "")] + [(p.label, p.id) for p in self._presets.values()],
            value="", description="Headline figure", style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.use_cer = control(
            widgets.Checkbox,
            value=False, description="Use a control event rate for the NNT (Furukawa–Leucht)", indent=False,
            layout={"width": "auto"},  # the default width cuts the description off
        )
        self.cer = control(
            widgets.FloatSlider,
            value=0.3, min=0.01, max=0.99, step=0.01, description="Control event rate (share improving anyway)",
            readout_format=".2f", continuous_update=False, disabled=True, style=WIDE_LABEL, layout=PANEL_WIDTH,
        )
        self.caveat = control(widgets.HTML)
        self.summary = live_region()
        self.figure = control(widgets.HTML)
        self.readout = control(widgets.HTML)
        self._applying_preset = False

        self.slider.observe(self._on_d, names="value")
        self.preset.observe(self._on_preset, names="value")
        self.use_cer.observe(self._on_cer_switch, names="value")
        self.cer.observe(lambda _change: self.update(), names="value")
        super().__init__(
            [self.preset, self.slider, self.use_cer, self.cer, self.caveat, self.summary, self.figure, self.readout]
        )
        self._opening = True  # what the explorer first shows is the same every time: take it from the cache
        self._show_caveat()
        self.update()
        if preset is not None:
            self.preset.value = preset  # an unknown id raises traitlets' TraitError naming the valid choices
        self._opening = False

    @property
    def current_cer(self) -> float | None:
        """The control event rate in use, or None when the Kraemer–Kupfer NNT is shown."""
        return self.cer.value if self.use_cer.value else None

    def update(self) -> None:
        """Redraw the curves and the readings for the slider's d (and the CER, if switched on)."""
        d = self.slider.value
        explanation = explain_effect_size(d, cer=self.current_cer)
        self.figure.value = explorer_html(round(d, 2), from_cache=self._opening)
        self.readout.value = explanation.to_html()
        short = ", ".join(f"{r.name} {r.shown}" for r in explanation.readings)
        self.summary.value = (
            f'<p><strong>d = {d:.2f}</strong> ({explanation.label}): '
            f"{html.escape(short)}</p>"
        )

    def _on_d(self, _change) -> None:
        if not self._applying_preset and self.preset.value:
            chosen = self._presets[self.preset.value]
            if abs(chosen.d - self.slider.value) > 1e-9:  # the student moved away from the headline figure
                self.preset.value = ""
        self.update()

    def _on_preset(self, change) -> None:
        self._show_caveat()
        if not change["new"]:
            return
        self._applying_preset = True
        try:
            target = self._presets[change["new"]].d
            if self.slider.value == target:
                self.update()
            else:
                self.slider.value = target  # triggers update through _on_d
        finally:
            self._applying_preset = False

    def _on_cer_switch(self, change) -> None:
        self.cer.disabled = not change["new"]
        self.update()

    def _show_caveat(self) -> None:
        if not self.preset.value:
            text, style = _GENERAL_NOTE, ""
        else:
            record = self._presets[self.preset.value].record
            text = caveat(record)
            style = ' style="border-left:4px solid #D55E00;padding-left:0.5em"' if record.disputed else ""
        self.caveat.value = f"<p{style}>{html.escape(text)}</p>"


def effect_size_explorer(d: float = 0.8, preset: str | None = None) -> EffectSizeExplorer:
    """Show the effect-size explorer at ``d``, or at a headline figure given by its row id (``preset=``)."""
    return EffectSizeExplorer(d, preset)
