"""The practice-question schema: one frozen dataclass, validated per kind when a question file is loaded.

A question file is ``course_lib/content/questions/<lesson_id>.toml`` holding ``[[question]]`` entries;
``course_lib.content.schema.load_entries(path, "question", Question)`` reads and validates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from course_lib.practice import answer_reading as normalise

KINDS = ("single", "multiple", "matching", "numeric", "ordering", "reflection")
# A lesson number is two digits, with a letter for a lesson slotted in between two others ("01b").
QUESTION_ID = re.compile(r"^q(\d{2}[a-z]?)\.(\d+)$")
OBJECTIVE_ID = re.compile(r"^o(\d+[a-z]?)\.(\d+)$")


def lesson_key(number: str) -> str:
    """A lesson number without leading zeros, as objective ids write it: "02" → "2", "01b" → "1b"."""
    digits = number.rstrip("abcdefghijklmnopqrstuvwxyz")
    return f"{int(digits)}{number[len(digits):]}"


def question_lesson(question_id: str) -> str:
    """The lesson number a question id starts with: "q02.3" → "02", "q01b.4" → "01b"."""
    match = QUESTION_ID.match(question_id.strip())
    return match.group(1) if match else question_id.strip()[1:3]

# Which optional fields each kind needs; any other optional field must be left out so typos in a kind show up.
_NEEDS = {
    "single": ("choices",),
    "multiple": ("choices",),
    "matching": ("left", "right"),
    "numeric": ("tolerance",),
    "ordering": ("items",),
    "reflection": ("model_answer",),
}
# A value this close to the tolerance edge still counts, so float rounding (0.1 + 0.2) never fails a student.
_EPSILON = 1e-9
_OPTIONAL = ("choices", "left", "right", "items", "tolerance", "model_answer")


def _problem(field_name: str, message: str) -> ValueError:
    # load_entries reports a validate() error with file and entry; we name the field in the message.
    return ValueError(f"field '{field_name}': {message}")


@dataclass(frozen=True)
class Question:
    """One practice question, exactly as declared in a question file."""

    id: str
    objective: str
    kind: str
    prompt: str
    hints: tuple[str, ...]
    answer: Any = None
    choices: dict[str, str] = field(default_factory=dict)
    left: dict[str, str] = field(default_factory=dict)
    right: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)
    tolerance: float | None = None
    wrong: Any = ()
    explanation: str = ""
    model_answer: str | None = None
    references: tuple[str, ...] = ()

    @property
    def lesson_number(self) -> str:
        """The lesson number taken from the id ("q02.3" → "02", "q01b.4" → "01b")."""
        return question_lesson(self.id)

    @property
    def options(self) -> dict[str, str]:
        """The keys a student picks from: choices, right-hand options or items, by kind."""
        return {"matching": self.right, "ordering": self.items}.get(self.kind, self.choices)

    @property
    def asks_for_proportion(self) -> bool:
        """Numeric only: is the key a proportion strictly between 0 and 1, so that a typed "69%" means 0.69?"""
        return self.kind == "numeric" and isinstance(self.answer, int | float) and 0 < self.answer < 1

    def within_tolerance(self, value: float) -> bool:
        """Numeric only: is ``value`` within the tolerance of the key (edge included, float rounding forgiven)?"""
        return abs(value - self.normalised_answer()) <= (self.tolerance or 0.0) + _EPSILON

    def normalised_answer(self) -> Any:
        """The answer key in the canonical form that checking compares against."""
        return self.normalise(self.answer)

    def normalise(self, value: Any) -> Any:
        """A student's (or the key's) answer in canonical form; raises AnswerFormatError if unreadable."""
        if self.kind == "single":
            return normalise.option(value, self.choices)
        if self.kind == "multiple":
            return normalise.option_set(value, self.choices)
        if self.kind == "matching":
            return normalise.matching(value, self.left, self.right)
        if self.kind == "ordering":
            return normalise.ordering(value, self.items)
        if self.kind == "numeric":
            return normalise.number(value, proportion=self.asks_for_proportion)
        return normalise.text(value)

    def validate(self) -> None:
        """Enforce the rules of this question's kind (called by load_entries)."""
        match = QUESTION_ID.match(self.id)
        if not match:
            raise _problem("id", f"{self.id!r} should look like 'q02.3' or 'q01b.3' "
                                 "(q, the lesson number, a dot, a number)")
        objective = OBJECTIVE_ID.match(self.objective)
        if not objective:
            raise _problem("objective", f"{self.objective!r} should look like 'o2.1'")
        if lesson_key(objective.group(1)) != lesson_key(match.group(1)):
            raise _problem("objective", f"{self.objective!r} is not an objective of lesson {match.group(1)}")
        if self.kind not in KINDS:
            raise _problem("kind", f"{self.kind!r} is not one of {', '.join(KINDS)}")
        if not self.hints or any(not h.strip() for h in self.hints):
            raise _problem("hints", "give at least one hint, none of them empty")
        for name in _OPTIONAL:
            present = getattr(self, name) not in (None, {})
            if name in _NEEDS[self.kind] and not present:
                raise _problem(name, f"a {self.kind} question needs this field")
            if name not in _NEEDS[self.kind] and present:
                raise _problem(name, f"a {self.kind} question does not use this field")
        for name in ("choices", "left", "right", "items"):
            if any(not str(text).strip() for text in getattr(self, name).values()):
                raise _problem(name, "every entry needs text")
        if self.kind == "reflection":
            self._validate_reflection()
        else:
            self._validate_scored()

    def _validate_reflection(self) -> None:
        if self.answer is not None:
            raise _problem("answer", "a reflection is not scored: give a model_answer instead of an answer")
        if self.wrong:
            raise _problem("wrong", "a reflection is not scored: leave out wrong answers")

    def _validate_scored(self) -> None:
        if self.answer is None:
            raise _problem("answer", "required for a scored question")
        if not self.explanation.strip():
            raise _problem("explanation", "required for a scored question: say why the answer is right")
        if self.kind in ("single", "multiple") and len(self.choices) < 2:
            raise _problem("choices", "give at least two choices")
        if self.kind == "ordering" and len(self.items) < 2:
            raise _problem("items", "give at least two items to order")
        if self.kind == "numeric" and self.tolerance is not None and self.tolerance <= 0:
            raise _problem("tolerance", "must be greater than 0")
        try:
            key = self._strict(self.answer)
        except normalise.AnswerFormatError as error:
            raise _problem("answer", str(error)) from None
        if not isinstance(self.wrong, list | tuple):
            raise _problem("wrong", "give a list of plausible wrong answers")
        for number, wrong in enumerate(self.wrong, start=1):
            try:
                value = self._strict(wrong)
            except normalise.AnswerFormatError as error:
                raise _problem("wrong", f"wrong answer {number} ({wrong!r}) is not well formed: {error}") from None
            if self.kind == "numeric":
                if self.within_tolerance(value):
                    raise _problem("wrong", f"wrong answer {number} ({wrong!r}) is within the tolerance of the key")
            elif value == key:
                raise _problem("wrong", f"wrong answer {number} ({wrong!r}) is the same as the answer")

    def _strict(self, value: Any) -> Any:
        """Normalise an authored answer; unlike a student's, it must be complete and well formed."""
        if normalise.is_placeholder(value):
            raise normalise.AnswerFormatError("must not be empty")
        if self.kind == "multiple" and not isinstance(value, list | tuple):
            raise normalise.AnswerFormatError("give a list of choice keys, e.g. [\"A\", \"C\"]")
        if self.kind == "numeric" and not isinstance(value, int | float):
            raise normalise.AnswerFormatError("give a number")
        if self.kind == "matching" and not isinstance(value, dict):
            raise normalise.AnswerFormatError('give a table, e.g. { "1" = "B", "2" = "A" }')
        if self.kind == "ordering" and not isinstance(value, list | tuple):
            raise normalise.AnswerFormatError('give a list of item keys, e.g. ["C", "A", "B"]')
        result = self.normalise(value)
        if self.kind == "matching" and set(result) != set(self.left):
            raise normalise.AnswerFormatError("match every left item exactly once")
        return result
