"""Lesson 06 widgets: outcomes beyond symptom relief, and what the cogan2005 design can and cannot show.

Four small views over ``course_lib.content.outcomes``:

- ``study_summary()``: the study's design facts (a display object, not a widget);
- ``claim_tracer()``: pick one of the source article's claimed benefits and see how much of it the abstract verifies;
- ``beginning_vs_ending()``: a toggle between the analysts' descriptions of patients beginning and ending analysis;
- ``design_exercise()``: tick the conclusions the design supports, then get feedback per statement naming the caveat.

The logic (HTML for a group, feedback for a set of ticks) lives in plain functions the widgets call.
"""

from __future__ import annotations

import html
import random
from collections.abc import Iterable
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.outcomes import CLAIM_PROVENANCE, GROUPS, Conclusion, Outcomes, load_outcomes
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region

# Words and icons carry the verdict; the Okabe–Ito border colours only repeat it.
_RIGHT = ("✔", "Right", "#009E73")
_WRONG = ("✘", "Not quite", "#D55E00")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


# --- plain functions -------------------------------------------------------------------------------------------


def study_html(outcomes: Outcomes | None = None) -> str:
    """The study's design facts as an HTML definition list."""
    study = (outcomes or load_outcomes()).study
    rows = [
        ("Question", study.question),
        ("Who took part", study.participants),
        ("Measure", study.measure),
        ("Raters", study.raters),
        ("Treatment", study.treatment),
        ("Design", study.design),
    ]
    items = "".join(f"<dt><strong>{_esc(k)}</strong></dt><dd>{_esc(v)}</dd>" for k, v in rows)
    return f"<p><em>{_esc(study.title)}</em> (cogan2005)</p><dl>{items}</dl>"


def study_text(outcomes: Outcomes | None = None) -> str:
    """The same facts as plain text."""
    study = (outcomes or load_outcomes()).study
    return "\n".join([
        f"{study.title} (cogan2005)",
        f"Question: {study.question}",
        f"Who took part: {study.participants}",
        f"Measure: {study.measure}",
        f"Raters: {study.raters}",
        f"Treatment: {study.treatment}",
        f"Design: {study.design}",
    ])


def findings_html(group: str, outcomes: Outcomes | None = None) -> str:
    """What the abstract reports for one group ("beginning" or "ending"), with the reminder of what it is."""
    outcomes = outcomes or load_outcomes()
    items = "".join(f"<li>{_esc(f.text)}</li>" for f in outcomes.findings_for(group))
    return (
        f"<h4>{_esc(GROUPS[group])}</h4><ul>{items}</ul>"
        "<p><em>As described by their own analysts with the SWAP-200 (cogan2005). "
        "The two groups were different patients: these are differences between groups, not changes in anyone.</em></p>"
    )


def claim_html(claim_id: str, outcomes: Outcomes | None = None) -> str:
    """One claimed benefit: its provenance, whether the abstract has a related finding, and why that matters."""
    outcomes = outcomes or load_outcomes()
    claim = next((c for c in outcomes.claims if c.id == claim_id), None)
    if claim is None:
        raise KeyError(f"no claim {claim_id!r}")
    icon = "✔" if claim.status == "matches" else "–"
    parts = [
        f"<p><strong>{_esc(claim.text)}</strong><br>"
        f'<span aria-hidden="true">{icon}</span> <em>{_esc(claim.status_label)}.</em> {_esc(claim.note)}</p>',
    ]
    if claim.finding is not None:
        finding = outcomes.finding(claim.finding)
        parts.append(f"<p>Related finding ({_esc(GROUPS[finding.group].lower())}): {_esc(finding.text)}</p>")
    parts.append(f"<p><em>{_esc(CLAIM_PROVENANCE)}</em></p>")
    return "".join(parts)


def claim_summary(outcomes: Outcomes | None = None) -> tuple[int, int]:
    """(claims with a related finding in the abstract, claims in the brief's list)."""
    claims = (outcomes or load_outcomes()).claims
    return sum(c.status == "matches" for c in claims), len(claims)


@dataclass(frozen=True)
class Verdict:
    """Feedback on one statement of the design exercise."""

    conclusion: Conclusion
    ticked: bool
    message: str

    @property
    def right(self) -> bool:
        return self.ticked == self.conclusion.supported


def judge_conclusions(ticked: Iterable[str], outcomes: Outcomes | None = None) -> list[Verdict]:
    """Feedback per statement: was the student right to tick (or leave) it, and which caveat decides it."""
    outcomes = outcomes or load_outcomes()
    chosen = set(ticked)
    unknown = chosen - {c.id for c in outcomes.conclusions}
    if unknown:
        raise KeyError(f"unknown conclusion id(s): {', '.join(sorted(unknown))}")
    verdicts = []
    for conclusion in outcomes.conclusions:
        is_ticked = conclusion.id in chosen
        caveats = "; ".join(outcomes.caveat(c).title for c in conclusion.caveats)
        if conclusion.supported:
            lead = "You ticked it." if is_ticked else "You left it unticked, but the design does support it."
        else:
            lead = "You ticked it, but the design cannot support it." if is_ticked else "You were right to leave it."
        message = f"{lead} {conclusion.feedback}"
        if caveats:
            message += f" Caveat: {caveats}."
        verdicts.append(Verdict(conclusion, is_ticked, message))
    return verdicts


def score(verdicts: Iterable[Verdict]) -> tuple[int, int]:
    """(statements judged right, statements)."""
    verdicts = list(verdicts)
    return sum(v.right for v in verdicts), len(verdicts)


def verdicts_html(verdicts: list[Verdict]) -> str:
    """The exercise's feedback as an HTML list: icon and words for each statement, then the score."""
    rows = []
    for verdict in verdicts:
        icon, word, colour = _RIGHT if verdict.right else _WRONG
        rows.append(
            f'<li style="border-left: 0.3em solid {colour}; padding-left: 0.5em; margin-bottom: 0.4em;">'
            f'<span aria-hidden="true">{icon}</span> <strong>{word}.</strong> '
            f"<em>{_esc(verdict.conclusion.text)}</em><br>{_esc(verdict.message)}</li>"
        )
    right, total = score(verdicts)
    return f'<ul style="list-style: none; padding-left: 0;">{"".join(rows)}</ul><p><strong>{right} of {total} ' \
           f"statements judged right.</strong></p>"


# --- views -----------------------------------------------------------------------------------------------------


class StudySummary:
    """The study's design facts: an HTML list in JupyterLab, plain text elsewhere."""

    def _repr_html_(self) -> str:
        return study_html()

    def __repr__(self) -> str:
        return study_text()


class ClaimTracer(CourseWidget):
    """A labelled dropdown of the source article's claimed benefits; the panel below traces the chosen one."""

    def __init__(self, outcomes: Outcomes | None = None):
        self.outcomes = outcomes or load_outcomes()
        matched, total = claim_summary(self.outcomes)
        intro = control(widgets.HTML, value=(
            f"<p>The source article lists {total} benefits beyond symptom relief, without citing a study. "
            f"{matched} of them match a finding reported in the abstract of the study they most likely come from "
            "(cogan2005). Pick one to trace it.</p>"
        ))
        self.claim = control(
            widgets.Dropdown,
            options=[(c.text, c.id) for c in self.outcomes.claims], description="Claimed benefit:", style=WIDE_LABEL,
        )
        self.panel = live_region()
        self.claim.observe(self._show, names="value")
        self._show()
        super().__init__([intro, self.claim, self.panel])

    def _show(self, _change=None) -> None:
        self.panel.value = claim_html(self.claim.value, self.outcomes)


class BeginningVsEnding(CourseWidget):
    """Labelled toggle buttons: beginning or ending analysis; the panel shows that group's findings."""

    def __init__(self, outcomes: Outcomes | None = None):
        self.outcomes = outcomes or load_outcomes()
        self.group = control(
            widgets.ToggleButtons,
            options=[("Beginning analysis", "beginning"), ("Ending analysis", "ending")],
            value="beginning", description="Show patients:", style=WIDE_LABEL,
            tooltips=["Patients starting psychoanalysis", "Patients finishing psychoanalysis (other people)"],
        )
        self.panel = live_region()
        self.group.observe(self._show, names="value")
        self._show()
        super().__init__([self.group, self.panel])

    def _show(self, _change=None) -> None:
        self.panel.value = findings_html(self.group.value, self.outcomes)


class DesignExercise(CourseWidget):
    """Labelled checkboxes, one per statement (shuffled with a seed), a Check button and per-statement feedback."""

    def __init__(self, outcomes: Outcomes | None = None, seed: int | None = 6):
        self.outcomes = outcomes or load_outcomes()
        order = list(self.outcomes.conclusions)
        random.Random(seed).shuffle(order)
        intro = control(widgets.Label,
                        value="Tick every statement that this study's design can support, then press Check.")
        self.boxes = {
            c.id: control(widgets.Checkbox, value=False, description=c.text, indent=False, layout={"width": "auto"})
            for c in order
        }
        self.check_button = control(widgets.Button, description="Check", icon="check",
                                    tooltip="Get feedback on each statement")
        self.reset_button = control(widgets.Button, description="Start again", icon="undo",
                                    tooltip="Clear ticks and feedback")
        self.feedback = live_region()
        self.check_button.on_click(self._check)
        self.reset_button.on_click(self._reset)
        buttons = control(widgets.HBox, children=[self.check_button, self.reset_button])
        super().__init__([intro, *self.boxes.values(), buttons, self.feedback])

    def ticked(self) -> set[str]:
        return {cid for cid, box in self.boxes.items() if box.value}

    def _check(self, _button=None) -> None:
        by_id = {v.conclusion.id: v for v in judge_conclusions(self.ticked(), self.outcomes)}
        # Feedback follows the order the student sees the statements in.
        self.feedback.value = verdicts_html([by_id[cid] for cid in self.boxes])

    def _reset(self, _button=None) -> None:
        for box in self.boxes.values():
            box.value = False
        self.feedback.value = ""


def study_summary() -> StudySummary:
    """Show the cogan2005 design facts."""
    return StudySummary()


def claim_tracer() -> ClaimTracer:
    """Show the claim tracer: the article's claimed benefits against the study's reported findings."""
    return ClaimTracer()


def beginning_vs_ending() -> BeginningVsEnding:
    """Show the beginning-versus-ending toggle."""
    return BeginningVsEnding()


def design_exercise(seed: int | None = 6) -> DesignExercise:
    """Show the "what can this design show?" exercise (statements shuffled with ``seed``)."""
    return DesignExercise(seed=seed)
