"""Turn what a student typed into a canonical answer, forgivingly, or explain what to type instead.

Pure functions, no state. Option keys match in any case and with stray spaces or brackets ("b", " B ", "(b)");
several keys may come as a list, tuple, set or a string ("A, C", "A C", "AC"); a number may come as text ("0,69",
"69%"). Anything unreadable raises :class:`AnswerFormatError` with a message written for the student.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from typing import Any

_SEPARATORS = re.compile(r"[\s,;/]+")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")


class AnswerFormatError(ValueError):
    """An answer that cannot be read; the message tells the student what shape to give."""


def is_placeholder(value: Any) -> bool:
    """True for an untouched answer: None, ``...``, a blank string or an empty collection."""
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset | dict):
        return all(is_placeholder(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


def _keys_text(keys: Mapping[str, str]) -> str:
    return ", ".join(keys)


def option(value: Any, keys: Mapping[str, str]) -> str:
    """One option key, matched case-insensitively ("b" → "B"); ints are allowed for numbered options."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise AnswerFormatError(f"give one option as text, e.g. {next(iter(keys))!r}")
    token = str(value).strip().strip("()[].").strip()
    lookup = {key.casefold(): key for key in keys}
    if token.casefold() not in lookup:
        raise AnswerFormatError(f"{str(value).strip()!r} is not one of the options ({_keys_text(keys)})")
    return lookup[token.casefold()]


def _tokens(value: Any, keys: Mapping[str, str]) -> list[Any]:
    """Split several keys given as one string ("A, C", "A C" or "AC" when keys are single characters)."""
    if not isinstance(value, str):
        return list(value)
    parts = [p for p in _SEPARATORS.split(value.strip()) if p]
    if len(parts) == 1 and all(len(k) == 1 for k in keys) and len(parts[0]) > 1:
        return list(parts[0])
    return parts


def option_set(value: Any, keys: Mapping[str, str]) -> frozenset[str]:
    """Several option keys as a set, from a list, tuple, set or string; order and repeats do not matter."""
    if isinstance(value, dict) or not isinstance(value, str | list | tuple | set | frozenset):
        raise AnswerFormatError('give the options you choose as a list, e.g. ["A", "C"]')
    return frozenset(option(token, keys) for token in _tokens(value, keys))


def matching(value: Any, left: Mapping[str, str], right: Mapping[str, str]) -> dict[str, str]:
    """A left-key → right-key mapping; keys may be int or str, unmatched (None) items are left out."""
    if not isinstance(value, Mapping):
        example = ", ".join(f'"{k}": "{next(iter(right))}"' for k in list(left)[:2])
        raise AnswerFormatError(f"give a dictionary from each numbered item to an option, e.g. {{{example}}}")
    result = {}
    for raw_key, raw_choice in value.items():
        try:
            key = option(raw_key, left)
        except AnswerFormatError:
            raise AnswerFormatError(f"{raw_key!r} is not one of the items to match ({_keys_text(left)})") from None
        if raw_choice is None:
            continue
        result[key] = option(raw_choice, right)
    return result


def ordering(value: Any, items: Mapping[str, str]) -> tuple[str, ...]:
    """Item keys in order, from a list, tuple or string ("C A B", "C, A, B", "CAB"); each item exactly once."""
    if isinstance(value, dict | set | frozenset) or not isinstance(value, str | list | tuple):
        raise AnswerFormatError(f'give the items in order as a list, e.g. {list(items)[::-1]!r}')
    tokens = _tokens(value, items)
    empty = sum(1 for t in tokens if t is None)
    if empty:
        raise AnswerFormatError(f"put an item in every position ({empty} of {len(tokens)} still empty)")
    order = tuple(option(token, items) for token in tokens)
    repeated = sorted({k for k in order if order.count(k) > 1})
    if repeated:
        raise AnswerFormatError(f"use each item once ({', '.join(repeated)} appears more than once)")
    if len(order) != len(items):
        raise AnswerFormatError(f"put all {len(items)} items in order (you gave {len(order)})")
    return order


def number(value: Any, *, proportion: bool = False) -> float:
    """A finite real number; text is read as a person writes a number (see ``number_text``); bools are refused."""
    if isinstance(value, str):
        return number_text(value, proportion=proportion)
    if isinstance(value, tuple) and len(value) == 2 and all(type(part) is int for part in value):
        # ``answer = 0,74`` in a cell is the pair (0, 74): its digits after the comma are already lost ("0,07" → 7).
        raise AnswerFormatError("a comma in a code cell splits a number in two: write it with a dot, e.g. 0.74")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise AnswerFormatError("give a number, e.g. 0.79")
    result = float(value)
    if not math.isfinite(result):
        raise AnswerFormatError("give a finite number, e.g. 0.79")
    return result


def number_text(value: str, *, proportion: bool = False) -> float:
    """A number typed as text: "0.69", "0,69" (a comma decimal) or "69%".

    A percent sign turns the number into a proportion ("69%" → 0.69) only when ``proportion`` is asked for; where the
    answer is itself a percentage or a count it is only the unit ("17%" → 17). Without the sign a number is never
    rescaled.
    """
    typed = value.strip()
    digits = typed.replace("\u2212", "-").removesuffix("%").strip()
    if digits.count(",") == 1 and "." not in digits:
        digits = digits.replace(",", ".")
    if not _PLAIN_NUMBER.fullmatch(digits):
        raise AnswerFormatError(f"{typed!r} is not a number: type digits with a dot for decimals, e.g. 0.79")
    result = float(digits)
    return result / 100 if proportion and typed.endswith("%") else result


def text(value: Any) -> str:
    """Free text, stripped; anything else is turned into its text form."""
    return value.strip() if isinstance(value, str) else str(value)
