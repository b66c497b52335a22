"""Per-student variants of a quiz item: which option order, pool member and numbers each student gets.

A quiz that turns variants on (``[variants]`` in its ``assignments/quizzes/*.toml``) describes each varying item by a
*spec*: a plain dict rendered into the notebook by ``course_lib.instructor.quizzes.build``. The public part (stem,
options, the values a parameter may take, the pool's members) travels in the item's show cell, which the kernel runs
to show the student their version; the keys and the key's formula travel only in the hidden test, which autograde
rewrites to the student's own literal key before the notebook runs (``course_lib.instructor.runner.variant_keys``).

Everything here is a pure function of (course, quiz, item, student): the same student always sees the same version,
on any machine, and the instructor's tools derive exactly what the notebook showed. The empty student id gives the
canonical version (the declared order, the first pool member, the first value of each parameter), which is what the
instructor's source notebook holds and validates against.

No key is stored here; :func:`key` computes a student's key from a spec that holds the canonical one.
"""

from __future__ import annotations

import ast
import hashlib
import math
import re
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

__all__ = ["LETTERS", "View", "drawn", "evaluate", "explain", "key", "key_text", "order", "seed", "shown", "signature",
           "view"]

LETTERS = "ABCDEFGHIJ"
_NORMAL = NormalDist()
#: What a key formula may call: the normal distribution and a little arithmetic, nothing else.
FUNCTIONS = {"Phi": _NORMAL.cdf, "Phi_inv": _NORMAL.inv_cdf, "sqrt": math.sqrt, "abs": abs, "exp": math.exp,
             "log": math.log}
_NODES = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Load, ast.Constant, ast.Add, ast.Sub,
          ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd)


def seed(course: str, quiz: str, item: str, student: str) -> bytes:
    """The bytes every draw for one student's item starts from."""
    return hashlib.sha256("\x1f".join((course, quiz, item, student)).encode()).digest()


def _draw(base: bytes, salt: str, n: int, counter: int = 0) -> int:
    """A number from 0 to n - 1. The modulo bias of a 64-bit draw is below 1e-17 for the sizes used here."""
    digest = hashlib.sha256(base + salt.encode() + counter.to_bytes(4, "big")).digest()
    return int.from_bytes(digest[:8], "big") % n


def order(n: int, base: bytes, salt: str = "order") -> tuple[int, ...]:
    """A permutation of range(n) (Fisher-Yates, its own draws, so it never changes with Python's ``random``).

    ``order[i]`` is the declared option shown at the student's i-th letter."""
    items = list(range(n))
    for i in range(n - 1, 0, -1):
        j = _draw(base, salt, i + 1, i)
        items[i], items[j] = items[j], items[i]
    return tuple(items)


@dataclass(frozen=True)
class View:
    """One student's version of one item (key-free)."""

    student: str
    stem: str
    options: tuple[str, ...]  # in the student's order, under the letters A, B, …
    items: tuple[str, ...] = ()  # a matching item's items (never shuffled)
    order: tuple[int, ...] = ()  # declared option index at each student letter; () when not shuffled
    pool: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.options)]

    def student_letter(self, declared: str) -> str:
        """The student's letter for the declared option ``declared``."""
        index = LETTERS.index(declared)
        return LETTERS[self.order.index(index)] if self.order else declared

    def declared_letter(self, letter: str) -> str:
        """The declared option behind the student's ``letter``."""
        return LETTERS[self.order[LETTERS.index(letter)]] if self.order else letter


def _fill(template: str, params: dict[str, Any]) -> str:
    """``{name}`` replaced by the parameter's value; other braces are left as written."""
    return re.sub(r"\{([a-z_][a-z0-9_]*)\}",
                  lambda m: shown(params[m.group(1)]) if m.group(1) in params else m.group(0), template)


def shown(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def view(spec: dict, student: str) -> View:
    """The version of ``spec``'s item that ``student`` sees ("" gives the declared version)."""
    base = seed(spec["course"], spec["quiz"], spec["id"], student)
    canonical = student == ""
    member, pool = spec, None
    if spec.get("pool"):
        pool = 0 if canonical else _draw(base, "pool", len(spec["pool"]))
        member = spec["pool"][pool]
    params: dict[str, Any] = {}
    if spec.get("rows"):
        params.update(spec["rows"][0 if canonical else _draw(base, "rows", len(spec["rows"]))])
    for name, values in spec.get("params", {}).items():
        params[name] = values[0 if canonical else _draw(base, "param " + name, len(values))]
    options = tuple(_fill(text, params) for text in member.get("options", ()))
    shuffled = bool(spec.get("shuffle")) and len(options) > 1 and not canonical
    permutation = order(len(options), base) if shuffled else ()
    if permutation:
        options = tuple(options[i] for i in permutation)
    return View(student, _fill(member.get("stem", ""), params), options,
                tuple(_fill(text, params) for text in member.get("items", ())), permutation, pool, params)


def evaluate(formula: str, params: dict[str, Any]) -> float:
    """The value of a key formula (arithmetic, the parameters, and :data:`FUNCTIONS`); ValueError says what is wrong."""
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as error:
        raise ValueError(f"the formula {formula!r} is not arithmetic ({error.msg})") from None
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise ValueError(f"the formula {formula!r} uses {type(node).__name__}, which a key formula may not")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS):
            raise ValueError(f"the formula {formula!r} calls something other than {', '.join(FUNCTIONS)}")
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS and node.id not in params:
            raise ValueError(f"the formula {formula!r} names {node.id!r}, which is not one of its parameters")
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise ValueError(f"the formula {formula!r} holds {node.value!r}, which is not a number")
    numbers = {name: value for name, value in params.items() if isinstance(value, int | float)}
    try:
        value = eval(compile(tree, "<formula>", "eval"), {"__builtins__": {}}, {**FUNCTIONS, **numbers})
    except (ArithmeticError, ValueError, TypeError) as error:
        raise ValueError(f"the formula {formula!r} cannot be computed for {numbers}: {error}") from None
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"the formula {formula!r} gives {value!r} for {numbers}, not a number")
    return float(value)


def _member(spec: dict, seen: View) -> dict:
    return spec["pool"][seen.pool] if seen.pool is not None else spec


def key(spec: dict, seen: View) -> Any:
    """The key of ``seen`` as the student's answer line would hold it: their letters, their number.

    ``spec`` must be the hidden spec (with ``key`` per member, or ``formula``)."""
    member = _member(spec, seen)
    if spec.get("formula"):
        return round(evaluate(spec["formula"], seen.params), 4)
    declared = member["key"]
    kind = spec["kind"]
    if kind == "single":
        return seen.student_letter(declared)
    if kind == "multiple":
        return {seen.student_letter(letter) for letter in declared}
    if kind == "matching":
        return {int(n): seen.student_letter(letter) for n, letter in declared.items()}
    if kind == "ordering":
        mapped = [seen.student_letter(letter) for letter in declared]
        return "".join(mapped) if isinstance(declared, str) else mapped
    return declared


def key_text(value: Any) -> str:
    if isinstance(value, set | frozenset):
        return ", ".join(sorted(value))
    if isinstance(value, dict):
        return ", ".join(f"{n}: {v}" for n, v in sorted(value.items()))
    if isinstance(value, list | tuple):
        return " ".join(value)
    return shown(value)


def drawn(spec: dict, seen: View) -> dict[str, Any]:
    """The numbers that tell one version from another: the declared parameters, and a row's study and effect."""
    names = list(spec.get("params", {})) + (["study", "effect"] if spec.get("rows") else [])
    return {name: seen.params[name] for name in sorted(names) if name in seen.params}


def signature(spec: dict, seen: View) -> str:
    """A short public name for the student's version, which the notebook records and fairness groups by.

    Never the numeric key (that is what the student computes); for a shuffled item, where its key lands in the
    student's letters (the one thing a shuffle changes), which is no secret once the student has answered."""
    parts = []
    if seen.pool is not None:
        parts.append(f"pool {seen.pool + 1}")
    if seen.params:
        parts.append(", ".join(f"{name}={shown(value)}" for name, value in drawn(spec, seen).items()))
    if seen.order:
        parts.append("order " + "".join(LETTERS[i] for i in seen.order))
    return "; ".join(parts) or "declared"


def explain(spec: dict, seen: View, explanation: str) -> str:
    """An explanation worked for the student: ``{A}`` … become their letters, ``{name}`` their numbers, ``{key}`` the
    key they should have found."""
    letters = {letter: seen.student_letter(letter) for letter in LETTERS[: max(len(seen.options), 1)]}
    text = re.sub(r"\{([A-J])\}", lambda m: letters.get(m.group(1), m.group(1)), explanation)
    if "{key}" in text and ("formula" in spec or "key" in _member(spec, seen)):
        text = text.replace("{key}", key_text(key(spec, seen)))
    return _fill(text, seen.params)
