"""Tests for content.concepts.therapies and head_to_head: the therapies map and the findings in both directions."""

import pytest

from course_lib.content.concepts.therapies import load_therapies, therapies, therapy
from course_lib.content.head_to_head import DIRECTIONS, by_direction, finding, findings, load_findings
from course_lib.content.schema import ContentError

SEVEN = {"supportive_expressive", "tldp", "istdp", "mbt", "tfp", "dit", "pfpp"}


def test_the_seven_manualised_therapies_and_two_set_apart():
    """SE, TLDP, ISTDP, MBT, TFP, DIT and PFPP are psychodynamic; IPT and CAT are set apart and say why."""
    by_id = {t.id: t for t in therapies()}
    assert {i for i, t in by_id.items() if t.psychodynamic} == SEVEN
    for apart in ("ipt", "cat"):
        assert not by_id[apart].psychodynamic and by_id[apart].set_apart_because
    assert "not psychodynamic" in by_id["ipt"].set_apart_because


def test_therapies_name_the_trials_that_tested_them():
    """TFP was tested in doering2010 and clarkin2007, MBT in bateman2008/2009, PFPP in milrod2007, SE in NIDA."""
    assert therapy("tfp").trials == ("doering2010", "clarkin2007")
    assert therapy("mbt").trials == ("bateman2008", "bateman2009")
    assert therapy("pfpp").trials == ("milrod2007",)
    assert therapy("supportive_expressive").trials == ("critschristoph1999",)
    assert therapy("tfp").references[0] == "yeomans2015"


def test_findings_run_in_both_directions():
    """Some findings favour the other treatment, some psychodynamic therapy; steinert2017 tests equivalence."""
    assert {f.id for f in by_direction("favours_other")} >= {"driessen2010", "tolin2010", "leichsenring2013",
                                                            "critschristoph1999"}
    assert {f.id for f in by_direction("favours_psychodynamic")} >= {"doering2010", "bateman2008", "milrod2007"}
    assert [f.id for f in by_direction("equivalent")] == ["steinert2017"]
    assert set(DIRECTIONS) == {f.direction for f in findings()}


def test_every_negative_number_in_a_finding_says_whom_it_favours():
    """A result that prints a negative value also says it favours the other therapies."""
    for item in findings():
        if "−" in item.result:
            assert "favour" in item.result, item.id


def test_doering_finding_carries_the_dropout_caveat():
    """The TFP trial's caveat gives the 67% against 38.5% dropout."""
    assert "67%" in finding("doering2010").caveat and "38.5%" in finding("doering2010").caveat


def test_a_therapy_set_apart_without_a_reason_is_refused(tmp_path):
    """psychodynamic = false with no set_apart_because fails, naming file, entry and field."""
    path = tmp_path / "therapies.toml"
    path.write_text('[[therapy]]\nid = "x"\nname = "X"\nabbreviation = "X"\ntargets = "t"\ncore_idea = "c"\n'
                    'trials = []\npsychodynamic = false\n', encoding="utf-8")
    with pytest.raises(ContentError, match="set_apart_because"):
        load_therapies(path)


def test_an_unknown_trial_or_direction_is_refused(tmp_path):
    """A therapy naming an unknown finding, or a finding with an unknown direction, fails on load."""
    path = tmp_path / "therapies.toml"
    path.write_text('[[therapy]]\nid = "x"\nname = "X"\nabbreviation = "X"\ntargets = "t"\ncore_idea = "c"\n'
                    'trials = ["nosuch2099"]\npsychodynamic = true\n', encoding="utf-8")
    with pytest.raises(ContentError, match="nosuch2099"):
        load_therapies(path)
    bad = tmp_path / "h2h.toml"
    bad.write_text('[[finding]]\nid = "x"\ncondition = "c"\nkind = "k"\ncomparison = "c"\ndirection = "won"\n'
                   'result = "r"\ncaveat = "c"\nreferences = ["driessen2010"]\n', encoding="utf-8")
    with pytest.raises(ContentError, match="direction"):
        load_findings(bad)
