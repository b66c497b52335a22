"""Variant declarations in a quiz's data: the course's quizzes turn them on where they make sense, and each kind of
mistake gets one message naming the file, the item and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest

from course_lib.instructor.quizzes.build import ASSIGNMENTS, QuizDataError, load_quiz, main, render

HEAD = '''
title = "T"
intro = "I"
[variants]
on = true
shuffle = true
'''
SINGLE = '''
[[item]]
id = "q1"
kind = "single"
points = 1
prompt = "Which?"
options = ["one", "two", "three"]
key = "A"
explanation = "{A} is right."
'''
NUMERIC = '''
[[item]]
id = "q2"
kind = "numeric"
points = 1
prompt = "A rate of {cer}."
key = 4.2408
tolerance = 0.1
range = [1, 100]
'''


def _quiz(tmp_path: Path, text: str) -> Path:
    (tmp_path / "quizzes").mkdir(exist_ok=True)
    path = tmp_path / "quizzes" / "q9_test.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_quizzes_one_to_four_vary_and_five_does_not():
    """Quizzes 1-4 shuffle every choice item; quiz 3 also draws the numbers of its arithmetic; quiz 5 is as before."""
    for name in ("q1_features_and_process", "q2_who_benefits_and_outcomes", "q3_reading_the_evidence", "q4_final"):
        quiz = load_quiz(ASSIGNMENTS / "quizzes" / f"{name}.toml")
        choice = [item for item in quiz.items if item.kind in ("single", "multiple", "matching", "ordering")]
        assert choice and all(item.specs and item.specs[0]["shuffle"] for item in choice), name
    quiz3 = load_quiz(ASSIGNMENTS / "quizzes" / "q3_reading_the_evidence.toml")
    drawn = [item.id for item in quiz3.items if item.specs and ("rows" in item.specs[0] or "params" in item.specs[0])]
    assert drawn == ["q1", "q2", "q3", "q4", "q5"]
    quiz5 = load_quiz(ASSIGNMENTS / "quizzes" / "q5_core_concepts.toml")
    assert not quiz5.variants.on and not any(item.specs for item in quiz5.items)


def test_a_declared_quiz_renders_with_a_spec_per_varying_item(tmp_path):
    """A well-formed declaration gives the shuffled item and the numeric item a public and a hidden spec."""
    path = _quiz(tmp_path, HEAD + SINGLE + NUMERIC + '''
[item.variant]
params = { cer = [0.2, 0.1, 0.3] }
formula = "1 / (Phi(0.68 + Phi_inv(cer)) - cer)"
''')
    quiz = load_quiz(path, tmp_path / "none.toml")
    public, hidden = quiz.items[1].specs
    assert public["params"] == {"cer": [0.2, 0.1, 0.3]} and "formula" not in public and "key" not in public
    assert hidden["formula"] and hidden["key"] == 4.2408


@pytest.mark.parametrize(("extra", "field"), [
    ('[variants]\non = "yes"\n', "variants.on"),
    ('[variants]\non = true\ncolour = 1\n', "variants.colour"),
])
def test_a_malformed_quiz_setting_names_the_file_and_the_field(tmp_path, extra, field):
    """A wrong [variants] table is refused with the file and the setting named."""
    path = _quiz(tmp_path, 'title = "T"\nintro = "I"\n' + extra + SINGLE)
    with pytest.raises(QuizDataError, match=rf"q9_test\.toml: {field}"):
        load_quiz(path, tmp_path / "none.toml")


@pytest.mark.parametrize(("variant", "field", "why"), [
    ('params = { cer = [0.2, 0.1] }\nformula = "1 / (Phi(0.68 + Phi_inv(cer)) - cer) + rate"', "variant.formula",
     "names 'rate'"),
    ('params = { cer = [0.2, 0.99] }\nformula = "1 / (Phi(0.68 + Phi_inv(cer)) - cer)"', "variant.formula",
     "outside the item's range"),
    ('params = { cer = [0.2, 0.1] }', "variant.formula", "needs its key's formula"),
    ('params = { cer = [] }\nformula = "cer"', "variant.params.cer", "list of values"),
    ('params = { cer = { from = 0.1, to = 0.5 } }\nformula = "cer"', "variant.params.cer", "from, to and step"),
    ('params = { cer = [0.2, 0.1], other = [1, 2] }\nformula = "1 / (Phi(0.68 + Phi_inv(cer)) - cer) + other"',
     "variant.params.other", "never shown in the prompt"),
    ('rows = ["keefe2014_vs_control", "no_such_row"]\nformula = "effect"', "variant.rows", "'no_such_row'"),
    ('shuffel = true', "variant.shuffel", "not a setting"),
    ('params = { cer = [0.2, 0.21] }\nformula = "1 / (Phi(0.68 + Phi_inv(cer)) - cer)"', "variant.params",
     "within twice the tolerance"),
    ('params = { cer = [0.3, 0.2] }\nformula = "1 / (Phi(0.68 + Phi_inv(cer)) - cer)"', "key", "not the formula's"),
])
def test_a_malformed_item_declaration_names_the_file_the_item_and_the_field(tmp_path, variant, field, why):
    """Each mistake in an item's [item.variant] gets one message: file, item, field, and what is wrong."""
    path = _quiz(tmp_path, HEAD + NUMERIC + "\n[item.variant]\n" + variant + "\n")
    with pytest.raises(QuizDataError) as caught:
        load_quiz(path, tmp_path / "none.toml")
    message = str(caught.value)
    assert message.startswith(f"q9_test.toml, item q2, {field}"), message
    assert why in message, message


def test_a_shuffled_explanation_must_name_options_by_placeholder(tmp_path):
    """An explanation that says "A is right" would name the wrong option for most students: refused."""
    path = _quiz(tmp_path, HEAD + SINGLE.replace("{A} is right.", "A: it is right."))
    with pytest.raises(QuizDataError, match=r"item q1, explanation: names option 'A'"):
        load_quiz(path, tmp_path / "none.toml")


def test_an_option_pointing_at_other_options_cannot_be_shuffled(tmp_path):
    """"All of the above" stops being true once the options move: the declaration says so."""
    path = _quiz(tmp_path, HEAD + SINGLE.replace('"three"]', '"all of the above"]'))
    with pytest.raises(QuizDataError, match=r"item q1, options: the option 'all of the above'"):
        load_quiz(path, tmp_path / "none.toml")


def test_turning_variants_off_gives_everyone_the_declared_version(tmp_path):
    """on = false with item declarations left in place: no item varies, and the prompt holds the first values."""
    declaration = ('[item.variant]\nparams = { cer = [0.2, 0.1, 0.3] }\n'
                   'formula = "1 / (Phi(0.68 + Phi_inv(cer)) - cer)"\n')
    path = _quiz(tmp_path, HEAD.replace("on = true", "on = false") + NUMERIC + declaration)
    quiz = load_quiz(path, tmp_path / "none.toml")
    assert not quiz.items[0].specs and quiz.items[0].prompt.strip() == "A rate of 0.2."
    text = nbformat.writes(render(quiz))
    assert "quiz.show(" not in text and "variant=" not in text


def test_a_declaration_is_checked_even_while_variants_are_off(tmp_path):
    """A mistake in an item's variant is reported with variants off too, so turning them on later cannot fail."""
    path = _quiz(tmp_path, 'title = "T"\nintro = "I"\n' + NUMERIC + "\n[item.variant]\nparams = { cer = [0.2] }\n")
    with pytest.raises(QuizDataError, match=r"item q2, variant.formula"):
        load_quiz(path, tmp_path / "none.toml")


def test_make_quizzes_prints_one_line_and_fails(tmp_path, capsys):
    """`make quizzes` on a malformed declaration prints one line naming the file, item and field, and exits 2."""
    _quiz(tmp_path, HEAD + NUMERIC + '\n[item.variant]\nparams = { cer = [0.2] }\nformula = "cer + nope"\n')
    assert main(["--assignments", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "q9_test.toml, item q2, variant.formula" in err and "Traceback" not in err
