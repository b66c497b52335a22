"""The practice-question bank: one TOML file per lesson in ``course_lib/content/questions/``."""

from __future__ import annotations

import contextlib
import difflib
from pathlib import Path

from course_lib.content.lessons import lesson as find_lesson
from course_lib.content.schema import DATA_DIR, ContentError, load_entries
from course_lib.practice.model import Question, question_lesson
from course_lib.practice.question import PracticeQuestion

QUESTIONS_DIR = DATA_DIR / "questions"

# Parsed files keyed by (path, modification time): an edited file is re-read without restarting the kernel.
_CACHE: dict[tuple[Path, int], tuple[Question, ...]] = {}


def question_files(directory: Path = QUESTIONS_DIR) -> tuple[Path, ...]:
    """Every question file, in lesson order."""
    return tuple(sorted(directory.glob("*.toml")))


def load_file(path: Path | str) -> tuple[Question, ...]:
    """Load and validate one question file named after its lesson; objectives must belong to that lesson."""
    path = Path(path)
    stamp = (path.resolve(), path.stat().st_mtime_ns if path.exists() else -1)
    if stamp not in _CACHE:
        questions = load_entries(path, "question", Question)
        _check_lesson(path, questions)
        _CACHE[stamp] = questions
    return _CACHE[stamp]


def _check_lesson(path: Path, questions: tuple[Question, ...]) -> None:
    try:
        owner = find_lesson(path.stem)
    except KeyError:
        raise ContentError(path, f"the file name should be a lesson id, e.g. 02_seven_distinctive_features.toml, "
                                 f"not {path.name}") from None
    known = {o.id for o in owner.objectives}
    for question in questions:
        entry = f"question {question.id!r}"
        if question.lesson_number != owner.number:
            raise ContentError(path, f"id should start with q{owner.number}. in this lesson's file", entry, "id")
        if question.objective not in known:
            raise ContentError(path, f"{question.objective!r} is not an objective of {owner.id} "
                                     f"(known: {', '.join(sorted(known)) or 'none'})", entry, "objective")


def load_questions(lesson_id: str, directory: Path = QUESTIONS_DIR) -> tuple[Question, ...]:
    """A lesson's practice questions, by lesson id or two-digit number ("02")."""
    return load_file(directory / f"{find_lesson(lesson_id).id}.toml")


def all_questions(directory: Path = QUESTIONS_DIR) -> tuple[Question, ...]:
    """Every practice question of every lesson; ids must be unique across files."""
    seen: dict[str, Path] = {}
    result = []
    for path in question_files(directory):
        for question in load_file(path):
            if question.id in seen:
                raise ContentError(path, f"duplicate id, also in {seen[question.id].name}", question.id, "id")
            seen[question.id] = path
            result.append(question)
    return tuple(result)


def find_question(question_id: str, directory: Path = QUESTIONS_DIR) -> Question:
    """One question by id; a KeyError names the id and the closest known ids."""
    wanted = question_id.strip()
    candidates: tuple[Question, ...] = ()
    with contextlib.suppress(KeyError, ContentError):  # the lesson's own file first: another broken file won't block
        candidates = load_questions(question_lesson(wanted), directory)
    for question in candidates:
        if question.id == wanted:
            return question
    known = [q.id for q in all_questions(directory)]
    if wanted in known:
        return next(q for q in all_questions(directory) if q.id == wanted)
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; known ids: {', '.join(known[:12]) or 'none yet'}"
    raise KeyError(f"no practice question {question_id!r}{hint}")


def practice(question_id: str, directory: Path = QUESTIONS_DIR) -> PracticeQuestion:
    """A practice question ready to use: display it, ``.check(answer)``, ``.hint()``, ``.solution()``, ``.card()``."""
    return PracticeQuestion(find_question(question_id, directory))
