"""Check a student's answer against a question's key, kind by kind, with feedback that helps but never tells."""

from __future__ import annotations

from typing import Any

from course_lib.practice import answer_reading as normalise
from course_lib.practice.model import Question
from course_lib.practice.results import CheckResult, Correct, Incorrect, NotAttempted, Noted
from course_lib.practice.voice import IN_CODE, Voice


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def check(question: Question, answer: Any, voice: Voice = IN_CODE) -> CheckResult:
    """Check ``answer`` against ``question``: Correct, Incorrect (with a helpful message), NotAttempted or Noted.

    ``voice`` says where the answer was given, so the next step is put in that place's words (code or buttons).
    """
    if normalise.is_placeholder(answer):
        return NotAttempted(f"When you are ready, {voice.to_answer(question.kind)} and {voice.check_again}.")
    if question.kind == "reflection":
        return Noted(f"Reflections are not scored. {voice.show_solution} to compare your thinking with the model "
                     "answer.")
    try:
        given = question.normalise(answer)
    except normalise.AnswerFormatError as error:
        return Incorrect(f"Could not read your answer: {error}.")
    key = question.normalised_answer()
    return _CHECKERS[question.kind](question, given, key, voice)


def _single(question: Question, given: str, key: str, voice: Voice) -> CheckResult:
    if given == key:
        return Correct(f"{given} is right.")
    return Incorrect(f"{given} is not the best answer. {voice.try_again}")


def _multiple(question: Question, given: frozenset[str], key: frozenset[str], voice: Voice) -> CheckResult:
    if given == key:
        return Correct(f"all {_plural(len(key), 'correct option')} chosen, and nothing else.")
    hits, extra = len(given & key), len(given - key)
    parts = [f"{hits} of {len(key)} correct options chosen"]
    if extra:
        parts.append(f"{_plural(extra, 'chosen option')} {'is' if extra == 1 else 'are'} not correct")
    return Incorrect(f"{'; '.join(parts)}. {voice.try_again}")


def _matching(question: Question, given: dict[str, str], key: dict[str, str], voice: Voice) -> CheckResult:
    right = sum(1 for item, choice in key.items() if given.get(item) == choice)
    if right == len(key):
        return Correct(f"all {len(key)} matched correctly.")
    missing = len(key) - len(given)
    note = f" ({_plural(missing, 'item')} not matched yet)" if missing else ""
    return Incorrect(f"{right} of {len(key)} matched correctly{note}. {voice.try_again}")


def _ordering(question: Question, given: tuple[str, ...], key: tuple[str, ...], voice: Voice) -> CheckResult:
    right = sum(1 for a, b in zip(given, key, strict=True) if a == b)
    if right == len(key):
        return Correct("every item is in the right place.")
    return Incorrect(f"{right} of {len(key)} items in the right place. {voice.try_again}")


def _numeric(question: Question, given: float, key: float, voice: Voice) -> CheckResult:
    tolerance = question.tolerance or 0.0
    if question.within_tolerance(given):
        return Correct(f"{given:g} is within ±{tolerance:g} of the answer.")
    if question.within_tolerance(given / 100):
        return Incorrect(f"{given:g} looks like a percentage: give it as a proportion between 0 and 1.")
    if key != 0 and question.within_tolerance(given * 100):
        return Incorrect(f"{given:g} looks like a proportion: give it as a percentage.")
    if abs(given - key) <= 3 * tolerance:
        return Incorrect(f"{given:g} is close but outside the tolerance (±{tolerance:g}). Check your rounding.")
    return Incorrect(f"{given:g} is not within ±{tolerance:g} of the answer. {voice.try_again}")


_CHECKERS = {
    "single": _single,
    "multiple": _multiple,
    "matching": _matching,
    "ordering": _ordering,
    "numeric": _numeric,
}
