"""What a submission of a quiz with variants says about whose version it showed, beside whom it is graded as.

``course autograde`` grades every student on the version of the ID nbgrader grades them under (``runner.own_keys``).
Two things in the submitted notebook can disagree with that ID, and each is flagged, never silently graded either way:

- the student ID typed in the notebook (where no JupyterHub gave it) differs from the ID graded under: a typing slip,
  a roster mapping the LMS got wrong, or a notebook handed on;
- a show cell's saved output records that it showed the version of another ID (or another version than this ID's:
  an edited quiz), so the answers may have been written for that version.

A flag is a reason to look, not proof of anything: a student may have typed a classmate's ID to try the quiz, or
opened a shared notebook once. The flags go to the autograde summary, ``reports/QUIZ/variant-flags.json``, the
export's status column and the report.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from course_lib.grading.quiz import ID_NAME, VARIANT_MIME
from course_lib.instructor.course.coursedir import reports_dir
from course_lib.instructor.quizzes.variant_keys import ItemVariant

# The ID line as typed: quoted or not, straight or curly quotes (the kernel reads it the same forgiving way).
_ID_LINE = re.compile(rf"^{ID_NAME}\s*=\s*(.*?)\s*$", re.MULTILINE)
_QUOTES = "\"'“”‘’"


def typed_id(nb: dict) -> str:
    """The student ID the notebook's ID line holds ("" when there is none or it is empty)."""
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {}) or {}
        if meta.get("grade_id") == f"{ID_NAME}_answer":
            source = cell.get("source", "")
            lines = _ID_LINE.findall("".join(source) if isinstance(source, list) else source)
            return lines[-1].strip(_QUOTES).strip() if lines else ""
    return ""


def recorded(nb: dict) -> dict[str, dict]:
    """Item id -> the record its show cell's saved output holds (``student``, ``signature``), for every item shown."""
    found = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            record = output.get("data", {}).get(VARIANT_MIME) if isinstance(output, dict) else None
            if isinstance(record, dict) and record.get("student") and isinstance(record.get("variable"), str):
                found[record["variable"]] = record
    return found


def flags(nb: dict, student: str, own: dict[str, ItemVariant]) -> list[str]:
    """Plain sentences for whatever in the submitted notebook ``nb`` disagrees with grading it as ``student``."""
    found = []
    typed = typed_id(nb)
    if typed and typed != student:
        found.append(f"the ID typed in the notebook is {typed!r}, not {student!r} as graded")
    others: dict[str, list[str]] = {}
    for item, record in sorted(recorded(nb).items(), key=lambda kv: kv[0]):
        if item not in own:
            continue
        if record["student"] != student:
            others.setdefault(record["student"], []).append(item)
        elif record.get("signature") != own[item].signature:
            others.setdefault(f"{student} (an older version of the quiz)", []).append(item)
    for who, items in sorted(others.items()):
        found.append(f"the notebook showed the version for {who!r} ({', '.join(items)}); graded on {student!r}'s")
    return found


def flags_path(course_dir: Path, quiz: str) -> Path:
    return reports_dir(course_dir, quiz) / "variant-flags.json"


def load(course_dir: Path, quiz: str) -> dict[str, list[str]]:
    try:
        return json.loads(flags_path(course_dir, quiz).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def save(course_dir: Path, quiz: str, graded: dict[str, list[str]]) -> None:
    """Replace the flags of the students just graded, keep the others'; written whole or not at all."""
    merged = {**load(course_dir, quiz), **graded}
    merged = {student: found for student, found in sorted(merged.items()) if found}
    path = flags_path(course_dir, quiz)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(merged, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
