"""Key-free helpers that the graded quizzes' cells use.

A quiz notebook calls only :mod:`course_lib.grading.quiz` (``start``, ``check`` and, in hidden tests, ``grade``), which
is imported on its own and not here: a hidden test reloads it, and it reloads this package. Underneath, small modules,
one concern each:

- ``normalise``: turn a student's answer into one canonical form (or ``None`` when the form is wrong), so
  that "b", " B " and ``["B", "D"]`` for a set earn what "B" and ``{"B", "D"}`` earn.
- ``form``: the visible checks: is the answer there, and is it the right kind of value? Each returns the
  normalised answer and a helpful message instead of raising, so the test cell's own ``assert`` shows it.
- ``score``: partial credit and points; nbgrader awards a test cell the number it displays last.
- ``answer_lines``: the input transformer ``quiz.start()`` installs, so that an answer line holding plain words
  (``74%``, curly quotes, ``1: A, 2: D``) still runs and keeps what was typed.
- ``errors``: ``AnswerFormatError``, the one error of the answer readers, kept apart so reloading cannot split it.
- ``variants``: which option order, pool member and numbers each student gets (a quiz with per-student variants).

No answer key lives here: keys are literals in the hidden tests of ``assignments/source/`` only (``variants`` works a
student's key out of a hidden test's spec; it holds none).

The quiz module reloads these modules before use (:func:`fresh`), so a student who patches a helper in an answer
cell cannot change the verdict.
"""

import importlib
from types import SimpleNamespace

from course_lib.grading import form, normalise, score

__all__ = ["form", "fresh", "normalise", "score"]


def fresh() -> SimpleNamespace:
    """Reload the helpers from disk and return them as one flat namespace for a test cell."""
    # Reload in dependency order: form and score call normalise.
    modules = [importlib.reload(module) for module in (normalise, score, form)]
    names = {}
    for module in modules:
        names.update({name: getattr(module, name) for name in module.__all__})
    return SimpleNamespace(**names)
