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
import json
import os
import re
import sys
from types import SimpleNamespace
from typing import Any

from course_lib.grading import answer_lines

__all__ = ["ANSWER_NAME", "ID_NAME", "check", "grade", "show", "start", "student", "variant_display"]

#: The name of every answer variable: a question's (the letter q and its number) or an example's (``try_`` and a word).
ANSWER_NAME = re.compile(r"q[1-9][0-9]*|try_[a-z]+")
#: Where a quiz with variants keeps the student ID a student typed (``student_id = "s1234567"``).
ID_NAME = "student_id"
#: The output a show cell leaves for the answer forms and the notebook's record: which version it showed, to whom.
VARIANT_MIME = "application/vnd.course.quiz-variant+json"

_KINDS = ("single", "multiple", "matching", "ordering", "numeric")


def start(course: str | None = None, quiz: str | None = None) -> None:
    """Read every answer line from now on as :mod:`answer_lines` describes (plain words, 0,74, curly quotes kept).

    A quiz with variants names its course and quiz: the student ID line is then read the same forgiving way, and
    the cell says whose version the quiz will show."""
    if course is None:
        answer_lines.install(ANSWER_NAME)
        return
    answer_lines.install(re.compile(f"{ANSWER_NAME.pattern}|{ID_NAME}"))
    hub = os.environ.get("JUPYTERHUB_USER", "")
    print(f"You are signed in as {hub}: each question below shows your own version." if hub else
          "This quiz gives each student their own version: type your student ID in the box below, and your "
          "version of each question appears under its heading.")


def student(explicit: str | None = None, namespace: dict | None = None) -> str:
    """Whose version to show and grade: the one autograde names, else the JupyterHub user, else the ID the
    student typed (``student_id``), else "" (the declared version, as in the instructor's source notebook)."""
    if explicit is not None:
        return explicit
    hub = os.environ.get("JUPYTERHUB_USER", "")
    if hub:
        return hub
    typed = (namespace or {}).get(ID_NAME, "")
    return str(typed).strip() if isinstance(typed, str | int) else ""


def _markdown(public: dict, seen: Any) -> str:
    parts = [seen.stem] if public.get("pool") or public.get("params") or public.get("rows") else []
    if seen.items:
        noun = public.get("item_noun", "Item")
        parts.append(f"**{noun}s**\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(seen.items, 1)))
    if seen.options:
        listed = "\n".join(f"- **{letter}**: {text}" for letter, text in zip(seen.letters, seen.options, strict=True))
        parts.append(f"**Options**\n\n{listed}" if seen.items else listed)
    parts.append(public.get("how", ""))
    return "\n\n".join(part for part in parts if part)


def show(variable: str, public_json: str, student_id: str | None = None) -> None:
    """Display this student's version of item ``variable`` (its numbers, its options under their letters), with a
    record of it for the answer form and for autograde; asks for the ID, in plain words, while there is none."""
    from IPython.display import display

    who = student(student_id, sys._getframe(1).f_globals)
    display(variant_display(variable, json.loads(public_json), who), raw=True)


def variant_display(variable: str, public: dict, who: str) -> dict:
    """The output of a show cell for ``who`` (a MIME bundle): their version in markdown, and its record. Autograde
    writes it into the graded notebook itself (``runner.own_keys``), so the kernel runs no show cell there."""
    variants = importlib.import_module("course_lib.grading.variants")
    if not who:
        text = ("Your own version of this question appears here once the quiz knows your student ID: type it in "
                "the box near the top of the quiz. (Without the box, type it in the cell there, then choose Run › "
                "Run All Cells.)")
        return {"text/markdown": text, "text/plain": text, VARIANT_MIME: {"variable": variable, "student": ""}}
    seen = variants.view(public, who)
    record = {"variable": variable, "student": who, "signature": variants.signature(public, seen),
              "options": seen.letters, "option_texts": dict(zip(seen.letters, (
                  _plain(text) for text in seen.options), strict=True))}
    if seen.items:
        record["item_texts"] = [_plain(text) for text in seen.items]
    text = _markdown(public, seen)
    return {"text/markdown": text, "text/plain": text, VARIANT_MIME: record}


def _plain(markdown: str) -> str:
    """Option text as the form draws it (markup removed), as ``quizzes.form_text`` does for the declared options."""
    return re.sub(r"\s+", " ", re.sub(r"`([^`]*)`|\*\*(.+?)\*\*", lambda m: m.group(1) or m.group(2), markdown)).strip()


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
          unit: str | None = None, n_items: int = 0, variant: str | None = None) -> float:
    """The points the answer ``variable`` earns against ``key`` (a float from 0 to ``points``); prints nothing.

    Called only from a hidden test, right after reloading this module. The answer is read afresh from the cell's
    namespace with the freshly loaded helpers, exactly as :func:`check` reads it, so a patched helper or a rebound
    name in an answer cell cannot change the score.
    """
    g = _helpers()
    if variant is not None:
        # Not rewritten by ``course autograde`` (the instructor validating the source, or a plain nbgrader run): the
        # version is the one this notebook shows. ``course autograde`` writes each student's own key here instead.
        variants = importlib.reload(importlib.import_module("course_lib.grading.variants"))
        spec = json.loads(variant)
        key = variants.key(spec, variants.view(spec, student(None, sys._getframe(1).f_globals)))
    reading = g.read(variable, _answer(variable), kind=kind, options=options, n_items=n_items, unit=unit)
    return g.points(_credit(g, kind, reading.answer, str(options).upper(), key, tolerance, unit), points)
