"""Tests for course_lib.content.outcomes: the cogan2005 study data behind lesson 06."""

import re

import pytest

from course_lib.content.outcomes import CLAIM_PROVENANCE, GROUPS, OUTCOMES_FILE, load_outcomes
from course_lib.content.schema import ContentError
from course_lib.evidence import select

GOOD_TEXT = OUTCOMES_FILE.read_text(encoding="utf-8")


def write_variant(tmp_path, old, new):
    """Copy the real outcomes file with one substitution (which must apply), and return the copy's path."""
    assert old in GOOD_TEXT, f"fixture text not found: {old!r}"
    path = tmp_path / "outcomes.toml"
    path.write_text(GOOD_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def test_real_file_loads_with_every_table():
    """The packaged file loads: one study, findings for both groups, claims, five caveats and the exercise."""
    outcomes = load_outcomes()
    assert outcomes.study.id == "cogan2005"
    for group in GROUPS:
        assert outcomes.findings_for(group)
    assert {c.id for c in outcomes.caveats} == {
        "cross_sectional", "unblinded_raters", "psychoanalysis_not_short_term", "no_control_group", "author_stake",
    }
    assert any(c.supported for c in outcomes.conclusions)
    assert any(not c.supported for c in outcomes.conclusions)


def test_verified_findings_match_the_abstract():
    """The findings carry the abstract's facts: anxiety, guilt and shame at the start; challenges and GAF at the end."""
    outcomes = load_outcomes()
    beginning = " ".join(f.text for f in outcomes.findings_for("beginning"))
    ending = " ".join(f.text for f in outcomes.findings_for("ending"))
    for word in ("anxiety", "guilt", "shame"):
        assert word in beginning
    for word in ("conscientiousness", "moral and ethical standards", "challenges", "GAF", "healthy-functioning"):
        assert word in ending
    for scale in ("Paranoid", "Schizotypal", "Borderline", "Histrionic", "Dependent"):
        assert scale in ending


def test_no_invented_numbers():
    """cogan2005 has no effect size in the course data, and the outcomes text shows no decimal figures."""
    assert not select(study_key="cogan2005")
    assert not re.search(r"\d\.\d", GOOD_TEXT)


def test_study_discloses_design_facts():
    """The study record states the cross-sectional design, the treating-analyst raters and the 26 + 26 analysts."""
    study = load_outcomes().study
    assert "Cross-sectional" in study.design
    assert "treating analysts" in study.raters
    assert "26" in study.participants
    assert "SWAP-200" in study.measure


def test_brief_claims_are_only_partly_verified():
    """Some of the brief's claimed benefits match a finding, others are marked not found, none is silently trusted."""
    outcomes = load_outcomes()
    statuses = {c.status for c in outcomes.claims}
    assert statuses == {"matches", "not_found"}
    for claim in outcomes.claims:
        if claim.status == "matches":
            assert outcomes.finding(claim.finding)
    assert "only part" in CLAIM_PROVENANCE and "cogan2005" in CLAIM_PROVENANCE


def test_author_stake_is_disclosed():
    """The caveats say that Shedler co-developed the SWAP-200."""
    caveat = load_outcomes().caveat("author_stake")
    assert "Shedler" in caveat.explanation and "SWAP-200" in caveat.explanation


def test_every_unsupported_conclusion_names_a_caveat():
    """Each conclusion the design cannot support names at least one caveat that rules it out."""
    outcomes = load_outcomes()
    for conclusion in outcomes.conclusions:
        if not conclusion.supported:
            assert conclusion.caveats
            for caveat_id in conclusion.caveats:
                assert outcomes.caveat(caveat_id)


def test_causal_conclusion_is_not_supported():
    """'Analysis causes these changes' is not supported, because of the cross-sectional design and no control group."""
    conclusion = load_outcomes().conclusion("analysis_causes")
    assert conclusion.supported is False
    assert set(conclusion.caveats) == {"cross_sectional", "no_control_group"}


BAD_CASES = [
    # (old, new, entry text expected in the message, field expected)
    ('group = "beginning"', 'group = "middle"', "begin_negative_affect", None),
    ('id = "less_anxiety"\ntext = "Less anxiety"\nstatus = "matches"\nfinding = "begin_negative_affect"',
     'id = "less_anxiety"\ntext = "Less anxiety"\nstatus = "matches"', "less_anxiety", None),
    ('finding = "end_challenges"', 'finding = "end_challenge"', "enjoys_challenges", "finding"),
    ('status = "not_found"', 'status = "unknown"', "less_depression", None),
    ('caveats = ["unblinded_raters"]', 'caveats = ["unblinded"]', "independent_confirmation", "caveats"),
    ('caveats = ["psychoanalysis_not_short_term"]', "", "short_term_benefits", None),
    ('references = ["cogan2005"]\n\n[[finding]]', 'references = ["cogan2006"]\n\n[[finding]]',
     "begin_negative_affect", "references"),
    ('undermines = "that patients changed during analysis"\n', "", "cross_sectional", "undermines"),
    ('supported = true\nfeedback = "Supported: this',
     'supported = "yes"\nfeedback = "Supported: this', "groups_differ", "supported"),
    ('measure = "The SWAP-200', 'instrument = "x"\nmeasure = "The SWAP-200', "cogan2005", "instrument"),
]


@pytest.mark.parametrize(("old", "new", "entry", "field"), BAD_CASES)
def test_bad_entries_name_file_entry_and_field(tmp_path, old, new, entry, field):
    """Each broken entry raises ContentError naming the file, the entry and (where it applies) the field."""
    path = write_variant(tmp_path, old, new)
    with pytest.raises(ContentError) as raised:
        load_outcomes(path)
    message = str(raised.value)
    assert str(path) in message
    assert entry in message
    if field is not None:
        assert raised.value.field == field or f"'{field}'" in message


def test_two_studies_are_rejected(tmp_path):
    """The file describes one study: a second [[study]] entry is an error naming the file."""
    extra = GOOD_TEXT.split("\n[[finding]]\n")[0].split("\n[[study]]\n")[1].replace('id = "cogan2005"', 'id = "other"')
    path = tmp_path / "outcomes.toml"
    path.write_text(GOOD_TEXT + "\n[[study]]\n" + extra, encoding="utf-8")
    with pytest.raises(ContentError, match="exactly one"):
        load_outcomes(path)


def test_unknown_group_lookup_raises():
    """Asking for findings of a group that does not exist raises KeyError naming the known groups."""
    with pytest.raises(KeyError, match="beginning"):
        load_outcomes().findings_for("middle")
