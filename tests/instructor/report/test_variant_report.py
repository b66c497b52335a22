"""`course report` on a quiz with per-student variants: difficulty per variant with a flag on the one made harder,
the copier listed with the classmate whose variant they answered, both also as CSV; a quiz without variants gets
neither section."""

from __future__ import annotations

import csv
import hashlib
import re

import nbformat
import pytest

from course_lib.instructor.course import coursedir
from course_lib.instructor.quizzes import build as quiz_build
from course_lib.instructor.quizzes.build import py_literal
from course_lib.instructor.quizzes.variant_keys import student_variant
from course_lib.instructor.report import item_analysis as report
from course_lib.instructor.report import variant_fairness, variant_report
from course_lib.instructor.steps import release, variant_flags
from course_lib.instructor.testing import synthetic_graded

VQ = "vq"
QUIZ_DATA = '''
title = "Variant quiz"
intro = "Four choice items and a number, each student with their own version, and a written answer."

[variants]
on = {on}
course = "report-test-course"
shuffle = true

[[item]]
id = "q1"
kind = "single"
points = 1
prompt = "Which defence keeps a painful feeling apart from its idea?"
options = ["Projection", "Isolation of affect", "Sublimation", "Denial"]
key = "B"

[[item]]
id = "q2"
kind = "single"
points = 1
prompt = "Which of these is a defence?"
options = ["Repression", "Homework", "Exposure", "Relaxation"]
key = "A"

[[item]]
id = "q3"
kind = "multiple"
points = 2
prompt = "Which of these are features of psychodynamic therapy? Tick every one that applies."
options = ["Focus on affect", "Homework between sessions", "Exploring avoidance", "Teaching skills"]
key = ["A", "C"]

[[item]]
id = "q4"
kind = "matching"
points = 3
item_noun = "Defence"
prompt = "Match each defence to its example."
items = ["Projection", "Displacement", "Reaction formation"]
options = ["Seeing one's anger in others", "Shouting at the dog after a row at work", "Exaggerated kindness"]
key = {{ "1" = "A", "2" = "B", "3" = "C" }}

[[item]]
id = "q5"
kind = "numeric"
points = 1
prompt = "In a group where a share of {{cer}} improve without treatment, what share is twice that?"
key = 0.3
tolerance = 0.01
range = [0.0, 1.0]
unit = "proportion"

[item.variant]
params = {{ cer = [0.15, 0.2, 0.25] }}
formula = "2 * cer"

[[item]]
id = "q6"
kind = "written"
points = 2
prompt = "Explain transference in two sentences."
model_answer = "The client relates to the therapist as to an earlier figure."
'''
VARIANT_ONLY = """
[item.variant]
params = { cer = [0.15, 0.2, 0.25] }
formula = "2 * cer"
"""
STUDENTS = [f"s{n:03d}" for n in range(1, 131)]
MAX_POINTS = {"q1": 1, "q2": 1, "q3": 2, "q4": 3, "q5": 1, "q6": 2}
HARD = "key at A"  # the students whose q1 key landed at A all miss it: that variant is planted harder


def _course(root, on: bool):
    """A course holding the variant quiz (variants on or off), released."""
    (root / "quizzes").mkdir(parents=True)
    data = QUIZ_DATA.format(on=str(on).lower())
    if not on:  # the same quiz as every quiz was before variants: one version for all
        data = data.replace(VARIANT_ONLY, "").replace("{cer}", "0.15")
    (root / "quizzes" / f"{VQ}.toml").write_text(data, encoding="utf-8")
    (root / "exchange").mkdir()
    (root / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'report-test-course'\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n")
    source = quiz_build.render(quiz_build.load_quiz(root / "quizzes" / f"{VQ}.toml"))
    (root / "source" / VQ).mkdir(parents=True)
    nbformat.write(source, root / "source" / VQ / f"{VQ}.ipynb")
    assert release.release(root, VQ).ok
    return root, source


def _is_right(student: str, item: str) -> bool:
    """About three students in four answer right, independently of their variant."""
    return hashlib.sha256(f"{student}/{item}".encode()).digest()[0] < 192


@pytest.fixture(scope="module")
def variant_class(tmp_path_factory):
    """130 students answering their own versions (q1 wrong for everyone whose key landed at A, the other items
    right three times in four, and q3 half right now and then), and copycat, who answered s001's version (and
    whom autograde flagged for typing s001's ID): reported once."""
    root, source = _course(tmp_path_factory.mktemp("variants") / "course", on=True)
    versions = {s: student_variant(VQ, s, nb=source) for s in [*STUDENTS, "copycat"]}
    answers, scores = {}, {}
    for student in STUDENTS:
        mine = versions[student]
        right = {item: (item != "q1" or mine["q1"].group != HARD) and _is_right(student, item) for item in mine}
        answers[student] = {item: f"{item} = {py_literal(mine[item].key)}" for item in mine if right[item]}
        scores[student] = {item: MAX_POINTS[item] * right[item] for item in mine}
        if not right["q3"] and _is_right(student, "half"):  # one of the two right options ticked: half the points
            answers[student]["q3"] = f'q3 = "{sorted(mine["q3"].key)[0]}"'
            scores[student]["q3"] = 1.0
    answers["copycat"] = {item: f"{item} = {py_literal(seen.key)}" for item, seen in versions["s001"].items()}
    scores["copycat"] = {item: MAX_POINTS[item] * (versions["copycat"][item].key == seen.key)
                         for item, seen in versions["s001"].items()}
    synthetic_graded.write_graded_class(root, VQ, answers, scores)
    variant_flags.save(root, VQ, {"copycat": ["the ID typed in the notebook is 's001', not 'copycat' as graded"]})
    paths = report.write_report(root, VQ)
    return root, versions, paths


def _rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_difficulty_per_variant_flags_the_planted_harder_variant(variant_class):
    """q1's variant whose key is at A (everyone who got it missed it) is flagged harder, with its n and a
    difficulty of 0; q2, right three times in four whatever the variant, raises no flag."""
    _, versions, paths = variant_class
    rows = _rows(paths["variants"])
    hard = next(r for r in rows if r["item"] == "q1" and r["variant"] == HARD)
    expected_n = sum(versions[s]["q1"].group == HARD for s in [*STUDENTS, "copycat"])
    assert int(hard["students"]) == expected_n >= variant_fairness.MIN_STUDENTS
    assert (hard["difficulty"], hard["verdict"], hard["test"]) == ("0.0000", variant_fairness.HARDER,
                                                                     variant_fairness.FISHER)
    assert float(hard["p_holm"]) <= variant_fairness.ALPHA
    q2 = [r for r in rows if r["item"] == "q2"]
    assert len(q2) == 4 and {r["verdict"] for r in q2} == {variant_fairness.SAME}
    assert sum(int(r["students"]) for r in q2) == len(STUDENTS) + 1


def test_every_variant_item_and_only_those_are_compared(variant_class):
    """The five variant items appear, each variant once (q5 by its number, the others by where the key landed);
    the written item, the same for everyone, does not; q3's partial credit is compared by Mann–Whitney."""
    _, _, paths = variant_class
    rows = _rows(paths["variants"])
    assert {r["item"] for r in rows} == {"q1", "q2", "q3", "q4", "q5"}
    assert {r["variant"] for r in rows if r["item"] == "q5"} == {"cer=0.15", "cer=0.2", "cer=0.25"}
    assert {r["test"] for r in rows if r["item"] == "q3"} <= {variant_fairness.MANN_WHITNEY, ""}


def test_the_copier_is_listed_with_the_classmate_whose_variant_they_answered(variant_class):
    """copycat, who answered with s001's keys, is listed with s001 and the items where their keys differ; no student
    who answered their own version is listed. With only five variant items such a fit could also arise by
    coincidence, and the expected number of classmates says so (above 1)."""
    _, versions, paths = variant_class
    [row] = _rows(paths["copying"])
    differ = [item for item, seen in versions["s001"].items() if versions["copycat"][item].key != seen.key]
    assert (row["student"], row["whose_variant"], row["items"]) == ("copycat", "s001", "; ".join(differ))
    assert len(differ) >= 2 and float(row["expected_by_coincidence"]) > 1


def test_the_html_has_both_sections_in_plain_words(variant_class):
    """The report names the method, shows each variant's row with its flag, and lists the copier with s001 under
    "Possible copying", saying nothing is penalised."""
    _, _, paths = variant_class
    page = paths["html"].read_text(encoding="utf-8")
    assert "<h2>Variants</h2>" in page and "<h2>Possible copying</h2>" in page
    assert "Fisher's exact test" in page and "Holm" in page and "at least 20 students" in page
    assert f'<th scope="row">{HARD}</th>' in page and "<strong>harder than its siblings</strong>" in page
    assert "<td>&lt; 0.001</td>" in page and "<td>< " not in page  # the tiny p, escaped
    assert re.search(r"<p>\d+ of \d+ variants compared, flagged: q1 key at A \(harder than its siblings\)", page)
    assert '<th scope="row">copycat</th><td>s001</td>' in page and "Nothing is penalised" in page


def test_the_flags_autograde_raised_are_in_the_report(variant_class):
    """A submission autograde flagged (the ID typed is another student's) is named with the flag's sentence."""
    page = variant_class[2]["html"].read_text(encoding="utf-8")
    flag = "the ID typed in the notebook is &#x27;s001&#x27;, not &#x27;copycat&#x27; as graded"
    assert f"<li>copycat: {flag}</li>" in page and "variant-flags.json" in page


def test_a_class_too_small_to_compare_says_so_in_one_sentence():
    """When no variant has enough students, the section says so instead of leaving a table of "too few"."""
    findings = variant_report.Findings([], fairness=variant_fairness.fairness(
        {"q1": [("key at A", 1.0), ("key at B", 0.0)] * 3}))
    assert "None of the 2 variants could be compared: each had fewer than 20 analysed students" in \
        variant_report.html_sections(findings)


def test_a_quiz_without_variants_gets_neither_section(tmp_path):
    """With variants off, the report has no variant section and removes variant tables left from an earlier run."""
    root, _ = _course(tmp_path / "course", on=False)
    synthetic_graded.write_graded_class(root, VQ, {"ann": {"q1": 'q1 = "B"'}, "ben": {}},
                                        {"ann": {"q1": 1}, "ben": {}})
    stale = coursedir.reports_dir(root, VQ) / "variants.csv"
    stale.write_text("left from an earlier report\n")
    paths = report.write_report(root, VQ)
    page = paths["html"].read_text(encoding="utf-8")
    assert "Variants" not in page and "Possible copying" not in page
    assert "variants" not in paths and not stale.exists()
