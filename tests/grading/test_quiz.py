"""Tests for course_lib.grading.quiz: the one-line check, the hidden grade and the setup a quiz notebook calls."""

import contextlib
import io
import re
from pathlib import Path

import pytest

from course_lib.grading import answer_lines, form, normalise, quiz
from course_lib.grading import score as score_module


def run(source: str, **names) -> tuple[object, str]:
    """Run ``source`` (one expression) as a notebook cell would, in its own namespace; return its value and print."""
    namespace = {"__name__": "__main__", "quiz": quiz, **names}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        value = eval(source, namespace)
    return value, out.getvalue().strip()


def test_check_says_what_the_grader_reads_in_the_cells_own_answer():
    """check() reads the answer variable from the calling cell's namespace and says how it was read."""
    value, said = run('quiz.check("q6", "single", "ABCD")', q6="b")
    assert value is None
    assert said == "Question 6: answer read as B. Whether it is right is checked after you submit."


def test_check_of_an_answer_that_never_ran_says_so():
    """Without the answer variable in the namespace, the check says no answer has run yet."""
    _, said = run('quiz.check("q6", "single", "ABCD")')
    assert said.startswith("Question 6: no answer has run yet")


def test_check_of_an_example_names_the_expected_answer():
    """An example's check uses its own title and says whether the answer is the expected one."""
    _, said = run('quiz.check("try_single", "single", "ABCD", label="Example 1: one answer", expected="B")',
                  try_single="C")
    assert said == "Example 1: one answer: answer read as C. The expected answer is B."


def test_check_with_garbled_settings_gives_a_plain_message_not_a_traceback():
    """A check cell whose kind cannot be read says so in words and does not raise (Run All goes on)."""
    _, said = run('quiz.check("q6", "essay", "ABCD")', q6="B")
    assert said.startswith("Question 6: this check cannot read its own question's settings")
    assert "Traceback" not in said


@pytest.mark.parametrize(("call", "answer", "points"), [
    ('quiz.grade("q6", "single", "ABCD", key="A", points=1)', " a ", 1.0),
    ('quiz.grade("q6", "single", "ABCD", key="A", points=1)', "B", 0.0),
    ('quiz.grade("q6", "multiple", "ABCDE", key={"A", "C"}, points=2)', "a", 1.0),
    ('quiz.grade("q6", "matching", "ABC", n_items=2, key={1: "B", 2: "C"}, points=2)', "1: B, 2: A", 1.0),
    ('quiz.grade("q6", "ordering", "ABC", key=["C", "A", "B"], points=1)', "c a b", 1.0),
    ('quiz.grade("q6", "numeric", unit="proportion", key=0.7389, tolerance=0.01, points=1)', "74%", 1.0),
    ('quiz.grade("q6", "numeric", unit="proportion", key=0.7389, tolerance=0.01, points=1)', "0,70", 0.0),
])
def test_grade_scores_the_cells_own_answer_and_prints_nothing(call, answer, points):
    """grade() reads the answer afresh and returns its points (full, partial or none) without printing."""
    value, said = run(call, q6=answer_lines.Typed(answer))
    assert value == points and said == ""


def test_grade_of_an_answer_that_never_ran_is_zero():
    """No answer variable in the namespace: 0 points, no error."""
    assert run('quiz.grade("q6", "single", "ABCD", key="A", points=1)')[0] == 0.0


def test_grade_ignores_helpers_patched_by_an_answer_cell():
    """A helper replaced at run time (form, score or normalise) is reloaded from disk before grading."""
    try:
        score_module.points = lambda *args: 99.0
        normalise.normalise_choice = lambda *args: "A"
        form.read = lambda *args, **kwargs: form.Reading("A", "answered", "")
        assert run('quiz.grade("q6", "single", "ABCD", key="A", points=1)', q6="B")[0] == 0.0
    finally:
        quiz._helpers()
    assert score_module.points(True, 1) == 1.0


def test_start_is_harmless_outside_ipython():
    """Imported in plain Python (a script, the test suite) start() does nothing and raises nothing."""
    quiz.start()


def test_start_keeps_plain_words_typed_for_any_answer_in_a_real_ipython_shell():
    """After start(), any question's or example's answer line holds what was typed; other names run as Python."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert shell.run_cell("from course_lib.grading import quiz\nquiz.start()").success
        assert shell.run_cell("q12 = 74%\ntry_number = 0,25").success
        assert shell.user_ns["q12"] == "74%" and shell.user_ns["try_number"] == "0,25"
        assert not shell.run_cell("total = 74%").success
    finally:
        InteractiveShell.clear_instance()


@pytest.mark.parametrize("name", ["q1", "q19", "try_single", "try_number"])
def test_answer_names_follow_the_rule(name):
    """Questions' and examples' answer variables are answer names."""
    assert quiz.ANSWER_NAME.fullmatch(name)


@pytest.mark.parametrize("name", ["quiz", "check", "q", "q0", "q1x", "try_", "try_Single", "total", "_quiz"])
def test_other_names_are_not_answer_names(name):
    """The names the quiz's own cells and a student's working use are left to run as Python."""
    assert not quiz.ANSWER_NAME.fullmatch(name)


def test_the_module_holds_no_answer_key():
    """The quiz module mentions no quiz answer variable: keys and items live only in the notebooks."""
    assert not re.search(r"\bq\d+\b", Path(quiz.__file__).read_text(encoding="utf-8"))
