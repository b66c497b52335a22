"""Tests for course_lib.content.schools: the shipped schools load, and bad entries are reported precisely."""

from pathlib import Path

import pytest

from course_lib.content.schools import CLASSIFICATIONS, ContentError, load_schools, school, schools

GOOD_ENTRY = """
[[school]]
id = "freudian"
name = "Freudian"
founders = ["Sigmund Freud"]
era = "early 20th century"
key_ideas = ["Much of mental life is unconscious."]
relation_to_psychoanalysis = "The origin."
classification = "classical psychoanalysis"
references = []
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schools.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_eight_schools_of_the_brief_load_in_order():
    """The shipped file holds exactly the eight schools the course brief names, in teaching order."""
    names = [s.name for s in schools()]
    assert names == [
        "Freudian",
        "Jungian",
        "Kleinian",
        "Object relations",
        "Gestalt",
        "Lacanian",
        "Cognitive Analytic Therapy (CAT)",
        "Attachment-based",
    ]


def test_founders_are_those_the_facts_credit():
    """Each school names the founding figures the course facts give (e.g. Ryle for CAT, Bowlby for attachment)."""
    assert school("freudian").founders == ("Sigmund Freud",)
    assert school("object_relations").founders == ("Ronald Fairbairn", "Donald Winnicott")
    assert school("gestalt").founders_text == "Fritz Perls and Laura Perls"
    assert school("cognitive_analytic").founders == ("Anthony Ryle",)
    assert school("attachment_based").founders == ("John Bowlby",)


def test_gestalt_carries_its_classification_nuance():
    """Gestalt is classed humanistic-experiential, and its note says it still has psychoanalytic roots."""
    gestalt = school("gestalt")
    assert gestalt.classification == "humanistic-experiential"
    assert "psychoanalytic roots" in gestalt.classification_note
    others = [s for s in schools() if s.id != "gestalt"]
    assert all(s.classification != "humanistic-experiential" for s in others)


def test_every_school_has_era_ideas_and_a_known_classification():
    """No school is shown with an empty era, no key ideas, or a classification outside the vocabulary."""
    for item in schools():
        assert item.era and item.key_ideas and item.relation_to_psychoanalysis
        assert item.classification in CLASSIFICATIONS
        assert item.classification in item.classification_explained


def test_unknown_school_id_lists_known_ids():
    """Asking for a school that does not exist names the ones that do."""
    with pytest.raises(KeyError, match="freudian"):
        school("behavioural")


def test_a_good_file_loads(tmp_path):
    """A minimal well-formed entry loads into a School with tuples for its lists."""
    loaded = load_schools(write(tmp_path, GOOD_ENTRY))
    assert loaded[0].founders == ("Sigmund Freud",)
    assert loaded[0].classification_note is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (("classification = \"classical psychoanalysis\"", "classification = \"behavioural\""), "classification",
         "not one of"),
        (("founders = [\"Sigmund Freud\"]", "founders = []"), "founders", "at least one"),
        (("key_ideas = [\"Much of mental life is unconscious.\"]", "key_ideas = []"), "key_ideas", "at least one"),
        (("era = \"early 20th century\"\n", ""), "era", "required field is missing"),
        (("founders = [\"Sigmund Freud\"]", "founders = \"Sigmund Freud\""), "founders", "list of text"),
        (("references = []", "references = []\nfounded = 1896"), "founded", "unknown field"),
        (("classification = \"classical psychoanalysis\"", "classification = \"humanistic-experiential\""),
         "classification_note", "explain why"),
    ],
)
def test_bad_entries_name_file_entry_and_field(tmp_path, change, field, message):
    """Each kind of bad entry raises ContentError naming the file, the entry (with its id) and the field."""
    path = write(tmp_path, GOOD_ENTRY.replace(*change))
    with pytest.raises(ContentError) as caught:
        load_schools(path, check_refs=False)
    text = str(caught.value)
    assert str(path) in text
    assert "[[school]] entry 1 (id = 'freudian')" in text
    assert f"'{field}'" in text
    assert message in text


def test_duplicate_ids_are_rejected(tmp_path):
    """Two schools with the same id are reported with the second entry named."""
    path = write(tmp_path, GOOD_ENTRY + GOOD_ENTRY)
    with pytest.raises(ContentError, match=r"entry 2 .*duplicate id 'freudian'"):
        load_schools(path, check_refs=False)


def test_unknown_reference_key_is_rejected(tmp_path):
    """A school citing a key missing from the bibliography is reported with the key and the entry."""
    path = write(tmp_path, GOOD_ENTRY.replace("references = []", 'references = ["nobody1999"]'))
    with pytest.raises(ContentError) as caught:
        load_schools(path)
    assert "'nobody1999'" in str(caught.value) and "'freudian'" in str(caught.value)
    assert caught.value.field == "references"
