"""What the graded quizzes tie to: objectives per item (``alignment.toml``) and explanations per item
(``quizzes/<quiz>.toml``, ``[[item]]`` tables with ``id`` and ``explanation``), both beside the nbgrader course.

A missing file, or an item without an explanation, simply gives no explanation; only a file that is not valid
TOML is an error, named with its path.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path


class QuizDataError(ValueError):
    """A quiz data file that cannot be read; the message names the file."""


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise QuizDataError(f"{path} is not valid TOML: {error}") from None


def item_objectives(course_dir: Path, quiz: str) -> dict[str, tuple[str, ...]]:
    """Grade id → the objective ids it assesses."""
    table = _read(Path(course_dir) / "alignment.toml").get(quiz, {})
    return {item: tuple(ids) for item, ids in table.items() if isinstance(ids, list)}


def explanations(course_dir: Path, quiz: str, *, placeholders: bool = False) -> dict[str, str]:
    """Grade id → explanation, for the items that have one, in the declared letters: an option the data names as
    ``{B}`` (so that a quiz with per-student variants can put each student's own letter there) reads "B", unless
    ``placeholders`` keeps them for working the explanation out for one student."""
    items = _read(Path(course_dir) / "quizzes" / f"{quiz}.toml").get("item", [])
    fill = (lambda text: text) if placeholders else (lambda text: _DECLARED_LETTER.sub(r"\1", text))
    return {str(item["id"]): fill(str(item["explanation"]).strip()) for item in items
            if isinstance(item, dict) and "id" in item and str(item.get("explanation", "")).strip()}


_DECLARED_LETTER = re.compile(r"\{([A-J])\}")
