"""Tests for course_lib.practice.bank, and the generic check of EVERY practice question in the course.

Each question file in course_lib/content/questions/ must load; each question's key checks Correct, each listed wrong
answer Incorrect and the untouched placeholder NotAttempted; its card, driven to the key, says correct; its reference
keys and objective exist; and each lesson file holds at least 8 questions.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from course_lib.content.lessons import lessons
from course_lib.content.schema import ContentError
from course_lib.practice.bank import QUESTIONS_DIR, all_questions, find_question, load_file, load_questions, practice
from course_lib.practice.checking import check
from course_lib.practice.question import PracticeQuestion
from course_lib.widgets.lesson_start import objectives

SAMPLE = Path(__file__).parent / "data" / "quiz" / "02_seven_distinctive_features.toml"
MIN_PER_LESSON = 8
# Lessons that carry practice questions (00 is the orientation, 05 is covered by its own issue but counted if present).
PRACTICE_LESSONS = [item for item in lessons() if "01" <= item.number <= "07"]


def course_files() -> list[Path]:
    """The course's question files (none yet is fine: the lessons are still being written)."""
    return sorted(QUESTIONS_DIR.glob("*.toml")) if QUESTIONS_DIR.exists() else []


def loadable_questions():
    """Every question of every file that loads (a broken file fails in test_course_file_loads instead)."""
    found = []
    for path in course_files():
        try:
            found.extend(pytest.param(q, id=q.id) for q in load_file(path))
        except ContentError:
            continue
    return found


COURSE_QUESTIONS = loadable_questions()


# ---- the generic test over every course question ----------------------------------------------------------------


@pytest.mark.parametrize("path", course_files(), ids=lambda p: p.name)
def test_course_file_loads(path):
    """Every question file loads: schema valid, ids prefixed by its lesson number, objectives of its lesson."""
    assert load_file(path)


@pytest.mark.parametrize("item", PRACTICE_LESSONS, ids=lambda item: item.number)
def test_each_lesson_has_at_least_eight_questions(item):
    """A lesson's question file, once present, holds at least 8 questions (absent files are skipped, not failed)."""
    path = QUESTIONS_DIR / f"{item.id}.toml"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    assert len(load_questions(item.id)) >= MIN_PER_LESSON


def test_question_ids_are_unique_across_files():
    """No two files use the same question id, so practice(id) is unambiguous."""
    ids = [q.id for q in all_questions()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("question", COURSE_QUESTIONS)
def test_course_question_checks_key_wrong_and_placeholder(question):
    """The key is Correct, each listed wrong answer Incorrect, None NotAttempted (reflections: text → Noted)."""
    assert check(question, None).status == "not-attempted"
    if question.kind == "reflection":
        assert check(question, "").status == "not-attempted"
        assert check(question, "An answer that reasons about the material.").status == "noted"
        return
    assert check(question, question.answer).status == "correct", question.id
    for wrong in question.wrong:
        assert check(question, wrong).status == "incorrect", (question.id, wrong)


@pytest.mark.parametrize("question", COURSE_QUESTIONS)
def test_course_question_has_wrong_answers_to_test(question):
    """Every scored question lists at least one plausible wrong answer, so the generic test can fail."""
    assert question.kind == "reflection" or len(question.wrong) >= 1


@pytest.mark.parametrize("question", COURSE_QUESTIONS)
def test_course_question_card_reaches_correct(question):
    """Each question's card, driven to the key (or a written reflection) and checked, shows the matching outcome."""
    card = PracticeQuestion(question).card()
    card.check_button.click()
    assert "course-check-not-attempted" in card.feedback.value
    if question.kind == "reflection":
        card.set_answer("An answer that reasons about the material.")
        expected = "course-check-noted"
    else:
        card.set_answer(question.normalised_answer())
        expected = "course-check-correct"
    card.check_button.click()
    assert expected in card.feedback.value


@pytest.mark.parametrize("question", COURSE_QUESTIONS)
def test_course_question_references_exist(question):
    """Every reference key a question cites is in the course bibliography."""
    from course_lib.evidence import load_references

    missing = set(question.references) - set(load_references())
    assert not missing, f"{question.id} cites unknown keys {sorted(missing)}"


@pytest.mark.parametrize("question", COURSE_QUESTIONS)
def test_course_question_objective_exists(question):
    """Every question's objective is one of the learning objectives of its own lesson."""
    owner = next(item for item in lessons() if item.number == question.lesson_number)
    assert question.objective in {o.id for o in objectives(owner.id).lesson.objectives}


# ---- the loader itself, on a private copy of the sample file -----------------------------------------------------


@pytest.fixture
def bank(tmp_path):
    """A question folder holding the sample file for lesson 02."""
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    return tmp_path


def test_load_questions_by_number_or_id(bank):
    """A lesson's questions load by two-digit number or full lesson id."""
    assert load_questions("02", bank) == load_questions("02_seven_distinctive_features", bank)
    assert [q.id for q in load_questions("02", bank)][:2] == ["q02.1", "q02.2"]


def test_practice_returns_a_fresh_practice_question(bank):
    """practice(id) returns a PracticeQuestion with its own hint position each time."""
    first = practice("q02.1", bank)
    first.hint()
    second = practice("q02.1", bank)
    assert isinstance(second, PracticeQuestion)
    assert second.hints_shown == 0


def test_unknown_id_names_it_and_close_matches(bank):
    """An unknown id raises KeyError naming the id and the closest known ids."""
    with pytest.raises(KeyError, match=r"no practice question 'q02\.9'.*did you mean q02\.\d"):
        find_question("q02.9", bank)


def test_unknown_id_without_close_match_lists_known_ids(bank):
    """With nothing close, the error lists known ids so the student can pick one."""
    with pytest.raises(KeyError, match=r"known ids: q02\.1"):
        practice("zzz", bank)


def test_objective_of_another_lesson_is_rejected(bank):
    """A question whose objective belongs to another lesson is reported with file, entry and field."""
    path = bank / SAMPLE.name
    path.write_text(path.read_text().replace('objective = "o2.3"', 'objective = "o2.9"', 1))
    with pytest.raises(ContentError, match=r"02_seven_distinctive_features\.toml, question 'q02\.2', field "
                                           r"'objective': 'o2\.9' is not an objective"):
        load_file(path)


def test_id_from_another_lesson_is_rejected(tmp_path):
    """A question in lesson 03's file must have a q03. id."""
    path = tmp_path / "03_how_it_works.toml"
    path.write_text(SAMPLE.read_text())
    with pytest.raises(ContentError, match=r"field 'id': id should start with q03\."):
        load_file(path)


def test_file_not_named_after_a_lesson_is_rejected(tmp_path):
    """A question file must be named after a lesson id."""
    path = tmp_path / "lesson_two.toml"
    shutil.copy(SAMPLE, path)
    with pytest.raises(ContentError, match="should be a lesson id"):
        load_file(path)


def test_duplicate_ids_across_files_are_rejected(bank):
    """The same id in two lesson files is reported, naming both files."""
    text = SAMPLE.read_text().replace("q02.", "q03.").replace('"o2.', '"o3.')
    (bank / "03_how_it_works.toml").write_text(text.replace('id = "q03.1"', 'id = "q02.1"', 1)
                                               .replace('objective = "o3.1"', 'objective = "o2.1"', 1))
    with pytest.raises(ContentError):
        all_questions(bank)


def test_edited_file_is_reloaded(bank):
    """Editing a question file takes effect on the next load, without restarting the kernel."""
    path = bank / SAMPLE.name
    assert find_question("q02.1", bank).prompt.startswith("Which activity")
    text = path.read_text().replace("Which activity did", "Which one activity did", 1)
    path.write_text(text)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert find_question("q02.1", bank).prompt.startswith("Which one activity")
