"""The LMSs the course trades files with: one adapter per LMS, one registry, and the steps that use them.

- ``rules``: ``LmsAdapter``, everything that differs between LMSs as one frozen record of data (and a function
  only where a rule is not data);
- ``canvas``, ``moodle``, ``blackboard``: one adapter each, with the sources of its rules;
- ``roster``: the LMS's roster CSV, read and recorded in nbgrader's gradebook (``course roster``);
- ``uploads`` and ``collect``: the LMS's "download all submissions" zip into ``submitted/`` (``course collect``), and
  ``record``, what the LMS said about each collected submission (``lms.json``);
- ``columns`` and ``export``: the grades in the LMS's import format (``course export --format LMS``);
- ``feedback``: the feedback pages in a zip for the LMS's bulk return (``course feedback QUIZ --lms LMS``).

This module is the registry: ``ADAPTERS`` (name -> adapter, in alphabetical order), ``adapter(name)`` (the one place
an LMS name is checked), ``names()``, and the command-line help the adapters' rules are spelled in. The generic
modules ask the adapter and never test an LMS's name. Every module of this package that is not one of the generic
ones (``SHARED``) is an LMS's: it declares ``ADAPTER`` and is found here by itself, so a fourth LMS is one new module
(see ``canvas.py``) plus its tests.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.lms.rules import LmsAdapter

__all__ = ["ADAPTERS", "SHARED", "LmsAdapter", "adapter", "choices_text", "names", "roster_help", "roster_id_help"]

# The generic modules (never imported here: some import nbgrader, and the command line reads this registry).
SHARED = frozenset({"collect", "columns", "export", "feedback", "record", "roster", "rules", "uploads"})
ADAPTERS: dict[str, LmsAdapter] = {
    found.name: found for found in (import_module(f"{__name__}.{module.name}").ADAPTER
                                    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
                                    if module.name not in SHARED and not module.name.startswith("_"))}


def names() -> tuple[str, ...]:
    """The LMS names ``--lms`` and ``--format`` take."""
    return tuple(ADAPTERS)


def adapter(name: str, what: str = "LMS", others: tuple[str, ...] = ()) -> LmsAdapter:
    """The LMS called ``name``; a usage error naming the choices (``others`` first: ``csv`` for ``--format``) when the
    course knows no such LMS."""
    try:
        return ADAPTERS[name]
    except KeyError:
        raise CourseError(f"unknown {what} {name!r}; use one of {', '.join((*others, *names()))}") from None


def choices_text(others: tuple[str, ...] = ()) -> str:
    """``blackboard, canvas or moodle``, for help texts."""
    choices = [*others, *names()]
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else "".join(choices)


def roster_help(command: str = "") -> str:
    """Which download each LMS's roster is, as ``--roster`` help: ``Canvas: its gradebook export; …``. For
    ``feedback``, an LMS's own requirement (Moodle: the grading worksheet) replaces its general wording; for
    ``collect``, an LMS whose file names carry the course's own ids is marked as not needing one."""
    parts = []
    for spec in ADAPTERS.values():
        wording = (command == "feedback" and spec.feedback_roster_help) or spec.roster_help
        optional = command == "collect" and not spec.needs_roster_to_collect
        parts.append(f"{spec.display}{', optional' if optional else ''}: {wording}")
    return "; ".join(parts)


def roster_id_help() -> str:
    """``--roster-id`` help, spelled from each adapter's ``id_columns`` (the rule ``roster.read_roster`` applies)."""
    return "the roster column holding the course's student ids (default: " + "; ".join(
        f"{a.display}: {', else '.join(a.id_columns)}" for a in ADAPTERS.values()) + ")"
