"""The one normaliser: what a person typed, read as the answer they meant, for practice cards and graded items alike.

Forgiving about form, strict about meaning. A letter reads in any case, with spaces, brackets, quotes (straight or
curly) or a word such as "option" around it; several letters may come as a set, list or tuple or as one string ("A, C",
"a c", "AC"); a matching as a dict, a list of pairs or a string ("1: A, 2: D"); a number as a number or as text ("0,74",
"74%" where a proportion is asked, "0.31 × 1.32"). A set where an order is asked, or a letter outside the options,
is a different meaning and is refused.

Two layers:

- ``option``, ``option_set``, ``matching``, ``ordering``, ``number``, ``text`` return the canonical answer or raise
  :class:`AnswerFormatError` with a message written for a student (the practice cards show it).
- ``normalise_choice`` … ``normalise_number`` wrap them for the graded quizzes' test cells: the canonical answer, or
  ``None`` when it cannot be read, which scores nothing.

Results are always exact ``str`` / ``frozenset`` / ``tuple`` / ``dict`` / ``float`` built from copies, so a student's
object with a rigged ``__eq__`` or ``__str__`` never reaches the comparison with the key. No answer key lives here.
"""

from __future__ import annotations

import ast
import math
import numbers
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from course_lib.grading.errors import AnswerFormatError

__all__ = [
    "AnswerFormatError",
    "is_placeholder",
    "matching",
    "normalise_choice",
    "normalise_choices",
    "normalise_matching",
    "normalise_number",
    "normalise_ordering",
    "number",
    "option",
    "option_set",
    "ordering",
    "plain_text",
    "text",
    "within",
]


# Curly and other typographic quotes a word processor or phone keyboard puts in; read as straight quotes.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'"})
_SEPARATORS = re.compile(r"(?:\s*(?:[,;/&+|>]|\band\b|\bthen\b|→|->)\s*)|\s+", re.IGNORECASE)
_FILLER = re.compile(r"\b(?:options?|answers?|letters?|choices?|is|my)\b", re.IGNORECASE)
_WRAPPING = "()[]{}<>\"'.:"


def plain_text(value: Any) -> str | None:
    """A plain ``str`` copy of a string (a subclass cannot override what is read), typographic quotes made straight."""
    if not isinstance(value, str):
        return None
    return str.__str__(value).translate(_QUOTES)


def is_placeholder(value: Any) -> bool:
    """True for an untouched answer: None, ``...``, blank text, or a collection holding only blanks."""
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, str):
        return not str.strip(str.__str__(value)).strip("\"'“”‘’")
    if isinstance(value, list | tuple | set | frozenset | dict):
        return all(is_placeholder(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


def _literal(text: str) -> Any:
    """The Python literal a text spells (``{"A", "C"}``, ``[1, 2]``), or the text itself when it spells none."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[(\"'":
        return text
    try:
        return ast.literal_eval(stripped)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def _keys_text(keys: Iterable[str]) -> str:
    return ", ".join(keys)


def _token(raw: str) -> str:
    return _FILLER.sub(" ", raw).strip().strip(_WRAPPING).strip()


def option(value: Any, keys: Iterable[str]) -> str:
    """One option key, any case, with stray marks or a word around it ("b", "(B)", "Option B") → "B"."""
    keys = list(keys)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise AnswerFormatError(f'give one option letter, e.g. "{keys[0]}"')
    written = plain_text(value) if isinstance(value, str) else str(int.__index__(value))
    token = _token(written)
    lookup = {str(key).casefold(): str(key) for key in keys}
    if token.casefold() not in lookup:
        shown = written.strip() or "(nothing)"
        raise AnswerFormatError(f'"{shown}" is not one of the options ({_keys_text(lookup.values())}): '
                                f'type just one letter, e.g. "{keys[0]}"')
    return lookup[token.casefold()]


def _tokens(value: Any, keys: Iterable[str]) -> list[Any]:
    """Several keys given as one string ("A, C", "A C", "C > A", or "AC" when every key is one character)."""
    if not isinstance(value, str):
        return list(value)
    written = _FILLER.sub(" ", plain_text(value)).strip().strip("()[]{}").strip()
    parts = [p.strip(_WRAPPING) for p in _SEPARATORS.split(written) if p and p.strip(_WRAPPING)]
    if len(parts) == 1 and all(len(str(k)) == 1 for k in keys) and len(parts[0]) > 1:
        return list(parts[0])
    return parts


def option_set(value: Any, keys: Iterable[str]) -> frozenset[str]:
    """Several option keys as a set, from a set, list, tuple or string; order and repeats do not matter."""
    keys = list(keys)
    if isinstance(value, str):
        value = _literal(value)
    if isinstance(value, dict) or not isinstance(value, str | list | tuple | set | frozenset):
        raise AnswerFormatError(f'give the letters you choose, e.g. "{keys[0]}, {keys[-1]}"')
    return frozenset(option(token, keys) for token in _tokens(value, keys) if not is_placeholder(token))


def _pairs_from_text(written: str, left: list[str], right: list[str]) -> list[tuple[str, str]]:
    """ "1: A, 2: D", "1A 2D", "1-A; 2 → D" → pairs; or just the letters in item order ("A D C B")."""
    found = re.findall(r"(\d+)\s*(?:[:=)\-–—.]|->|→)?\s*[\"'(\[]?([A-Za-z])(?![A-Za-z])", written)
    if found:
        return list(found)
    letters = _tokens(written, right)
    if len(letters) == len(left):
        return list(zip(left, letters, strict=True))
    raise AnswerFormatError(f'give a letter for each item, e.g. "1: {right[0]}, 2: {right[-1]}"')


def matching(value: Any, left: Iterable[str], right: Iterable[str]) -> dict[str, str]:
    """Left key → right key; keys may be ints or strings; items left blank ("" or None) are left out."""
    left, right = [str(k) for k in left], [str(k) for k in right]
    if isinstance(value, str):
        value = _literal(value)
    if isinstance(value, Mapping):
        pairs = list(dict(value).items())
    elif isinstance(value, list | tuple) and all(isinstance(p, list | tuple) and len(p) == 2 for p in value):
        pairs = [tuple(p) for p in value]
    elif isinstance(value, str):
        pairs = _pairs_from_text(plain_text(value), left, right)
    else:
        example = ", ".join(f'{k}: "{right[0]}"' for k in left[:2])
        raise AnswerFormatError(f"give a letter for each numbered item, e.g. {{{example}}}")
    result: dict[str, str] = {}
    for raw_key, raw_choice in pairs:
        try:
            key = option(raw_key, left)
        except AnswerFormatError:
            raise AnswerFormatError(f"{raw_key!r} is not one of the items to match ({_keys_text(left)})") from None
        if key in result:
            raise AnswerFormatError(f"item {key} is matched twice: give each item one letter")
        if is_placeholder(raw_choice):
            continue
        result[key] = option(raw_choice, right)
    return result


def ordering(value: Any, items: Iterable[str]) -> tuple[str, ...]:
    """Item keys in order, from a list, tuple or string ("C A D B", "C, A, D, B", "CADB"); each item exactly once."""
    items = [str(k) for k in items]
    if isinstance(value, str):
        value = _literal(value)
    if isinstance(value, set | frozenset):
        raise AnswerFormatError('a set has no order: give the letters in order, e.g. "' + " ".join(items[::-1]) + '"')
    if isinstance(value, dict) or not isinstance(value, str | list | tuple):
        raise AnswerFormatError('give the letters in order, e.g. "' + " ".join(items[::-1]) + '"')
    tokens = _tokens(value, items)
    empty = sum(1 for t in tokens if is_placeholder(t))
    if empty:
        raise AnswerFormatError(f"put a letter in every position ({empty} of {len(tokens)} still empty)")
    order = tuple(option(token, items) for token in tokens)
    repeated = sorted({k for k in order if order.count(k) > 1})
    if repeated:
        raise AnswerFormatError(f"use each letter once ({', '.join(repeated)} appears more than once)")
    if len(order) != len(items):
        raise AnswerFormatError(f"put all {len(items)} letters in order (you gave {len(order)})")
    return order


_ARITHMETIC: dict[type, Callable[..., float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.USub: operator.neg, ast.UAdd: operator.pos,
}


def _arithmetic(node: ast.AST) -> float:
    """Evaluate + − × ÷ on plain numbers only (no names, calls or powers): "0.31 × 1.32" → 0.4092."""
    if isinstance(node, ast.Expression):
        return _arithmetic(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        return _ARITHMETIC[type(node.op)](_arithmetic(node.left), _arithmetic(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _ARITHMETIC:
        return _ARITHMETIC[type(node.op)](_arithmetic(node.operand))
    raise ValueError("not plain arithmetic")


def _number_from_text(written: str, unit: str | None) -> float:
    typed = written.strip()
    body = re.sub(r"[\s\u00a0\u2009\u202f_]", "", typed.strip("\"'"))
    body = body.translate(str.maketrans({"−": "-", "–": "-", "×": "*", "·": "*", "÷": "/", "⁄": "/"}))
    percent = body.endswith("%")
    body = body.removesuffix("%")
    if re.fullmatch(r"[+-]?\d*,\d+", body):
        body = body.replace(",", ".")  # a decimal comma: 0,74
    try:
        if "," in body or not re.fullmatch(r"[0-9.+\-*/()eE]+", body):
            raise ValueError("not one number")
        result = _arithmetic(ast.parse(body, mode="eval"))
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, RecursionError, MemoryError):
        raise AnswerFormatError(f'"{typed}" is not a number: type digits with a dot for decimals, e.g. 0.79') from None
    # A percent sign rescales only where a proportion is asked ("74%" → 0.74); elsewhere it is the unit ("17%" → 17).
    return result / 100 if percent and unit == "proportion" else result


def number(value: Any, unit: str | None = None) -> float:
    """A finite real number, or text that spells one ("0.74", "0,74", "74%" where ``unit`` is "proportion")."""
    if isinstance(value, str):
        result = _number_from_text(plain_text(value), unit)
    elif isinstance(value, tuple) and len(value) == 2 and all(type(part) is int for part in value):
        # ``answer = 0,74`` in a code cell is the pair (0, 74): its digits after the comma are already lost ("0,07"
        # → 7). (The graded quizzes' answer lines keep the typed text instead, so there 0,74 reads as 0.74.)
        raise AnswerFormatError("a comma in a code cell splits a number in two: write it with a dot, e.g. 0.74")
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise AnswerFormatError("give a number, e.g. 0.74")
    else:
        # float.__float__/int.__float__ on the base class ignore an overridden __float__ on a subclass.
        result = float.__float__(value) if isinstance(value, float) else float(value)
    if not math.isfinite(result):
        raise AnswerFormatError("give a number, e.g. 0.74")
    return result


def text(value: Any) -> str:
    """Free text, stripped; anything else is turned into its text form."""
    return value.strip() if isinstance(value, str) else str(value)


# ---------------------------------------------------------------- for the graded quizzes: None when unreadable


def _or_none(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except (AnswerFormatError, TypeError, ValueError, OverflowError, RecursionError):
        return None


def _letters(options: Iterable[str]) -> list[str]:
    return [str.upper(str(option)) for option in options]


def normalise_choice(value: object, options: Iterable[str]) -> str | None:
    """One option letter ("b", " B ", "(b)", "Option B") → "B"; else ``None``."""
    return None if is_placeholder(value) else _or_none(lambda: option(value, _letters(options)))


def normalise_choices(value: object, options: Iterable[str]) -> frozenset[str] | None:
    """A selection of option letters (set, list, tuple or "A, C"); ``None`` when unreadable or untouched."""
    if value is None or (isinstance(value, str) and is_placeholder(value)):
        return None
    return _or_none(lambda: option_set(value, _letters(options)))


def normalise_matching(value: object, n_items: int, options: Iterable[str]) -> dict[int, str] | None:
    """Item number → option letter for the items answered; ``None`` when unreadable or nothing is matched."""
    left = [str(n) for n in range(1, n_items + 1)]
    matched = None if is_placeholder(value) else _or_none(lambda: matching(value, left, _letters(options)))
    return {int(key): letter for key, letter in matched.items()} if matched else None


def normalise_ordering(value: object, options: Iterable[str]) -> tuple[str, ...] | None:
    """A complete order of all the option letters; ``None`` when unreadable, incomplete or a set."""
    return None if is_placeholder(value) else _or_none(lambda: ordering(value, _letters(options)))


def normalise_number(value: object, unit: str | None = None) -> float | None:
    """A real number (or text spelling one) as a plain float; ``None`` otherwise."""
    return None if is_placeholder(value) else _or_none(lambda: number(value, unit))


def within(value: object, key: float, tol: float, unit: str | None = None) -> bool:
    """True when ``value`` reads as a number no further than ``tol`` from ``key`` (a tiny slack absorbs rounding)."""
    found = normalise_number(value, unit)
    return found is not None and abs(found - key) <= tol + 1e-9
