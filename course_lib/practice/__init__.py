"""Practice questions: load them, show them, check answers, give hints and solutions.

- ``model``: the question schema, validated per kind; ``bank``: one TOML file per lesson, and ``practice(id)``.
- ``question``: ``PracticeQuestion``, a question with its hint position; ``card``: the same as an ipywidgets card.
- ``checking`` with ``answer_reading`` (the course's one normaliser, adapted) and ``results`` (Correct, Incorrect,
  NotAttempted, Noted); ``hints``, ``display`` and ``voice``: what the student reads, worded for code or card.

In a lesson (which imports through course_lib.lesson)::

    from course_lib.lesson import practice
    q1 = practice("q02.1")
    q1                      # shows the question
    q1.check(answer_1)      # Correct / Incorrect / NotAttempted / Noted
    q1.hint(); q1.solution(); q1.card()
"""

from course_lib.practice.answer_reading import AnswerFormatError
from course_lib.practice.bank import all_questions, find_question, load_file, load_questions, practice, question_files
from course_lib.practice.checking import check
from course_lib.practice.model import KINDS, Question
from course_lib.practice.question import PracticeQuestion
from course_lib.practice.results import CheckResult, Correct, Incorrect, NotAttempted, Noted

__all__ = [
    "KINDS",
    "AnswerFormatError",
    "CheckResult",
    "Correct",
    "Incorrect",
    "NotAttempted",
    "Noted",
    "PracticeQuestion",
    "Question",
    "all_questions",
    "check",
    "find_question",
    "load_file",
    "load_questions",
    "practice",
    "question_files",
]
