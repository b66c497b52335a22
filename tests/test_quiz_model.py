"""Tests for course_lib.practice.model: the question schema and its per-kind rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_lib.content.schema import ContentError, load_entries
from course_lib.practice.model import Question

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"

BASE = {
    "single": {
        "id": "q02.1", "objective": "o2.1", "kind": "single", "prompt": "Pick one.",
        "choices": {"A": "first", "B": "second", "C": "third"}, "answer": "B", "wrong": ["A"],
        "hints": ["a hint"], "explanation": "because", "references": ["blagys2000"],
    },
    "multiple": {
        "id": "q02.2", "objective": "o2.1", "kind": "multiple", "prompt": "Pick some.",
        "choices": {"A": "first", "B": "second", "C": "third"}, "answer": ["A", "C"], "wrong": [["A"]],
        "hints": ["a hint"], "explanation": "because",
    },
    "matching": {
        "id": "q02.3", "objective": "o2.2", "kind": "matching", "prompt": "Match.",
        "left": {"1": "one", "2": "two"}, "right": {"A": "a", "B": "b"}, "answer": {"1": "B", "2": "A"},
        "wrong": [{"1": "A", "2": "B"}], "hints": ["a hint"], "explanation": "because",
    },
    "numeric": {
        "id": "q02.4", "objective": "o2.1", "kind": "numeric", "prompt": "How many? (±0.5)", "answer": 7,
        "tolerance": 0.5, "wrong": [6], "hints": ["a hint"], "explanation": "because",
    },
    "ordering": {
        "id": "q02.5", "objective": "o2.1", "kind": "ordering", "prompt": "Order.",
        "items": {"A": "a", "B": "b", "C": "c"}, "answer": ["C", "A", "B"], "wrong": [["A", "B", "C"]],
        "hints": ["a hint"], "explanation": "because",
    },
    "reflection": {
        "id": "q02.6", "objective": "o2.3", "kind": "reflection", "prompt": "Why?", "hints": ["a hint"],
        "model_answer": "Because of this and that.",
    },
}


def toml_value(value) -> str:
    """Write a Python value as TOML (strings via JSON escapes, which TOML basic strings share)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def write_question(tmp_path: Path, entry: dict) -> Path:
    """Write one [[question]] entry to a file named like a lesson file."""
    path = tmp_path / "02_seven_distinctive_features.toml"
    lines = ["[[question]]", *(f"{key} = {toml_value(value)}" for key, value in entry.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def variant(base: str, changes: dict) -> dict:
    """A valid entry of kind ``base`` with some fields changed (None removes a field)."""
    entry = {**BASE[base], **changes}
    return {key: value for key, value in entry.items() if value is not None}


@pytest.mark.parametrize("kind", sorted(BASE))
def test_valid_entry_of_every_kind_loads(tmp_path, kind):
    """A well-formed question of each kind loads into a Question with its fields."""
    (question,) = load_entries(write_question(tmp_path, BASE[kind]), "question", Question)
    assert question.kind == kind
    assert question.hints == ("a hint",)


def test_sample_file_loads_all_kinds():
    """The sample file used by the other quiz tests holds one valid question of every kind."""
    questions = load_entries(SAMPLE, "question", Question)
    assert sorted(q.kind for q in questions) == sorted(BASE)


BAD = [
    ("single", {"answer": "E"}, "answer"),
    ("single", {"answer": ["B"]}, "answer"),
    ("single", {"choices": {"A": "only one"}, "answer": "A", "wrong": []}, "choices"),
    ("single", {"wrong": ["B"]}, "wrong"),
    ("single", {"wrong": ["Z"]}, "wrong"),
    ("single", {"wrong": "A"}, "wrong"),
    ("single", {"hints": []}, "hints"),
    ("single", {"hints": None}, "hints"),
    ("single", {"objective": "objective 1"}, "objective"),
    ("single", {"objective": "o3.1"}, "objective"),
    ("single", {"id": "q2.1"}, "id"),
    ("single", {"id": "q02B.1"}, "id"),
    ("single", {"id": "q01b.1"}, "objective"),  # o2.1 belongs to lesson 02, not 01b
    ("single", {"kind": "essay"}, "kind"),
    ("single", {"explanation": None}, "explanation"),
    ("single", {"choices": None}, "choices"),
    ("single", {"tolerance": 0.1}, "tolerance"),
    ("single", {"colour": "red"}, "colour"),
    ("multiple", {"answer": []}, "answer"),
    ("multiple", {"answer": "A"}, "answer"),
    ("multiple", {"answer": ["A", "Q"]}, "answer"),
    ("multiple", {"wrong": [["C", "A"]]}, "wrong"),
    ("matching", {"answer": {"1": "B"}}, "answer"),
    ("matching", {"answer": {"1": "B", "2": "Z"}}, "answer"),
    ("matching", {"answer": {"1": "B", "3": "A"}}, "answer"),
    ("matching", {"right": None}, "right"),
    ("numeric", {"tolerance": 0}, "tolerance"),
    ("numeric", {"tolerance": None}, "tolerance"),
    ("numeric", {"answer": "7"}, "answer"),
    ("numeric", {"wrong": [7.2]}, "wrong"),
    ("ordering", {"answer": ["C", "A"]}, "answer"),
    ("ordering", {"answer": ["C", "A", "A"]}, "answer"),
    ("ordering", {"answer": ["C", "A", "D"]}, "answer"),
    ("ordering", {"wrong": [["C", "A", "B"]]}, "wrong"),
    ("reflection", {"model_answer": None}, "model_answer"),
    ("reflection", {"answer": "B"}, "answer"),
    ("reflection", {"wrong": ["B"]}, "wrong"),
]


@pytest.mark.parametrize(("kind", "changes", "field"), BAD, ids=[f"{k}-{f}-{i}" for i, (k, _, f) in enumerate(BAD)])
def test_schema_violation_names_file_entry_and_field(tmp_path, kind, changes, field):
    """Each schema violation raises ContentError naming the file, the entry and the offending field."""
    entry = variant(kind, changes)
    path = write_question(tmp_path, entry)
    with pytest.raises(ContentError) as caught:
        load_entries(path, "question", Question)
    message = str(caught.value)
    assert path.name in message
    assert "entry 1" in message
    assert f"'{field}'" in message


def test_a_lesson_with_a_letter_has_its_own_questions_and_objectives(tmp_path):
    """q01b.4 with objective o1b.2 loads, belongs to lesson "01b", and is not mistaken for lesson 01."""
    (question,) = load_entries(write_question(tmp_path, variant("single", {"id": "q01b.4", "objective": "o1b.2"})),
                               "question", Question)
    assert question.lesson_number == "01b"
    with pytest.raises(ContentError, match="not an objective of lesson 01b"):
        load_entries(write_question(tmp_path, variant("single", {"id": "q01b.4", "objective": "o1.2"})),
                     "question", Question)


def test_options_follow_the_kind():
    """A question's options are its choices, right-hand options or items, depending on its kind."""
    questions = {q.kind: q for q in load_entries(SAMPLE, "question", Question)}
    assert questions["single"].options is questions["single"].choices
    assert questions["matching"].options is questions["matching"].right
    assert questions["ordering"].options is questions["ordering"].items
    assert questions["numeric"].lesson_number == "02"


def test_tolerance_edge_forgives_float_rounding(tmp_path):
    """A numeric answer exactly one tolerance away counts even when float subtraction overshoots (0.4 − 0.3)."""
    entry = variant("numeric", {"answer": 0.3, "tolerance": 0.1, "wrong": [0.5]})
    (question,) = load_entries(write_question(tmp_path, entry), "question", Question)
    assert question.within_tolerance(0.4)
    assert question.within_tolerance(0.2)
    assert not question.within_tolerance(0.41)
