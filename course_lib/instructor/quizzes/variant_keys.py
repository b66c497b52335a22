"""One student's version of a quiz, as the instructor's tools need it: their numbers, their option order and their key.

The variant specs are read back from the hidden tests of the quiz's source notebook (``quizzes.build`` writes each
varying item's spec there, keys included), so autograde, ``course variant``, the report and self-grading all derive a
student's version from the one file nbgrader grades with, never from a second copy that could drift.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from course_lib.grading import variants
from course_lib.instructor.quizzes.keylines import HIDDEN_BEGIN, HIDDEN_END, regions


@dataclass(frozen=True)
class ItemVariant:
    """One item as one student gets it; ``key`` is written as their answer line would hold it."""

    item: str
    key: Any
    signature: str  # what the notebook records ("order CADB", "pool 2", "cer=0.25")
    group: str  # what fairness compares ("key at C", "pool 2", "cer=0.25")
    order: str = ""  # the declared letters in the student's order; "" when the options are not shuffled
    params: dict[str, Any] = field(default_factory=dict)
    pool: int | None = None  # 1-based
    stem: str = ""
    options: tuple[str, ...] = ()
    explanation: str = ""  # worked for this student
    student: str = ""

    def as_json(self) -> dict[str, Any]:
        key = (sorted(self.key) if isinstance(self.key, set | frozenset) else
               {str(n): letter for n, letter in self.key.items()} if isinstance(self.key, dict) else self.key)
        return {"key": key, "signature": self.signature, "group": self.group, "order": self.order,
                "params": self.params, "pool": self.pool, "stem": self.stem, "options": list(self.options),
                "explanation": self.explanation}


def grade_call(line: str) -> ast.Call | None:
    """The ``….grade(…)`` call of a hidden-test line, or None."""
    try:
        tree = ast.parse(line.strip())
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "grade":
        return call
    return None


def spec_of(call: ast.Call) -> dict | None:
    """The hidden variant spec a grade call carries (its ``variant=`` argument), or None."""
    for keyword in call.keywords:
        if keyword.arg == "variant" and isinstance(keyword.value, ast.Constant):
            return json.loads(keyword.value.value)
    return None


def hidden_specs(nb: nbformat.NotebookNode) -> dict[str, dict]:
    """Item id -> hidden spec, for every varying item of a source notebook."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        hidden, _ = regions(cell.source, HIDDEN_BEGIN, HIDDEN_END)
        for line in hidden:
            call = grade_call(line)
            spec = spec_of(call) if call else None
            if spec:
                found[spec["id"]] = spec
    return found


def group_of(spec: dict, seen: variants.View, key: Any) -> str:
    parts = []
    if seen.pool is not None:
        parts.append(f"pool {seen.pool + 1}")
    if seen.params:
        parts.append(", ".join(f"{n}={variants.shown(v)}" for n, v in variants.drawn(spec, seen).items()))
    if seen.order:
        parts.append(f"key at {variants.key_text(key)}")
    return "; ".join(parts) or "declared"


def item_variant(spec: dict, student: str) -> ItemVariant:
    seen = variants.view(spec, student)
    key = variants.key(spec, seen)
    member = spec["pool"][seen.pool] if seen.pool is not None else spec
    return ItemVariant(spec["id"], key, variants.signature(spec, seen), group_of(spec, seen, key),
                       "".join(variants.LETTERS[i] for i in seen.order), dict(seen.params),
                       None if seen.pool is None else seen.pool + 1, seen.stem, seen.options,
                       variants.explain(spec, seen, member.get("explanation", "")), student)


def source_notebook(course_dir: Path, quiz: str) -> nbformat.NotebookNode:
    return nbformat.read(Path(course_dir) / "source" / quiz / f"{quiz}.ipynb", as_version=4)


def student_variant(quiz: str, student: str, course_dir: Path | None = None,
                    nb: nbformat.NotebookNode | None = None) -> dict[str, ItemVariant]:
    """Item id -> the student's version, for every item of ``quiz`` that varies (none when variants are off)."""
    if nb is None:
        from course_lib.instructor.quizzes.build import ASSIGNMENTS

        nb = source_notebook(course_dir or ASSIGNMENTS, quiz)
    return {item: item_variant(spec, student) for item, spec in hidden_specs(nb).items()}


def describe(quiz: str, student: str, found: dict[str, ItemVariant]) -> str:
    """``course variant``'s text: each varying item's version and key, as the student's answer line would hold it."""
    if not found:
        return f"{quiz}: every student gets the same version (its data file turns no variants on)."
    lines = [f"{quiz}, the version for student {student!r}: {len(found)} item(s) vary; the others are the same for "
             "everyone."]
    for item in sorted(found, key=lambda name: int(name[1:])):
        seen = found[item]
        lines.append(f"{item}: {seen.signature}")
        if (seen.stem and seen.params) or seen.pool:
            lines.append(f"    question: {' '.join(seen.stem.split())}")
        if seen.order:
            pairs = ", ".join(f"{mine} = declared {declared}" for mine, declared in zip(variants.LETTERS, seen.order,
                                                                                          strict=False))
            lines.append(f"    their letters: {pairs}")
        lines.append(f"    key, as their answer line holds it: {variants.key_text(seen.key)}")
    return "\n".join(lines)
