"""Partial credit and points for a test cell.

nbgrader 0.9.6 (``nbgrader.utils.determine_grade``) gives a test cell that runs without error the number its
last ``execute_result`` shows, capped at the cell's points and rejected above them. So a hidden test ends
with ``points(...)``: a plain float between 0 and the item's points.
"""

from collections.abc import Iterable, Mapping

from course_lib.grading.normalise import normalise_choice, normalise_choices

__all__ = ["partial_credit_matching", "partial_credit_multiple", "points"]


def partial_credit_multiple(selected: object, key: Iterable[str], options: Iterable[str]) -> float:
    """Share of credit for a multiple-select answer: (right picks − wrong picks) / size of key, at least 0.

    Ticking every option therefore earns nothing unless most options are right; a blank or unreadable answer
    (``None``) earns 0. The selection is read afresh, so only plain letters reach the comparison.
    """
    allowed = [str.upper(str(option)) for option in options]
    picked = normalise_choices(selected, allowed) or frozenset()
    keyed = {normalise_choice(letter, allowed) for letter in key} - {None}
    if not keyed:
        raise ValueError("the key must name at least one of the options")
    hits, false_picks = len(picked & keyed), len(picked - keyed)
    return max(0.0, (hits - false_picks) / len(keyed))


def partial_credit_matching(given: object, key: Mapping[int, str]) -> float:
    """Share of items matched as in the key (each item is worth the same); unmatched or unreadable items earn 0."""
    if not key:
        raise ValueError("the key must match at least one item")
    if not isinstance(given, Mapping):
        return 0.0
    # Plain copies: a rigged mapping or str subclass cannot answer the comparison for the student.
    plain = {}
    for item, letter in list(dict.items(dict(given))):
        if isinstance(item, int) and not isinstance(item, bool) and isinstance(letter, str):
            plain[int.__index__(item)] = str.__str__(letter)
    right = sum(1 for item, letter in key.items() if plain.get(item) == letter)
    return right / len(key)


def points(credit: float | bool, of: float) -> float:
    """Points earned: ``credit`` (a share from 0 to 1, or True/False) times the item's points, as a float."""
    share = 1.0 if credit is True else 0.0 if credit is False else float(credit)
    return round(min(max(share, 0.0), 1.0) * float(of), 2)
