"""Copying shows: a student who answered a classmate's variant is listed with that classmate and the items, honest
students are not, and a class of 5,000 is checked in well under a second."""

from __future__ import annotations

import itertools
import random
import time

import pytest

from course_lib.instructor.report import copying

ITEMS = ["q1", "q2", "q3", "q4"]
KEYS = {
    "alice": {"q1": "A", "q2": "B", "q3": "C", "q4": 0.25},
    "bob": {"q1": "C", "q2": "D", "q3": "C", "q4": 0.75},
    "chen": {"q1": "B", "q2": "A", "q3": "D", "q4": 0.5},
}


def _find(answers, keys=KEYS, items=ITEMS, **options):
    return copying.find_copying(answers, lambda student, item: keys[student][item], items,
                                tolerance={"q4": 0.01}, **options)


def test_a_student_who_submits_a_classmates_key_is_listed_with_the_classmate_and_the_items():
    """Bob handing in Alice's answers is listed with alice and the three items where their keys differ (not q3, where
    both were given C); Alice and Chen, answering their own variants, are not listed."""
    answers = {"alice": dict(KEYS["alice"]), "bob": dict(KEYS["alice"]), "chen": dict(KEYS["chen"])}
    [match] = _find(answers)
    assert (match.student, match.others, match.items) == ("bob", ("alice",), ("q1", "q2", "q4"))
    assert match.chance >= 0


def test_honest_mistakes_are_not_copying():
    """A student with wrong answers of their own (letters that are nobody's key on that item, or blanks) is not
    listed."""
    answers = {"alice": {"q1": "D", "q2": None, "q3": "A", "q4": 0.9}, "bob": dict(KEYS["bob"]),
               "chen": dict(KEYS["chen"])}
    assert _find(answers) == []


def test_one_item_answered_otherwise_rules_the_classmate_out():
    """Bob answering Alice's keys except on q2, which he leaves blank, is not listed: every differing item must be
    answered with the classmate's key."""
    answers = {"alice": dict(KEYS["alice"]), "bob": {**KEYS["alice"], "q2": None}, "chen": dict(KEYS["chen"])}
    assert _find(answers) == []


def test_a_single_differing_item_is_not_enough():
    """When the keys differ on one item only, answering it with the classmate's key lists nobody."""
    keys = {"dana": {"q1": "A", "q2": "B"}, "eli": {"q1": "A", "q2": "C"}}
    answers = {"dana": {"q1": "A", "q2": "C"}, "eli": {"q1": "A", "q2": "C"}}
    assert _find(answers, keys, ["q1", "q2"]) == []


def test_numbers_count_as_a_key_within_the_items_tolerance_own_key_first():
    """0.755 is Bob's 0.75 within 0.01; an answer within the tolerance of the student's own key is their own even
    when it is near a classmate's too."""
    answers = {"alice": {"q1": "C", "q2": "D", "q3": "C", "q4": 0.755}, "bob": dict(KEYS["bob"]),
               "chen": dict(KEYS["chen"])}
    [match] = _find(answers)
    assert (match.student, match.others, match.items) == ("alice", ("bob",), ("q1", "q2", "q4"))
    near = {"alice": {"q1": "C", "q2": "D", "q3": "C", "q4": 0.25}}
    assert _find(near | {"bob": dict(KEYS["bob"]), "chen": dict(KEYS["chen"])}) == []


def test_classmates_with_the_same_keys_are_listed_together():
    """When two classmates were given the same keys on every variant item, both are named, in natural order."""
    keys = KEYS | {"ann10": dict(KEYS["alice"]), "ann2": dict(KEYS["alice"])}
    answers = {student: dict(k) for student, k in keys.items()} | {"bob": dict(KEYS["alice"])}
    [match] = _find(answers, keys)
    assert (match.student, match.others) == ("bob", ("alice", "ann2", "ann10"))


def test_a_classmate_whose_keys_explain_only_part_of_the_answers_is_left_out():
    """Fred, whose keys are Alice's on q1 and q2 and Bob's own on q3 and q4, fits Bob's copy of Alice's answers too,
    but less of it: only Alice is listed."""
    keys = KEYS | {"fred": {"q1": "A", "q2": "B", "q3": "C", "q4": 0.75}}
    answers = {student: dict(k) for student, k in keys.items()} | {"bob": dict(KEYS["alice"])}
    assert [(m.student, m.others) for m in _find(answers, keys)] == [("bob", ("alice",))]


def test_answers_read_and_keys_compare_in_every_form():
    """A reading's tuple matches the key "DBAC", a frozenset the set, a matching's dict its pairs, letters any case."""
    assert copying.canonical(("D", "B", "A", "C")) == copying.canonical("DBAC")
    assert copying.canonical(frozenset({"a", "D"})) == copying.canonical({"D", "A"})
    assert copying.canonical({2: "a", 1: "B"}) == copying.canonical({1: "B", 2: "A"})
    assert copying.canonical(None) is None and copying.canonical(3) == 3.0


def test_chance_is_the_expected_number_of_classmates_a_fit_would_find_by_coincidence():
    """Enumerating every key a classmate could be given (at the class's rates) gives the same expected number."""
    rng = random.Random(4)
    items = ["q1", "q2", "q3"]
    keys = {f"s{i}": {item: rng.choice("ABCD") for item in items} for i in range(40)}
    copier = {item: keys["s1"][item] for item in items}
    keys["s0"] = {"q1": "A" if copier["q1"] != "A" else "B", "q2": "A" if copier["q2"] != "A" else "B",
                  "q3": copier["q3"]}
    answers = {s: dict(k) for s, k in keys.items()} | {"s0": copier}
    match = next(m for m in _find(answers, keys, items) if m.student == "s0")
    shares = [{letter: sum(k[item] == letter for k in keys.values()) / len(keys) for letter in "ABCD"}
              for item in items]
    expected = 0.0
    for combo in itertools.product("ABCD", repeat=3):
        fits = all(c in (keys["s0"][item], copier[item]) for c, item in zip(combo, items, strict=True))
        differ = sum(c != keys["s0"][item] for c, item in zip(combo, items, strict=True))
        if fits and differ >= 2:
            expected += shares[0][combo[0]] * shares[1][combo[1]] * shares[2][combo[2]]
    assert match.chance == pytest.approx(expected * (len(keys) - 1))


def test_chance_is_small_for_a_copied_dozen_items_and_large_for_three():
    """A copy of a classmate's keys on twelve shuffled items, all twelve different from one's own, would fit under 0.1
    of 299 classmates by coincidence; on three items it would fit several."""
    rng = random.Random(5)

    def chance(n_items):
        items = [f"q{i}" for i in range(n_items)]
        keys = {f"s{i}": {item: rng.choice("ABCD") for item in items} for i in range(300)}
        keys["s1"] = {item: "B" if keys["s0"][item] == "A" else "A" for item in items}  # differs on every item
        answers = {s: dict(k) for s, k in keys.items()} | {"s0": dict(keys["s1"])}
        return next(m.chance for m in _find(answers, keys, items) if m.student == "s0" and "s1" in m.others)

    assert chance(12) < 0.1
    assert chance(3) > 5


def test_five_thousand_students_are_checked_in_well_under_a_second():
    """A class of 5,000 with 15 shuffled items, a third of answers wrong at random and one copier, takes under a
    second and lists the copier."""
    rng = random.Random(1)
    items = [f"q{i}" for i in range(1, 16)]
    keys = {f"s{j}": {item: rng.choice("ABCD") for item in items} for j in range(5000)}
    answers = {s: {item: (key if rng.random() < 0.7 else rng.choice("ABCD")) for item, key in k.items()}
               for s, k in keys.items()}
    answers["s1"] = dict(keys["s2"])
    start = time.perf_counter()
    found = copying.find_copying(answers, lambda student, item: keys[student][item], items)
    assert time.perf_counter() - start < 1.0
    assert ("s1", ("s2",)) in [(m.student, m.others) for m in found]
