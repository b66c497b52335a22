"""Tests for the graded quizzes in assignments/source/: nbgrader structure and every item's grading.

Each item is graded here the way nbgrader grades it, but in-process and fast: the answer cell (with the key,
a wrong answer, the untouched placeholder or a fair-to-form variant) runs in a fresh namespace, then the
item's test cell; an exception scores 0, a displayed number is the score, anything else full points
(nbgrader.utils.determine_grade). The real nbgrader runs are marked ``pipeline``.
"""

import ast
import contextlib
import importlib
import io
import math
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from scipy.stats import norm

from course_lib.grading.answer_lines import rewrite
from tests.support.paths import ROOT

ASSIGNMENTS = ROOT / "assignments"
SOURCE = ASSIGNMENTS / "source"
QUIZZES = sorted(path.name for path in SOURCE.iterdir() if path.is_dir())
REQUIRED_KINDS = {"single", "multiple", "matching", "numeric", "ordering"}
SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION[ \t]*\n?", re.M | re.S)
HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS\n.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.M | re.S)


def notebook(quiz):
    return nbformat.read(SOURCE / quiz / f"{quiz}.ipynb", as_version=4)


def nbgrader_meta(cell):
    return cell.metadata.get("nbgrader", {})


@dataclass(frozen=True)
class Item:
    quiz: str
    grade_id: str
    kind: str
    meta: dict
    points: float
    answer_source: str
    test_source: str

    @property
    def variable(self):
        return self.meta["variable"]

    @property
    def options(self):
        return self.meta.get("options", "")

    def key(self):
        namespace = {}
        exec(self.answer_source, namespace)
        return namespace[self.variable]

    def student_cell(self, value_source):
        """The answer cell as a student submits it: the released cell with its answer line replaced."""
        released = SOLUTION.sub("# (Only the line above is read.)\n", self.answer_source)
        placeholder = re.compile(rf"^{self.variable} = .*$", re.M)
        assert placeholder.search(released), "the released answer cell must keep the placeholder line"
        return placeholder.sub(lambda _: f"{self.variable} = {value_source}", released)


def all_items():
    items = []
    for quiz in QUIZZES:
        cells = {nbgrader_meta(c).get("grade_id"): c for c in notebook(quiz).cells}
        for grade_id, cell in cells.items():
            if cell.metadata.get("quiz_item", {}).get("kind", "text") != "text" and not cell.metadata["quiz_item"].get(
                    "example"):
                meta = dict(cell.metadata["quiz_item"])
                answer = cells[meta["answer_cell"]]
                items.append(
                    Item(quiz, grade_id, meta["kind"], meta, float(nbgrader_meta(cell)["points"]),
                         answer.source, cell.source)
                )
    return items


ITEMS = all_items()
ITEM_IDS = [f"{item.quiz}:{item.grade_id}" for item in ITEMS]


def _run_cell(source, namespace):
    """Run a cell like IPython: statements, then the value of a final bare expression (or None)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


@dataclass
class Graded:
    score: float
    message: str
    stderr: str
    raised: bool = False


def grade(item, answer_cell_source):
    """Score one item as nbgrader would, from a fresh namespace, after the quiz's setup cell.

    The setup cell installs the answer-line rewriting as an IPython input transformer; here it is applied by hand
    to the answer cell, exactly as IPython would apply it. The check's printed line is the message.
    """
    namespace = {"__name__": "__main__"}
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        # nbgrader runs with allow_errors: an error in the answer cell does not stop the test cell.
        with contextlib.suppress(Exception):
            _run_cell(rewrite(answer_cell_source, [item.variable]), namespace)
        try:
            value = _run_cell(item.test_source, namespace)
        except Exception as error:  # the test cell failed: 0 points, like an error output
            return Graded(0.0, str(error), err.getvalue(), raised=True)
    message = out.getvalue().strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert 0 <= value <= item.points, "a test cell must never display more than its points"
        return Graded(float(value), message, err.getvalue())
    return Graded(item.points, message, err.getvalue())


def fair_variants(item, key):
    """Answers that differ from the key only in form, each of which must earn full credit.

    Besides Python values, these are what a student who never programmed types first (issue 11): a bare letter,
    letters with commas inside one pair of quotes, curly quotes, "Option B", "1: A, 2: D", a decimal comma, 74%.
    """
    if item.kind == "single":
        return [repr(key.lower()), repr(f"  {key} "), repr(f" {key.lower()}\n"), key, f'"({key.lower()})"',
                f"“{key}”", f"Option {key}", f"{key.lower()})"]
    if item.kind == "multiple":
        letters = sorted(key)
        return [repr([x.lower() for x in letters]), repr(tuple(f" {x} " for x in reversed(letters))),
                f"frozenset({letters!r})", '"' + ", ".join(letters) + '"', '"' + " ".join(letters).lower() + '"',
                ", ".join(letters), "{" + ", ".join(f"“{x}”" for x in letters) + "}", '"' + "".join(letters) + '"']
    if item.kind == "matching":
        return [repr({str(k): v.lower() for k, v in key.items()}), repr(sorted(key.items())),
                ", ".join(f"{k}: {v}" for k, v in key.items()), '"' + " ".join(f"{k}{v}" for k, v in key.items()) + '"',
                "{" + ", ".join(f"{k}: “{v}”" for k, v in key.items()) + "}"]
    if item.kind == "ordering":
        return [repr(tuple(x.lower() for x in key)), repr([f" {x}" for x in key]), '"' + " ".join(key) + '"',
                ", ".join(key), '"' + "".join(key).lower() + '"', '"' + " > ".join(key) + '"']
    if item.kind == "numeric":
        tol = item.meta["tolerance"]
        variants = [repr(key + 0.9 * tol), repr(key - 0.9 * tol), f"np.float64({key!r})", repr(round(key, 2)),
                    f"{round(key, 2)}".replace(".", ","), f'"{round(key, 2)}"', f"“{round(key, 2)}”"]
        if item.meta["unit"] == "proportion":
            variants.append(f"{round(key * 100, 1)}%")
        if item.meta["unit"] == "percent":
            variants.append(f"{round(key, 1)}%")
        return variants
    raise AssertionError(f"unknown kind {item.kind}")


def wrong_answer(item, key):
    """A plausible, well-formed answer that is wrong in every part."""
    options = item.options
    if item.kind == "single":
        return repr(next(letter for letter in options if letter != key))
    if item.kind == "multiple":
        return repr(sorted(set(options) - set(key)))
    if item.kind == "matching":
        return repr({k: options[(options.index(v) + 1) % len(options)] for k, v in key.items()})
    if item.kind == "ordering":
        return repr(list(reversed(key)))
    if item.kind == "numeric":
        high = item.meta["range"][1]
        step = 3 * item.meta["tolerance"]
        return repr(key + step if key + step <= high else key - step)
    raise AssertionError(f"unknown kind {item.kind}")


# ---------------------------------------------------------------- structure of the source notebooks


@pytest.mark.parametrize("quiz", QUIZZES)
def test_source_is_valid_nbformat_without_outputs(quiz):
    """Each quiz is valid nbformat 4, committed clean: no outputs and no execution counts."""
    nb = notebook(quiz)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("quiz", QUIZZES)
def test_grade_ids_are_unique_and_cells_carry_schema_3(quiz):
    """Every cell carries nbgrader schema-3 metadata and no grade id appears twice."""
    ids = [nbgrader_meta(cell).get("grade_id") for cell in notebook(quiz).cells]
    assert None not in ids
    assert len(ids) == len(set(ids))
    assert {nbgrader_meta(cell).get("schema_version") for cell in notebook(quiz).cells} == {3}


def test_quizzes_are_named_in_course_order():
    """Four quizzes, folders sorted in teaching order, each holding a notebook of the same name."""
    assert len(QUIZZES) >= 4
    assert [q.split("_")[0] for q in QUIZZES] == [f"q{n}" for n in range(1, len(QUIZZES) + 1)]


def test_enough_autograded_items_of_every_kind():
    """At least 40 autograded items in all, covering every required kind of question."""
    assert len(ITEMS) >= 40
    assert {item.kind for item in ITEMS} >= REQUIRED_KINDS


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_item_cells_are_locked_prompt_answer_and_test(item):
    """A read-only prompt, an editable answer cell with a None placeholder, a locked test cell with points."""
    cells = {nbgrader_meta(c)["grade_id"]: c for c in notebook(item.quiz).cells}
    order = [nbgrader_meta(c)["grade_id"] for c in notebook(item.quiz).cells]
    prompt, answer, test = (cells[f"{item.variable}_prompt"], cells[f"{item.variable}_answer"], cells[item.grade_id])
    # A varying item shows the student's version in a locked show cell between its prompt and its answer cell.
    show = f"{item.variable}_show" if item.meta.get("variant") else None
    assert order.index(f"{item.variable}_prompt") + 1 + bool(show) == order.index(f"{item.variable}_answer")
    if show:
        assert nbgrader_meta(cells[show])["locked"] and not nbgrader_meta(cells[show])["grade"]
        assert cells[show].metadata["jupyter"]["source_hidden"] and "### BEGIN" not in cells[show].source
    assert order.index(f"{item.variable}_answer") + 1 == order.index(item.grade_id)
    assert prompt.cell_type == "markdown" and nbgrader_meta(prompt)["locked"]
    assert nbgrader_meta(answer)["solution"] and not nbgrader_meta(answer)["grade"]
    assert nbgrader_meta(test)["grade"] and nbgrader_meta(test)["locked"] and item.points > 0
    placeholder = {"numeric": "None", "matching": "{" + ", ".join(f'{n}: ""' for n in range(1, 1 + item.meta.get(
        "n_items", 0))) + "}"}.get(item.kind, '""')
    assert re.search(rf"^{item.variable} = {re.escape(placeholder)}$", answer.source, re.M)
    assert SOLUTION.search(answer.source) and HIDDEN.search(test.source)
    assert test.metadata["jupyter"]["source_hidden"], "the check's code is folded away for students"


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_hidden_tests_never_raise(item):
    """A hidden test is one scoring call with no assert or raise: its own error can never quote it in a traceback."""
    hidden = HIDDEN.search(item.test_source).group(0)
    assert "assert" not in hidden and "raise" not in hidden
    assert len([line for line in hidden.splitlines() if "HIDDEN TESTS" not in line]) == 1


def test_a_visible_check_made_to_fail_leaks_no_hidden_line_into_feedback():
    """If an answer cell makes the visible check raise, IPython quotes the cell's next lines (the hidden test with its
    key) in the traceback; the feedback step (StripHiddenTestText) removes every such line before a student sees it."""
    from IPython.core.interactiveshell import InteractiveShell
    from nbformat.v4 import new_code_cell, new_output

    from course_lib.instructor.quizzes.keylines import key_lines
    from course_lib.instructor.runner.preprocessors import StripHiddenTestText

    item = next(i for i in ITEMS if i.kind == "single")
    shell = InteractiveShell.instance()
    try:
        shell.run_cell("import course_lib.grading.quiz as sabotaged\nsabotaged.check = lambda *args, **kw: 1 / 0")
        error = shell.run_cell(item.test_source).error_in_exec
        trace = shell.InteractiveTB.structured_traceback(type(error), error, error.__traceback__)
    finally:
        InteractiveShell.clear_instance()
        import course_lib.grading.quiz

        importlib.reload(course_lib.grading.quiz)
    hidden = key_lines([notebook(item.quiz)], hidden_only=True)
    plain = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
    assert any(line in plain.sub("", "\n".join(trace)) for line in hidden), "IPython no longer quotes the next lines"
    cell = new_code_cell(item.test_source, outputs=[new_output("error", ename=type(error).__name__,
                                                               evalue=str(error), traceback=trace)])
    StripHiddenTestText(hidden_lines=sorted(hidden)).preprocess_cell(cell, {}, 0)
    shown = plain.sub("", "\n".join(cell.outputs[0].traceback) + cell.source)
    assert not any(line in shown for line in hidden)


#: Lines a student sees per answer that are not theirs: the answer cell's one-line instruction and the check's two
#: (one import, one call). Per quiz, the setup cell and the Grade my quiz cell add two lines each.
OTHER_LINES_PER_ANSWER, OTHER_LINES_PER_CELL_ELSEWHERE = 3, 2


def visible_lines(source):
    """The lines a student is shown: outside solution and hidden regions, comments included, blank lines left out."""
    return [line for line in HIDDEN.sub("", SOLUTION.sub("", source)).splitlines() if line.strip()]


@pytest.mark.parametrize("quiz", QUIZZES)
def test_students_see_their_answers_and_few_lines_of_ours(quiz):
    """Per answer (examples included) at most 3 visible code lines are not the student's answer line; every other
    code cell (setup, Grade my quiz) shows at most 2."""
    cells = notebook(quiz).cells
    by_id = {nbgrader_meta(cell)["grade_id"]: cell for cell in cells}
    counted = set()
    for check in (cell for cell in cells if cell.metadata.get("quiz_item", {}).get("kind", "text") != "text"):
        meta = check.metadata["quiz_item"]
        answer = by_id[meta["answer_cell"]]
        answer_line = re.compile(rf"^{meta['variable']} = ")
        ours = [line for line in visible_lines(answer.source) if not answer_line.match(line)]
        ours += visible_lines(check.source)
        assert len(ours) <= OTHER_LINES_PER_ANSWER, (meta["variable"], ours)
        counted |= {id(check), id(answer)}
    others = [cell for cell in cells if cell.cell_type == "code" and id(cell) not in counted]
    assert others, "the setup cell is a code cell of its own"
    for cell in others:
        assert len(visible_lines(cell.source)) <= OTHER_LINES_PER_CELL_ELSEWHERE, cell.source


# ---------------------------------------------------------------- every item, graded


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_key_earns_full_points_quietly(item):
    """The keyed answer (the source cell as written) earns every point and prints nothing to stderr."""
    result = grade(item, item.answer_source)
    assert result.score == item.points, result.message
    assert result.stderr == ""


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_untouched_placeholder_scores_zero_as_not_answered(item):
    """The released answer cell, untouched, scores 0 and its check says "not answered yet", without raising."""
    released = SOLUTION.sub("", item.answer_source)
    result = grade(item, released)
    assert result.score == 0.0 and not result.raised
    assert result.message.startswith(f"Question {item.variable[1:]}: not answered yet")


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_plausible_wrong_answer_scores_zero(item):
    """A well-formed answer that is wrong in every part earns nothing; the check reads it without complaint."""
    result = grade(item, item.student_cell(wrong_answer(item, item.key())))
    assert result.score == 0.0 and not result.raised
    assert "answer read as" in result.message


UNREADABLE = ['"Z"', "print(", "1 / 0", '"no idea"', "{1: 2, 3}", "[[[", "lambda: 1", "𝔸", '"A, Z"', "{}.x"]


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_unreadable_answers_score_zero_with_a_plain_message_and_never_raise(item):
    """A form problem never raises (Run All reaches the end): the check says what to do and the item scores 0."""
    for value in UNREADABLE:
        result = grade(item, item.student_cell(value))
        assert not result.raised, (value, result.message)
        assert result.score == 0.0, value
        assert "Traceback" not in result.message and "Error" not in result.message.split("(")[0], result.message
        assert result.message.startswith(f"Question {item.variable[1:]}: ")


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_an_answer_cell_that_never_ran_is_reported_not_raised(item):
    """If the answer cell has not run in this session, the check says so instead of a NameError."""
    result = grade(item, "pass")
    assert not result.raised and result.score == 0.0
    assert "has run yet" in result.message


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_fair_to_form_variants_earn_full_points(item):
    """Lower case, spaces, a list or tuple for a set, a NumPy number or a value within tolerance all count."""
    for variant in fair_variants(item, item.key()):
        cell = "import numpy as np\n" + item.student_cell(variant)
        result = grade(item, cell)
        assert result.score == item.points, (variant, result.message)


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_redefining_helpers_cannot_rescue_a_wrong_answer(item):
    """An answer cell that patches the grading helpers (or the quiz module) and rebinds the check's names scores 0."""
    sabotage = "\n".join([
        "import course_lib.grading as _cg",
        "_cg.fresh = lambda: None",
        "_cg.score.points = lambda *args, **kwargs: 99.0",
        "_cg.normalise.within = lambda *args: True",
        "points = within = lambda *args: True",
        "_g = _grading = importlib = None",
        "import course_lib.grading.quiz as _cq",
        "_cq.grade = _cq.check = _cq._helpers = lambda *args, **kwargs: 99.0",
        "quiz = check = grade = lambda *args, **kwargs: 99.0",
    ])
    cell = item.student_cell(wrong_answer(item, item.key())) + "\n" + sabotage
    assert grade(item, cell).score == 0.0


@pytest.mark.parametrize("item", [i for i in ITEMS if i.kind in {"multiple", "matching"}],
                         ids=[f"{i.quiz}:{i.grade_id}" for i in ITEMS if i.kind in {"multiple", "matching"}])
def test_partly_right_answers_earn_partial_credit(item):
    """Missing one keyed option, or mismatching one exchange, earns the matching share of the points."""
    key = item.key()
    if item.kind == "multiple":
        partial, share = sorted(key)[1:], (len(key) - 1) / len(key)
    else:
        first = min(key)
        wrong = next(letter for letter in item.options if letter != key[first])
        partial, share = {**key, first: wrong}, (len(key) - 1) / len(key)
    assert grade(item, item.student_cell(repr(partial))).score == pytest.approx(item.points * share, abs=0.01)


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_visible_part_checks_form_only(item):
    """With the hidden tests removed, a wrong answer passes the visible check exactly as the key does."""
    visible = Item(item.quiz, item.grade_id, item.kind, item.meta, item.points, item.answer_source,
                   HIDDEN.sub("", item.test_source))
    assert grade(visible, item.answer_source).score == item.points
    assert grade(visible, item.student_cell(wrong_answer(item, item.key()))).score == item.points


# Numeric keys, recomputed independently from the formulas in course-facts §5 (Φ = scipy.stats.norm.cdf).
PHI = norm.cdf
EXPECTED_NUMERIC = {
    ("q3_reading_the_evidence", "q1"): PHI(0.64),
    ("q3_reading_the_evidence", "q2"): 2 * PHI(-0.68 / 2),
    ("q3_reading_the_evidence", "q3"): PHI(0.31 / math.sqrt(2)),
    ("q3_reading_the_evidence", "q4"): 1 / (2 * PHI(0.42 / math.sqrt(2)) - 1),
    ("q3_reading_the_evidence", "q5"): 1 / (PHI(0.68 + norm.ppf(0.20)) - 0.20),
    ("q3_reading_the_evidence", "q11"): 0.31 * 1.32,
    ("q4_final", "q9"): 1 / (2 * PHI(0.64 / math.sqrt(2)) - 1),
    ("q4_final", "q10"): (0.70 - 0.31) / 0.70 * 100,
}


def test_numeric_keys_match_the_formulas():
    """Every numeric key equals the scipy computation to well within its stated tolerance."""
    numeric = {(i.quiz, i.grade_id): i for i in ITEMS if i.kind == "numeric"}
    assert set(numeric) == set(EXPECTED_NUMERIC)
    for where, expected in EXPECTED_NUMERIC.items():
        item = numeric[where]
        assert abs(item.key() - expected) <= item.meta["tolerance"] / 10, where


# ---------------------------------------------------------------- the real nbgrader


@pytest.mark.pipeline
@pytest.mark.kernel
@pytest.mark.parametrize("quiz", QUIZZES)
def test_source_passes_nbgrader_validator_validate_all(quiz):
    """nbgrader's Validator (validate_all) runs the source top to bottom and finds no failing cell."""
    from nbgrader.validator import Validator

    assert Validator(validate_all=True).validate(str(SOURCE / quiz / f"{quiz}.ipynb")) == {}


@pytest.mark.pipeline
@pytest.mark.kernel
def test_real_autograde_awards_full_partial_and_zero(tmp_path):
    """Through nbgrader generate_assignment + autograde: key 100% (typed as Python or as a student who never programmed
    types it), half a multiple select half, blank 0."""
    quiz = QUIZZES[0]
    course = tmp_path / "course"
    shutil.copytree(ASSIGNMENTS / "source" / quiz, course / "source" / quiz)
    shutil.copy(ASSIGNMENTS / "nbgrader_config.py", course / "nbgrader_config.py")
    # nbgrader runs `alembic` from PATH to create the gradebook: put the venv's bin folder first.
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    nbgrader = [sys.executable, "-m", "nbgrader"]
    subprocess.run([*nbgrader, "generate_assignment", quiz, "--force"], cwd=course, check=True,
                   capture_output=True, env=env)
    released = nbformat.read(course / "release" / quiz / f"{quiz}.ipynb", as_version=4)
    items = [i for i in ITEMS if i.quiz == quiz]
    multiple = next(i for i in items if i.kind == "multiple")

    def submit(student, answers):
        nb = nbformat.from_dict(released)
        for cell in nb.cells:
            gid = nbgrader_meta(cell).get("grade_id", "")
            item = next((i for i in items if f"{i.variable}_answer" == gid), None)
            if item is not None and item.grade_id in answers:
                cell.source = item.student_cell(answers[item.grade_id])
        (course / "submitted" / student / quiz).mkdir(parents=True)
        nbformat.write(nb, course / "submitted" / student / quiz / f"{quiz}.ipynb")

    submit("perfect", {i.grade_id: repr(i.key()) for i in items})
    submit("naive", {i.grade_id: naive_form(i, i.key()) for i in items})
    submit("blank", {})
    submit("half", {multiple.grade_id: repr(sorted(multiple.key())[: len(multiple.key()) // 2])})
    subprocess.run([*nbgrader, "autograde", quiz], cwd=course, capture_output=True, env=env)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {
            s.student_id: {g.name: g.score for g in s.notebooks[0].grades}
            for s in gradebook.assignment_submissions(quiz)
        }
    assert all(scores["perfect"][i.grade_id] == i.points for i in items)
    assert all(scores["naive"][i.grade_id] == i.points for i in items), scores["naive"]
    assert all(scores["blank"][i.grade_id] == 0 for i in items)
    half_share = (len(multiple.key()) // 2) / len(multiple.key())
    assert scores["half"][multiple.grade_id] == pytest.approx(multiple.points * half_share)
    assert sum(scores["half"][i.grade_id] for i in items) == pytest.approx(multiple.points * half_share)


def naive_form(item, key):
    """The right answer as a student who never programmed types it first: no quotes, commas, a decimal comma."""
    if item.kind == "single":
        return key
    if item.kind == "multiple":
        return ", ".join(sorted(key))
    if item.kind == "matching":
        return ", ".join(f"{k}: {v}" for k, v in key.items())
    if item.kind == "ordering":
        return " ".join(key)
    if item.meta["unit"] == "proportion":
        return f"{round(key * 100, 2)}%"
    return f"{round(key, 2)}".replace(".", ",")


def released(quiz):
    """The student version, as nbgrader's release makes it: solutions replaced, hidden tests removed."""
    nb = notebook(quiz)
    for cell in nb.cells:
        cell.source = HIDDEN.sub("", SOLUTION.sub("", cell.source))
    return nb


@pytest.mark.pipeline
@pytest.mark.kernel
@pytest.mark.parametrize("quiz", QUIZZES)
def test_run_all_reaches_the_end_in_a_real_kernel_whatever_is_typed(quiz):
    """In a real kernel, Run All over naive, garbage and untouched answers stops nowhere; every check reports."""
    from nbclient import NotebookClient

    nb = released(quiz)
    items = [i for i in ITEMS if i.quiz == quiz]
    garbage = ["print(", "A, Z", "{1: 2, 3}", "1: Q", "about a half"]
    for n, item in enumerate(items):
        cell = next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == item.meta["answer_cell"])
        if n % 3 == 0:
            cell.source = re.sub(rf"^{item.variable} = .*$", f"{item.variable} = {naive_form(item, item.key())}",
                                 cell.source, flags=re.M)
        elif n % 3 == 1:
            cell.source = re.sub(rf"^{item.variable} = .*$", f"{item.variable} = {garbage[n % len(garbage)]}",
                                 cell.source, flags=re.M)
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=False).execute()  # raises on any error
    checks = {nbgrader_meta(c)["grade_id"]: c for c in nb.cells
              if c.metadata.get("quiz_item", {}).get("kind", "text") != "text"}
    for n, item in enumerate(items):
        printed = "".join(o.get("text", "") for o in checks[item.grade_id].outputs)
        expected = ["answer read as", "could not read your answer", "not answered yet"][n % 3]
        assert printed.startswith(f"Question {item.variable[1:]}: ") and expected in printed, printed
