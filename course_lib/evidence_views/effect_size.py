"""What an effect size d means, in numbers and in words a student can picture (logic for the effect-size explorer).

The translations (cohen1988, mcgraw1992, kraemer2006, furukawa2011) assume two normal distributions with equal
spread, one per group: they describe a comparison of two groups. A within-group pre-post d fed into them is
translated as if it were one, which is exactly the mistake the lesson warns about, so the presets say what type
of number each figure is.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from course_lib.evidence.arithmetic import cohen_label, interpret, nnt, overlap, prob_superiority, u3

__all__ = ["EffectSizeExplanation", "Reading", "explain_effect_size"]


@dataclass(frozen=True)
class Reading:
    """One translation of d: its name, the number, how it is shown, and one sentence in plain words."""

    name: str
    value: float
    shown: str
    words: str


@dataclass(frozen=True)
class EffectSizeExplanation:
    """Everything the explorer shows for one d (and an optional control event rate)."""

    d: float
    cer: float | None
    u3: float
    overlap: float
    prob_superiority: float
    nnt: float
    nnt_method: str
    label: str
    interpretation: str
    readings: tuple[Reading, ...]

    def reading(self, name: str) -> Reading:
        """The reading called ``name`` ("U3", "Overlap", "Probability of superiority", "NNT")."""
        return next(r for r in self.readings if r.name == name)

    def to_html(self) -> str:
        rows = "".join(
            f"<tr><th scope='row'>{html.escape(r.name)}</th><td>{html.escape(r.shown)}</td>"
            f"<td>{html.escape(r.words)}</td></tr>"
            for r in self.readings
        )
        return (
            f"<table class='effect-size-readings'><caption>What d = {self.d:.2f} means</caption>"
            f"<thead><tr><th scope='col'>Measure</th><th scope='col'>Value</th><th scope='col'>In words</th></tr>"
            f"</thead><tbody>{rows}</tbody></table><p>{html.escape(self.interpretation)}</p>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        lines = [f"What d = {self.d:.2f} means:"]
        lines += [f"- {r.name} = {r.shown}: {r.words}" for r in self.readings]
        lines.append(self.interpretation)
        return "\n".join(lines)


def _out_of_100(share: float) -> str:
    return f"{round(100 * share)} of 100"


def _nnt_words(value: float, cer: float | None) -> tuple[str, str]:
    """How the NNT is shown, and what it means, including the no-effect and harmful cases."""
    basis = (
        f"when {round(100 * cer)}% of the comparison group has a good outcome anyway (Furukawa–Leucht)"
        if cer is not None
        else "(Kraemer–Kupfer, from d alone)"
    )
    if math.isinf(value):
        return "∞", f"No difference between the groups: no number treated gives one extra good outcome {basis}."
    if value < 0:
        return (
            f"{value:.1f}",
            f"Negative: the comparison did better. For about every {abs(value):.1f} people treated, one fewer has a "
            f"good outcome than the comparison would give (a number needed to harm) {basis}.",
        )
    return (
        f"{value:.1f}",
        f"Treat about {value:.1f} people to get one more good outcome than the comparison would give {basis}.",
    )


def explain_effect_size(d: float, cer: float | None = None) -> EffectSizeExplanation:
    """Translate d (and an optional control event rate in (0, 1)) into U3, overlap, PS and NNT, each in words.

    Invalid input (NaN, infinity, a cer outside (0, 1)) raises the arithmetic module's ValueError.
    """
    d = float(d)
    values = {
        "U3": u3(d),
        "Overlap": overlap(d),
        "Probability of superiority": prob_superiority(d),
        "NNT": nnt(d, cer=cer),
    }
    nnt_shown, nnt_text = _nnt_words(values["NNT"], cer)
    readings = (
        Reading(
            "U3",
            values["U3"],
            f"{values['U3']:.3f}",
            f"About {_out_of_100(values['U3'])} people in the treated group do better than the average person "
            "in the comparison group (50 of 100 would mean no difference).",
        ),
        Reading(
            "Overlap",
            values["Overlap"],
            f"{values['Overlap']:.3f}",
            f"The two groups' score distributions share about {round(100 * values['Overlap'])}% of their area "
            "(100% would mean the groups look the same).",
        ),
        Reading(
            "Probability of superiority",
            values["Probability of superiority"],
            f"{values['Probability of superiority']:.3f}",
            f"Pick one treated person and one comparison person at random: the treated person does better "
            f"{round(100 * values['Probability of superiority'])} times in 100 (50 would be a coin flip).",
        ),
        Reading("NNT", values["NNT"], nnt_shown, nnt_text),
    )
    return EffectSizeExplanation(
        d=d,
        cer=cer,
        u3=values["U3"],
        overlap=values["Overlap"],
        prob_superiority=values["Probability of superiority"],
        nnt=values["NNT"],
        nnt_method="Kraemer–Kupfer" if cer is None else "Furukawa–Leucht",
        label=cohen_label(d),
        interpretation=interpret(d),
        readings=readings,
    )
