"""What a graded quiz's cells call, so that a student sees one line per check and not our plumbing.

A quiz notebook (rendered by ``course_lib/instructor/quizzes/build.py``) calls three things from here:

- the setup cell: :func:`start`, which lets every answer line hold plain words (:mod:`answer_lines`);
- each check cell, in its visible part: :func:`check`, which prints what the grader reads in the answer;
- each check cell, in its hidden part (never released): :func:`grade`, after reloading this module, which reads the
  answer again by itself and returns the points.

Where the item facts come from. A check needs its answer's name, kind, option letters (or unit and range), and for a
matching item the number of items; the hidden grade also needs the key and the points. These travel as the call's own
short arguments, written by ``quizzes.build`` into each cell, not in a manifest file beside the notebook: a file would
have to follow the notebook through release, autograde, ``course selfcheck``, the LMS upload and collect and the
feedback path, and each of them could lose or garble it; an argument cannot go missing. The arguments hold no key:
the key is only in :func:`grade`'s call, inside the hidden region. The setup cell needs no list of answer names either:
every answer variable follows one naming rule, :data:`ANSWER_NAME`, which ``quizzes.build`` enforces on the quiz data.

Why the hidden part reloads. An answer cell runs student code in the same kernel before the check cell, so it could
patch anything imported (this module, ``form``, ``score``, ``normalise``) or rebind ``check``. The hidden part
therefore reloads this module from disk, and :func:`grade` reloads the helpers it uses, then reads the answer variable
from the cell's own namespace: no value or function the answer cell left behind takes part in the verdict.
:func:`check` reloads the helpers as well, so what a student is told matches what is scored.
"""

from __future__ import annotations

import importlib
import re
import sys
from types import SimpleNamespace
from typing import Any

from course_lib.grading import answer_lines

__all__ = ["ANSWER_NAME", "check", "grade", "start"]

#: The name of every answer variable: a question's (the letter q and its number) or an example's (``try_`` and a word).
ANSWER_NAME = re.compile(r"q[1-9][0-9]*|try_[a-z]+")

_KINDS = ("single", "multiple", "matching", "ordering", "numeric")


def start() -> None:
    """Read every answer line from now on as :mod:`answer_lines` describes (plain words, 0,74, curly quotes kept)."""
    answer_lines.install(ANSWER_NAME)


def _helpers() -> SimpleNamespace:
    """The grading helpers reloaded from disk: the package first (so its ``fresh`` is the real one), then the rest."""
    package = importlib.reload(importlib.import_module("course_lib.grading"))
    return package.fresh()


def _answer(variable: str) -> Any:
    """The answer variable's value in the calling cell's namespace (two frames up), or NOT_RUN when it has none."""
    # A cell's namespace is the globals of the frame that runs it: the kernel's user namespace under IPython and
    # nbgrader, the test's namespace in the test suite. Reading it here keeps ``globals()`` out of the visible cell.
    return sys._getframe(2).f_globals.get(variable, answer_lines.NOT_RUN)


def _label(variable: str, label: str | None) -> str:
    return label or f"Question {variable[1:]}"


def check(variable: str, kind: str, options: str = "", *, label: str | None = None, expected: Any = None,
          unit: str | None = None, bounds: tuple[float, float] | None = None, n_items: int = 0,
          item_noun: str = "item") -> None:
    """Print what the grader reads in the answer ``variable`` ("Question 5: answer read as B. …"); never raises.

    ``expected`` is for the unscored examples only, whose answer is no secret. The printed line is the whole result:
    nothing is returned, so the cell shows no value.
    """
    title = _label(variable, label)
    if kind not in _KINDS:
        print(f"{title}: this check cannot read its own question's settings (kind {kind!r}). Your answer is kept and "
              "graded all the same; please tell your instructor.")
        return
    facts = {"kind": kind, "options": options, "n_items": n_items, "unit": unit, "item_noun": item_noun}
    if bounds is not None:
        facts["bounds"] = bounds
    _helpers().report(title, variable, _answer(variable), expected=expected, **facts)


def _credit(g: SimpleNamespace, kind: str, answer: Any, options: str, key: Any, tolerance: float,
            unit: str | None) -> float | bool:
    if kind == "single":
        return g.normalise_choice(answer, options) == key
    if kind == "multiple":
        return g.partial_credit_multiple(answer, key, options)
    if kind == "matching":
        return g.partial_credit_matching(answer, key)
    if kind == "ordering":
        return g.normalise_ordering(answer, options) == tuple(key)
    return g.within(answer, key, tolerance, unit)


def grade(variable: str, kind: str, options: str = "", *, key: Any, points: float, tolerance: float = 0.0,
          unit: str | None = None, n_items: int = 0) -> float:
    """The points the answer ``variable`` earns against ``key`` (a float from 0 to ``points``); prints nothing.

    Called only from a hidden test, right after reloading this module. The answer is read afresh from the cell's
    namespace with the freshly loaded helpers, exactly as :func:`check` reads it, so a patched helper or a rebound
    name in an answer cell cannot change the score.
    """
    g = _helpers()
    reading = g.read(variable, _answer(variable), kind=kind, options=options, n_items=n_items, unit=unit)
    return g.points(_credit(g, kind, reading.answer, str(options).upper(), key, tolerance, unit), points)
