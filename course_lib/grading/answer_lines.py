"""Answer lines that always run: what a student types after ``name =`` is kept, even when it is not Python.

A quiz's first cell calls :func:`install` with its answer variables (their names, or the one pattern every answer
name follows: ``course_lib.grading.quiz.ANSWER_NAME``). From then on, before IPython runs a cell, every
top-level statement assigning one of those variables is rewritten so that it cannot fail:

- valid Python (``q = {"A", "C"}``, ``q = norm.cdf(0.64)``) runs as written; if it raises (``q = A`` with no ``A``
  defined), the typed text is kept instead, as :class:`Typed`, with the reason;
- a line that is not Python at all (``q = 74%``, ``q = “B”``, ``q = 1: A, 2: D``) is kept as its typed text;
- ``q = 0,74`` (a decimal comma, which Python would read as a pair of numbers) is kept as text.

So *Run All* never stops at an answer, every check cell below runs, and the check says plainly what the grader read.
The same rewriting happens when nbgrader grades the notebook in a fresh kernel, because the first cell runs there too.
Only assignments to the named variables (or names matching the pattern) are touched: the check cells assign none.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from typing import Any

#: Answer variables: a set of names, or one pattern that a whole name must match.
Names = frozenset[str] | re.Pattern[str]

__all__ = ["NOT_RUN", "Typed", "capture", "install", "rewrite"]

_COMMA_DECIMAL = re.compile(r"\s*[+-]?\d*,\d+\s*")
_MARK = "_course_answer_lines"


class _NotRun:
    """An answer variable that does not exist yet: its answer cell has not run in this session.

    It lives here, in the one grading module that test cells never reload, so it stays the same object.
    """

    def __repr__(self) -> str:
        return "NOT_RUN"


NOT_RUN = _NotRun()


class Typed(str):
    """An answer kept as the text the student typed; ``reason`` says why it did not run as Python (or is empty)."""

    reason: str = ""


def capture(name: str, text: str, run: Callable[[], Any] | None = None) -> Any:
    """The value of an answer line: what ``run`` gives, or the typed ``text`` when it cannot run (see module doc)."""
    del name  # kept in the call so that a traceback, should one ever show, names the answer
    if run is None or _COMMA_DECIMAL.fullmatch(text):
        return Typed(text.strip())
    try:
        return run()
    except Exception as error:  # any failure of the student's own expression: keep what they typed
        typed = Typed(text.strip())
        typed.reason = f"{type(error).__name__}: {error}"
        return typed


def _call(name: str, text: str, runnable: bool) -> str:
    run = f", lambda: (\n{text}\n)" if runnable else ""
    return f'{name} = __import__("{__name__}", fromlist=["capture"]).capture({name!r}, {text!r}{run})'


def _strip_comment(line: str) -> str:
    """The line without a trailing ``# comment`` (a ``#`` inside quotes of any kind is kept)."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            if char == quote or (quote == "“" and char == "”") or (quote == "‘" and char == "’"):
                quote = None
        elif char in "\"'“‘":
            quote = char
        elif char == "#":
            return line[:i]
    return line


def _names(names: str | Iterable[str] | re.Pattern[str]) -> Names:
    if isinstance(names, re.Pattern):
        return names
    return frozenset(names.split() if isinstance(names, str) else names)


def _is_answer(name: str, names: Names) -> bool:
    return bool(names.fullmatch(name)) if isinstance(names, re.Pattern) else name in names


def _rewrite_parsed(source: str, tree: ast.Module, names: Names) -> str:
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and _is_answer(node.targets[0].id, names) and node.col_offset == 0):
            continue
        first, last = node.lineno - 1, node.end_lineno - 1
        others = [n for n in tree.body if n is not node and n.lineno - 1 <= last and n.end_lineno - 1 >= first]
        if others:  # another statement shares a line (a = 1; q = 2): leave the line as written
            continue
        text = ast.get_source_segment(source, node.value) or ""
        # ast counts columns in UTF-8 bytes: "×" or a curly quote earlier on the line would shift a str slice.
        tail = lines[last].encode()[node.end_col_offset:].decode()
        lines[first:last + 1] = [_call(node.targets[0].id, text, True) + tail.rstrip("\n") + "\n"]
    return "".join(lines)


def _rewrite_unparsed(source: str, names: Names) -> str:
    lines = source.splitlines()
    alternatives = names.pattern if isinstance(names, re.Pattern) else "|".join(map(re.escape, sorted(names)))
    assignment = re.compile(r"^(" + alternatives + r")\s*=(?!=)(.*)$")
    out, i = [], 0
    while i < len(lines):
        found = assignment.match(lines[i])
        if not found:
            out.append(lines[i])
            i += 1
            continue
        parts = [_strip_comment(found.group(2))]
        i += 1
        # Continuation lines: indented, not blank, not a comment ({1: "A",\n     2: "B"}).
        while i < len(lines) and lines[i][:1] in (" ", "\t") and lines[i].strip() and \
                not lines[i].lstrip().startswith("#"):
            parts.append(_strip_comment(lines[i]))
            i += 1
        text = " ".join(part.strip() for part in parts).strip()
        out.append(_call(found.group(1), text, False))
    return "\n".join(out) + ("\n" if source.endswith("\n") else "")


def rewrite(source: str, names: Iterable[str] | re.Pattern[str]) -> str:
    """``source`` with each top-level assignment to one of ``names`` made unable to fail (see module doc)."""
    names = _names(names)
    if not names:
        return source
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        rewritten = _rewrite_unparsed(source, names)
        try:
            ast.parse(rewritten)
        except (SyntaxError, ValueError):
            return source  # something else in the cell is broken: IPython reports it as usual
        return rewritten
    return _rewrite_parsed(source, tree, names)


def install(names: str | Iterable[str] | re.Pattern[str]) -> None:
    """Rewrite answer lines for ``names`` ("a b …", or a pattern) in every cell run from now on, in this kernel."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    wanted = _names(names)

    def transform(lines: list[str]) -> list[str]:
        return rewrite("".join(lines), wanted).splitlines(keepends=True)

    setattr(transform, _MARK, True)
    transformers = shell.input_transformers_cleanup
    transformers[:] = [t for t in transformers if not getattr(t, _MARK, False)] + [transform]
