"""``course collect``: an LMS's "download all submissions" zip into ``submitted/STUDENT/QUIZ/``, through nbgrader's
zip collector, with every awkward file named in the summary and nothing half-collected."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import nbformat
import pytest

from course_lib import cli
from course_lib.instructor import lms as registry
from course_lib.instructor.lms import collect as lms_collect
from course_lib.instructor.lms import record as lms_record
from course_lib.instructor.lms import uploads
from course_lib.instructor.steps import export
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
NB = f"{QUIZ}.ipynb"
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def notebook(released, answers: dict | None = None, marker: str = "") -> bytes:
    """A student's notebook: the release with these answers, and a marker to tell copies apart."""
    _, release_nb, _ = released
    nb = synthetic.fill_answers(release_nb, answers or {})
    nb.metadata["marker"] = marker
    return nbformat.writes(nb).encode()


def marker_of(path) -> str:
    return nbformat.read(path, as_version=4).metadata.get("marker", "")


def write_zip(path, files: dict[str, bytes | tuple[bytes, tuple]]):
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            data, when = content if isinstance(content, tuple) else (content, (2026, 10, 5, 12, 0, 0))
            archive.writestr(zipfile.ZipInfo(name, when), data)
    return path


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(course, *args) -> int:
    return cli.main(["--course-dir", str(course), "collect", QUIZ, *map(str, args)])


def collected(course) -> dict[str, set[str]]:
    return {p.name: {f.name for f in (p / QUIZ).iterdir()} for p in sorted((course / "submitted").iterdir())
            if (p / QUIZ).is_dir()} if (course / "submitted").is_dir() else {}


# --- the LMS's names ---------------------------------------------------------------------------
@pytest.mark.parametrize(("lms", "path", "expected"), [
    ("canvas", "smithjo_late_1234_99_quiz-2.ipynb", ("1234", "quiz-2.ipynb", True, "")),
    ("canvas", "smithjo_LATE_1234_99_quiz.ipynb", ("1234", "quiz.ipynb", True, "")),
    ("canvas", "smithjo_1234_99_my_quiz_v2.ipynb", ("1234", "my_quiz_v2.ipynb", False, "")),
    ("moodle", "Jo Smith_55_assignsubmission_file/sub/q.ipynb", ("55", "q.ipynb", False, "")),
    ("moodle", "Jo Smith_55_assignsubmission_file_q_final.ipynb", ("55", "q_final.ipynb", False, "")),
    ("blackboard", "Quiz 1_jsmith_attempt_2026-10-05-10-00-00_q.ipynb",
     ("jsmith", "q.ipynb", False, "2026-10-05-10-00-00")),
    ("canvas", "q.ipynb", None),
    ("moodle", "Jo Smith_55_onlinetext.html", None),
    ("blackboard", "Quiz 1_jsmith_q.ipynb", None),
])
def test_each_lms_name_reads_back_into_student_file_and_marker(lms, path, expected):
    upload = uploads.parse_upload(registry.adapter(lms), path)
    assert (upload and (upload.user, upload.name, upload.late, upload.time)) == expected


@pytest.mark.parametrize(("lms", "name", "expected"), [
    ("canvas", "quiz-2 (1).ipynb", ("quiz", 3)),
    ("canvas", "quiz (2).ipynb", ("quiz", 2)),
    ("moodle", "quiz-2.ipynb", ("quiz-2", 0)),  # only Canvas renames resubmissions with -N
    ("moodle", "(1).ipynb", ("(1)", 0)),
])
def test_copy_and_resubmission_suffixes_group_copies_of_one_notebook(lms, name, expected):
    assert uploads.notebook_stem(name, registry.adapter(lms)) == expected


# --- Canvas: a class of 60 ----------------------------------------------------------------------
def canvas_roster(path, n=60):
    return write_csv(path, CANVAS_HEADER, [["Points Possible", "", "", "", ""]] + [
        [f"Last{i:02}, First{i:02}", str(1000 + i), f"SIS{i:02}", f"s{i:02}", "A"] for i in range(1, n + 1)])


def canvas_name(i: int, file_id: int, name: str, late=False) -> str:
    return f"last{i:02}first{i:02}_{'LATE_' if late else ''}{1000 + i}_{file_id}_{name}"


def canvas_class(released, key) -> dict[str, bytes]:
    files = {canvas_name(i, 5000 + i, NB): notebook(released, marker=f"s{i:02}") for i in range(8, 61)}
    files[canvas_name(8, 6008, "scratch.ipynb")] = notebook(released, marker="scratch")
    files |= {
        canvas_name(1, 5001, NB): notebook(released, key, "perfect"),
        canvas_name(2, 5002, NB, late=True): notebook(released, key, "late"),
        canvas_name(3, 5003, NB): notebook(released, marker="first try"),
        canvas_name(3, 6003, f"{QUIZ}-1.ipynb"): notebook(released, marker="resubmitted"),
        canvas_name(4, 6004, f"{QUIZ} (1).ipynb"): notebook(released, marker="latest copy"),
        canvas_name(4, 5004, NB): notebook(released, marker="older copy"),
        canvas_name(5, 5005, "my quiz answers.ipynb"): notebook(released, marker="renamed"),
        canvas_name(6, 5006, "draft.ipynb"): notebook(released),
        canvas_name(6, 5007, "final.ipynb"): notebook(released),
        canvas_name(7, 5008, NB): notebook(released, marker="s07"),
        canvas_name(7, 5009, "notes.pdf"): b"%PDF-1.4",
        "stranger_9999_5010_" + NB: notebook(released),
    }
    return files


def test_canvas_class_of_60_collects_every_student_it_can_and_names_every_file_it_set_aside(released_fixture_quiz,
                                                                                            course_copy,
                                                                                           tmp_path, capsys):
    """59 of 60 collected under the quiz's notebook name; the resubmission and the latest copy count; the renamed
    notebook is collected and reported; the student with two notebooks, the PDF, a second notebook beside the quiz's,
    the older copies and the stranger are each named with the reason; exit 1: something needs the instructor."""
    *_, key = released_fixture_quiz
    download = write_zip(tmp_path / "submissions.zip", canvas_class(released_fixture_quiz, key))
    assert run(course_copy, download, "--lms", "canvas", "--roster",
               canvas_roster(tmp_path / "roster.csv")) == cli.ATTENTION
    got = collected(course_copy)
    assert set(got) == {f"s{i:02}" for i in range(1, 61)} - {"s06"}
    assert all(files == {NB, lms_record.FILE_NAME} for files in got.values())
    folder = course_copy / "submitted"
    assert [marker_of(folder / s / QUIZ / NB) for s in ("s01", "s03", "s04", "s05", "s08")] == [
        "perfect", "resubmitted", "latest copy", "renamed", "s08"]
    assert lms_record.read(folder / "s02" / QUIZ)["late"] and not lms_record.read(folder / "s01" / QUIZ)["late"]
    assert lms_record.late_marked(course_copy, QUIZ) == {"s02": "canvas"}
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"collect {QUIZ}: 59 collected, 6 set aside",
        "  marked late by Canvas: s02",
        f"  renamed: s05's only notebook, my quiz answers.ipynb, collected as {NB}",
        f"  set aside last03first03_1003_5003_{NB}: an older copy; s03's latest, "
        f"last03first03_1003_6003_{QUIZ}-1.ipynb, counts",
        f"  set aside last04first04_1004_5004_{NB}: an older copy; s04's latest, "
        f"last04first04_1004_6004_{QUIZ} (1).ipynb, counts",
        "  set aside last06first06_1006_5006_draft.ipynb, last06first06_1006_5007_final.ipynb: s06 sent 2 different "
        f"notebooks and none is named {NB}: none collected; ask the student which one counts",
        "  set aside last07first07_1007_5009_notes.pdf: not a notebook (s07); only .ipynb files are collected",
        f"  set aside last08first08_1008_6008_scratch.ipynb: another notebook of s08's; only {NB} is collected",
        f"  set aside stranger_9999_5010_{NB}: stranger (Canvas user id 9999) is not in the roster; not collected",
    ]
    assert sorted(p.name for p in (course_copy / "downloaded" / QUIZ).iterdir()) == ["archive"]  # nbgrader's layout
    assert (course_copy / "downloaded" / QUIZ / "archive" / "submissions.zip").read_bytes() == download.read_bytes()


def test_a_newer_download_replaces_a_submission_only_when_it_is_newer(released_fixture_quiz, course_copy, tmp_path,
                                                                      capsys):
    """The second download (put in nbgrader's archive/ by hand) has a newer upload for s01, an older one for s02 and
    the same one for s03: only s01's is replaced (and said), the older one it replaced is kept, s02 keeps the newer one
    already collected, and the first download is kept aside rather than extracted again."""
    roster = canvas_roster(tmp_path / "roster.csv", 3)
    first = {canvas_name(i, 5000 + i, NB): notebook(released_fixture_quiz, marker=f"first s{i:02}") for i in (1, 2, 3)}
    assert run(course_copy, write_zip(tmp_path / "first.zip", first), "--lms", "canvas", "--roster", roster) == cli.OK
    second = {canvas_name(1, 7001, NB): notebook(released_fixture_quiz, marker="newer s01"),
              canvas_name(2, 4002, NB): notebook(released_fixture_quiz, marker="older s02"),
              canvas_name(3, 5003, NB): notebook(released_fixture_quiz, marker="first s03")}
    capsys.readouterr()
    placed = write_zip(course_copy / "downloaded" / QUIZ / "archive" / "second.zip", second)  # where nbgrader wants it
    assert run(course_copy, placed, "--lms", "canvas", "--roster", roster) == cli.ATTENTION
    work = course_copy / "downloaded" / QUIZ
    assert sorted(p.name for p in (work / "archive").iterdir()) == ["second.zip"]  # the earlier download, not mixed
    assert sorted(p.name for p in (work / "earlier").iterdir()) == ["first.zip", "second.zip"]  # in, is kept
    folder = course_copy / "submitted"
    assert [marker_of(folder / s / QUIZ / NB) for s in ("s01", "s02", "s03")] == ["newer s01", "first s02",
                                                                                   "first s03"]
    kept = list((course_copy / "downloaded" / QUIZ / "replaced").iterdir())
    assert len(kept) == 1 and marker_of(kept[0] / NB) == "first s01"
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"collect {QUIZ}: 1 collected (1 replaced by a newer submission), 1 unchanged, 0 set aside"
    assert lines[1] == (f"  replaced s01's submission with the newer one in this download (the older one is kept in "
                        f"downloaded/{QUIZ}/replaced/{kept[0].name})")
    assert lines[2] == "  kept s02's newer submission already in submitted/; this download has an older one"


def test_a_submission_not_collected_from_the_lms_is_never_overwritten(released_fixture_quiz, course_copy, tmp_path,
                                                                      capsys):
    """A student who already submitted through the exchange keeps that submission; the summary says how to take the
    download's instead."""
    synthetic.submit(course_copy, QUIZ, "s01", {QUIZ: nbformat.reads(notebook(released_fixture_quiz,
                                                                              marker="exchange"), 4)})
    download = write_zip(tmp_path / "d.zip", {canvas_name(1, 5001, NB): notebook(released_fixture_quiz,
                                                                                 marker="canvas")})
    assert run(course_copy, download, "--lms", "canvas", "--roster", canvas_roster(tmp_path / "r.csv",
                                                                                   1)) == cli.ATTENTION
    assert marker_of(course_copy / "submitted" / "s01" / QUIZ / NB) == "exchange"
    assert f"remove submitted/s01/{QUIZ} and collect again" in capsys.readouterr().err


def test_an_interruption_leaves_whole_students_only(released_fixture_quiz, course_copy, tmp_path, monkeypatch):
    """Stopped while moving the third student in: the first two are in submitted/ whole, nothing else is, and the
    working folders are gone."""
    files = {canvas_name(i, 5000 + i, NB): notebook(released_fixture_quiz, marker=f"s{i:02}") for i in range(1, 6)}
    download = write_zip(tmp_path / "d.zip", files)
    write = lms_record.write

    def stop_at_third(folder, record):
        if folder.parent.name == "s03":
            raise KeyboardInterrupt
        write(folder, record)

    monkeypatch.setattr(lms_record, "write", stop_at_third)
    assert run(course_copy, download, "--lms", "canvas", "--roster", canvas_roster(tmp_path / "r.csv",
                                                                                   5)) == cli.INTERRUPTED
    assert collected(course_copy) == {"s01": {NB, lms_record.FILE_NAME}, "s02": {NB, lms_record.FILE_NAME}}
    assert sorted(p.name for p in (course_copy / "downloaded" / QUIZ).iterdir()) == ["archive"]


# --- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("case", "message"), [
    ("not a zip", "course collect: submissions.zip is not a zip file (File is not a zip file); download the "
                  "submissions again from the LMS and pass the .zip it gives"),
    ("empty zip", "course collect: submissions.zip is empty: no submitted files in it"),
    ("unknown lms", "course collect: unknown LMS 'sakai'; use one of blackboard, canvas, moodle"),
    ("no roster", "course collect: --lms canvas needs --roster FILE: Canvas's file names carry its own ids, and the "
                  "roster maps them to the course's student ids"),
    ("bad roster", "course collect: roster roster.csv: no column 'SIS Login ID'; a Canvas gradebook export has "
                   "Student, ID, SIS User ID, SIS Login ID, Section"),
    ("duplicate ids", "course collect: roster roster.csv line 3: SIS Login ID 's01' repeats line 2"),
    ("unknown quiz", "course collect: unknown quiz 'nope'; known quizzes: fixture_quiz"),
])
def test_bad_input_is_one_clear_line_and_collects_nothing(released_fixture_quiz, course_copy, tmp_path, capsys, case,
                                                          message):
    download = tmp_path / "submissions.zip"
    if case == "not a zip":
        download.write_text("<html>Session expired</html>")
    elif case == "empty zip":
        write_zip(download, {"__MACOSX/._x": b""})
    else:
        write_zip(download, {canvas_name(1, 5001, NB): notebook(released_fixture_quiz)})
    roster = canvas_roster(tmp_path / "roster.csv", 2)
    if case == "bad roster":
        write_csv(roster, ["Student", "ID", "SIS User ID", "Section"], [["Last, First", "1001", "S1", "A"]])
    if case == "duplicate ids":
        write_csv(roster, CANVAS_HEADER, [["A, B", "1001", "S1", "s01", "A"], ["C, D", "1002", "S2", "s01", "A"]])
    args = ["--course-dir", str(course_copy), "collect", "nope" if case == "unknown quiz" else QUIZ, str(download),
            "--lms", "sakai" if case == "unknown lms" else "canvas"] + ([] if case == "no roster" else
                                                                         ["--roster", str(roster)])
    assert cli.main(args) == cli.USAGE
    assert capsys.readouterr().err.splitlines() == [message]
    assert collected(course_copy) == {}


# --- Moodle -------------------------------------------------------------------------------------
MOODLE_HEADER = ["Identifier", "Full name", "Username", "Email address", "Status"]


def test_moodle_folders_and_prefixes_map_to_the_roster_through_the_participant_identifier(released_fixture_quiz,
                                                                                          course_copy,
                                                                                           tmp_path, capsys):
    """Moodle's folders (the default) and prefixed names both collect; the participant number maps to the roster's
    Username through the grading worksheet's Identifier; of two copies the newer file in the zip counts; an unknown
    participant is set aside."""
    roster = write_csv(tmp_path / "worksheet.csv", MOODLE_HEADER, [
        ["Participant 812345", "Ada Lovelace", "alovelace", "ada@example.org", "Submitted"],
        ["Participant 812346", "Mary Ann Evans", "mevans", "mary@example.org", "Submitted"],
        ["Participant 812347", "Karen Horney", "khorney", "karen@example.org", "Submitted"]])
    download = write_zip(tmp_path / "moodle.zip", {
        f"Ada Lovelace_812345_assignsubmission_file/{NB}": notebook(released_fixture_quiz, marker="ada"),
        f"Mary Ann Evans_812346_assignsubmission_file_{NB}": (notebook(released_fixture_quiz, marker="older"),
                                                              (2026, 10, 5, 9, 0, 0)),
        f"Mary Ann Evans_812346_assignsubmission_file_{QUIZ} (1).ipynb": (notebook(released_fixture_quiz,
                                                                                   marker="newer"),
                                                                             (2026, 10, 5, 10, 0, 0)),
        f"Karen Horney_812347_assignsubmission_file/{NB}": notebook(released_fixture_quiz, marker="karen"),
        f"Sigmund Freud_899999_assignsubmission_file/{NB}": notebook(released_fixture_quiz),
    })
    assert run(course_copy, download, "--lms", "moodle", "--roster", roster) == cli.ATTENTION
    folder = course_copy / "submitted"
    assert set(collected(course_copy)) == {"alovelace", "mevans", "khorney"}
    assert marker_of(folder / "mevans" / QUIZ / NB) == "newer"
    assert not (folder / "alovelace" / QUIZ / "timestamp.txt").exists()  # Moodle's names give no time
    err = capsys.readouterr().err
    assert f"collect {QUIZ}: 3 collected, 2 set aside" in err
    assert (f"set aside Mary Ann Evans_812346_assignsubmission_file_{NB}: an older copy; mevans's latest, "
            f"Mary Ann Evans_812346_assignsubmission_file_{QUIZ} (1).ipynb, counts") in err
    assert (f"set aside Sigmund Freud_899999_assignsubmission_file/{NB}: Sigmund Freud (Moodle participant 899999) "
            "is not in the roster; not collected") in err


def test_moodle_without_the_identifier_column_matches_full_names(released_fixture_quiz, course_copy, tmp_path, capsys):
    """A participants export has no Identifier: the name Moodle wrote is matched to the roster's name (underscores
    read as spaces, as Moodle writes them); two roster students with one name are not guessed between."""
    roster = write_csv(tmp_path / "participants.csv", ["First name", "Last name", "Username"], [
        ["Ada", "Lovelace", "alovelace"], ["Jo", "Smith", "jsmith1"], ["Jo", "Smith", "jsmith2"]])
    download = write_zip(tmp_path / "moodle.zip", {
        f"Ada Lovelace_17_assignsubmission_file/{NB}": notebook(released_fixture_quiz),
        f"Jo Smith_18_assignsubmission_file/{NB}": notebook(released_fixture_quiz)})
    assert run(course_copy, download, "--lms", "moodle", "--roster", roster) == cli.ATTENTION
    assert set(collected(course_copy)) == {"alovelace"}
    assert "Jo Smith: two roster students have this name" in capsys.readouterr().err


# --- Blackboard ---------------------------------------------------------------------------------
def blackboard_name(user: str, when: str, name: str | None = NB) -> str:
    return f"Quiz 1_{user}_attempt_{when}" + (f"_{name}" if name else ".txt")


def test_blackboard_attempts_receipts_and_submission_times(released_fixture_quiz, course_copy, tmp_path, capsys):
    """The username is the student id; the latest attempt counts; the receipts are not set aside; the attempt's time,
    in the LMS's time zone, becomes nbgrader's timestamp.txt in UTC."""
    download = write_zip(tmp_path / "gradebook_quiz1.zip", {
        blackboard_name("kim", "2026-10-05-23-10-00"): notebook(released_fixture_quiz, marker="first attempt"),
        blackboard_name("kim", "2026-10-05-23-10-00", None): b"Name: Kim\nAssignment: Quiz 1\n",
        blackboard_name("kim", "2026-10-06-00-30-00"): notebook(released_fixture_quiz, marker="second attempt"),
        blackboard_name("kim", "2026-10-06-00-30-00", None): b"receipt",
        blackboard_name("lee", "2026-10-05-22-00-00"): notebook(released_fixture_quiz, marker="lee"),
        blackboard_name("lee", "2026-10-05-22-00-00", None): b"receipt",
    })
    assert run(course_copy, download, "--lms", "blackboard", "--time-zone", "Europe/Berlin") == cli.ATTENTION
    folder = course_copy / "submitted"
    assert collected(course_copy) == {s: {NB, "timestamp.txt", lms_record.FILE_NAME} for s in ("kim", "lee")}
    assert marker_of(folder / "kim" / QUIZ / NB) == "second attempt"
    assert (folder / "kim" / QUIZ / "timestamp.txt").read_text() == "2026-10-05 22:30:00"  # 00:30 in Berlin (+2)
    assert (folder / "lee" / QUIZ / "timestamp.txt").read_text() == "2026-10-05 20:00:00"
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"collect {QUIZ}: 2 collected, 1 set aside"
    assert f"set aside {blackboard_name('kim', '2026-10-05-23-10-00')}: an older copy" in err


def test_blackboard_with_a_roster_sets_aside_a_username_it_does_not_know(released_fixture_quiz, course_copy, tmp_path,
                                                                         capsys):
    """With the Grade Centre's export as roster, a username not in it is named and not collected; a username holding
    an underscore is read whole."""
    roster = write_csv(tmp_path / "gc.csv", ["Last Name", "First Name", "Username"], [["Kim", "A", "a_kim"]])
    download = write_zip(tmp_path / "bb.zip", {blackboard_name("a_kim",
                                                               "2026-10-05-10-00-00"): notebook(released_fixture_quiz),
                                               blackboard_name("zed",
                                                               "2026-10-05-10-00-00"): notebook(released_fixture_quiz)})
    assert run(course_copy, download, "--lms", "blackboard", "--roster", roster) == cli.ATTENTION
    assert set(collected(course_copy)) == {"a_kim"}
    assert f"set aside {blackboard_name('zed', '2026-10-05-10-00-00')}: zed is not in the roster" in \
        capsys.readouterr().err


def test_the_collector_plugin_is_nbgraders():
    """The decisions reach nbgrader through its own collector plugin interface."""
    from nbgrader.plugins import FileNameCollectorPlugin

    assert issubclass(lms_collect.PlannedCollector, FileNameCollectorPlugin)


# --- end to end ---------------------------------------------------------------------------------
@pytest.mark.pipeline
def test_a_collected_canvas_class_grades_and_the_late_marker_shows_in_the_export(released_fixture_quiz, course_copy,
                                                                                 tmp_path,
                                                                                 capsys):
    """Collected from Canvas, then graded: the perfect student has every autograded point (4 of 6, the written
    answer left blank), the one Canvas marked late is shown late in the autograde summary and in course export."""
    from course_lib.instructor.report import item_analysis as report
    from course_lib.instructor.steps import autograde, feedback

    *_, key = released_fixture_quiz
    download = write_zip(tmp_path / "d.zip", {canvas_name(1, 5001, NB): notebook(released_fixture_quiz, key),
                                              canvas_name(2, 5002, NB, late=True): notebook(released_fixture_quiz, key),
                                              canvas_name(3, 5003, NB): notebook(released_fixture_quiz)})
    assert run(course_copy, download, "--lms", "canvas", "--roster", canvas_roster(tmp_path / "r.csv", 3)) == cli.OK
    summary = io.StringIO()
    result = autograde.autograde(course_copy, QUIZ, workers=2, err=summary)
    assert sorted(result.graded) == ["s01", "s02", "s03"] and not result.failed
    assert "marked late by the LMS (no time given): 1 submission(s): s02 (canvas)" in summary.getvalue()
    rows = {(r["student"], r["item"]): r for r in csv.DictReader(io.StringIO(export.export_csv(course_copy)))}
    totals = {s: (rows[(s, "TOTAL")]["score"], rows[(s, "TOTAL")]["status"], rows[(s, "TOTAL")]["late_marked_by"])
              for s in ("s01", "s02", "s03")}
    assert totals == {"s01": ("4", export.COMPLETE, ""), "s02": ("4", export.COMPLETE, "canvas"),
                      "s03": ("0", export.COMPLETE, "")}
    assert json.loads((course_copy / "submitted" / "s02" / QUIZ / lms_record.FILE_NAME).read_text())["late"] is True
    assert "s02 (marked late by canvas)" in report.write_report(course_copy, QUIZ)["html"].read_text()
    feedback.feedback(course_copy, QUIZ)
    pages = {s: (course_copy / "feedback" / s / QUIZ / f"{QUIZ}.html").read_text() for s in ("s01", "s02")}
    assert "Marked late by Canvas." in pages["s02"] and "course-late" not in pages["s01"]


@pytest.mark.pipeline
def test_blackboard_attempt_times_count_against_the_due_date(released_fixture_quiz, course_copy, tmp_path):
    """Due 22:00 UTC: Blackboard's attempt at 00:30 Berlin time (22:30 UTC) is 30 minutes late, the one at 22:00
    Berlin time (20:00 UTC) on time; both perfect, both complete with every autograded point (no penalty set)."""
    from course_lib.instructor.course import deadlines
    from course_lib.instructor.steps import autograde

    *_, key = released_fixture_quiz
    (course_copy / deadlines.FILE_NAME).write_text(f"[quiz.{QUIZ}]\ndue = 2026-10-05T22:00:00Z\n")
    download = write_zip(tmp_path / "bb.zip", {
        blackboard_name("kim", "2026-10-06-00-30-00"): notebook(released_fixture_quiz, key),
        blackboard_name("lee", "2026-10-05-22-00-00"): notebook(released_fixture_quiz, key)})
    assert run(course_copy, download, "--lms", "blackboard", "--time-zone", "Europe/Berlin") == cli.OK
    result = autograde.autograde(course_copy, QUIZ, workers=2, err=io.StringIO())
    assert result.late == {"kim": 30}
    rows = {(r["student"], r["item"]): r for r in csv.DictReader(io.StringIO(export.export_csv(course_copy)))}
    assert {s: (rows[(s, "TOTAL")]["score"], rows[(s, "TOTAL")]["minutes_late"]) for s in ("kim", "lee")} == {
        "kim": ("4", "30"), "lee": ("4", "")}
