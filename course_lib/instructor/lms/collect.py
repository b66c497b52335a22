"""``course collect QUIZ ZIPFILE --lms canvas|moodle|blackboard``: an LMS's "download all submissions" zip into
``submitted/STUDENT/QUIZ/``, with nbgrader's own zip collector doing the extracting and copying.

The zip is copied to ``downloaded/QUIZ/archive/`` (nbgrader's layout), nbgrader's ``ZipCollectApp`` extracts it to
``downloaded/QUIZ/extracted/``, and this module decides, for every file, whose it is and whether it counts
(``uploads`` reads the LMS's names; the roster maps the LMS's ids to the course's student ids). The decision is
handed to nbgrader through a collector plugin, and nbgrader copies each student's files, with ``timestamp.txt`` where
the LMS gave a time, into ``downloaded/QUIZ/incoming/``. Each student's folder then moves into ``submitted/`` whole,
so an interruption never leaves a half-copied submission. A submission already there is replaced only by a newer one
(the LMS's own order of uploads), and the one it replaces is kept under ``downloaded/QUIZ/replaced/``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Dict
from traitlets.config import Config

from course_lib.instructor import lms as registry
from course_lib.instructor.course.coursedir import CourseError, load_config, require_quiz
from course_lib.instructor.lms import record as lms_record
from course_lib.instructor.lms.roster import Roster
from course_lib.instructor.lms.rules import LmsAdapter
from course_lib.instructor.lms.uploads import Upload, notebook_stem, parse_upload
from course_lib.instructor.steps.export import natural_key

NOTEBOOK = ".ipynb"
IGNORED = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$)")  # what a zip tool adds, not a student


class PlannedCollector(FileNameCollectorPlugin):
    """nbgrader's collector, told for each extracted file which student and notebook it is (or that it is skipped)."""

    plan = Dict(help="extracted file path -> nbgrader's collect info (student_id, file_id, timestamp)")

    def collect(self, submitted_file: str) -> dict | None:
        return self.plan.get(submitted_file)


@dataclass
class CollectResult:
    quiz: str
    lms: str
    collected: list[str] = field(default_factory=list)
    replaced: dict[str, str] = field(default_factory=dict)  # student -> where the older submission is kept
    late: list[str] = field(default_factory=list)  # marked late by the LMS
    unchanged: list[str] = field(default_factory=list)
    set_aside: list[tuple[str, str]] = field(default_factory=list)  # (file in the zip, reason)
    notes: list[str] = field(default_factory=list)  # what the instructor should know about a collected student

    @property
    def exit_status(self) -> int:
        return 1 if self.set_aside or self.notes else 0

    def summary(self) -> str:
        text = f"collect {self.quiz}: {len(self.collected)} collected"
        if self.replaced:
            text += f" ({len(self.replaced)} replaced by a newer submission)"
        if self.unchanged:
            text += f", {len(self.unchanged)} unchanged"
        text += f", {len(self.set_aside)} set aside"
        text += "".join(f"\n  replaced {student}'s submission with the newer one in this download (the older one is "
                        f"kept in {kept})" for student, kept in self.replaced.items())
        if self.late:
            text += f"\n  marked late by {registry.adapter(self.lms).display}: {', '.join(self.late)}"
        text += "".join(f"\n  {note}" for note in self.notes)
        text += "".join(f"\n  set aside {name}: {why}" for name, why in sorted(self.set_aside))
        return text


# --- who sent it --------------------------------------------------------------------------------
def _plain(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def _full_name(spec: LmsAdapter, row: dict[str, str]) -> str:
    """The student's name as the roster spells it: its full-name column, else first and last name."""
    if spec.full_name_column and row.get(spec.full_name_column):
        return row[spec.full_name_column]
    first, last = spec.first_last_columns or ("", "")
    return f"{row.get(first) or ''} {row.get(last) or ''}"


class Students:
    """The LMS's key for a student -> the course's student id, from the roster."""

    def __init__(self, spec: LmsAdapter, roster: Roster | None):
        self.spec, self.roster, self.by_key, self.by_name, self.twins = spec, roster, {}, {}, set()
        for student, row in (roster.rows if roster else {}).items():
            if spec.key_column is None:  # the file names carry the course's own id
                self.by_key[student] = student
            elif spec.key_pattern is None:
                self.by_key[(row.get(spec.key_column) or "").strip()] = student
            elif found := spec.key_pattern.search(row.get(spec.key_column) or ""):
                self.by_key[found[1]] = student
            if spec.match_by_name:
                name = _plain(_full_name(spec, row))
                if name in self.by_name:
                    self.twins.add(name)
                self.by_name[name] = student

    def find(self, upload: Upload) -> tuple[str | None, str]:
        """(course student id, "") or (None, why not)."""
        spec = self.spec
        if self.roster is None:  # only where the file names carry the course's own ids
            return upload.user, ""
        for key in spec.user_candidates(upload) if spec.user_candidates else (upload.user,):
            if key in self.by_key:
                return self.by_key[key], ""
        if spec.match_by_name and _plain(upload.who) in self.by_name:
            if _plain(upload.who) in self.twins:
                return None, f"{upload.who}: two roster students have this name; {spec.same_name_fix}"
            return self.by_name[_plain(upload.who)], ""
        if spec.key_column is None:
            return None, f"{upload.user} is not in the roster"
        return None, (f"{upload.who or 'a student'} ({spec.display} {spec.key_label} {upload.user}) is not in the "
                      "roster")


# --- which file counts --------------------------------------------------------------------------
@dataclass
class Choice:
    files: dict[str, Upload] = field(default_factory=dict)  # quiz notebook name -> the upload collected as it
    order: list = field(default_factory=list)
    renamed: str = ""  # the name the student gave the notebook collected under the quiz's name


def _order(upload: Upload, entry_times: dict[str, str], copy: int) -> list:
    return [upload.order, entry_times.get(upload.path, ""), copy]


def choose(student: str, uploads: list[Upload], spec: LmsAdapter, notebooks: list[str], entry_times: dict[str, str],
           result: CollectResult) -> Choice:
    """The upload that counts for each notebook of the quiz; every other file is set aside with its reason."""
    groups: dict[str, list[tuple[list, Upload]]] = defaultdict(list)
    for upload in uploads:
        stem, copy = notebook_stem(upload.name, spec)
        groups[stem].append((_order(upload, entry_times, copy), upload))
    latest = {}
    for stem, versions in groups.items():
        versions.sort(key=lambda v: v[0])
        latest[stem] = versions[-1]
        for _, older in versions[:-1]:
            result.set_aside.append((older.path, f"an older copy; {student}'s latest, "
                                                  f"{PurePosixPath(versions[-1][1].path).name}, counts"))
    choice = Choice()
    others = sorted(stem for stem in latest if stem not in notebooks)
    for stem in notebooks:
        if stem in latest:
            choice.files[stem] = latest[stem][1]
    if not choice.files and len(notebooks) == 1 and len(others) == 1:
        upload = latest[others[0]][1]
        choice.files[notebooks[0]], choice.renamed = upload, upload.name
        others = []
    if not choice.files:
        if others:
            result.set_aside.append((", ".join(latest[s][1].path for s in others),
                                     f"{student} sent {len(others)} different notebooks and none is named "
                                     f"{' or '.join(n + NOTEBOOK for n in notebooks)}: none collected; ask the "
                                     "student which one counts"))
        return choice
    for stem in others:
        result.set_aside.append((latest[stem][1].path, f"another notebook of {student}'s; only "
                                 f"{', '.join(n + NOTEBOOK for n in choice.files)} is collected"))
    choice.order = max(_order(u, entry_times, 0)[:2] for u in choice.files.values())
    return choice


# --- the zip ------------------------------------------------------------------------------------
def _entry_times(zip_path: Path) -> dict[str, str]:
    """Each file in the zip -> its modification time as the zip records it (Moodle's only clue to which is newer)."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            entries = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise CourseError(f"{zip_path.name} is not a zip file ({exc}); download the submissions again from the LMS "
                          "and pass the .zip it gives") from None
    files = [e for e in entries if not IGNORED.search(e.filename)]
    if not files:
        raise CourseError(f"{zip_path.name} is empty: no submitted files in it")
    return {e.filename: "{:04}-{:02}-{:02} {:02}:{:02}:{:02}".format(*e.date_time) for e in files}


def _submission_time(stamp: str, zone: ZoneInfo) -> str:
    """Blackboard's YYYY-MM-DD-HH-MM-SS in the LMS's time zone, as nbgrader's timestamp (UTC offset included)."""
    return datetime.strptime(stamp, "%Y-%m-%d-%H-%M-%S").replace(tzinfo=zone).isoformat(" ")


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CourseError(f"unknown time zone {name!r}; use a name like Europe/Berlin or UTC") from None


def _notebook_names(course_dir: Path, quiz: str) -> list[str]:
    for step in ("release", "source"):
        names = sorted(p.stem for p in (course_dir / step / quiz).glob(f"*{NOTEBOOK}"))
        if names:
            return names
    raise CourseError(f"quiz {quiz!r} has no notebook in source/{quiz}/")


# --- the run ------------------------------------------------------------------------------------
def collect(course_dir: Path, quiz: str, zip_path: Path, lms: str, roster: Roster | None = None,
            time_zone: str = "UTC") -> CollectResult:
    spec = registry.adapter(lms)
    if spec.needs_roster_to_collect and roster is None:
        raise CourseError(f"--lms {lms} needs --roster FILE: {spec.display}'s file names carry its own ids, and "
                          "the roster maps them to the course's student ids")
    require_quiz(course_dir, quiz)
    zone = _zone(time_zone)
    zip_path = Path(zip_path)
    if not zip_path.is_file():
        raise CourseError(f"no file {zip_path}")
    entry_times = _entry_times(zip_path)
    notebooks = _notebook_names(course_dir, quiz)
    work = course_dir / "downloaded" / quiz
    archive, extracted, incoming = work / "archive", work / "extracted", work / "incoming"
    for folder in (extracted, incoming):
        shutil.rmtree(folder, ignore_errors=True)  # what an interrupted run left: copies, never the only ones
    copy_name = zip_path.name if zip_path.suffix == ".zip" else f"{zip_path.name}.zip"
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(zip_path, work / f".{copy_name}.part")  # first: the zip may be one in archive/ already
    _set_aside_earlier_downloads(archive, work / "earlier")
    os.replace(work / f".{copy_name}.part", archive / copy_name)
    result = CollectResult(quiz, lms)
    try:
        try:
            app = _zip_collect_app(course_dir, quiz, incoming)
            app.extract_archive_files()
            root = extracted / PurePosixPath(copy_name).stem
            app.collector_plugin_inst.plan, records = _plan(root, spec, notebooks, entry_times, roster, zone,
                                                                  result)
            app.process_extracted_files()
        except SystemExit:  # nbgrader's app.fail(), after logging why
            raise CourseError(f"nbgrader's zip collector stopped (its reason is above); nothing was collected from "
                              f"{zip_path.name}") from None
        _move_in(course_dir, quiz, lms, notebooks, incoming, records, result)
    finally:
        shutil.rmtree(extracted, ignore_errors=True)
        shutil.rmtree(incoming, ignore_errors=True)
    return result


def _set_aside_earlier_downloads(archive: Path, earlier: Path) -> None:
    """nbgrader extracts everything in ``archive/``: an earlier download moves to ``earlier/`` (kept, not mixed in)."""
    if archive.is_dir():
        for old in archive.iterdir():
            earlier.mkdir(exist_ok=True)
            target = earlier / old.name
            if target.exists():
                target = earlier / f"{datetime.now():%Y%m%d-%H%M%S}-{old.name}"
            os.replace(old, target)
    archive.mkdir(parents=True, exist_ok=True)


def _zip_collect_app(course_dir: Path, quiz: str, incoming: Path):
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from nbgrader.coursedir import CourseDirectory

    extra = Config()
    extra.CourseDirectory.assignment_id = quiz
    extra.CourseDirectory.submitted_directory = str(incoming)  # absolute: nbgrader joins it to the root unchanged
    extra.ZipCollectApp.collector_plugin = PlannedCollector
    extra.ZipCollectApp.force = True
    extra.ExtractorPlugin.force = True
    config = load_config(course_dir, extra)
    app = ZipCollectApp(coursedir=CourseDirectory(config=config), config=config)
    app.log.setLevel(logging.ERROR)
    app.init_plugins()
    return app


def _plan(root: Path, spec: LmsAdapter, notebooks: list[str], entry_times: dict[str, str], roster: Roster | None,
          zone: ZoneInfo, result: CollectResult) -> tuple[dict, dict]:
    """(nbgrader's collect info per extracted file, the lms.json record per student)."""
    students = Students(spec, roster)
    sent: dict[str, list[Upload]] = defaultdict(list)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        inside = path.relative_to(root).as_posix()
        if IGNORED.search(inside):
            continue
        upload = parse_upload(spec, inside)
        if upload is None:
            result.set_aside.append((inside, f"the name does not follow {spec.display}'s download naming; was the "
                                     f"zip downloaded from {spec.display}'s \"download all submissions\"?"))
            continue
        if upload.receipt:
            continue
        student, why = students.find(upload)
        if student is None:
            result.set_aside.append((inside, f"{why}; not collected"))
        elif PurePosixPath(upload.name).suffix.lower() != NOTEBOOK:
            result.set_aside.append((inside, f"not a notebook ({student}); only {NOTEBOOK} files are collected"))
        else:
            sent[student].append(upload)
    plan, records = {}, {}
    for student in sorted(sent, key=natural_key):
        choice = choose(student, sent[student], spec, notebooks, entry_times, result)
        if not choice.files:
            continue
        times = sorted(u.time for u in choice.files.values() if u.time)
        for notebook, upload in choice.files.items():
            info = {"student_id": student, "file_id": notebook + NOTEBOOK}
            if times:
                info["timestamp"] = _submission_time(times[-1], zone)
            plan[str(root / upload.path)] = info
        records[student] = {"lms": spec.name, "order": choice.order,
                            "late": any(u.late for u in choice.files.values()),
                            "files": sorted(u.path for u in choice.files.values()), "renamed": choice.renamed}
    return plan, records


def _newer(new: dict, old: dict | None) -> bool | None:
    """Whether the new download's submission is newer than the one collected before; None when it cannot be told."""
    if not old or old.get("lms") != new["lms"] or not isinstance(old.get("order"), list):
        return None
    return new["order"] > old["order"]


def _move_in(course_dir: Path, quiz: str, lms: str, notebooks: list[str], incoming: Path, records: dict,
             result: CollectResult) -> None:
    """Each student's folder into ``submitted/``, whole, unless the one already there is as new or newer."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for student, record in records.items():
        source = incoming / student / quiz
        lms_record.write(source, record)
        target = course_dir / "submitted" / student / quiz
        if target.exists():
            old = lms_record.read(target)
            if old and old.get("order") == record["order"] and old.get("lms") == lms:
                result.unchanged.append(student)
                continue
            newer = _newer(record, old)
            if newer is None:
                result.notes.append(f"kept {student}'s submission already in submitted/ (not collected from "
                                    f"{registry.adapter(lms).display}, so which is newer cannot be told); to take "
                                    f"the download's, remove submitted/{student}/{quiz} and collect again")
                continue
            if not newer:
                result.notes.append(f"kept {student}'s newer submission already in submitted/; this download has "
                                    "an older one")
                continue
            keep = course_dir / "downloaded" / quiz / "replaced" / f"{student}-{stamp}"
            keep.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, keep)
            os.replace(source, target)
            result.replaced[student] = f"downloaded/{quiz}/replaced/{keep.name}"
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        result.collected.append(student)
        if record["renamed"]:
            result.notes.append(f"renamed: {student}'s only notebook, {record['renamed']}, collected as "
                                f"{notebooks[0]}{NOTEBOOK}")
        if record["late"]:
            result.late.append(student)
