"""The ``course`` command line: help for every subcommand, one clear line for bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from course_lib import cli
from course_lib.instructor.course.coursedir import CourseError, resolve_course_dir
from course_lib.instructor.testing import synthetic

SUBCOMMANDS = ("release", "autograde", "feedback", "export", "report", "deadlines", "formgrader", "roster")


def _course(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "course_lib.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_help_lists_every_subcommand():
    """course --help exits 0 and names each step."""
    done = _course("--help")
    assert done.returncode == 0
    for name in SUBCOMMANDS:
        assert name in done.stdout


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(name, capsys):
    """course SUBCOMMAND --help prints usage and exits 0."""
    with pytest.raises(SystemExit) as stop:
        cli.main([name, "--help"])
    assert stop.value.code == 0
    assert f"usage: course {name}" in capsys.readouterr().out


def test_unknown_quiz_is_one_clear_line(tmp_path):
    """An unknown quiz exits 2 with one line naming the known quizzes, no traceback."""
    synthetic.write_fixture_course(tmp_path)
    done = _course("--course-dir", str(tmp_path), "autograde", "nope")
    assert done.returncode == 2
    assert done.stderr.strip() == "course: error: unknown quiz 'nope'; known quizzes: fixture_quiz"


def test_missing_course_dir_is_one_clear_line(tmp_path):
    """A --course-dir that does not exist exits 2 with one line."""
    done = _course("--course-dir", str(tmp_path / "missing"), "report", "q1")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"course: error: course directory not found: {tmp_path / 'missing'}"]


def test_no_submissions_is_one_clear_line(tmp_path):
    """Grading a released quiz nobody submitted exits 2 with one line."""
    synthetic.write_fixture_course(tmp_path)
    (tmp_path / "release" / "fixture_quiz").mkdir(parents=True)
    (tmp_path / "release" / "fixture_quiz" / "fixture_quiz.ipynb").write_text(
        (tmp_path / "source" / "fixture_quiz" / "fixture_quiz.ipynb").read_text())
    done = _course("--course-dir", str(tmp_path), "autograde", "fixture_quiz")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == "course: error: no submissions of 'fixture_quiz' in " + str(
        tmp_path / "submitted")


def test_bad_option_is_usage_error(capsys):
    """A malformed command line exits 2 with one line."""
    with pytest.raises(SystemExit) as stop:
        cli.main(["autograde"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_course_dir_resolution_order(tmp_path):
    """--course-dir wins; else the cwd when it holds nbgrader_config.py; a folder without it is refused."""
    synthetic.write_fixture_course(tmp_path / "a")
    (tmp_path / "b").mkdir()
    assert resolve_course_dir(tmp_path / "a", cwd=tmp_path / "b") == (tmp_path / "a").resolve()
    assert resolve_course_dir(None, cwd=tmp_path / "a") == (tmp_path / "a").resolve()
    with pytest.raises(CourseError, match="not an nbgrader course directory"):
        resolve_course_dir(tmp_path / "b")


def test_formgrader_opens_the_chosen_course(tmp_path, monkeypatch):
    """course --course-dir DIR formgrader starts the instructor's JupyterLab on DIR, on the port asked for."""
    from course_lib import lab

    synthetic.write_fixture_course(tmp_path)
    seen = []
    monkeypatch.setattr(lab, "main", lambda argv: seen.append(argv) or 0)
    assert cli.main(["--course-dir", str(tmp_path), "formgrader", "--port", "9100", "--no-browser"]) == 0
    assert seen == [["--instructor", "--course-dir", str(tmp_path), "--port", "9100", "--no-browser"]]
