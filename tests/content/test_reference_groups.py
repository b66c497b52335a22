"""Tests for course_lib.content.reference_groups: the complete, grouped bibliography shown in lesson 07."""

import pytest

from course_lib.content.reference_groups import REFERENCE_GROUPS_FILE, all_references, load_reference_groups
from course_lib.content.schema import ContentError
from course_lib.evidence import cite, load_references

GOOD_TEXT = REFERENCE_GROUPS_FILE.read_text(encoding="utf-8")


def write_variant(tmp_path, old, new):
    """Copy the real file with one substitution (which must apply), and return the copy's path."""
    assert old in GOOD_TEXT, f"fixture text not found: {old!r}"
    path = tmp_path / "reference_groups.toml"
    path.write_text(GOOD_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def test_every_reference_in_exactly_one_group():
    """The groups (seven or more, each id once) together hold every bibliography key exactly once."""
    groups = load_reference_groups()
    keys = [key for g in groups for key in g.keys]
    assert len(groups) == len({g.id for g in groups}) >= 7
    assert sorted(keys) == sorted(load_references())


def test_rendered_list_is_complete_and_grouped():
    """The rendered list shows each group title and every full reference, in HTML and plain text."""
    view = all_references()
    html_text, plain = view._repr_html_(), repr(view)
    for group in load_reference_groups():
        assert group.title in plain
    assert "<h4>Companion and process research</h4>" in html_text
    assert cite("cogan2005") in plain
    assert plain.count("\n- ") == len(load_references())


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"cogan2005"]', '"cogan2006"]', "unknown reference key 'cogan2006'"),
        ('keys = ["blagys2000", "shedler2010"]', 'keys = ["blagys2000", "shedler2010", "cohen1988"]', "already in"),
        ('"kraemer2006", "furukawa2011"]', '"kraemer2006"]', "in no group: furukawa2011"),
    ],
)
def test_bad_groups_name_file_group_and_field(tmp_path, old, new, message):
    """An unknown, repeated or missing key raises ContentError naming the file, the field and the problem."""
    path = write_variant(tmp_path, old, new)
    with pytest.raises(ContentError, match=message) as raised:
        load_reference_groups(path)
    assert str(path) in str(raised.value) and raised.value.field == "keys"
