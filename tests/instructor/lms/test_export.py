"""course export --format canvas|moodle --roster FILE: one row per roster student in the LMS's import format, only
final scores in it, and one clear line for a roster or format that cannot be used."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from course_lib.instructor.course import coursedir
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.lms import export as lms_export
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
CANVAS = ("Student,ID,SIS User ID,SIS Login ID,Section,Old quiz (77)\n"
          "    Points Possible,,,,,10\n"
          "\"Lee, Ann\",101,S101,ann,Mon 9:00,8\n"
          "\"Ng, Ben\",102,S102,ben,Mon 9:00,7\n"
          "\"Ortiz, Cat\",103,S103,cat,Tue 14:00,9\n")
MOODLE = "First name,Last name,Username,Email address\nAnn,Lee,ann,ann@uni.example\nBen,Ng,ben,ben@uni.example\n"


def _roster(tmp_path, text, name="roster.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.pipeline
def test_canvas_file_has_one_row_per_roster_student_and_only_final_scores(lms_export_class, tmp_path):
    """Canvas's columns from its own export, then the quiz; ann's 4, ben (pending) and cat (missing) empty; the
    Points Possible row and zoe (not in the roster) left out, and both said."""
    roster = lms_export.read_roster(_roster(tmp_path, CANVAS), "canvas")
    text, warnings = lms_export.export_lms(lms_export_class, roster)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", QUIZ]
    assert [(r["Student"], r["SIS Login ID"], r["Section"], r[QUIZ]) for r in rows] == [
        ("Lee, Ann", "ann", "Mon 9:00", "4"), ("Ng, Ben", "ben", "Mon 9:00", ""),
        ("Ortiz, Cat", "cat", "Tue 14:00", "")]
    assert warnings == ["left empty (not a final score): 1 missing, 1 pending manual grading",
                        "not in the roster, left out of the file: zoe"]


@pytest.mark.pipeline
def test_moodle_file_is_keyed_by_username(lms_export_class, tmp_path):
    """Moodle's import matches on Username here: one column for it and one per quiz."""
    roster = lms_export.read_roster(_roster(tmp_path, MOODLE), "moodle")
    text, _ = lms_export.export_lms(lms_export_class, roster)
    assert text.splitlines() == [f"Username,{QUIZ}", "ann,4", "ben,"]


@pytest.mark.pipeline
def test_command_writes_the_file_and_exits_1_when_something_is_left_empty(lms_export_class, tmp_path):
    """course export --format canvas writes the file and names what it left empty (exit 1: look at it)."""
    out = tmp_path / "canvas.csv"
    done = subprocess.run([sys.executable, "-m", "course_lib.cli", "--course-dir", str(lms_export_class), "export",
                           "--format", "canvas", "--roster", str(_roster(tmp_path, CANVAS)), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "export: not in the roster, left out of the file: zoe" in done.stderr
    assert out.read_text().splitlines()[1].endswith(",ann,Mon 9:00,4")


@pytest.mark.parametrize(("text", "lms", "message"), [
    ("Student,ID,SIS User ID,Section\nA,1,S1,x\n", "canvas", "no column 'SIS Login ID'; a Canvas gradebook export"),
    ("Student,ID,SIS User ID,SIS Login ID,Section\nA,1,S1,ann,x\nB,2,S2,ann,x\n", "canvas",
     "line 3: SIS Login ID 'ann' repeats line 2"),
    ("Student,ID,SIS User ID,SIS Login ID,Section\nA,1,S1,,x\n", "canvas", "line 2: no SIS Login ID"),
    ("First name,Last name\nAnn,Lee\n", "moodle", "none of the columns Username, Email address, ID number"),
    ("Username\n", "moodle", "no students in it"),
    ("Username\nann\n", "sakai", "unknown LMS 'sakai'; use one of blackboard, canvas, moodle"),
])
def test_a_roster_that_cannot_be_used_is_one_clear_line(tmp_path, text, lms, message):
    """Each problem is named with the file (and line) in one line."""
    with pytest.raises(CourseError) as caught:
        lms_export.read_roster(_roster(tmp_path, text), lms)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_roster_that_is_not_text_is_one_clear_line(tmp_path):
    """A spreadsheet saved as .xlsx instead of CSV is refused in one line."""
    path = tmp_path / "roster.csv"
    path.write_bytes(b"PK\x03\x04\xff\xfe binary")
    with pytest.raises(CourseError) as caught:
        lms_export.read_roster(path, "canvas")
    assert str(caught.value).startswith("roster roster.csv: cannot read it as UTF-8 text")


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "sakai", "--roster", "r.csv"], "unknown export format 'sakai'; use one of csv, blackboard, "
                                                 "canvas, moodle"),
    (["--format", "canvas"], "--format canvas needs --roster FILE"),
])
def test_command_refuses_a_bad_format_or_no_roster(tmp_path, args, message):
    """Exit 2, one line, no file written."""
    synthetic.write_fixture_course(tmp_path)
    done = subprocess.run([sys.executable, "-m", "course_lib.cli", "--course-dir", str(tmp_path), "export",
                           *args, "--out", str(tmp_path / "out.csv")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.pipeline
def test_roster_puts_names_and_lms_ids_in_the_gradebook_and_lists_everyone(lms_export_class, tmp_path):
    """course roster records names and Canvas ids; cat, who never submitted, is then listed as missing."""
    from nbgrader.api import Gradebook

    from course_lib.instructor.steps import export

    done = subprocess.run([sys.executable, "-m", "course_lib.cli", "--course-dir", str(lms_export_class), "roster",
                           str(_roster(tmp_path, CANVAS)), "--lms", "canvas"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "roster: 3 student(s) recorded in the gradebook" in done.stderr
    with Gradebook(coursedir.db_url(lms_export_class)) as gb:
        cat = gb.find_student("cat")
        assert (cat.first_name, cat.last_name, cat.lms_user_id) == ("Cat", "Ortiz", "103")
    totals = {r["student"]: r for r in csv.DictReader(io.StringIO(export.export_csv(lms_export_class)))
              if r["item"] == "TOTAL"}
    assert totals["cat"]["status"] == export.MISSING and totals["ann"]["score"] == "4"
