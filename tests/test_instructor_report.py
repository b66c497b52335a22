"""Item statistics on a class small enough to compute by hand, and what the report says to revise: each item's
question and objectives, and for choice items how many analysed students chose each option."""

from __future__ import annotations

import csv
import io
import math

import nbformat
import numpy as np
import pytest
from nbgrader.api import Gradebook

from course_lib.instructor.course import coursedir
from course_lib.instructor.quizzes import build as quiz_build
from course_lib.instructor.report import answers_read, item_info, option_counts
from course_lib.instructor.report import item_analysis as report
from course_lib.instructor.steps import autograde, release, status
from course_lib.instructor.testing import synthetic, synthetic_graded


def test_item_stats_match_hand_computation():
    """Mean, difficulty and item-rest correlation agree with the values worked out by hand."""
    # Four students, two items worth 1 and 2 points.
    scores = np.array([[1, 2], [1, 0], [0, 2], [0, 0]], dtype=float)
    stats = report.item_stats(["a", "b"], scores, np.array([1.0, 2.0]))
    a, b = stats
    assert (a.mean, a.difficulty, b.mean, b.difficulty) == (0.5, 0.5, 1.0, 0.5)
    # item a against rest (= item b): [1,1,0,0] vs [2,0,2,0] -> uncorrelated.
    assert a.discrimination == pytest.approx(0.0)
    assert b.discrimination == pytest.approx(0.0)


def test_item_everyone_got_right_has_no_discrimination():
    """An item without spread has discrimination n/a (nan), not a made-up number."""
    scores = np.array([[1, 1], [1, 0], [1, 1]], dtype=float)
    stats = report.item_stats(["easy", "other"], scores, np.array([1.0, 1.0]))
    assert math.isnan(stats[0].discrimination) and stats[0].difficulty == 1.0


def test_perfectly_discriminating_item():
    """An item that rises exactly with the rest of the test correlates 1.0."""
    scores = np.array([[0, 0, 0], [1, 1, 1], [1, 1, 1], [0, 0, 0]], dtype=float)
    assert report.item_stats(["x", "y", "z"], scores, np.ones(3))[0].discrimination == pytest.approx(1.0)


def test_distribution_alt_text_names_the_key_numbers():
    """The plot's alt text states count, maximum, mean, median and range in words."""
    fig, alt = report.distribution_figure(np.array([2.0, 4.0, 4.0, 6.0]), 6.0, "q9")
    assert alt == ("Histogram of total scores on the analysed items of q9 for 4 students, out of 6 points: "
                   "mean 4.00, median 4, lowest 2, highest 6.")
    assert fig.axes[0].get_xlabel() == "Total score on the analysed items (out of 6)"


def _bar_heights(fig) -> dict[float, int]:
    return {round(bar.get_x() + bar.get_width() / 2, 2): int(bar.get_height()) for bar in fig.axes[0].patches}


def test_half_points_get_bins_of_their_own():
    """20.5 and 21 are counted apart (bins half a point wide), never merged into 21."""
    fig, _ = report.distribution_figure(np.array([20.5, 21.0, 21.0]), 26.0, "q1")
    heights = _bar_heights(fig)
    assert heights[20.5] == 1 and heights[21.0] == 2


def test_whole_points_keep_whole_bins():
    """Whole-number totals keep one bar per point, centred on it."""
    heights = _bar_heights(report.distribution_figure(np.array([2.0, 4.0, 4.0]), 6.0, "q9")[0])
    assert (heights[4.0], heights[2.0], len(heights)) == (2, 1, 7)


@pytest.mark.parametrize(("difficulty", "discrimination", "flags"), [
    (0.2, 0.5, ["too hard"]),
    (0.95, 0.5, ["too easy"]),
    (0.6, -0.1, ["negative discrimination"]),
    (0.6, 0.1, ["low discrimination"]),
    (0.6, 0.4, []),
    (1.0, math.nan, ["too easy"]),
])
def test_flags_say_what_to_revise(difficulty, discrimination, flags):
    """An item is flagged too hard under 0.30, too easy over 0.90, and for negative or low (< 0.20)
    discrimination; n/a discrimination raises no discrimination flag."""
    item = report.ItemStats("q1", 1.0, 30, difficulty, difficulty, discrimination)
    assert item.flags == flags


# ---------------------------------------------------------------- what to revise: questions, objectives, options

TQ = "tq"
QUIZ_DATA = '''
title = "Test quiz"
intro = "Four choice items, a number and a written answer."

[[item]]
id = "q1"
kind = "single"
points = 1
prompt = "Which defence keeps a painful <feeling> & its idea apart?"
options = ["Projection", "Isolation of affect", "Sublimation", "Denial"]
key = "B"

[[item]]
id = "q2"
kind = "multiple"
points = 2
prompt = """Which of these are among the distinctive features of psychodynamic therapy that the process studies \
found, when sessions were rated by observers who did not know the therapy given?

Tick every one that applies."""
options = ["Focus on affect", "Homework between sessions", "Exploring avoidance", "Teaching skills"]
key = ["A", "C"]

[[item]]
id = "q3"
kind = "matching"
points = 3
item_noun = "Defence"
prompt = "Match each defence to its example."
items = ["Projection", "Displacement", "Reaction formation"]
options = ["Seeing one's anger in others", "Shouting at the dog after a row at work", "Exaggerated kindness"]
key = { "1" = "A", "2" = "B", "3" = "C" }

[[item]]
id = "q4"
kind = "ordering"
points = 1
prompt = "Put the phases of a session in the usual order."
options = ["Exploring", "Ending", "Opening"]
key = ["C", "A", "B"]

[[item]]
id = "q5"
kind = "numeric"
points = 1
prompt = "What proportion improved?"
key = 0.25
tolerance = 0.01
range = [0.0, 1.0]
unit = "proportion"
format_note = "A proportion between 0 and 1"

[[item]]
id = "q6"
kind = "written"
points = 2
prompt = "Explain transference in two sentences."
model_answer = "The client relates to the therapist as to an earlier figure."
'''
ALIGNMENT = '[tq]\nq1 = ["o1.1"]\nq2 = ["o1.2", "o1.3"]\nq3 = ["o1.3"]\nq4 = ["o1.1"]\nq5 = ["o1.2"]\nq6 = ["o1.1"]\n'

BLANK = {"q1": 'q1 = ""', "q2": 'q2 = ""', "q3": 'q3 = {1: "", 2: "", 3: ""}', "q4": 'q4 = ""'}
# Analysed students' answer lines (what follows the comment line of each answer cell).
ANSWERS = {
    "s1": {"q1": 'q1 = "B"', "q2": 'q2 = "A, C"', "q3": 'q3 = {1: "A", 2: "B", 3: "C"}', "q4": 'q4 = "C A B"'},
    "s2": {"q1": 'q1 = "c"', "q2": 'q2 = {"A"}', "q3": 'q3 = {1: "B", 2: "B", 3: "C"}', "q4": 'q4 = "A C B"'},
    "s3": {"q1": "q1 = “C”", "q2": 'q2 = "A, B, C"', "q3": 'q3 = {1: "B", 2: "",\n      3: "A"}',
           "q4": 'q4 = "C, A, B"'},
    "s4": BLANK,
    "s5": {"q1": 'q1 = "Z"', "q2": 'q2 = "A, Q"', "q3": "q3 = 1: X", "q4": 'q4 = "A A B"'},
    "s6": {"q1": "q1 = B", "q2": 'q2 = "C"', "q3": "q3 = 1: A, 2: C, 3: C", "q4": 'q4 = ["C", "B", "A"]'},
}
# Students who are not analysed: their (wrong) choices must not be counted.
MAX_POINTS = {"q1": 1, "q2": 2, "q3": 3, "q4": 1, "q5": 1, "q6": 2}
WRONG = {"q1": 'q1 = "D"', "q2": 'q2 = "D"', "q3": 'q3 = {1: "C", 2: "C", 3: "A"}', "q4": 'q4 = "B A C"'}


def _quiz_course(root):
    """A course holding the test quiz (its data, source notebook and alignment), released."""
    (root / "quizzes").mkdir(parents=True)
    (root / "quizzes" / f"{TQ}.toml").write_text(QUIZ_DATA, encoding="utf-8")
    (root / "alignment.toml").write_text(ALIGNMENT, encoding="utf-8")
    (root / "exchange").mkdir()
    (root / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'revise-course'\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n")
    source = quiz_build.render(quiz_build.load_quiz(root / "quizzes" / f"{TQ}.toml"))
    (root / "source" / TQ).mkdir(parents=True)
    nbformat.write(source, root / "source" / TQ / f"{TQ}.ipynb")
    assert release.release(root, TQ).ok
    return root


@pytest.fixture(scope="module")
def revised(tmp_path_factory):
    """A course with the test quiz, released (so nbgrader's gradebook knows its cells), and a class written
    straight into the gradebook and autograded/ as ``course autograde`` leaves them: six analysed students, one
    whose grading failed and one set aside by preflight (both chose wrong options that must not be counted), and one
    with an extension who has not submitted."""
    root = _quiz_course(tmp_path_factory.mktemp("revise") / "course")
    source = coursedir.source_notebooks(root, TQ)[TQ]
    scores = {student: {item: points * (n % 3) / 2 for item, points in MAX_POINTS.items()}
              for n, student in enumerate([*ANSWERS, "failed_one"])}
    synthetic_graded.write_graded_class(root, TQ, {**ANSWERS, "failed_one": WRONG}, scores)
    (root / "submitted" / "set_aside" / TQ).mkdir(parents=True)  # set aside by preflight: never in the gradebook
    (root / "autograded" / "set_aside" / TQ).mkdir(parents=True)
    nbformat.write(synthetic_graded.with_answers(source, WRONG), root / "autograded" / "set_aside" / TQ / "tq.ipynb")
    with Gradebook(coursedir.db_url(root)) as gb:
        gb.add_student("set_aside")
        gb.add_student("extended")
        gb.add_submission(TQ, "extended")  # what recording an extension leaves: no timestamp, no grades yet
        gb.grant_extension(TQ, "extended", days=2)
    status.save(root, TQ, {"failed_one": status.StudentStatus(status.FAILED, error="kernel died")})
    paths = report.write_report(root, TQ)
    options = list(csv.DictReader(paths["options"].open(encoding="utf-8")))
    items = {r["item"]: r for r in csv.DictReader(paths["csv"].open(encoding="utf-8"))}
    return paths, options, items, paths["html"].read_text(encoding="utf-8")


def _counts(options, item, part=""):
    return {r["option"]: int(r["students"]) for r in options if r["item"] == item and r["part"] == part}


def _key(options, item, part=""):
    return {r["option"] for r in options if r["item"] == item and r["part"] == part and r["key"] == "yes"}


def test_single_choice_counts_each_option_no_answer_and_unreadable(revised):
    """q1 (key B): B twice (one typed without quotes), C twice (one in another case, one in curly quotes), one
    untouched answer as "no answer", one letter that is not an option as "unreadable"; the failed and the set-aside
    students' D is not counted."""
    _, options, _, _ = revised
    assert _counts(options, "q1") == {"A": 0, "B": 2, "C": 2, "D": 0, "no answer": 1, "unreadable": 1}
    assert _key(options, "q1") == {"B"}


def test_multiple_choice_counts_every_ticked_letter(revised):
    """q2 (key A, C): A ticked by three, B by one, C by three; D by none of the analysed students."""
    _, options, _, _ = revised
    assert _counts(options, "q2") == {"A": 3, "B": 1, "C": 3, "D": 0, "no answer": 1, "unreadable": 1}
    assert _key(options, "q2") == {"A", "C"}


def test_matching_counts_per_prompt(revised):
    """q3: for each defence, which example students paired with it; a prompt left blank is "no answer"."""
    _, options, _, _ = revised
    assert _counts(options, "q3", "1") == {"A": 2, "B": 2, "C": 0, "no answer": 1, "unreadable": 1}
    assert _counts(options, "q3", "2") == {"A": 0, "B": 2, "C": 1, "no answer": 2, "unreadable": 1}
    assert _counts(options, "q3", "3") == {"A": 1, "B": 0, "C": 3, "no answer": 1, "unreadable": 1}
    assert _key(options, "q3", "2") == {"B"}
    assert next(r["part_text"] for r in options if r["item"] == "q3" and r["part"] == "3") == "Reaction formation"


def test_ordering_counts_per_position(revised):
    """q4 (key C A B): which phase students put in each position; repeated letters are unreadable."""
    _, options, _, _ = revised
    assert _counts(options, "q4", "1") == {"A": 1, "B": 0, "C": 3, "no answer": 1, "unreadable": 1}
    assert _counts(options, "q4", "2") == {"A": 2, "B": 1, "C": 1, "no answer": 1, "unreadable": 1}
    assert _key(options, "q4", "1") == {"C"} and _key(options, "q4", "3") == {"B"}


def test_numeric_and_written_items_have_no_option_counts(revised):
    _, options, _, _ = revised
    assert {r["item"] for r in options} == {"q1", "q2", "q3", "q4"}
    assert list(options[0]) == ["item", "kind", "part", "part_text", "option", "option_text", "key", "students"]


def test_most_chosen_wrong_option_is_named_in_the_items_row(revised):
    """The wrong option most students chose, with the prompt or position where the item has several."""
    _, _, items, page = revised
    assert items["q1"]["most_chosen_wrong_option"] == "C (2 students)"
    assert items["q2"]["most_chosen_wrong_option"] == "B (1 student)"
    assert items["q3"]["most_chosen_wrong_option"] == "Defence 1 → B (2 students)"
    assert items["q4"]["most_chosen_wrong_option"] == "position 1 → A (1 student)"
    assert items["q5"]["most_chosen_wrong_option"] == ""
    assert "most chosen wrong option: C (2 students)" in page


def test_item_csv_has_question_and_objectives(revised):
    """item_analysis.csv carries each item's question and its objectives with their text."""
    _, _, items, _ = revised
    assert items["q3"]["question"] == "Match each defence to its example."
    assert items["q1"]["objectives"].startswith("o1.1 Describe how psychodynamic psychotherapy relates to")
    assert items["q2"]["objectives"].count("; o1.3 ") == 1
    assert list(items) == ["q1", "q2", "q3", "q4", "q5", "q6"]


def test_html_shows_questions_objectives_and_option_tables_accessibly(revised):
    """The page shortens a long question with the full text in <details>, escapes every text, gives each option
    table a caption and scoped headers, marks the key in words, and says who is counted."""
    _, _, _, page = revised
    assert "<summary>Which of these are among the distinctive features of psychodynamic therapy that the" in page
    assert "Tick every one that applies.</details>" in page
    assert "a painful &lt;feeling&gt; &amp; its idea apart?" in page and "<feeling>" not in page
    assert "o1.1: Describe how psychodynamic psychotherapy relates to psychoanalysis" in page
    assert "<caption>q1 (Question 1): option chosen by the 6 analysed students</caption>" in page
    assert '<th scope="row">Defence 1: Projection</th><td>2 <strong>(key)</strong></td><td>2</td>' in page
    assert "Counts of the 6 analysed students only" in page
    assert "Not analysed, because their grading failed" in page
    assert "Not in the analysis: missing: extended; not graded: set_aside." in page
    assert page.count("<table>") == 2 + 4 and page.count("<caption>") == 6


@pytest.mark.parametrize("quiz", sorted(p.stem for p in (coursedir.REPO_COURSE / "quizzes").glob("q*.toml")))
def test_keys_read_from_the_source_notebooks_are_the_quiz_data_keys(quiz):
    """For every choice item of the course's quizzes, the key the report marks (read from the source notebook's
    solution region like any answer) is the key in the quiz's data."""
    data = {item.id: item for item in quiz_build.load_quiz(coursedir.REPO_COURSE / "quizzes" / f"{quiz}.toml").items}
    found = option_counts.choice_items(coursedir.source_notebooks(coursedir.REPO_COURSE, quiz))
    assert [c.name for c in found] == [i for i, item in data.items() if item.kind in option_counts.CHOICE_KINDS]
    for choice in found:
        key = data[choice.name].key
        expected = ({("", key)} if choice.kind == "single" else {("", k) for k in key} if choice.kind == "multiple"
                    else {(str(n), k) for n, k in key.items()} if choice.kind == "matching"
                    else {(str(n), k) for n, k in enumerate(key, 1)})
        assert choice.key == expected, choice.name


SINGLE = {"kind": "single", "variable": "q1", "answer_cell": "q1_answer", "options": "ABCD"}


@pytest.mark.parametrize(("source", "state", "answer"), [
    ('# Question 1: choose.\nq1 = ""', "not answered", None),
    ("# the line was deleted", "not answered", None),
    ('q1 = "A"\nq1 = " d "', "answered", "D"),
    ("q1 = option b", "answered", "B"),
    ('q1 = "B"\nprint(', "unreadable", None),
    ('q1 = "E"', "unreadable", None),
    ("q1 = " + "-" * 100_000 + "1", "unreadable", None),
    ("q1 = " + "+".join(["1"] * 100_000), "unreadable", None),
])
def test_an_answer_is_read_as_the_grader_reads_it(source, state, answer):
    """The last answer line counts, written in any forgiving form; a line left as released is no answer; a cell that
    is not Python (or nested too deep for Python's parser) or a letter that is not an option is unreadable."""
    reading = answers_read.read_answer(source, SINGLE)
    assert (reading.state, reading.answer) == (state, answer)


def test_reading_an_answer_never_runs_it(tmp_path):
    """Student code in an answer cell is read as text, never run: the file it would create does not appear."""
    marker = tmp_path / "ran"
    reading = answers_read.read_answer(f"q1 = __import__('pathlib').Path({str(marker)!r}).touch() or 'B'", SINGLE)
    assert not marker.exists() and reading.state == "unreadable"


def test_a_missing_autograded_notebook_counts_as_unreadable(tmp_path):
    """A student whose autograded notebook is gone or broken is counted once as unreadable, never dropped."""
    source = quiz_build.render(quiz_build.load_quiz(coursedir.REPO_COURSE / "quizzes" / "q1_features_and_process.toml"))
    items = option_counts.choice_items({"q1_features_and_process": source})
    (tmp_path / "autograded" / "broken" / "q1_features_and_process").mkdir(parents=True)
    (tmp_path / "autograded" / "broken" / "q1_features_and_process" / "q1_features_and_process.ipynb").write_text("{")
    option_counts.count(tmp_path, "q1_features_and_process", ["gone", "broken"], items)
    assert items[0].counts[("", option_counts.UNREADABLE)] == 2 and items[0].students == 2


@pytest.mark.pipeline
def test_option_counts_after_real_grading(tmp_path):
    """Submitted, autograded by nbgrader, then reported: the answers are read from the notebooks nbgrader wrote, and
    they agree with the scores it gave (the student who chose the key for q1 scores its point)."""
    root = _quiz_course(tmp_path / "course")
    released = coursedir.release_notebooks(root, TQ)[TQ]
    for student in ("s1", "s2"):
        lines = {f"{variable}_answer": f"# answer\n{line}" for variable, line in ANSWERS[student].items()}
        synthetic.submit(root, TQ, student, {TQ: synthetic.fill_answers(released, lines)})
    assert autograde.autograde(root, TQ, workers=2, err=io.StringIO()).exit_status == 0
    paths = report.write_report(root, TQ)
    options = list(csv.DictReader(paths["options"].open(encoding="utf-8")))
    items = {r["item"]: r for r in csv.DictReader(paths["csv"].open(encoding="utf-8"))}
    assert _counts(options, "q1") == {"A": 0, "B": 1, "C": 1, "D": 0, "no answer": 0, "unreadable": 0}
    assert _counts(options, "q4", "1") == {"A": 1, "B": 0, "C": 1, "no answer": 0, "unreadable": 0}
    assert float(items["q1"]["mean"]) == 0.5 and items["q1"]["most_chosen_wrong_option"] == "C (1 student)"


def test_unreadable_quiz_data_leaves_a_note_not_a_crash(tmp_path):
    """A quiz data file or alignment that is not valid TOML: the report goes on without that text and says why."""
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "tq.toml").write_text("title = \n")
    (tmp_path / "alignment.toml").write_text("[tq\n")
    info = item_info.item_info(tmp_path, "tq")
    assert (info.question("q1"), info.objectives_of("q1")) == ("", [])
    assert info.notes[0].startswith("question text not shown: ") and "tq.toml cannot be read" in info.notes[0]
    assert info.notes[1].startswith("objectives not shown: ") and "alignment.toml is not valid TOML" in info.notes[1]


def test_no_quiz_data_means_no_question_text(tmp_path):
    """A course folder without quizzes/ or alignment.toml (a quiz written by hand): no text and no note."""
    info = item_info.item_info(tmp_path, "tq")
    assert (info.questions, info.objectives, info.notes) == ({}, {}, [])
