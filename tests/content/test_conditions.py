"""Tests for course_lib.content.conditions: conditions and follow-up evidence load, link to real rows, fail clearly."""

from pathlib import Path

import pytest

from course_lib.content.conditions import (
    EVIDENCE_STATUSES,
    ContentError,
    condition,
    conditions,
    follow_up_evidence,
    load_conditions,
    load_follow_up_evidence,
)
from course_lib.evidence import effect_size, load_effect_sizes

GOOD_CONDITION = """
[[condition]]
id = "anxiety"
name = "Anxiety"
evidence_status = "meta-analysis"
summary = "Better than control conditions."
effect_size_ids = ["keefe2014_vs_control"]
references = ["keefe2014"]
"""

GOOD_FOLLOW_UP = """
[[follow_up]]
id = "town2012"
label = "Supports: town2012"
reading = "supports"
summary = "A further small gain."
effect_size_ids = ["town2012_further"]
references = ["town2012"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "conditions.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_condition_the_facts_name_is_present():
    """The seven conditions shedler2010 is cited for are all there, plus the complex/mixed group marked as not his."""
    by_id = {c.id: c for c in conditions()}
    cited = {"depression", "anxiety", "panic", "somatic", "eating_disorders", "substance_use", "personality_disorders"}
    assert cited <= set(by_id)
    assert all(by_id[i].in_shedler_list for i in cited)
    assert not by_id["complex_mixed"].in_shedler_list


def test_conditions_without_figures_say_so_and_show_none():
    """Panic, eating disorders and substance use are 'cited-only' with no rows: no figure is invented for them."""
    for condition_id in ("panic", "eating_disorders", "substance_use"):
        item = condition(condition_id)
        assert item.evidence_status == "cited-only"
        assert item.effect_size_ids == ()
        assert not item.charted
        assert "no effect size to chart" in item.status_explained


def test_charted_conditions_use_the_rows_the_facts_name():
    """Each charted condition draws on the studies assigned to it (e.g. personality → leichsenring2003, doering2010)."""
    def studies(condition_id):
        return {effect_size(i).study_key for i in condition(condition_id).effect_size_ids}

    assert studies("depression") == {"driessen2010", "abbass2006", "leichsenring2001", "cuijpers2010", "cuijpers2019"}
    assert studies("anxiety") == {"keefe2014", "abbass2006"}
    assert studies("personality_disorders") == {"leichsenring2003", "doering2010"}
    assert studies("somatic") == {"abbass2006"}
    assert studies("complex_mixed") == {
        "leichsenring2008", "leichsenring2011", "demaat2009", "demaat2013", "smit2012", "town2012",
    }


def test_every_listed_row_exists_in_the_evidence_data():
    """All effect-size ids, in conditions and follow-up entries alike, are rows of effect_sizes.csv."""
    known = {row.id for row in load_effect_sizes()}
    for item in (*conditions(), *follow_up_evidence()):
        assert set(item.effect_size_ids) <= known, item.id


def test_personality_caveat_attributes_the_mechanism_to_the_brief():
    """The reparative-relationship explanation is flagged as the brief's interpretation, untested by the figures."""
    caveats = " ".join(condition("personality_disorders").caveats)
    assert "reparative relationship" in caveats
    assert "interpretation" in caveats


def test_follow_up_evidence_sets_the_claim_beside_its_qualifiers():
    """The follow-up section holds the claim, town2012's support, and the demaat2009 and keefe2014 qualifications."""
    readings = {f.id: f.reading for f in follow_up_evidence()}
    assert readings == {"shedler_headline": "claim", "town2012": "supports", "demaat2009": "qualifies",
                        "keefe2014": "qualifies"}
    town = next(f for f in follow_up_evidence() if f.id == "town2012")
    assert "0.18" in town.summary and "12.8 months" in town.summary


def test_a_good_file_loads(tmp_path):
    """A minimal well-formed condition loads with its defaults (listed by shedler2010, no caveats)."""
    (item,) = load_conditions(write(tmp_path, GOOD_CONDITION))
    assert item.in_shedler_list and item.caveats == ()
    assert item.status_explained == EVIDENCE_STATUSES["meta-analysis"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('evidence_status = "meta-analysis"', 'evidence_status = "strong"'), "evidence_status", "not one of"),
        (('evidence_status = "meta-analysis"', 'evidence_status = "cited-only"'), "effect_size_ids", "no figures"),
        (('effect_size_ids = ["keefe2014_vs_control"]', "effect_size_ids = []"), "effect_size_ids", "at least one"),
        (('summary = "Better than control conditions."\n', ""), "summary", "required field is missing"),
        (('name = "Anxiety"', "name = 7"), "name", "expected text"),
        (('effect_size_ids = ["keefe2014_vs_control"]', 'effect_size_ids = ["keefe2014_vs_nothing"]'),
         "effect_size_ids", "not in effect_sizes.csv"),
        (('references = ["keefe2014"]', 'references = ["abbass2006"]'), "references", "does not cite"),
        (('references = ["keefe2014"]', 'references = ["keefe2014", "nobody1999"]'), "references", "nobody1999"),
    ],
)
def test_bad_conditions_name_file_entry_and_field(tmp_path, change, field, message):
    """Each kind of bad condition raises ContentError naming the file, the entry ('anxiety') and the field."""
    path = write(tmp_path, GOOD_CONDITION.replace(*change))
    with pytest.raises(ContentError) as caught:
        load_conditions(path)
    text = str(caught.value)
    assert str(path) in text and "'anxiety'" in text and f"'{field}'" in text
    assert message in text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('reading = "supports"', 'reading = "proves"'), "reading", "not one of"),
        (('effect_size_ids = ["town2012_further"]', "effect_size_ids = []"), "effect_size_ids", "rows behind"),
        (('effect_size_ids = ["town2012_further"]', 'effect_size_ids = ["town2012_later"]'), "effect_size_ids",
         "town2012_later"),
    ],
)
def test_bad_follow_up_entries_name_file_entry_and_field(tmp_path, change, field, message):
    """Each kind of bad follow-up entry raises ContentError naming the file, the entry and the field."""
    path = write(tmp_path, GOOD_FOLLOW_UP.replace(*change))
    with pytest.raises(ContentError) as caught:
        load_follow_up_evidence(path)
    text = str(caught.value)
    assert str(path) in text and "'town2012'" in text and f"'{field}'" in text
    assert message in text


def test_ids_are_checked_against_the_given_evidence(tmp_path):
    """The id check uses the evidence rows it is given, so a withdrawn row is caught on load."""
    path = write(tmp_path, GOOD_CONDITION)
    with pytest.raises(ContentError, match="keefe2014_vs_control"):
        load_conditions(path, known_ids=lambda: {"some_other_row"})
