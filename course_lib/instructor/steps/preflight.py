"""Preflight: check every submission against the release before nbgrader sees it.

nbgrader aborts a whole batch on one copied grade cell and silently skips a deleted test cell. This
step reads each submitted notebook, repairs what is safe (copied or deleted grade cells, changed
cell types, edited locked or test cells, missing cell ids) and sets aside what cannot be graded
(not JSON, not a notebook), recording every decision. The student's files in ``submitted/`` are
never changed: checked copies are staged under ``reports/<quiz>/staged/`` and graded from there.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from course_lib.instructor.course.coursedir import release_notebooks, reports_dir

CLEAN, REPAIRED, SET_ASIDE, MISSING = "clean", "repaired", "set aside", "missing"


@dataclass
class Entry:
    """What preflight did with one submitted notebook."""

    student: str
    notebook: str
    status: str
    actions: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class PreflightReport:
    """Every entry of one run, and which students go on to grading."""

    quiz: str
    entries: list[Entry] = field(default_factory=list)
    to_grade: list[str] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return any(e.status != CLEAN for e in self.entries)

    def counts(self) -> dict[str, int]:
        return {s: sum(e.status == s for e in self.entries) for s in (CLEAN, REPAIRED, SET_ASIDE, MISSING)}

    def summary(self) -> str:
        parts = ", ".join(f"{n} {s}" for s, n in self.counts().items() if n)
        return f"preflight {self.quiz}: {len(self.entries)} notebooks: {parts or 'nothing submitted'}"


class Unreadable(Exception):
    """The file cannot be graded; the message is the reason."""


def staged_root(course_dir: Path, quiz: str) -> Path:
    """Where checked copies live, laid out like ``submitted/`` (student/quiz/files)."""
    return reports_dir(course_dir, quiz) / "staged"


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _is_locked(meta: dict) -> bool:
    return bool(meta.get("locked")) or (bool(meta.get("grade")) and not meta.get("solution"))


def _kind(meta: dict) -> str:
    return "test" if meta.get("grade") and not meta.get("solution") else "locked"


def parse_submission(raw: bytes) -> dict:
    """JSON dict of a notebook, or Unreadable with the reason."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable("not a notebook: the file is not UTF-8 text (binary file?)") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if not text.lstrip().startswith("{"):
            raise Unreadable("not a notebook: the file is not JSON") from exc
        raise Unreadable(f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list) or data.get("nbformat") != 4:
        raise Unreadable("not a notebook: JSON without nbformat 4 cells")
    return data


def _cell_id(seed: str, taken: set[str]) -> str:
    """A deterministic id, unique in the notebook, so reruns stage identical files."""
    n = 0
    while True:
        cid = hashlib.sha1(f"{seed}:{n}".encode()).hexdigest()[:12]
        if cid not in taken:
            return cid
        n += 1


def _set_type(cell: dict, cell_type: str) -> None:
    cell["cell_type"] = cell_type
    if cell_type == "code":
        cell.setdefault("outputs", [])
        cell.setdefault("execution_count", None)
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)


def _original_spot(cells: list[dict], indices: list[int], ref_ids: list[str], grade_id: str) -> int:
    """Among copies of one grade cell, the one whose preceding grade cell is the release's."""
    pos = ref_ids.index(grade_id)
    before = ref_ids[pos - 1] if pos > 0 else None
    for i in indices:
        prev = next((_meta(c).get("grade_id") for c in reversed(cells[:i])
                     if _meta(c).get("grade_id") in ref_ids and _meta(c).get("grade_id") != grade_id), None)
        if prev == before:
            return i
    return indices[0]


def check_notebook(data: dict, reference: nbformat.NotebookNode) -> tuple[dict, list[str]]:
    """Repair ``data`` against the released notebook; returns (notebook dict, actions taken)."""
    data = copy.deepcopy(data)
    actions: list[str] = []
    ref_cells = {(_meta(c)["grade_id"]): c for c in reference.cells if _meta(c).get("grade_id")}
    ref_ids = list(ref_cells)
    cells = data["cells"]

    # Unknown grade ids (nbgrader would reject the notebook): keep the cell, drop the grading metadata.
    for i, cell in enumerate(cells):
        gid = _meta(cell).get("grade_id")
        if gid is not None and gid not in ref_cells:
            cell["metadata"].pop("nbgrader")
            actions.append(f"removed grading metadata with unknown id {gid!r} from cell {i + 1}")

    # Copies of a grade cell: keep the one at the original place, drop the rest.
    for gid in ref_ids:
        where = [i for i, c in enumerate(cells) if _meta(c).get("grade_id") == gid]
        if len(where) > 1:
            keep = _original_spot(cells, where, ref_ids, gid)
            dropped = [i for i in where if i != keep]
            cells[:] = [c for i, c in enumerate(cells) if i not in dropped]
            where_dropped = ", ".join(str(i + 1) for i in dropped)
            actions.append(f"dropped {len(dropped)} copied cell(s) of {gid!r} (cell {where_dropped}); "
                           f"kept cell {keep + 1}, at the original place")

    # Deleted grade cells: restore them from the release after their predecessor.
    for pos, gid in enumerate(ref_ids):
        if any(_meta(c).get("grade_id") == gid for c in cells):
            continue
        after = next((i for i, c in enumerate(cells)
                      if pos > 0 and _meta(c).get("grade_id") == ref_ids[pos - 1]), -1)
        restored = json.loads(json.dumps(ref_cells[gid]))
        if restored.get("cell_type") == "code":
            restored["outputs"], restored["execution_count"] = [], None
        cells.insert(after + 1, restored)
        actions.append(f"restored deleted {_kind(_meta(restored)) if _is_locked(_meta(restored)) else 'answer'} "
                       f"cell {gid!r} from the release")

    for cell in cells:
        gid = _meta(cell).get("grade_id")
        if gid is None:
            continue
        ref = ref_cells[gid]
        if cell.get("cell_type") != ref.cell_type:
            actions.append(f"changed cell {gid!r} back from {cell.get('cell_type')} to {ref.cell_type}")
            _set_type(cell, ref.cell_type)
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if _is_locked(_meta(ref)) and source != ref.source:
            actions.append(f"restored edited {_kind(_meta(ref))} cell {gid!r} from the release")
            cell["source"] = ref.source
        if _meta(cell) != _meta(ref):
            actions.append(f"restored the grading metadata of cell {gid!r}")
            cell["metadata"]["nbgrader"] = json.loads(json.dumps(_meta(ref)))

    # Cell ids: nbformat 4.5 needs them, unique.
    missing, taken = 0, set()
    for i, cell in enumerate(cells):
        cid = cell.get("id")
        if not isinstance(cid, str) or not cid or cid in taken:
            cell["id"] = _cell_id(f"{i}:{cell.get('source')}", taken)
            missing += 1
        taken.add(cell["id"])
    if missing:
        actions.append(f"filled {missing} missing or duplicate cell id(s)")
    if data.get("nbformat_minor", 0) < 5:
        data["nbformat_minor"] = 5
    return data, actions


def _student_folders(course_dir: Path, quiz: str, students: list[str] | None) -> list[tuple[str, Path]]:
    submitted = course_dir / "submitted"
    found = sorted((p.name, p / quiz) for p in submitted.iterdir() if (p / quiz).is_dir()) if (
        submitted.is_dir()) else []
    if students:
        found = [(s, f) for s, f in found if s in set(students)]
    return found


def preflight(course_dir: Path, quiz: str, students: list[str] | None = None) -> PreflightReport:
    """Check, repair and stage every submission of ``quiz``; never raises for a bad submission."""
    references = release_notebooks(course_dir, quiz)
    report = PreflightReport(quiz)
    stage = staged_root(course_dir, quiz)
    for student, folder in _student_folders(course_dir, quiz, students):
        target = stage / student / quiz
        if target.exists():
            shutil.rmtree(target)
        # Everything but the notebooks goes over as it is (timestamp.txt, data files).
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        gradeable = True
        for name, reference in references.items():
            path = folder / f"{name}.ipynb"
            if not path.is_file():
                report.entries.append(Entry(student, name, MISSING, reason="no such notebook: nbgrader scores it 0"))
                continue
            raw = path.read_bytes()
            try:
                data = parse_submission(raw)
                fixed, actions = check_notebook(data, reference)
                nb = nbformat.from_dict(fixed)
                nbformat.validate(nb)
            except Unreadable as exc:
                report.entries.append(Entry(student, name, SET_ASIDE, reason=str(exc)))
                gradeable = False
                continue
            except (nbformat.ValidationError, KeyError, TypeError, AttributeError) as exc:
                reason = f"not a valid notebook: {str(exc).splitlines()[0][:200]}"
                report.entries.append(Entry(student, name, SET_ASIDE, reason=reason))
                gradeable = False
                continue
            if actions:
                nbformat.write(nb, target / f"{name}.ipynb")
                report.entries.append(Entry(student, name, REPAIRED, actions))
            else:
                (target / f"{name}.ipynb").write_bytes(raw)
                report.entries.append(Entry(student, name, CLEAN))
        if gradeable:
            report.to_grade.append(student)
        else:
            shutil.rmtree(target.parent)
    write_report(course_dir, report)
    return report


def write_report(course_dir: Path, report: PreflightReport) -> tuple[Path, Path]:
    """``reports/<quiz>/preflight.json`` and a readable ``preflight.md``."""
    folder = reports_dir(course_dir, report.quiz)
    as_json = folder / "preflight.json"
    as_json.write_text(json.dumps({"quiz": report.quiz, "counts": report.counts(), "to_grade": report.to_grade,
                                   "entries": [asdict(e) for e in report.entries]}, indent=1))
    lines = [f"# Preflight of {report.quiz}", "", report.summary(), ""]
    attention = [e for e in report.entries if e.status != CLEAN]
    if attention:
        lines += ["| student | notebook | status | what was done or why |", "| --- | --- | --- | --- |"]
        for e in attention:
            detail = e.reason if e.status in (SET_ASIDE, MISSING) else "; ".join(e.actions)
            lines.append(f"| {e.student} | {e.notebook} | {e.status} | {detail.replace('|', '/')} |")
        lines += ["", "Set-aside files were not graded; the originals are untouched in submitted/."]
    else:
        lines.append("Every submission was clean.")
    as_md = folder / "preflight.md"
    as_md.write_text("\n".join(lines) + "\n")
    return as_json, as_md
