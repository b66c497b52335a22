"""Tests for course_lib.instructor.quizzes.build: quizzes declared as data, rendered into nbgrader source notebooks."""

import json
import re

import nbformat
import pytest

from course_lib.grading.answer_lines import rewrite
from course_lib.grading.quiz import ANSWER_NAME
from course_lib.instructor.quizzes import build as quiz_build
from course_lib.instructor.quizzes.build import QuizDataError, load_quiz, render
from tests.support.key_balance import KEYED_KINDS, first_options_problems, key_balance_problems, longest_key_problems
from tests.support.paths import ROOT

ASSIGNMENTS = ROOT / "assignments"
DATA = sorted((ASSIGNMENTS / "quizzes").glob("q*.toml"))
FORM_FIELDS = {"kind", "variable", "answer_cell", "question", "points", "options", "option_texts", "n_items",
               "item_noun", "item_texts", "tolerance", "range", "unit", "example", "variant"}


def quizzes():
    return [load_quiz(path) for path in DATA]


def test_every_source_notebook_is_what_its_data_renders():
    """The committed source notebooks are exactly the rendering of assignments/quizzes/*.toml (make quizzes)."""
    assert [path.stem for path in DATA] == sorted(p.name for p in (ASSIGNMENTS / "source").iterdir() if p.is_dir())
    assert quiz_build.main(["--check"]) == 0


def test_check_reports_a_stale_notebook(tmp_path, capsys):
    """--check exits 1 and names the notebook when the data changed and the notebook was not rendered again."""
    (tmp_path / "quizzes").mkdir()
    for path in [DATA[0], ASSIGNMENTS / "quizzes" / "examples.toml"]:
        (tmp_path / "quizzes" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert quiz_build.main(["--assignments", str(tmp_path)]) == 0
    data = tmp_path / "quizzes" / DATA[0].name
    data.write_text(data.read_text(encoding="utf-8").replace("points = 1\n", "points = 2\n", 1), encoding="utf-8")
    assert quiz_build.main(["--assignments", str(tmp_path), "--check"]) == 1
    assert "differs from its data" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("item", "says"),
    [('id = "q1"\nkind = "essay"\nprompt = "x"\nkey = "A"\noptions = ["a", "b"]', "kind 'essay'"),
     ('id = "q1"\nkind = "single"\nprompt = "x"\noptions = ["a", "b"]', "key is missing"),
     ('id = "q1"\nkind = "single"\nprompt = "x"\nkey = "A"\noptions = ["a"]', "at least two options"),
     ('id = "q1"\nkind = "single"\nprompt = "x"\nkey = "A"\ncolour = "red"\noptions = ["a", "b"]', "colour"),
     ('id = "Q 1"\nkind = "single"\nprompt = "x"\nkey = "A"\noptions = ["a", "b"]', "not an answer name")],
)
def test_bad_data_is_named_by_file_and_item(tmp_path, item, says):
    """A malformed item fails with the file name, the item number and what is wrong, not a bare KeyError."""
    path = tmp_path / "q9_bad.toml"
    path.write_text(f'title = "T"\nintro = "I"\n\n[[item]]\n{item}\n', encoding="utf-8")
    with pytest.raises(QuizDataError, match=rf"q9_bad.toml, item 1: .*{re.escape(says)}"):
        load_quiz(path)


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.name)
def test_answer_forms_metadata_pairs_cells_by_id_and_never_holds_the_key(quiz):
    """Each form's metadata names an answer cell that exists and is an editable nbgrader answer cell; no key in it."""
    nb = render(quiz)
    by_id = {cell.metadata["nbgrader"]["grade_id"]: cell for cell in nb.cells}
    forms = [cell for cell in nb.cells if cell.metadata.get("quiz_item", {}).get("kind", "text") != "text"]
    assert len(forms) == len(quiz.examples) + sum(1 for i in quiz.items if i.kind != "written")
    for cell in forms:
        meta = cell.metadata["quiz_item"]
        assert set(meta) <= FORM_FIELDS
        answer = by_id[meta["answer_cell"]].metadata["nbgrader"]
        assert answer["solution"] and not answer["grade"] and not answer["locked"]
        assert by_id[meta["answer_cell"]].source.splitlines()[1].startswith(f"{meta['variable']} = ")
        if meta["kind"] != "numeric":
            assert list(meta["option_texts"]) == list(meta["options"])
    items = {item.id: item for item in quiz.examples + quiz.items}
    for cell in forms:
        item, blob = items[cell.metadata["quiz_item"]["variable"]], json.dumps(cell.metadata["quiz_item"])
        if item.kind == "numeric" and not item.example:
            assert repr(item.key) not in blob


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.name)
def test_item_zero_is_free_and_first(quiz):
    """The five examples come before question 1, one per kind, and none carries points or a hidden test."""
    nb = render(quiz)
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells]
    ids = [grade_id for grade_id in ids if grade_id not in ("your_id", "student_id_answer")]  # variants: the ID
    assert ids[:3] == ["header", "setup", "examples"]
    examples = [cell for cell in nb.cells if cell.metadata.get("quiz_item", {}).get("example")]
    assert {cell.metadata["quiz_item"]["kind"] for cell in examples} == {"single", "multiple", "matching",
                                                                        "ordering", "numeric"}
    assert all(not cell.metadata["nbgrader"]["grade"] and "HIDDEN" not in cell.source for cell in examples)
    assert max(ids.index(c.metadata["nbgrader"]["grade_id"]) for c in examples) < ids.index("q1_prompt")


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.name)
def test_the_setup_cell_reads_every_answer_variable_in_plain_words(quiz):
    """The locked first code cell starts the answer-line reading, whose name rule covers every answer variable."""
    setup = render(quiz).cells[1]
    assert setup.metadata["nbgrader"]["locked"]
    plain = "from course_lib.grading import quiz\n\nquiz.start()"
    with_variants = ("from course_lib.grading import quiz\n\n"
                     f'quiz.start(course="{quiz.variants.course}", quiz="{quiz.name}")')
    assert setup.source == (with_variants if quiz.variants.on else plain)
    for name in quiz.variables:
        assert rewrite(f"{name} = 74%", ANSWER_NAME) != f"{name} = 74%", name


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.name)
def test_keys_cannot_be_guessed_from_their_letters(quiz):
    """No letter holds more than 40 % of a quiz's single-choice keys; no matching, ordering or multiple-select key
    is the options in the order shown (the rules of tests/support/key_balance.py, shared with the practice
    questions)."""
    items = {item.id: (item.kind, item.key, list(item.letters)) for item in quiz.items if item.kind in KEYED_KINDS}
    assert key_balance_problems(quiz.name, items) == []
    assert first_options_problems(quiz.name, items) == []


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.name)
def test_the_key_is_not_usually_the_longest_option(quiz):
    """Picking the longest option finds at most 35 % of a quiz's single-choice keys (a test-wise guess fails)."""
    singles = {item.id: (item.key, dict(zip(item.letters, item.options, strict=True)))
               for item in quiz.items if item.kind == "single"}
    assert longest_key_problems(quiz.name, singles) == []


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.name)
def test_every_reference_key_a_quiz_cites_resolves(quiz):
    """Each citation key in a quiz (prompts, options, explanations, rubrics) has a full reference."""
    from course_lib.evidence import load_references

    known = load_references()
    text = "\n".join([quiz.intro] + [
        "\n".join([item.prompt, *item.options, *item.items, item.explanation, item.model_answer])
        for item in quiz.items])
    unknown = sorted({key for key in re.findall(r"\b([a-z]+(?:19|20)\d\d(?:reply)?)\b", text) if key not in known})
    assert not unknown, f"{quiz.name} cites keys with no reference: {unknown}"


def test_rendering_is_stable_across_runs():
    """Rendering twice gives the same bytes (sets sorted, fixed cell ids), so diffs show only real changes."""
    first = nbformat.writes(render(load_quiz(DATA[0])))
    assert first == nbformat.writes(render(load_quiz(DATA[0])))


@pytest.mark.parametrize("quiz", quizzes(), ids=lambda q: q.name)
def test_a_self_study_grade_button_closes_every_quiz(quiz):
    """The last cells tell a learner studying alone how to have the quiz graded, with a button for this quiz."""
    cells = render(quiz).cells
    assert [c.metadata["nbgrader"]["grade_id"] for c in cells[-3:]] == ["footer", "self_study", "self_study_button"]
    assert f'selfcheck_button("{quiz.name}")' in cells[-1].source and cells[-1].metadata["nbgrader"]["locked"]
    assert "submit it the way your instructor says" in cells[-2].source
