"""Tests for course_lib.grading.answer_lines: an answer line never stops Run All, and keeps what was typed."""

import textwrap

import pytest

from course_lib.grading.answer_lines import Typed, capture, install, rewrite

NAMES = ["q1", "q2", "q5", "q6", "q13"]


def run(source):
    namespace = {}
    exec(rewrite(source, NAMES), namespace)
    return namespace


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ('q6 = "B"', "B"),
        ('q5 = {"A",\n      "C"}  # a comment', {"A", "C"}),
        ("q1 = 0.74", 0.74),
        ("q1 = 3 * 0.25", 0.75),
        ("q6 = None", None),
    ],
)
def test_valid_python_runs_as_written(line, value):
    """An answer line that is valid Python gives exactly the value Python gives."""
    result = run(line)[line.split()[0]]
    assert result == value and not isinstance(result, Typed)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("q6 = A", "A"),
        ("q5 = A, C, E", "A, C, E"),
        ("q13 = 1: A, 2: D, 3: C, 4: B", "1: A, 2: D, 3: C, 4: B"),
        ("q1 = 0,74", "0,74"),
        ("q2 = 73%", "73%"),
        ("q6 = Option B", "Option B"),
        ("q1 = 0.31 × 1.32", "0.31 × 1.32"),
        ("q6 = “B”  # e.g. “C”", "“B”"),
        ("q13 = {1: “A”,\n       2: “D”}\n# Edit the line above", "{1: “A”, 2: “D”}"),
    ],
)
def test_what_is_not_python_is_kept_as_typed_text(line, kept):
    """Bare letters, a decimal comma, 74%, × or curly quotes: the line runs and keeps the typed text."""
    value = run(line)[line.split()[0]]
    assert isinstance(value, Typed) and value == kept


def test_a_failing_expression_keeps_the_text_and_the_reason():
    """norm.cdf without the import: the line still runs, and the reason is kept for the check's message."""
    value = run("q1 = norm.cdf(0.64)")["q1"]
    assert value == "norm.cdf(0.64)" and value.reason == "NameError: name 'norm' is not defined"


def test_only_the_named_variables_and_top_level_lines_are_touched():
    """Other assignments, indented code and a statement sharing its line are left exactly as written."""
    source = textwrap.dedent("""\
        x = 1
        if x:
            q1 = 2
        y = 3; q6 = "B"
        """)
    assert rewrite(source, NAMES) == source


def test_a_cell_broken_elsewhere_is_left_for_ipython_to_report():
    """If a line other than the answer is broken, the cell is not rewritten (IPython shows its usual error)."""
    source = 'q6 = “B”\nfor\n'
    assert rewrite(source, NAMES) == source


def test_capture_without_a_runnable_expression_keeps_text():
    """capture() is what the rewritten line calls; with nothing runnable it returns the stripped text."""
    assert capture("q6", "  b ") == "b"
    assert capture("q6", "x", lambda: 1 / 0).reason.startswith("ZeroDivisionError")


def test_install_outside_ipython_does_nothing():
    """Imported in plain Python (a script, the test suite) install() is harmless."""
    install("q1 q2")


def test_install_rewrites_cells_in_a_real_ipython_shell():
    """In a real IPython shell, after install(), a typed line runs and later cells see the kept text."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        shell.run_cell('from course_lib.grading.answer_lines import install\ninstall("q6 q1")')
        install("q6 q1")  # twice: still one transformer
        marked = [t for t in shell.input_transformers_cleanup if getattr(t, "_course_answer_lines", False)]
        assert len(marked) == 1
        result = shell.run_cell("q6 = “B”\nq1 = 0,74")
        assert result.success
        assert shell.user_ns["q6"] == "“B”" and shell.user_ns["q1"] == "0,74"
    finally:
        InteractiveShell.clear_instance()


def test_a_name_pattern_rewrites_every_matching_answer_and_nothing_else():
    """Given the answer-name rule instead of a list, each whole name that follows it is read; others run as written."""
    from course_lib.grading.quiz import ANSWER_NAME

    namespace = {}
    exec(rewrite("q12 = 74%\ntry_number = 0,25\nq1x = 5\nquiz = 1 + 1\n", ANSWER_NAME), namespace)
    assert namespace["q12"] == "74%" and namespace["try_number"] == "0,25"
    assert namespace["q1x"] == 5 and namespace["quiz"] == 2
