"""The LMS registry: every adapter declares each rule the generic modules need, the command line's help is spelled
from the rules the roster reader applies (so it cannot drift from them again), and a fourth LMS, registered here,
works from roster to collect to export and feedback without a line changed in the generic modules."""

from __future__ import annotations

import csv
import io
import pkgutil
import re
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course_lib import cli
from course_lib.instructor import lms as registry
from course_lib.instructor.course import coursedir
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.lms import record
from course_lib.instructor.lms.roster import read_roster
from course_lib.instructor.lms.rules import LmsAdapter, first_space_last
from course_lib.instructor.lms.uploads import parse_upload
from course_lib.instructor.steps import autograde, export, release
from course_lib.instructor.testing import synthetic

QUIZ = synthetic.FIXTURE_QUIZ
ADAPTERS = sorted(registry.ADAPTERS.values(), key=lambda a: a.name)
ROSTER_ID_OPTIONS = (("export", "--roster-id"), ("feedback", "--roster-id"), ("roster", "--roster-id"),
                     ("collect", "--roster-id"))


def _help(command: str, option: str) -> str:
    """The help text of one option of one ``course`` command, as ``course COMMAND --help`` prints it."""
    sub = next(a for a in cli.build_parser()._actions if a.dest == "command").choices[command]
    return next(a for a in sub._actions if option in a.option_strings or a.dest == option).help


def _write_roster(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# --- every adapter complete ----------------------------------------------------------------------------------------
def test_every_module_of_the_package_is_a_shared_step_or_one_lms():
    """Each module in lms/ is either a generic step or declares the adapter of the LMS it is named after."""
    modules = {m.name for m in pkgutil.iter_modules(registry.__path__)}
    assert modules >= registry.SHARED
    assert set(registry.names()) == modules - registry.SHARED
    assert len(registry.names()) >= 3


@pytest.mark.parametrize("spec", ADAPTERS, ids=lambda a: a.name)
def test_each_adapter_declares_every_rule_the_generic_modules_read(spec):
    """Names, roster columns, the id rule, the upload pattern's groups and the feedback naming are all there, and
    each rule that needs a partner has it."""
    assert spec.name == spec.name.lower() and spec.display and spec.roster_help and spec.roster_kind
    assert spec.id_columns and spec.user_id_column
    assert spec.first_last_columns or spec.full_name_column
    assert bool(spec.full_name_column) == bool(spec.split_full_name)
    assert {"user"} <= set(spec.upload_pattern.groupindex)
    assert not spec.order_group or spec.order_group in spec.upload_pattern.groupindex
    assert not spec.column_title or "title" in spec.column_title.groupindex
    assert not spec.new_column_warning or "{header!r}" in spec.new_column_warning
    assert callable(spec.feedback_check) and callable(spec.feedback_folder)
    if spec.key_column:  # its file names carry its own ids, which a message about a stranger names
        assert spec.key_label
    if spec.match_by_name:
        assert spec.same_name_fix
    if spec.worksheet:
        assert spec.worksheet.grade_column in spec.worksheet.upload_needs


def test_an_unknown_lms_is_one_usage_error_naming_every_choice():
    """One path checks an LMS's name, and its message lists the registry's choices (and csv where --format has it)."""
    with pytest.raises(CourseError) as caught:
        registry.adapter("sakai")
    assert str(caught.value) == f"unknown LMS 'sakai'; use one of {', '.join(registry.names())}"
    with pytest.raises(CourseError) as caught:
        registry.adapter("sakai", "export format", others=("csv",))
    assert str(caught.value).endswith(f"use one of csv, {', '.join(registry.names())}")
    assert registry.adapter("canvas") is registry.ADAPTERS["canvas"]


def test_the_registry_functions_are_not_hidden_by_a_module():
    """``lms.adapter`` and ``lms.names`` stay the lookup functions after every module of the package is imported."""
    for module in registry.SHARED:
        __import__(f"course_lib.instructor.lms.{module}")
    assert callable(registry.adapter) and callable(registry.names)


# --- the help says what the reader does ----------------------------------------------------------------------------
@pytest.mark.parametrize(("command", "option"), ROSTER_ID_OPTIONS)
def test_every_roster_id_help_is_the_one_spelled_from_the_adapters(command, option):
    """No command carries its own wording of the roster-id rule (collect's had drifted for Blackboard)."""
    assert _help(command, option) == registry.roster_id_help()


@pytest.mark.parametrize("spec", ADAPTERS, ids=lambda a: a.name)
def test_the_roster_id_help_names_the_columns_the_reader_takes_in_that_order(spec, tmp_path):
    """For each LMS, the columns the help lists are the ones read_roster falls back through, first present wins."""
    found = re.search(rf"{re.escape(spec.display)}: ([^;)]+)", _help("export", "--roster-id"))
    assert found, f"{spec.display} missing from the --roster-id help"
    promised = found[1].split(", else ")
    for start, expected in enumerate(promised):
        header = [*dict.fromkeys([*spec.required_columns, *promised[start:]])]
        path = _write_roster(tmp_path / f"{spec.name}{start}.csv", header, [[f"v{i}" for i in range(len(header))]])
        assert read_roster(path, spec.name).id_column == expected


@pytest.mark.parametrize(("command", "option"), [("export", "--format"), ("feedback", "--lms"),
                                                 ("roster", "--lms"), ("collect", "--lms")])
def test_every_lms_choice_help_lists_the_registry(command, option):
    """--lms and --format offer every registered LMS, in the registry's words."""
    assert f"{', '.join(registry.names()[:-1])} or {registry.names()[-1]}" in _help(command, option)


# --- a fourth LMS, without touching the generic modules ------------------------------------------------------------
# An invented LMS with rules of its own: its roster keys students by Login, names them in one "Name" column and
# holds its numeric learner id; its download puts each file in a folder "Name (LEARNER ID)/"; its gradebook
# headers end in " #ID"; its import wants every value quoted.
OPENLMS = LmsAdapter(
    name="openlms",
    display="OpenLMS",
    roster_help="its learner list",
    roster_kind="an OpenLMS learner list",
    required_columns=("Login", "Name", "Learner ID"),
    id_columns=("Login",),
    user_id_column="Learner ID",
    first_last_columns=None,
    full_name_column="Name",
    split_full_name=first_space_last,
    export_columns=("Login", "Learner ID"),
    export_quoting=csv.QUOTE_ALL,
    column_title=re.compile(r"^(?P<title>.*) #(?P<id>\d+)$"),
    upload_pattern=re.compile(r"(?P<who>[^/(]+) \((?P<user>\d+)\)/(?P<name>[^/]+)"),
    upload_on_path=True,
    key_column="Learner ID",
    key_label="learner id",
)
ROSTER = [["Login", "Name", "Learner ID", f"{QUIZ} #42"],
          ["ann", "Ann Lee", "7001", ""], ["ben", "Ben Ng", "7002", ""], ["cat", "Cat Ortiz", "7003", ""]]


@pytest.fixture
def openlms(monkeypatch):
    monkeypatch.setitem(registry.ADAPTERS, OPENLMS.name, OPENLMS)
    return OPENLMS


def test_a_registered_lms_reads_its_own_file_names(openlms):
    """The generic reader takes the new LMS's folders as they are; a name off its pattern is not guessed at."""
    upload = parse_upload(registry.adapter("openlms"), "Ann Lee (7001)/my quiz.ipynb")
    assert (upload.user, upload.name, upload.who) == ("7001", "my quiz.ipynb", "Ann Lee")
    assert parse_upload(openlms, "loose file.ipynb") is None


def test_a_registered_lms_appears_in_the_help_and_reads_its_roster(openlms, tmp_path):
    """Registering is enough for --lms to offer it, for --roster-id to state its rule and for its roster to be read
    by that rule, names and all."""
    assert "openlms" in _help("collect", "--lms") and "OpenLMS: Login" in _help("collect", "--roster-id")
    roster = read_roster(_write_roster(tmp_path / "learners.csv", ROSTER[0], ROSTER[1:]), "openlms")
    assert (roster.lms, roster.id_column, list(roster.rows)) == ("openlms", "Login", ["ann", "ben", "cat"])
    with pytest.raises(CourseError, match="no column 'Learner ID'; an OpenLMS learner list has Login, Name"):
        read_roster(_write_roster(tmp_path / "short.csv", ["Login", "Name"], [["ann", "Ann Lee"]]), "openlms")


@pytest.mark.pipeline
def test_a_registered_lms_goes_from_roster_to_collect_to_export_and_feedback(openlms, tmp_path, capsys):
    """roster records its names and ids; collect maps its folders to the course's ids and sets a stranger aside;
    export writes its columns, quoted, with ann's grade under the column titled like the quiz and cat's empty; the
    feedback zip, for an LMS without a bulk return, has a folder per student and names cat as missing."""
    root = synthetic.write_fixture_course(tmp_path / "course")
    assert release.release(root, QUIZ).ok
    release_nb = coursedir.release_notebooks(root, QUIZ)[QUIZ]
    key = synthetic.answers_from_source(coursedir.source_notebooks(root, QUIZ)[QUIZ])
    roster = _write_roster(tmp_path / "learners.csv", ROSTER[0], ROSTER[1:])
    download = tmp_path / "download.zip"
    with zipfile.ZipFile(download, "w") as archive:
        archive.writestr(f"Ann Lee (7001)/{QUIZ}.ipynb", nbformat.writes(synthetic.fill_answers(release_nb, key)))
        archive.writestr(f"Ben Ng (7002)/{QUIZ}.ipynb", nbformat.writes(release_nb))
        archive.writestr(f"Zed Stranger (7999)/{QUIZ}.ipynb", nbformat.writes(release_nb))
    course = ["--course-dir", str(root)]

    assert cli.main([*course, "roster", str(roster), "--lms", "openlms"]) == cli.OK
    with Gradebook(coursedir.db_url(root)) as gb:
        ann = gb.find_student("ann")
        assert (ann.first_name, ann.last_name, ann.lms_user_id) == ("Ann", "Lee", "7001")

    assert cli.main([*course, "collect", QUIZ, str(download), "--lms", "openlms", "--roster", str(roster)]) \
        == cli.ATTENTION
    err = capsys.readouterr().err
    assert "Zed Stranger (OpenLMS learner id 7999) is not in the roster" in err
    assert sorted(p.name for p in (root / "submitted").iterdir()) == ["ann", "ben"]
    assert record.read(root / "submitted" / "ann" / QUIZ)["lms"] == "openlms"

    autograde.autograde(root, QUIZ, workers=2, err=io.StringIO())
    out = tmp_path / "grades.csv"
    cli.main([*course, "export", "--format", "openlms", "--roster", str(roster), "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f'"Login","Learner ID","{QUIZ} #42"'
    rows = {row["Login"]: row for row in csv.DictReader(io.StringIO(text))}
    total = next(r["score"] for r in export.score_rows(root, [QUIZ]) if r["student"] == "ann" and r["item"] == "TOTAL")
    assert rows["ann"][f"{QUIZ} #42"] == total and float(total) > 0
    assert rows["cat"][f"{QUIZ} #42"] == "" and set(rows) == {"ann", "ben", "cat"}

    capsys.readouterr()
    cli.main([*course, "feedback", QUIZ, "--lms", "openlms", "--roster", str(roster)])
    with zipfile.ZipFile(root / "reports" / QUIZ / "feedback-openlms.zip") as archive:
        assert f"ann/{QUIZ}.html" in archive.namelist()
    assert "not packaged, missing: cat" in capsys.readouterr().err
