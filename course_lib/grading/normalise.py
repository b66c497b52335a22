"""Canonical forms for quiz answers: each function returns a plain built-in value, or ``None`` for a wrong form.

Results are always exact ``str`` / ``frozenset`` / ``tuple`` / ``dict`` / ``float`` built from copies, so a
student's object with a rigged ``__eq__`` or ``__str__`` never reaches the comparison with the key.
"""

from collections.abc import Iterable, Mapping

__all__ = [
    "normalise_choice",
    "normalise_choices",
    "normalise_matching",
    "normalise_number",
    "normalise_ordering",
    "within",
]


def _letters(options: Iterable[str]) -> frozenset[str]:
    return frozenset(str.upper(str(option)) for option in options)


def normalise_choice(value: object, options: Iterable[str]) -> str | None:
    """One option letter, any case, spaces around it allowed: ``" b "`` → ``"B"``; else ``None``."""
    if not isinstance(value, str):
        return None
    # str.strip on the base class: a str subclass cannot override what we compare.
    letter = str.upper(str.strip(str.__str__(value)))
    return letter if letter in _letters(options) else None


def normalise_choices(value: object, options: Iterable[str]) -> frozenset[str] | None:
    """A set of option letters; a list, tuple or frozenset is as good as a set; repeats are ignored."""
    if not isinstance(value, set | frozenset | list | tuple):
        return None
    letters = [normalise_choice(item, options) for item in list(value)]
    if any(letter is None for letter in letters):
        return None
    return frozenset(letters)


def _item_number(key: object) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return int.__index__(key)
    if isinstance(key, str) and str.strip(str.__str__(key)).isdigit():
        return int(str.strip(str.__str__(key)))
    return None


def normalise_matching(value: object, n_items: int, options: Iterable[str]) -> dict[int, str] | None:
    """Vignette number → option letter for items 1..n_items; keys may be ints or digit strings.

    A list or tuple of ``(number, letter)`` pairs is accepted too. Every item must be matched exactly once.
    """
    if isinstance(value, Mapping):
        pairs = list(dict(value).items())
    elif isinstance(value, list | tuple) and all(isinstance(p, list | tuple) and len(p) == 2 for p in value):
        pairs = [tuple(p) for p in value]
    else:
        return None
    matched: dict[int, str] = {}
    for key, letter in pairs:
        number, choice = _item_number(key), normalise_choice(letter, options)
        if number is None or choice is None or number in matched:
            return None
        matched[number] = choice
    return matched if set(matched) == set(range(1, n_items + 1)) else None


def normalise_ordering(value: object, options: Iterable[str]) -> tuple[str, ...] | None:
    """An order of all the option letters, each exactly once, as a list or tuple (a set has no order)."""
    if not isinstance(value, list | tuple):
        return None
    letters = tuple(normalise_choice(item, options) for item in list(value))
    if None in letters or len(set(letters)) != len(letters) or set(letters) != _letters(options):
        return None
    return letters


def normalise_number(value: object) -> float | None:
    """A real number (int, float or a NumPy scalar) as a plain float; text and booleans are not numbers."""
    if isinstance(value, bool | str | bytes) or value is None:
        return None
    try:
        # float.__float__/int.__float__ on the base class ignore an overridden __float__ on a subclass.
        number = float.__float__(value) if isinstance(value, float) else float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def within(value: object, key: float, tol: float) -> bool:
    """True when ``value`` is a number no further than ``tol`` from ``key`` (a tiny slack absorbs rounding)."""
    number = normalise_number(value)
    return number is not None and abs(number - key) <= tol + 1e-9
