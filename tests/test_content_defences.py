"""Tests for course_lib.content.concepts.defences: Vaillant's four levels, the defences on them, and everyday scenes."""

import pytest

from course_lib.content.concepts.defences import DEFENCES_FILE, LEVEL_IDS, defence_catalogue, load_defences
from course_lib.content.schema import ContentError

GOOD_TEXT = DEFENCES_FILE.read_text(encoding="utf-8")


def variant(tmp_path, old, new):
    """A copy of the real file with one substitution (which must apply)."""
    assert old in GOOD_TEXT, old
    path = tmp_path / "defences.toml"
    path.write_text(GOOD_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def test_levels_run_from_less_to_more_adaptive():
    """The four levels come in Vaillant's order: psychotic, immature, neurotic, mature."""
    assert tuple(level.id for level in defence_catalogue().levels) == LEVEL_IDS


def test_at_least_twelve_scenes_covering_six_defences_on_three_levels():
    """The trainer has at least 12 scenes showing at least 6 defences, from immature, neurotic and mature levels."""
    catalogue = defence_catalogue()
    shown = catalogue.shown_in_scenes()
    assert len(catalogue.scenes) >= 12 and len(shown) >= 6
    assert {d.level for d in shown} >= {"immature", "neurotic", "mature"}


def test_every_level_names_defences():
    """Each level, the psychotic one included, has defences in the catalogue to teach."""
    catalogue = defence_catalogue()
    assert all(len(catalogue.on_level(level)) >= 3 for level in LEVEL_IDS)


def test_a_scene_with_an_unknown_defence_is_named(tmp_path):
    """A typo in a scene's defence names the file, the entry and the field."""
    path = variant(tmp_path, 'defence = "displacement"\ntext = "Priya', 'defence = "displacment"\ntext = "Priya')
    with pytest.raises(ContentError, match=r"\[\[scene\]\] entry 1 \(id = 'displacement-1'\), field 'defence'"):
        load_defences(path)


def test_levels_out_of_order_are_refused(tmp_path):
    """Swapping two levels' ranks is caught: the hierarchy's order is the point."""
    path = variant(tmp_path, 'id = "immature"\nname = "Immature level"\nrank = 2',
                   'id = "immature"\nname = "Immature level"\nrank = 3')
    path.write_text(path.read_text().replace('id = "neurotic"\nname = "Neurotic level"\nrank = 3',
                                             'id = "neurotic"\nname = "Neurotic level"\nrank = 2'))
    with pytest.raises(ContentError, match="ranked 1 to 4"):
        load_defences(path)
