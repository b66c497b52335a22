"""Check a student's answer against a question's key, kind by kind, with feedback that helps but never tells."""

from __future__ import annotations

from typing import Any

from course_lib.quiz import normalise
from course_lib.quiz.model import Question
from course_lib.quiz.results import CheckResult, Correct, Incorrect, NotAttempted, Noted

_TRY_AGAIN = "Try again, or ask for a hint with .hint()."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def check(question: Question, answer: Any) -> CheckResult:
    """Check ``answer`` against ``question``: Correct, Incorrect (with a helpful message), NotAttempted or Noted."""
    if normalise.is_placeholder(answer):
        what = "write a few sentences" if question.kind == "reflection" else "replace the placeholder with your answer"
        return NotAttempted(f"When you are ready, {what} and check again.")
    if question.kind == "reflection":
        return Noted("Reflections are not scored. Compare your thinking with the model answer: .solution().")
    try:
        given = question.normalise(answer)
    except normalise.AnswerFormatError as error:
        return Incorrect(f"Could not read your answer: {error}.")
    key = question.normalised_answer()
    checker = _CHECKERS[question.kind]
    return checker(question, given, key)


def _single(question: Question, given: str, key: str) -> CheckResult:
    if given == key:
        return Correct(f"{given} is right.")
    return Incorrect(f"{given} is not the best answer. {_TRY_AGAIN}")


def _multiple(question: Question, given: frozenset[str], key: frozenset[str]) -> CheckResult:
    if given == key:
        return Correct(f"all {_plural(len(key), 'correct option')} chosen, and nothing else.")
    hits, extra = len(given & key), len(given - key)
    parts = [f"{hits} of {len(key)} correct options chosen"]
    if extra:
        parts.append(f"{_plural(extra, 'chosen option')} {'is' if extra == 1 else 'are'} not correct")
    return Incorrect(f"{'; '.join(parts)}. {_TRY_AGAIN}")


def _matching(question: Question, given: dict[str, str], key: dict[str, str]) -> CheckResult:
    right = sum(1 for item, choice in key.items() if given.get(item) == choice)
    if right == len(key):
        return Correct(f"all {len(key)} matched correctly.")
    missing = len(key) - len(given)
    note = f" ({_plural(missing, 'item')} not matched yet)" if missing else ""
    return Incorrect(f"{right} of {len(key)} matched correctly{note}. {_TRY_AGAIN}")


def _ordering(question: Question, given: tuple[str, ...], key: tuple[str, ...]) -> CheckResult:
    right = sum(1 for a, b in zip(given, key, strict=True) if a == b)
    if right == len(key):
        return Correct("every item is in the right place.")
    return Incorrect(f"{right} of {len(key)} items in the right place. {_TRY_AGAIN}")


def _numeric(question: Question, given: float, key: float) -> CheckResult:
    tolerance = question.tolerance or 0.0
    if question.within_tolerance(given):
        return Correct(f"{given:g} is within ±{tolerance:g} of the answer.")
    if question.within_tolerance(given / 100):
        return Incorrect(f"{given:g} looks like a percentage: give it as a proportion between 0 and 1.")
    if key != 0 and question.within_tolerance(given * 100):
        return Incorrect(f"{given:g} looks like a proportion: give it as a percentage.")
    if abs(given - key) <= 3 * tolerance:
        return Incorrect(f"{given:g} is close but outside the tolerance (±{tolerance:g}). Check your rounding.")
    return Incorrect(f"{given:g} is not within ±{tolerance:g} of the answer. {_TRY_AGAIN}")


_CHECKERS = {
    "single": _single,
    "multiple": _multiple,
    "matching": _matching,
    "ordering": _ordering,
    "numeric": _numeric,
}
