"""A student's answer to one item, read from the answer cell's text: never run, never imported.

The answer line is taken as :mod:`course_lib.grading.answer_lines` rewrites it for the kernel, so it is found the
same way (the last top-level ``q6 = …``, continuation lines and all). Its value is the Python literal it spells, or
the typed text where it spells none (``q6 = b``, ``q6 = 74%``), which is what the kernel keeps for a line that cannot
run; a line that would need running (``q6 = norm.cdf(0.64)``) is kept as text too. The result then goes through the
course's one forgiving reader, :func:`course_lib.grading.form.read`, as the check cell does.
"""

from __future__ import annotations

import ast
from typing import Any

from course_lib.grading import answer_lines
from course_lib.grading.form import Reading, read
from course_lib.instructor.quizzes.keylines import SOLUTION_BEGIN, SOLUTION_END, regions

NO_LINE = answer_lines.NOT_RUN  # no line assigns the variable: the kernel would never have set it
CANNOT_RUN = object()  # the cell is not Python even after the rewriting: the kernel stops there


def _captured(node: ast.Assign, variable: str, source: str) -> Any:
    """The value of one rewritten answer line (``q = capture("q", text[, lambda: (expr)])``)."""
    call = node.value
    if (isinstance(call, ast.Call) and len(call.args) in (2, 3) and isinstance(call.args[1], ast.Constant)
            and isinstance(call.args[1].value, str)):
        run = call.args[2] if len(call.args) == 3 else None
        body = run.body if isinstance(run, ast.Lambda) else None
        return answer_lines.capture(variable, call.args[1].value,
                                    None if body is None else lambda: ast.literal_eval(body))
    # A line the rewriting left as written (it shares its line with another statement).
    text = ast.get_source_segment(source, node.value) or ""
    return answer_lines.capture(variable, text, lambda: ast.literal_eval(node.value))


def answer_value(source: str, variable: str) -> Any:
    """What ``variable`` holds after the answer cell ``source``: ``NO_LINE`` when nothing assigns it, ``CANNOT_RUN``
    when the cell cannot run at all (either way the item scores nothing)."""
    rewritten = answer_lines.rewrite(source, [variable])
    try:
        tree = ast.parse(rewritten)
    except (SyntaxError, ValueError):
        return CANNOT_RUN
    value = NO_LINE
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == variable):
            value = _captured(node, variable, rewritten)
    return value


def _form_arguments(quiz_item: dict) -> dict[str, Any]:
    return {"kind": quiz_item["kind"], "options": quiz_item.get("options", ""),
            "n_items": int(quiz_item.get("n_items", 0))}


def read_answer(source: str, quiz_item: dict) -> Reading:
    """The reading of an answer cell for the item its check cell's ``quiz_item`` metadata describes; an answer
    cell that cannot run reads as unreadable (the kernel stops there, and the item scores nothing)."""
    try:
        value = answer_value(source, quiz_item["variable"])
    except (RecursionError, MemoryError):  # nested too deep for Python's parser: the kernel could not run it either
        value = CANNOT_RUN
    if value is CANNOT_RUN:
        return Reading(None, "unreadable", "the answer cell is not Python, so it does not run")
    if value is NO_LINE:
        return Reading(None, "not answered", "no answer line")
    return read(quiz_item["variable"], value, **_form_arguments(quiz_item))


def key_reading(source_answer_cell: str, quiz_item: dict) -> Reading:
    """The key, read from the solution region of the source notebook's answer cell like any answer."""
    solution, _ = regions(source_answer_cell, SOLUTION_BEGIN, SOLUTION_END)
    return read_answer("\n".join(solution), quiz_item)
