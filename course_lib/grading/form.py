"""The visible check of a graded item: can the grader read the answer? Never whether it is right.

A check cell calls :func:`report`, which prints one plain sentence a student can act on ("not answered yet",
"answer read as A, C", "could not read … type just one letter") and returns the answer in canonical form, or
``None`` when there is nothing the grader can read. It never raises for a problem of form, so *Run All* reaches the
end of the quiz and every item shows its status; the hidden part of the cell scores ``None`` as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from course_lib.grading.answer_lines import NOT_RUN
from course_lib.grading.normalise import (
    AnswerFormatError,
    is_placeholder,
    matching,
    number,
    option,
    option_set,
    ordering,
)

__all__ = ["NOT_ANSWERED", "NOT_RUN", "Reading", "read", "report"]

#: In the message of every untouched item; the pipeline and the tests look for it.
NOT_ANSWERED = "not answered yet"




@dataclass(frozen=True)
class Reading:
    answer: Any  # canonical answer, or None
    state: str  # "answered", "partly answered", "not answered", "not run" or "unreadable"
    message: str


def _how_to_answer(kind: str, variable: str) -> str:
    # Formats only, never an example letter or number: an example could be taken for a hint.
    return {
        "single": f'click an option in the form, or type its letter between the quotes of {variable} = ""',
        "multiple": f'tick the options in the form, or type their letters between the quotes of {variable} = "", '
                    "separated by commas",
        "matching": "choose a letter for each item in the form, or type each letter between its pair of quotes",
        "ordering": f'choose a letter for each position in the form, or type the letters in order between the '
                    f'quotes of {variable} = ""',
        "numeric": f"type the number in the form, or in place of None in {variable} = None",
    }.get(kind, "type your answer in the answer cell")


def _shown(kind: str, answer: Any) -> str:
    if kind == "multiple":
        return ", ".join(sorted(answer)) if answer else "no option ticked"
    if kind == "matching":
        return ", ".join(f"{n} → {letter}" for n, letter in sorted(answer.items(), key=lambda p: int(p[0])))
    if kind == "ordering":
        return ", ".join(answer)
    if kind == "numeric":
        return f"{answer:g}"
    return str(answer)


def _canonical(kind: str, value: Any, letters: str, n_items: int, unit: str | None) -> Any:
    if kind == "single":
        return option(value, letters)
    if kind == "multiple":
        return option_set(value, letters)
    if kind == "matching":
        found = matching(value, [str(n) for n in range(1, n_items + 1)], letters)
        return {int(key): letter for key, letter in found.items()}
    if kind == "ordering":
        return ordering(value, letters)
    if kind == "numeric":
        return number(value, unit)
    raise ValueError(f"unknown kind of item: {kind!r}")


def read(variable: str, value: Any, *, kind: str, options: str = "", n_items: int = 0,
         unit: str | None = None, bounds: tuple[float, float] | list[float] | None = None,
         tolerance: float | None = None, item_noun: str = "item") -> Reading:
    """What the grader makes of ``value``, the answer variable's value, with the sentence that says so."""
    del tolerance  # stated in the question; the check never looks at the key
    if value is NOT_RUN:
        return Reading(None, "not run", "no answer has run yet in this session. An answer saved in the notebook is "
                                        "graded all the same; to check it here, run the answer cell above.")
    letters = str(options).upper()
    if is_placeholder(value) and not (kind == "multiple" and isinstance(value, set | frozenset | list | tuple)):
        return Reading(None, "not answered", f"{NOT_ANSWERED}: {_how_to_answer(kind, variable)}.")
    try:
        answer = _canonical(kind, value, letters, n_items, unit)
    except (AnswerFormatError, TypeError) as error:
        why = getattr(value, "reason", None)
        ran = f" Your answer line did not run as Python ({why}), so it was read as text." if why else ""
        return Reading(None, "unreadable", f"could not read your answer: {error}.{ran} It scores nothing until it "
                                           "can be read.")
    read_as = f"answer read as {_shown(kind, answer)}."
    later = " Whether it is right is checked after you submit."
    if kind == "matching" and len(answer) < n_items:
        blank = [str(n) for n in range(1, n_items + 1) if n not in answer]
        noun = item_noun.lower()
        still = f"{noun}s {', '.join(blank)} have" if len(blank) > 1 else f"{noun} {blank[0]} has"
        return Reading(answer, "partly answered", f"{read_as} Still to do: {still} no letter yet.{later}")
    message = read_as + later
    if kind == "numeric" and bounds is not None and not bounds[0] <= answer <= bounds[1]:
        low, high = bounds
        advice = f" ({answer:g}% is {answer / 100:g})" if unit == "proportion" and 1 < answer <= 100 else ""
        message += f" Note: the question asks for a number between {low:g} and {high:g}{advice}."
    return Reading(answer, "answered", message)


def report(label: str, variable: str, value: Any, *, expected: Any = None, **item: Any) -> Any:
    """Print what the grader reads for one item ("Question 5: …") and return the canonical answer or ``None``.

    ``expected`` is for the unscored examples of item 0 only, whose answer is no secret: the line then also says
    whether the answer is the expected one, so a student can see the form and the typing work.
    """
    reading = read(variable, value, **item)
    message = reading.message
    if expected is not None and reading.state in ("answered", "partly answered"):
        wanted = _canonical(item["kind"], expected, str(item.get("options", "")).upper(), item.get("n_items", 0),
                            item.get("unit"))
        right = reading.answer == wanted if item["kind"] != "numeric" else abs(reading.answer - wanted) < 0.011
        message = message.split(" Whether it is right")[0] + (
            " That is the expected answer." if right else f" The expected answer is {_shown(item['kind'], wanted)}.")
    print(f"{label}: {message}")
    return reading.answer
