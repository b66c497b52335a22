"""PracticeQuestion: a question plus the little state a student builds up (which hint comes next)."""

from __future__ import annotations

from typing import Any

from course_lib.practice.checking import check
from course_lib.practice.display import Display, prompt_display
from course_lib.practice.hints import hint, solution
from course_lib.practice.model import Question
from course_lib.practice.results import CheckResult
from course_lib.practice.voice import IN_CODE, Voice
from course_lib.record.recorder import record_answer


class PracticeQuestion:
    """What ``practice(id)`` returns: ``.check(answer)``, ``.hint()``, ``.solution()``, ``.card()``, rich display."""

    def __init__(self, question: Question):
        self.question = question
        self.hints_shown = 0  # Question is frozen; the hint position lives here, one per practice() call
        self.source = "practice"  # where a check is recorded as answered: "practice" or "review"

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def kind(self) -> str:
        return self.question.kind

    def check(self, answer: Any, voice: Voice = IN_CODE) -> CheckResult:
        """Check an answer: Correct, Incorrect (with a helpful message), NotAttempted or Noted.

        ``voice`` is where it was answered: in code (the default) or on a card, whose feedback speaks of its buttons.
        The result is recorded in the learner's local progress record (never the answer itself).
        """
        result = check(self.question, answer, voice)
        record_answer(self.question, result, self.source)
        return result

    def hint(self, voice: Voice = IN_CODE) -> Display:
        """The next hint ('Hint 2 of 3'); after the last, a pointer to the solution, in ``voice``."""
        self.hints_shown = min(self.hints_shown + 1, len(self.question.hints) + 1)
        return hint(self.question, self.hints_shown, voice)

    def solution(self) -> Display:
        """The answer with its option text (or a model answer), the explanation and the references."""
        return solution(self.question)

    def card(self) -> Any:
        """An ipywidgets card for this question: inputs, Check / Hint / Show solution buttons, feedback."""
        from course_lib.practice.card import QuestionCard  # ipywidgets load only when a card is asked for

        return QuestionCard(self)

    def display(self) -> Display:
        """The prompt, options and the shape of answer expected."""
        return prompt_display(self.question)

    def _repr_html_(self) -> str:
        return self.display().html

    def __repr__(self) -> str:
        return self.display().text
