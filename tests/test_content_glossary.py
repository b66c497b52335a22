"""Tests for course_lib.content.glossary: the course's key terms, their links and their loader's errors."""

import pytest

from course_lib.content.glossary import FEATURE_IDS, GLOSSARY_FILE, load_glossary, search, term
from course_lib.content.lessons import lessons
from course_lib.content.schema import ContentError
from course_lib.evidence import load_references

GOOD_TEXT = GLOSSARY_FILE.read_text(encoding="utf-8")

# Terms the brief asks the glossary to cover, across every lesson.
REQUIRED_IDS = [
    "psychoanalysis", "psychodynamic_psychotherapy", "transference", "working_alliance", "resistance", "defence",
    "emotional_insight", "non_directive", "object_relations", "attachment_theory", "effect_size", "cohens_d",
    "hedges_g", "smd", "pre_post_effect", "between_group_effect", "u3", "overlap", "probability_of_superiority",
    "nnt", "control_event_rate", "meta_analysis", "publication_bias", "heterogeneity", "follow_up",
    "wait_list_control", "treatment_as_usual", "active_placebo", "common_factors", "prototype", "q_sort",
    "swap_200", "cross_sectional_design", "blind_rating",
]


def write_variant(tmp_path, old, new):
    """Copy the real glossary with one substitution (which must apply), and return the copy's path."""
    assert old in GOOD_TEXT, f"fixture text not found: {old!r}"
    path = tmp_path / "glossary.toml"
    path.write_text(GOOD_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def test_at_least_thirty_terms_including_the_required_ones():
    """The glossary holds at least 30 terms and covers every term the course promises."""
    terms = load_glossary()
    assert len(terms) >= 30
    ids = {t.id for t in terms}
    assert set(REQUIRED_IDS) <= ids


def test_terms_come_from_most_lessons():
    """Terms are taught across the course: lessons 01 to 06 each contribute at least one."""
    taught = {t.lesson for t in load_glossary()}
    for item in lessons():
        if item.number in {"01", "02", "03", "04", "05", "06"}:
            assert item.id in taught, item.id


def test_links_resolve():
    """Every see-also id names a glossary term, every lesson exists, every reference key is in the bibliography."""
    terms = load_glossary()
    ids = {t.id for t in terms}
    lesson_ids = {x.id for x in lessons()}
    keys = set(load_references())
    for item in terms:
        assert set(item.see_also) <= ids, item.id
        assert item.lesson in lesson_ids
        assert set(item.references) <= keys


def test_sorted_alphabetically():
    """The terms come back in alphabetical order of their display names."""
    names = [t.term.casefold() for t in load_glossary()]
    assert names == sorted(names)


def test_feature_terms_use_feature_ids():
    """Feature-linked terms use the shared feature ids (e.g. transference → relationship, resistance → avoidance)."""
    assert term("transference").feature == "relationship"
    assert term("resistance").feature == "avoidance"
    assert {t.feature for t in load_glossary() if t.feature} & set(FEATURE_IDS)


def test_definitions_agree_with_course_facts():
    """Worked values in the effect-size definitions match the arithmetic taught (d = 0.8: U3 79%, overlap 69%)."""
    assert "79 percent" in term("u3").definition
    assert "69 percent" in term("overlap").definition
    assert "2.3" in term("nnt").definition
    assert "0.2" in term("cohens_d").definition and "0.8" in term("cohens_d").definition


def test_search_finds_by_name_then_by_definition():
    """Searching 'alliance' finds the working alliance first; a blank query returns every term."""
    found = search("Alliance")
    assert found[0].id == "working_alliance"
    assert [t.id for t in search("transference")][:2] == ["transference", "countertransference"]
    assert len(search("  ")) == len(load_glossary())
    assert search("no such words anywhere") == ()


def test_unknown_term_raises():
    """Asking for a term that does not exist raises KeyError naming it."""
    with pytest.raises(KeyError, match="nope"):
        term("nope")


BAD_CASES = [
    # (old, new, entry expected in the message, field expected)
    ('see_also = ["working_alliance", "reparative_relationship", "recurring_patterns"]',
     'see_also = ["working_aliance"]', "transference", "see_also"),
    ('see_also = ["overlap", "probability_of_superiority", "cohens_d"]', 'see_also = ["u3"]', "u3", None),
    ('lesson = "04_who_benefits"\nsee_also = ["pre_post_effect", "effect_size"]',
     'lesson = "04_who_benefit"\nsee_also = ["pre_post_effect", "effect_size"]', "follow_up", "lesson"),
    ('references = ["mcgraw1992"]', 'references = ["mcgraw1993"]', "probability_of_superiority", "references"),
    ('feature = "fantasy"', 'feature = "dreams"', "fantasy_life", None),
    ('id = "hedges_g"\nterm = "Hedges\' g"\n', 'id = "hedges_g"\n', "hedges_g", "term"),
    ('id = "gaf"', 'id = "u3"', "u3", "id"),
    ('references = ["tryon2011", "castonguay1996"]', 'references = "tryon2011"', "common_factors", "references"),
    ('term = "SWAP-200"', 'term = "SWAP-200"\nsynonym = "x"', "swap_200", "synonym"),
]


@pytest.mark.parametrize(("old", "new", "entry", "field"), BAD_CASES)
def test_bad_entries_name_file_entry_and_field(tmp_path, old, new, entry, field):
    """Each broken entry raises ContentError naming the file, the entry and (where it applies) the field."""
    path = write_variant(tmp_path, old, new)
    with pytest.raises(ContentError) as raised:
        load_glossary(path)
    message = str(raised.value)
    assert str(path) in message
    assert entry in message
    if field is not None:
        assert raised.value.field == field or f"'{field}'" in message
