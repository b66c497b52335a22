"""Tests for course_lib.widgets.evidence.beyond_symptoms: lesson 06's claim tracer, group toggle and design exercise."""

import ipywidgets as widgets
import pytest

from course_lib.content.outcomes import load_outcomes
from course_lib.widgets.evidence.beyond_symptoms import (
    beginning_vs_ending,
    claim_html,
    claim_summary,
    claim_tracer,
    design_exercise,
    findings_html,
    judge_conclusions,
    score,
    study_summary,
)

SUPPORTED = {c.id for c in load_outcomes().conclusions if c.supported}
ALL = {c.id for c in load_outcomes().conclusions}


def test_findings_differ_by_group_and_warn_about_the_design():
    """Each group shows its own findings, plus the reminder that the groups were different patients."""
    beginning, ending = findings_html("beginning"), findings_html("ending")
    assert "anxiety, guilt and shame" in beginning and "anxiety" not in ending
    assert "enjoying challenges" in ending and "enjoying challenges" not in beginning
    assert "different patients" in beginning and "different patients" in ending


def test_toggle_switches_the_panel():
    """Clicking 'Ending analysis' replaces the beginning group's findings with the ending group's."""
    view = beginning_vs_ending()
    assert view.group.description  # a visible label
    assert "guilt" in view.panel.value
    view.group.value = "ending"
    assert "conscientiousness" in view.panel.value and "guilt" not in view.panel.value


def test_claim_tracer_marks_verified_and_unverified_claims():
    """Choosing a claim shows whether the abstract verifies it, always with the 'only part borne out' provenance."""
    view = claim_tracer()
    assert view.claim.description == "Claimed benefit:"
    view.claim.value = "enjoys_challenges"
    assert "Related finding in the abstract" in view.panel.value
    assert "bears out only part of it" in view.panel.value
    view.claim.value = "empathy"
    assert "No matching finding in the abstract" in view.panel.value
    assert "unconfirmed, not disproved" in view.panel.value


def test_claim_summary_counts_match_the_data():
    """The intro's counts agree with the data: some, but not all, claims match a finding."""
    matched, total = claim_summary()
    assert 0 < matched < total == len(load_outcomes().claims)


def test_unknown_claim_raises():
    """An unknown claim id raises KeyError naming it."""
    with pytest.raises(KeyError, match="telepathy"):
        claim_html("telepathy")


def test_judging_the_right_ticks_scores_full_marks():
    """Ticking exactly the supported statements judges every statement right."""
    verdicts = judge_conclusions(SUPPORTED)
    assert score(verdicts) == (len(ALL), len(ALL))


def test_ticking_the_causal_claim_names_the_caveats():
    """Ticking 'analysis causes these changes' is judged wrong and the feedback names cross-sectional and no control."""
    verdicts = {v.conclusion.id: v for v in judge_conclusions({"analysis_causes"})}
    verdict = verdicts["analysis_causes"]
    assert not verdict.right
    assert "Cross-sectional" in verdict.message and "No control group" in verdict.message
    assert not verdicts["groups_differ"].right  # a supported statement left unticked is also flagged


def test_unknown_tick_raises():
    """Ticking a statement id that does not exist is a KeyError, not a silent pass."""
    with pytest.raises(KeyError, match="bogus"):
        judge_conclusions({"bogus"})


def test_exercise_driven_by_clicks():
    """Ticking boxes and clicking Check shows per-statement feedback and the score; Start again clears it."""
    view = design_exercise()
    assert all(isinstance(b, widgets.Checkbox) and b.description for b in view.boxes.values())
    assert view.feedback.value.count("<li") == 0
    view.boxes["analysis_causes"].value = True
    view.boxes["groups_differ"].value = True
    view.check_button.click()
    feedback = view.feedback.value
    assert feedback.count("<li") == len(ALL)
    assert "Psychoanalysis causes these changes" in feedback and "Caveat: Cross-sectional" in feedback
    shown = [view.boxes[cid].description for cid in view.boxes]
    positions = [feedback.index(text) for text in shown]
    assert positions == sorted(positions)  # feedback follows the on-screen order
    right, total = score(judge_conclusions({"analysis_causes", "groups_differ"}))
    assert f"{right} of {total} statements judged right" in feedback
    view.reset_button.click()
    assert not view.ticked() and "<li" not in view.feedback.value


def test_exercise_order_is_seeded():
    """The same seed gives the same statement order; the order mixes supported and unsupported statements."""
    first = list(design_exercise(seed=1).boxes)
    assert first == list(design_exercise(seed=1).boxes)
    assert set(first) == ALL


def test_study_summary_renders_design_facts():
    """The study summary shows the design, raters and measure in HTML and in plain text."""
    summary = study_summary()
    for text in (summary._repr_html_(), repr(summary)):
        assert "Cross-sectional" in text and "treating analysts" in text and "SWAP-200" in text
