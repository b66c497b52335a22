"""Grades and feedback back to the LMS: Blackboard's Grade Center, a quiz's own LMS column (lms.toml or --column),
Moodle's grading worksheet, and the feedback zip each LMS's bulk return reads; bad input is one clear line and
nothing written."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile

import pytest

from course_lib.instructor.course import coursedir
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.lms import columns as lms_columns
from course_lib.instructor.lms import export as lms_export
from course_lib.instructor.lms import feedback as lms_feedback
from course_lib.instructor.lms.roster import read_roster
from course_lib.instructor.steps import feedback
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
CANVAS = ("Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (12345)\n"
          "    Points Possible,,,,,6\n"
          "\"Lee, Ann\",101,S101,ann,Mon,\n"
          "\"Ng, Ben\",102,S102,ben,Mon,\n"
          "\"Ortiz, Cat\",103,S103,cat,Tue,\n"
          "\"Dunn, Dan\",104,S104,dan,Tue,\n")
BLACKBOARD_HEADER = ["Last Name", "First Name", "Username", "Student ID", "Last Access", "Availability",
                     "Total [Total Pts: up to 6 Score] |4402", f"{QUIZ} [Total Pts: 6 Score] |123456"]
BLACKBOARD_ROWS = [[last, first, user, sid, "", "Yes", "", ""] for last, first, user, sid in (
    ("Lee", "Ann", "ann", "S101"), ("Ng", "Ben", "ben", "S102"), ("Ortiz", "Cat", "cat", "S103"),
    ("Dunn", "Dan", "dan", "S104"))]
WORKSHEET_HEADER = ("Identifier,Full name,Email address,ID number,Status,Grade,Maximum Grade,Grade can be changed,"
                    "Last modified (submission),Last modified (grade),Feedback comments\n")
WORKSHEET = WORKSHEET_HEADER + (
    "Participant 4101,Ann Lee,ann@uni.example,ann,Submitted for grading,,6.00,Yes,\"Monday, 5 October 2026\",-,\n"
    "Participant 4102,Ben Ng,ben@uni.example,ben,Submitted for grading,,6.00,Yes,\"Monday, 5 October 2026\",-,\n"
    "Participant 4103,Cat Ortiz,cat@uni.example,cat,No submission,,6.00,Yes,-,-,\n"
    "Participant 4104,Dan Dunn,dan@uni.example,dan,Submitted for grading,,6.00,Yes,\"Monday, 5 October 2026\",-,\n")
CANVAS_DOWNLOAD = ["leeann_101_5550_fixture_quiz.ipynb", "ngben_LATE_102_5551_fixture_quiz.ipynb",
                   "dunndan_104_5553_essay.pdf"]


@pytest.fixture(scope="module")
def feedback_run(lms_return_class):
    result = feedback.feedback(lms_return_class, QUIZ)
    assert sorted(p.relative_to(lms_return_class / "feedback").as_posix()
                  for p in result.files if p.suffix == ".html") == [
        f"ann/{QUIZ}/{QUIZ}.html", f"zoe/{QUIZ}/{QUIZ}.html"]
    assert result.held == {"ben": ["reflection"]}  # pending manual grading: no page showing it as 0
    return result


def _file(tmp_path, text, name="roster.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _blackboard_xls(tmp_path):
    """Blackboard's tab-separated download: UTF-16 with its byte-order mark, every value quoted."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        [BLACKBOARD_HEADER, *BLACKBOARD_ROWS])
    path = tmp_path / "gc_download.xls"
    path.write_bytes(buffer.getvalue().encode("utf-16"))
    return path


def _canvas_download(tmp_path):
    path = tmp_path / "submissions.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in CANVAS_DOWNLOAD:
            archive.writestr(name, b"{}")
    return path


def _cli(course, *args):
    return subprocess.run([sys.executable, "-m", "course_lib.cli", "--course-dir", str(course), *args],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.pipeline
def test_blackboard_file_fills_the_quizs_own_grade_center_column(lms_return_class, tmp_path):
    """The Grade Center column titled like the quiz is found by itself; ann's 4, the others empty; every value
    quoted, as Blackboard asks of a CSV upload."""
    roster = read_roster(_blackboard_xls(tmp_path), "blackboard")
    text, warnings = lms_export.export_lms(lms_return_class, roster)
    column = f"{QUIZ} [Total Pts: 6 Score] |123456"
    assert text.splitlines() == [
        f'"Last Name","First Name","Username","Student ID","{column}"',
        '"Lee","Ann","ann","S101","4"', '"Ng","Ben","ben","S102",""', '"Ortiz","Cat","cat","S103",""',
        '"Dunn","Dan","dan","S104",""']
    assert warnings == ["left empty (not a final score): 1 missing, 1 not graded, 1 pending manual grading",
                        "not in the roster, left out of the file: zoe"]


@pytest.mark.pipeline
def test_blackboard_without_a_column_for_the_quiz_is_warned(lms_return_class, tmp_path):
    """Without the quiz's column Blackboard would add a 0-point text column: the export says so."""
    header = BLACKBOARD_HEADER[:-1]
    roster = read_roster(_file(tmp_path, "\n".join(",".join(r[:-1]) for r in [header, *BLACKBOARD_ROWS])),
                         "blackboard")
    text, warnings = lms_export.export_lms(lms_return_class, roster)
    assert text.splitlines()[0].endswith(f',"{QUIZ}"')
    assert warnings[-1].startswith(f"{QUIZ}: no Grade Center column for it in the roster, so Blackboard adds")


@pytest.mark.pipeline
def test_canvas_column_named_by_the_option_or_lms_toml(lms_return_class, tmp_path):
    """--column puts the score under Canvas's own header 'Quiz 1 (12345)', not a new column."""
    roster = read_roster(_file(tmp_path, CANVAS), "canvas")
    text, _ = lms_export.export_lms(lms_return_class, roster, columns=[f"{QUIZ}=Quiz 1 (12345)"])
    assert text.splitlines() == ["Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (12345)",
                                 '"Lee, Ann",101,S101,ann,Mon,4', '"Ng, Ben",102,S102,ben,Mon,',
                                 '"Ortiz, Cat",103,S103,cat,Tue,', '"Dunn, Dan",104,S104,dan,Tue,']


def test_lms_toml_maps_a_quiz_and_the_option_wins(tmp_path):
    """The instructor's lms.toml maps the quiz; --column overrides it for one run."""
    root = synthetic.write_fixture_course(tmp_path / "course")
    (root / "lms.toml").write_text(f'[columns]\n{QUIZ} = "Quiz 1 (12345)"\n')
    roster = read_roster(_file(tmp_path, CANVAS.replace(",Quiz 1 (12345)", ",Quiz 1 (12345),Again (777)")
                               .replace(",6\n", ",6,6\n")), "canvas")
    assert lms_columns.resolve(root, roster, [QUIZ]) == {QUIZ: "Quiz 1 (12345)"}
    assert lms_columns.resolve(root, roster, [QUIZ], [f"{QUIZ}=Again (777)"]) == {QUIZ: "Again (777)"}


@pytest.mark.pipeline
def test_moodle_grading_worksheet_comes_back_with_its_grade_column_filled(lms_return_class, tmp_path):
    """The worksheet as downloaded, Grade filled for ann only: Moodle's 'Upload grading worksheet' matches rows by
    Identifier."""
    roster = read_roster(_file(tmp_path, WORKSHEET), "moodle", "ID number")
    text, warnings = lms_export.export_lms(lms_return_class, roster, quizzes=[QUIZ])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == WORKSHEET_HEADER.strip()
    assert [(r["Identifier"], r["Grade"], r["Last modified (submission)"]) for r in rows] == [
        ("Participant 4101", "4", "Monday, 5 October 2026"), ("Participant 4102", "", "Monday, 5 October 2026"),
        ("Participant 4103", "", "-"), ("Participant 4104", "", "Monday, 5 October 2026")]
    assert not any("maximum grade" in w for w in warnings)


@pytest.mark.pipeline
def test_moodle_worksheet_with_another_maximum_is_warned(lms_return_class, tmp_path):
    """A Moodle assignment out of 100 would read 4 of 6 as 4 of 100: the export says to set its maximum to 6."""
    roster = read_roster(_file(tmp_path, WORKSHEET.replace(",6.00,", ",100.00,")), "moodle", "ID number")
    _, warnings = lms_export.export_lms(lms_return_class, roster, quizzes=[QUIZ])
    assert warnings[-1] == (f"{QUIZ} is out of 6 but the Moodle assignment's maximum grade is 100.00; set the "
                            "assignment's maximum grade to 6")


@pytest.mark.pipeline
def test_moodle_worksheet_without_its_upload_columns_is_one_clear_line(lms_return_class, tmp_path):
    """Moodle refuses a worksheet without 'Last modified (grade)': the export says so before writing it."""
    text = WORKSHEET.replace(",Last modified (grade)", ",Modified").replace(",-,\n", ",x,\n")
    roster = read_roster(_file(tmp_path, text), "moodle", "ID number")
    with pytest.raises(CourseError, match="no column 'Last modified \\(grade\\)', which Moodle's worksheet upload"):
        lms_export.lms_table(lms_return_class, roster, [QUIZ])


@pytest.mark.pipeline
def test_moodle_feedback_zip_has_the_folders_moodle_matches(lms_return_class, feedback_run, tmp_path):
    """Only ann's page, in 'Ann Lee_4101_assignsubmission_file_/'; ben (pending), cat (missing), dan (not graded)
    and zoe (not in the roster) are named, never packaged."""
    roster = read_roster(_file(tmp_path, WORKSHEET), "moodle", "ID number")
    packed = lms_feedback.package(lms_return_class, QUIZ, feedback_run, roster)
    with zipfile.ZipFile(packed.path) as archive:
        assert archive.namelist() == [f"Ann Lee_4101_assignsubmission_file_/{QUIZ}.html"]
        assert archive.read(archive.namelist()[0]) == (
            lms_return_class / "feedback" / "ann" / QUIZ / f"{QUIZ}.html").read_bytes()
    assert packed.path == lms_return_class / "reports" / QUIZ / "feedback-moodle.zip"
    assert packed.left_out == {"ben": "pending manual grading", "cat": "missing", "dan": "not graded",
                               "zoe": "not in the roster"}


@pytest.mark.pipeline
def test_canvas_feedback_zip_is_named_for_re_upload_submissions(lms_return_class, feedback_run, tmp_path):
    """Each file starts with the student's own submitted file's name up to its file id, as Canvas matches it."""
    roster = read_roster(_file(tmp_path, CANVAS), "canvas")
    canvas = lms_feedback.check_roster(roster, _canvas_download(tmp_path))
    assert canvas == {"101": "leeann_101_5550", "102": "ngben_LATE_102_5551", "104": "dunndan_104_5553"}
    packed = lms_feedback.package(lms_return_class, QUIZ, feedback_run, roster, canvas)
    with zipfile.ZipFile(packed.path) as archive:
        assert archive.namelist() == [f"leeann_101_5550_{QUIZ}.html"]


@pytest.mark.pipeline
def test_blackboard_feedback_zip_has_a_folder_per_student_for_attaching_by_hand(lms_return_class, feedback_run,
                                                                                tmp_path):
    roster = read_roster(_blackboard_xls(tmp_path), "blackboard")
    packed = lms_feedback.package(lms_return_class, QUIZ, feedback_run, roster)
    with zipfile.ZipFile(packed.path) as archive:
        assert archive.namelist() == [f"ann - Lee, Ann/{QUIZ}.html"]


@pytest.mark.pipeline
def test_withheld_or_failed_feedback_is_never_packaged_and_an_older_zip_goes(lms_return_class, feedback_run, tmp_path):
    """A page deleted by the hidden-test check (ann) or a student whose feedback failed (ben) is named, not packaged;
    with nobody left to package, the zip of an earlier run is removed rather than left to be uploaded."""
    roster = read_roster(_blackboard_xls(tmp_path), "blackboard")
    assert lms_feedback.package(lms_return_class, QUIZ, feedback_run, roster).path.is_file()
    ann_page = lms_return_class / "feedback" / "ann" / QUIZ / f"{QUIZ}.html"
    run = feedback.FeedbackResult(QUIZ, withheld=[ann_page], failed={"ben": "the kernel died"})
    packed = lms_feedback.package(lms_return_class, QUIZ, run, roster)
    assert packed.path is None and not (lms_return_class / "reports" / QUIZ / "feedback-blackboard.zip").exists()
    assert packed.left_out == {"ann": "feedback withheld (hidden-test text found)",
                               "ben": "feedback failed: the kernel died", "cat": "missing", "dan": "not graded"}
    assert packed.summary("blackboard").splitlines()[0] == (
        "feedback zip for blackboard: not written, no student's feedback can be packaged")


@pytest.mark.pipeline
def test_feedback_command_packages_for_moodle(lms_return_class, tmp_path):
    """course feedback --lms moodle writes the zip after the feedback and names who is not in it (exit 1)."""
    done = _cli(lms_return_class, "feedback", QUIZ, "--lms", "moodle", "--roster", str(_file(tmp_path, WORKSHEET)),
                "--roster-id", "ID number")
    assert done.returncode == 1, done.stderr
    zipped = lms_return_class / "reports" / QUIZ / "feedback-moodle.zip"
    assert f"feedback zip for moodle: {zipped} (1 student(s))" in done.stderr
    assert [line for line in done.stderr.splitlines() if "not packaged" in line] == [
        "  not packaged, missing: cat", "  not packaged, not graded: dan", "  not packaged, not in the roster: zoe",
        "  not packaged, pending manual grading: ben"]


@pytest.mark.pipeline
@pytest.mark.parametrize(("args", "message"), [
    (["--lms", "sakai", "--roster", "ROSTER"], "unknown LMS 'sakai'; use one of blackboard, canvas, moodle"),
    (["--lms", "moodle"], "--lms moodle needs --roster FILE"),
    (["--roster", "ROSTER"], "--roster and --submissions package feedback for an LMS: add --lms"),
    (["--lms", "canvas", "--roster", "ROSTER"], "--lms canvas needs --submissions ZIP"),
    (["--lms", "canvas", "--roster", "ROSTER", "--submissions", "ROSTER"], "submissions roster.csv: not a zip file"),
    (["--lms", "moodle", "--roster", "MOODLE"], "Moodle matches feedback files by participant id, which only the "
     "assignment's grading worksheet has"),
])
def test_feedback_command_refuses_bad_input_before_writing_anything(lms_return_class, tmp_path, args, message):
    """One line, exit 2, no feedback written and no zip."""
    rosters = {"ROSTER": str(_file(tmp_path, CANVAS)),
               "MOODLE": str(_file(tmp_path, "Username,Email address\nann,ann@uni.example\n", "participants.csv"))}
    before = sorted(p for p in (lms_return_class / "feedback").rglob("*")) if (
        lms_return_class / "feedback").exists() else []
    stamps = [p.stat().st_mtime_ns for p in before]
    done = _cli(lms_return_class, "feedback", QUIZ, *[rosters.get(a, a) for a in args])
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    after = sorted(p for p in (lms_return_class / "feedback").rglob("*")) if (
        lms_return_class / "feedback").exists() else []
    assert after == before and [p.stat().st_mtime_ns for p in after] == stamps


@pytest.mark.pipeline
@pytest.mark.parametrize(("args", "message"), [
    (["--column", "q9_missing=Quiz 1 (12345)"], "names quiz 'q9_missing', which this course does not have"),
    (["--column", f"{QUIZ}=Quiz 9 (999)"], f"column 'Quiz 9 (999)' for {QUIZ} is not in roster roster.csv"),
    (["--column", "just a header"], "write it as QUIZ=HEADER"),
])
def test_export_refuses_a_bad_column_mapping(lms_return_class, tmp_path, args, message):
    """A mapping naming a quiz the course lacks or a header the roster lacks: one line, exit 2, no file."""
    out = tmp_path / "canvas.csv"
    done = _cli(lms_return_class, "export", "--format", "canvas", "--roster", str(_file(tmp_path, CANVAS)), "--out",
                str(out),
                *args)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_mapping_checks_only_the_quizzes_exported_and_refuses_two_on_one_column(tmp_path):
    """A column for a later quiz may be missing from today's download; two quizzes never share a column."""
    root = synthetic.write_fixture_course(tmp_path / "course")
    (root / "source" / "q2_later").mkdir()
    roster = read_roster(_file(tmp_path, CANVAS), "canvas")
    assert lms_columns.resolve(root, roster, [QUIZ], ["q2_later=Quiz 2 (222)"]) == {QUIZ: QUIZ}
    with pytest.raises(CourseError, match=f"{QUIZ} and q2_later would both go to column 'Quiz 1"):
        lms_columns.resolve(root, roster, [QUIZ, "q2_later"], [f"{QUIZ}=Quiz 1 (12345)", "q2_later=Quiz 1 (12345)"])


@pytest.mark.pipeline
@pytest.mark.parametrize(("lms", "make", "roster_id", "ann"), [
    ("blackboard", _blackboard_xls, None, ("Ann", "Lee", "S101", None)),
    ("moodle", lambda tmp: _file(tmp, WORKSHEET), "ID number", ("Ann", "Lee", "ann", "ann@uni.example")),
])
def test_roster_command_records_blackboard_and_moodle_worksheet_students(lms_return_class, tmp_path, lms, make,
                                                                         roster_id,
                                                                        ann):
    """Names, LMS id and email reach the gradebook from Blackboard's download and Moodle's worksheet."""
    from nbgrader.api import Gradebook

    done = _cli(lms_return_class, "roster", str(make(tmp_path)), "--lms", lms, *(["--roster-id",
                                                                                  roster_id] if roster_id else []))
    assert done.returncode == 0 and "roster: 4 student(s) recorded in the gradebook" in done.stderr
    with Gradebook(coursedir.db_url(lms_return_class)) as gb:
        student = gb.find_student("ann")
        assert (student.first_name, student.last_name, student.lms_user_id, student.email) == ann


def test_bad_lms_toml_is_one_clear_line(tmp_path):
    root = synthetic.write_fixture_course(tmp_path / "course")
    (root / "lms.toml").write_text("[columns]\nq1 = 3\n")
    roster = read_roster(_file(tmp_path, CANVAS), "canvas")
    with pytest.raises(CourseError, match=r"lms.toml: \[columns\] must map quiz ids to column headers"):
        lms_columns.resolve(root, roster, [QUIZ])


@pytest.mark.parametrize(("text", "message"), [
    ('{"students": ["ann"]}\n', "no column 'Username'; a Blackboard Grade Center download has Username"),
    ("Last Name,First Name,Username\nLee,Ann,ann\nNg,Ben,ann\n", "line 3: Username 'ann' repeats line 2"),
    ("Last Name,First Name,Username\nLee,Ann,\n", "line 2: no Username"),
])
def test_a_blackboard_roster_that_cannot_be_used_is_one_clear_line(tmp_path, text, message):
    with pytest.raises(CourseError) as caught:
        read_roster(_file(tmp_path, text), "blackboard")
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.pipeline
def test_worksheet_export_needs_one_quiz(lms_return_class, tmp_path):
    """A Moodle worksheet holds one assignment: asked for two quizzes, the export asks which one."""
    roster = read_roster(_file(tmp_path, WORKSHEET), "moodle", "ID number")
    assert roster.is_worksheet
    with pytest.raises(CourseError, match="holds one assignment: choose the quiz with --quiz"):
        lms_export.lms_table(lms_return_class, roster, [QUIZ, "q2_other"])
