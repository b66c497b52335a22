"""Per-student variants: the same student always gets the same version, students get different ones, and a key
follows the student's letters and numbers."""

from __future__ import annotations

import pytest

from course_lib.grading import variants

SINGLE = {"course": "c", "quiz": "q", "id": "q6", "kind": "single", "shuffle": True, "stem": "Which?",
          "options": ["right", "wrong one", "wrong two", "wrong three"], "items": [], "key": "A"}
NUMERIC = {"course": "c", "quiz": "q", "id": "q5", "kind": "numeric", "shuffle": False,
           "stem": "A rate of {cer}.", "options": [], "items": [], "params": {"cer": [0.2, 0.1, 0.3]},
           "key": 4.2408, "formula": "1 / (Phi(0.68 + Phi_inv(cer)) - cer)"}


def test_the_same_student_always_gets_the_same_version():
    """Deriving twice (or on another machine) gives the same order: it depends only on the four names."""
    assert variants.view(SINGLE, "ann") == variants.view(SINGLE, "ann")
    assert variants.order(4, variants.seed("c", "q", "q6", "ann")) == variants.view(SINGLE, "ann").order


def test_students_get_several_orders_and_every_order_is_a_permutation():
    """Across 20 students a shuffled item shows several orders, each a permutation of the options."""
    orders = {variants.view(SINGLE, f"s{n}").order for n in range(20)}
    assert len(orders) >= 5
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders)


def test_the_key_moves_with_the_option_it_names():
    """The student's key is the letter under which they see the declared right option."""
    for n in range(20):
        seen = variants.view(SINGLE, f"s{n}")
        key = variants.key(SINGLE, seen)
        assert seen.options[seen.letters.index(key)] == "right"


def test_the_empty_id_gives_the_declared_version():
    """No ID: the declared order, the first value, the declared key (what the source notebook holds)."""
    assert variants.key(SINGLE, variants.view(SINGLE, "")) == "A"
    assert variants.key(NUMERIC, variants.view(NUMERIC, "")) == pytest.approx(4.2408, abs=1e-4)


def test_a_numeric_key_follows_the_student_numbers():
    """The formula is worked on the student's own parameter, and the stem shows that same number."""
    keys = set()
    for n in range(20):
        seen = variants.view(NUMERIC, f"s{n}")
        assert f"A rate of {seen.params['cer']:g}." == seen.stem
        keys.add(variants.key(NUMERIC, seen))
    assert len(keys) == 3


@pytest.mark.parametrize("formula", ["__import__('os')", "open('x')", "cer.real", "[cer]", "lambda: 1", "'a' * 3"])
def test_a_formula_may_only_do_arithmetic(formula):
    """Anything but arithmetic, the parameters and the allowed functions is refused with a reason."""
    with pytest.raises(ValueError, match="formula"):
        variants.evaluate(formula, {"cer": 0.2})


def test_an_explanation_reads_in_the_student_letters_and_numbers():
    """{A} becomes the student's letter for the declared A; {cer} and {key} their numbers."""
    seen = variants.view(SINGLE, "s3")
    assert variants.explain(SINGLE, seen, "{A} is right") == f"{variants.key(SINGLE, seen)} is right"
    numeric = variants.view(NUMERIC, "s1")
    text = variants.explain(NUMERIC, numeric, "rate {cer}, NNT {key}")
    assert text == f"rate {numeric.params['cer']:g}, NNT {variants.key(NUMERIC, numeric):g}"


def test_multiple_matching_and_ordering_keys_map_letter_by_letter():
    """A set, a matching and an ordering key each name the same declared options in the student's letters."""
    for kind, key in (("multiple", ["A", "C"]), ("matching", {"1": "B", "2": "A"}), ("ordering", ["C", "A", "B"])):
        spec = {**SINGLE, "kind": kind, "options": ["x", "y", "z"], "key": key}
        seen = variants.view(spec, "ann")
        mine = variants.key(spec, seen)
        letters = mine.values() if isinstance(mine, dict) else mine
        declared = key.values() if isinstance(key, dict) else key
        assert sorted(seen.declared_letter(letter) for letter in letters) == sorted(declared)
