"""The content schema: TOML tables load into dataclasses, and every kind of mistake names file, entry and field."""

from dataclasses import dataclass
from typing import Any

import pytest

from course_lib.content.schema import ContentError, check_references, load_entries


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    weight: float
    tags: tuple[str, ...]
    extra: dict[str, str]
    payload: Any = None
    note: str | None = None

    def validate(self):
        if self.weight < 0:
            raise ValueError("weight must not be negative")


GOOD = """
[[item]]
id = "a"
name = "Alpha"
weight = 1
tags = ["x", "y"]
extra = { k = "v" }
payload = [1, 2]
"""


def write(tmp_path, text):
    path = tmp_path / "items.toml"
    path.write_text(text)
    return path


def test_good_entries_load_with_types_converted(tmp_path):
    """Lists become tuples, whole numbers become floats where a float is declared, optional fields default."""
    (item,) = load_entries(write(tmp_path, GOOD), "item", Item)
    assert item == Item("a", "Alpha", 1.0, ("x", "y"), {"k": "v"}, [1, 2], None)
    assert isinstance(item.weight, float)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda t: t.replace('name = "Alpha"\n', ""), "name", "required field is missing"),
        (lambda t: t.replace("weight = 1", 'weight = "heavy"'), "weight", "expected a number"),
        (lambda t: t.replace('tags = ["x", "y"]', "tags = [1]"), "tags", "expected a list of text items"),
        (lambda t: t.replace('name = "Alpha"', 'name = "  "'), "name", "must not be empty"),
        (lambda t: t + "colour = 'red'\n", "colour", "unknown field"),
        (lambda t: t + GOOD, "id", "duplicate id 'a'"),
    ],
)
def test_each_mistake_names_file_entry_and_field(tmp_path, change, field, message):
    """The error message says which file, which entry and which field is wrong, and how."""
    with pytest.raises(ContentError, match=message) as caught:
        load_entries(write(tmp_path, change(GOOD)), "item", Item)
    text = str(caught.value)
    assert "items.toml" in text and "[[item]] entry" in text and f"field '{field}'" in text


def test_validate_hook_errors_are_reported_with_the_entry(tmp_path):
    """A rule the class enforces is reported like a schema error."""
    with pytest.raises(ContentError, match=r"entry 1 \(id = 'a'\): weight must not be negative"):
        load_entries(write(tmp_path, GOOD.replace("weight = 1", "weight = -1")), "item", Item)


def test_missing_file_bad_toml_and_empty_table_are_clear(tmp_path):
    """Missing files, syntax errors and files without entries each get a plain message."""
    with pytest.raises(ContentError, match="file not found"):
        load_entries(tmp_path / "nope.toml", "item", Item)
    with pytest.raises(ContentError, match="not valid TOML"):
        load_entries(write(tmp_path, "[[item]\n"), "item", Item)
    with pytest.raises(ContentError, match=r"expected one or more \[\[item\]\] entries"):
        load_entries(write(tmp_path, "title = 'x'\n"), "item", Item)


def test_unknown_reference_keys_are_reported(tmp_path):
    """An entry citing a key the bibliography lacks is named."""

    @dataclass(frozen=True)
    class Cited:
        id: str
        references: tuple[str, ...]

    with pytest.raises(ContentError, match="unknown reference key 'nobody1999'"):
        check_references(tmp_path / "x.toml", [Cited("a", ("nobody1999",))], known=lambda key: key == "shedler2010")
