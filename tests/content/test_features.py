"""Tests for course_lib.content.features: the seven features and six CBT activities as validated data."""

from __future__ import annotations

import pytest

from course_lib.content.features import (
    FEATURES_FILE,
    CbtActivity,
    Feature,
    label_name,
    labels,
    load_cbt_activities,
    load_features,
)
from course_lib.content.schema import ContentError

FEATURE_IDS = ["affect", "avoidance", "patterns", "past", "interpersonal", "relationship", "fantasy"]
CBT_IDS = ["homework", "directing", "skills", "future", "information", "cognitive"]

GOOD_FEATURE = """
[[feature]]
id = "affect"
number = 1
name = "Focus on affect"
summary = "Feelings."
description = "Feelings, named."
mechanism = "Emotional insight."
references = ["blagys2000"]
"""
GOOD_ACTIVITY = """
[[cbt_activity]]
id = "homework"
name = "Homework"
summary = "Tasks between sessions."
references = ["blagys2002"]
"""


def write(tmp_path, text):
    path = tmp_path / "features.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_features_load_in_the_reviews_order_with_the_stable_ids():
    """The seven features load numbered 1–7 with the ids other modules rely on."""
    items = load_features()
    assert [f.id for f in items] == FEATURE_IDS
    assert [f.number for f in items] == list(range(1, 8))
    assert all(isinstance(f, Feature) and f.mechanism and f.description for f in items)


def test_every_feature_cites_blagys2000():
    """Each feature is traceable to the review that found it."""
    assert all("blagys2000" in f.references for f in load_features())


def test_avoidance_carries_its_clinical_name():
    """The avoidance feature shows the clinical term 'working with resistance' (course-facts §2)."""
    avoidance = next(f for f in load_features() if f.id == "avoidance")
    assert avoidance.clinical_term == "working with resistance"


def test_cbt_activities_load_with_the_stable_ids_and_cite_blagys2002():
    """The six CBT-distinctive activities load with their ids, each citing the mirror review."""
    items = load_cbt_activities()
    assert [a.id for a in items] == CBT_IDS
    assert all(isinstance(a, CbtActivity) and "blagys2002" in a.references for a in items)


def test_labels_cover_features_and_activities_with_readable_names():
    """labels() maps all thirteen ids; label_name says which list a label belongs to."""
    assert list(labels()) == FEATURE_IDS + CBT_IDS
    assert label_name("avoidance").startswith("Feature 2 · ")
    assert label_name("skills") == "CBT · Teaching coping skills"


def test_a_missing_field_names_file_entry_and_field(tmp_path):
    """An entry without a mechanism is rejected with the file, the entry and the field named."""
    path = write(tmp_path, GOOD_FEATURE.replace('mechanism = "Emotional insight."\n', "") + GOOD_ACTIVITY)
    with pytest.raises(ContentError) as info:
        load_features(path, check_refs=False)
    message = str(info.value)
    assert str(path) in message and "id = 'affect'" in message and "'mechanism'" in message


def test_features_out_of_order_are_rejected(tmp_path):
    """A feature whose number does not follow the file order is reported on its number field."""
    path = write(tmp_path, GOOD_FEATURE.replace("number = 1", "number = 3") + GOOD_ACTIVITY)
    with pytest.raises(ContentError) as info:
        load_features(path, check_refs=False)
    assert info.value.field == "number" and "affect" in info.value.entry and info.value.path == path


def test_an_unknown_reference_key_is_rejected(tmp_path):
    """A feature citing a key missing from the bibliography names the entry and the references field."""
    path = write(tmp_path, GOOD_FEATURE.replace("blagys2000", "nobody1999") + GOOD_ACTIVITY)
    with pytest.raises(ContentError) as info:
        load_features(path)
    assert "nobody1999" in str(info.value) and info.value.field == "references" and "affect" in info.value.entry


def test_an_activity_reusing_a_feature_id_is_rejected(tmp_path):
    """A CBT activity may not share an id with a feature, since labels must be unambiguous."""
    path = write(tmp_path, GOOD_FEATURE + GOOD_ACTIVITY.replace('id = "homework"', 'id = "affect"'))
    with pytest.raises(ContentError) as info:
        load_cbt_activities(path, check_refs=False)
    assert info.value.field == "id" and "[[cbt_activity]] entry 1" in info.value.entry


def test_an_activity_with_a_mistyped_field_names_it(tmp_path):
    """A references value that is not a list is reported on that field."""
    path = write(tmp_path, GOOD_FEATURE + GOOD_ACTIVITY.replace('["blagys2002"]', '"blagys2002"'))
    with pytest.raises(ContentError) as info:
        load_cbt_activities(path, check_refs=False)
    assert info.value.field == "references" and "homework" in info.value.entry


def test_the_packaged_file_is_the_default():
    """Loading with no argument reads the course's own features.toml."""
    assert FEATURES_FILE.name == "features.toml" and len(load_features(FEATURES_FILE)) == 7
