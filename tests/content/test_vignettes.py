"""Tests for course_lib.content.vignettes: the labelled therapist–client exchanges."""

from __future__ import annotations

from collections import Counter

import pytest

from course_lib.content.features import load_cbt_activities, load_features
from course_lib.content.schema import ContentError
from course_lib.content.vignettes import STANCES, Vignette, load_vignettes, vignettes_for

GOOD = """
[[vignette]]
id = "affect-1"
label = "affect"
stance = "non-directive"
client = "It's fine."
therapist = "Your voice dropped."
explanation = "Attends to the feeling."
"""


def write(tmp_path, text):
    path = tmp_path / "vignettes.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_there_are_at_least_28_vignettes():
    """The course ships at least 28 vignettes, all of them Vignette records."""
    items = load_vignettes()
    assert len(items) >= 28 and all(isinstance(v, Vignette) for v in items)


def test_every_feature_has_at_least_three_vignettes():
    """Each of the seven features is shown by three or more exchanges."""
    counts = Counter(v.label for v in load_vignettes())
    assert all(counts[f.id] >= 3 for f in load_features())


def test_cbt_contrasts_number_at_least_seven_and_cover_all_six_activities():
    """At least seven CBT-style contrasts, covering homework, directing, skills, future, information, cognitive."""
    cbt_ids = {a.id for a in load_cbt_activities()}
    cbt = [v for v in load_vignettes() if v.label in cbt_ids]
    assert len(cbt) >= 7 and {v.label for v in cbt} == cbt_ids


def test_every_vignette_is_short_and_explained_in_one_line():
    """Client and therapist lines stay short, and each explanation is a single line."""
    for v in load_vignettes():
        assert v.stance in STANCES
        assert "\n" not in v.explanation and len(v.explanation) <= 160, v.id
        assert len(v.client) <= 200 and len(v.therapist) <= 220, v.id


def test_vignettes_for_returns_only_that_label():
    """vignettes_for picks out the exchanges of one label, in file order."""
    found = vignettes_for("avoidance")
    assert len(found) >= 3 and {v.label for v in found} == {"avoidance"}


def test_an_unknown_label_names_file_entry_and_field(tmp_path):
    """A typo in a label is caught at load time, naming the file, the entry and the label field."""
    path = write(tmp_path, GOOD.replace('label = "affect"', 'label = "affekt"'))
    with pytest.raises(ContentError) as info:
        load_vignettes(path)
    assert info.value.path == path and "affect-1" in info.value.entry and info.value.field == "label"
    assert "affekt" in str(info.value)


def test_an_unknown_stance_is_rejected(tmp_path):
    """A stance outside directive / non-directive is reported with file and entry."""
    path = write(tmp_path, GOOD.replace('"non-directive"', '"neutral"'))
    with pytest.raises(ContentError) as info:
        load_vignettes(path)
    assert "affect-1" in info.value.entry and "'stance'" in str(info.value) and str(path) in str(info.value)


def test_a_missing_explanation_is_rejected(tmp_path):
    """An exchange without its explanation is refused, naming the explanation field."""
    path = write(tmp_path, GOOD.replace('explanation = "Attends to the feeling."\n', ""))
    with pytest.raises(ContentError) as info:
        load_vignettes(path)
    assert info.value.field == "explanation" and "affect-1" in info.value.entry


def test_duplicate_ids_are_rejected(tmp_path):
    """Two exchanges with one id are refused, naming the second entry."""
    path = write(tmp_path, GOOD + GOOD)
    with pytest.raises(ContentError) as info:
        load_vignettes(path)
    assert info.value.field == "id" and "entry 2" in info.value.entry
