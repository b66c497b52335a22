"""Answer keys a guesser cannot exploit: the rule for practice questions and graded items alike.

``key_balance_problems(group, items)`` (issue 11's rule) and ``first_options_problems`` (multiple select, stricter)
take one lesson's or one quiz's items as ``(kind, key, options)`` tuples,
in a list or in a mapping from each item's name (its id) to its tuple:
``kind`` is "single", "multiple", "matching" or "ordering" (others are ignored), ``key`` the answer key (a letter,
letters, a mapping from item number to letter, or letters in order) and ``options`` the option letters in the order
they are shown. It returns one plain sentence per problem, so a failing test says what to re-letter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: No letter may be the key of more than this share of a group's single-choice items.
MAX_SHARE = 0.4
KEYED_KINDS = ("single", "multiple", "matching", "ordering")

Item = tuple[str, Any, Sequence[str]]


def _item_number(item: Any) -> int:
    return int(str(item).strip())


def most_allowed(count: int) -> int:
    """How many single-choice keys one letter may hold among ``count`` (one or two items can never reach 40 %)."""
    return max(1, int(count * MAX_SHARE))


def _named(items: Iterable[Item] | Mapping[str, Item]) -> Iterable[tuple[Any, Item]]:
    return items.items() if isinstance(items, Mapping) else enumerate(items, start=1)


def key_balance_problems(group: str, items: Iterable[Item] | Mapping[str, Item]) -> list[str]:
    """Issue 11's rule: no letter holds over 40 % of the single-choice keys; no matching or ordering is the identity."""
    problems: list[str] = []
    singles: Counter[str] = Counter()
    for name, (kind, key, options) in _named(items):
        options = [str(option) for option in options]
        where = f"{group}, item {name} ({kind})"
        if kind == "single":
            singles[str(key).upper()] += 1
        elif kind == "matching":
            pairs = sorted((_item_number(item), str(letter).upper()) for item, letter in dict(key).items())
            if [letter for _, letter in pairs] == options[: len(pairs)]:
                problems.append(f"{where}: the key pairs 1→{options[0]}, 2→{options[1]}, … in order")
        elif kind == "ordering":
            order = [str(letter).upper() for letter in key]
            if order == options[: len(order)]:
                problems.append(f"{where}: the key is the options in the order shown ({', '.join(order)})")
    total = sum(singles.values())
    for letter, count in sorted(singles.items()):
        if count > most_allowed(total):
            problems.append(f"{group}: {letter} is the key of {count} of {total} single-choice items "
                            f"(at most {most_allowed(total)}, that is {MAX_SHARE:.0%})")
    return problems


def first_options_problems(group: str, items: Iterable[Item] | Mapping[str, Item]) -> list[str]:
    """Stricter, for multiple select: a key that is just the first options shown (A, B, C of five) is a pattern too."""
    problems: list[str] = []
    for name, (kind, key, options) in _named(items):
        options = [str(option) for option in options]
        chosen = sorted(str(letter).upper() for letter in key) if kind == "multiple" else []
        if chosen and len(chosen) < len(options) and chosen == options[: len(chosen)]:
            problems.append(f"{group}, item {name} ({kind}): the key {', '.join(chosen)} is simply the first options")
    return problems


def practice_items(questions: Iterable[Any]) -> dict[str, Item]:
    """Practice questions (course_lib.practice.Question) by id, as ``(kind, key, options)`` tuples."""
    return {q.id: (q.kind, q.answer, list(q.options)) for q in questions if q.kind in KEYED_KINDS}


#: The key may be the strictly longest option in at most this share of a group's single-choice items. By chance, with
#: four options of random length, it would be about a quarter; a test-wise student who always picks the longest option
#: must not score much above that (issue 19's review found the key longest in 45 of 51 single-choice items).
MAX_LONGEST_SHARE = 0.35


def longest_allowed(count: int) -> int:
    """How many single-choice keys among ``count`` may be the strictly longest option (at least one)."""
    return max(1, round(count * MAX_LONGEST_SHARE))


def longest_key_problems(group: str, items: Mapping[str, tuple[str, Mapping[str, str]]]) -> list[str]:
    """Single-choice items by name as ``(key, {letter: option text})``: a problem when the key is too often longest."""
    longest = sorted(name for name, (key, texts) in items.items()
                     if all(len(texts[str(key).upper()]) > len(text) for letter, text in texts.items()
                            if letter != str(key).upper()))
    if len(longest) > longest_allowed(len(items)):
        return [f"{group}: the key is the longest option in {len(longest)} of {len(items)} single-choice items "
                f"(at most {longest_allowed(len(items))}, that is {MAX_LONGEST_SHARE:.0%}): {', '.join(longest)}"]
    return []


def practice_singles(questions: Iterable[Any]) -> dict[str, tuple[str, dict[str, str]]]:
    """Practice single-choice questions by id, as ``(key, {letter: text})``."""
    return {q.id: (q.answer, dict(q.choices)) for q in questions if q.kind == "single"}
