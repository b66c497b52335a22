"""Visible checks: is the answer there, and in a form the grader can read? Never whether it is right.

Each check returns ``(answer, problem)``: the normalised answer and ``None`` when the form is fine, or
``None`` and a message saying what to change. An untouched placeholder (``None``) reads as not answered yet.
The test cell does ``assert problem is None, problem`` so the student sees the message, not a traceback
into this module.
"""

from collections.abc import Iterable

from course_lib.grading.normalise import (
    normalise_choice,
    normalise_choices,
    normalise_matching,
    normalise_number,
    normalise_ordering,
)

__all__ = [
    "NOT_ANSWERED",
    "check_choice",
    "check_choices",
    "check_matching",
    "check_number",
    "check_ordering",
]

#: Start of every message for an untouched item; the pipeline and the tests look for it.
NOT_ANSWERED = "Not answered yet"

Checked = tuple[object, str | None]


def _options_text(options: Iterable[str]) -> str:
    return ", ".join(f'"{option}"' for option in options)


def _not_answered(example: str) -> Checked:
    return None, f"{NOT_ANSWERED}: replace None with your answer, for example {example}."


def check_choice(value: object, options: Iterable[str]) -> Checked:
    """One option letter as a string."""
    options = list(options)
    if value is None:
        return _not_answered(f'"{options[0]}"')
    answer = normalise_choice(value, options)
    if answer is None:
        return None, f"Write exactly one option letter as a string in quotes, one of {_options_text(options)}."
    return answer, None


def check_choices(value: object, options: Iterable[str]) -> Checked:
    """A set (or list or tuple) of option letters; an empty set is a valid, if unlikely, answer."""
    options = list(options)
    if value is None:
        return _not_answered('{"' + '", "'.join(options[:2]) + '"}')
    if isinstance(value, str):
        return None, 'Put the letters in a set, each in quotes, e.g. {"A", "C"}, not one string.'
    answer = normalise_choices(value, options)
    if answer is None:
        return None, f"Use a set of option letters in quotes, each one of {_options_text(options)}."
    return answer, None


def check_matching(value: object, n_items: int, options: Iterable[str]) -> Checked:
    """A dict from each vignette number (1..n_items) to one option letter."""
    options = list(options)
    if value is None:
        return _not_answered("{1: " + f'"{options[0]}"' + ", 2: ...}")
    answer = normalise_matching(value, n_items, options)
    if answer is None:
        numbers = ", ".join(str(n) for n in range(1, n_items + 1))
        return None, (
            f"Use a dict with every vignette number ({numbers}) as a key, each exactly once, "
            f"and one option letter in quotes as its value, one of {_options_text(options)}."
        )
    return answer, None


def check_ordering(value: object, options: Iterable[str]) -> Checked:
    """A list of all the option letters in some order, each once."""
    options = list(options)
    if value is None:
        return _not_answered("[" + ", ".join(f'"{o}"' for o in options) + "] in your order")
    if isinstance(value, set | frozenset):
        return None, "A set has no order: use a list in square brackets, e.g. [" + ", ".join(
            f'"{o}"' for o in options
        ) + "]."
    answer = normalise_ordering(value, options)
    if answer is None:
        return None, f"Use a list that contains each of {_options_text(options)} exactly once."
    return answer, None


def check_number(value: object, low: float | None = None, high: float | None = None) -> Checked:
    """A number (not text), optionally within a plausible range such as 0 to 1 for a proportion."""
    if value is None:
        return _not_answered("0.5")
    if isinstance(value, str):
        return None, "Write the number without quotes, e.g. 0.5 rather than \"0.5\"."
    answer = normalise_number(value)
    if answer is None:
        return None, "Write a single number, e.g. 0.5."
    if (low is not None and answer < low) or (high is not None and answer > high):
        return None, f"This answer should lie between {low} and {high}; check the units the question asks for."
    return answer, None
