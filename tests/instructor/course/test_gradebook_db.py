"""Tests for course_lib.instructor.course.gradebook_db without a database server: the checks made on the URL before
any connection, and the one plain line for each way it cannot be used (the real server: tests/scenarios/pipeline/
test_postgres_gradebook.py)."""

import socket

import pytest
from sqlalchemy import make_url

from course_lib.instructor.course import CONFIG_NAME, CourseError, gradebook_db


@pytest.fixture
def course_folder(tmp_path, monkeypatch):
    """An empty course folder, and no URL remembered as checked from an earlier test."""
    monkeypatch.setattr(gradebook_db, "_checked", set())
    return tmp_path


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_password_written_into_the_config_is_refused_before_any_connection(course_folder):
    """A password inside nbgrader_config.py (committed and shared) is refused, and the message never repeats it."""
    url = f"postgresql+psycopg://grader:s3cret-word@127.0.0.1:{_closed_port()}/gradebook"
    (course_folder / CONFIG_NAME).write_text(f"c.CourseDirectory.db_url = {url!r}\n")
    with pytest.raises(CourseError, match=r"PGPASSWORD or ~/\.pgpass") as refused:
        gradebook_db.check(course_folder, url)
    assert "s3cret-word" not in str(refused.value)


def test_a_password_from_the_environment_is_not_refused_as_written(course_folder):
    """The same URL is not refused for its password when the config does not hold it (the server is what fails)."""
    url = f"postgresql+psycopg://grader:s3cret-word@127.0.0.1:{_closed_port()}/gradebook"
    (course_folder / CONFIG_NAME).write_text("c.CourseDirectory.db_url = 'set elsewhere'\n")
    with pytest.raises(CourseError, match="cannot open the gradebook database") as refused:
        gradebook_db.check(course_folder, url)
    assert "s3cret-word" not in str(refused.value)


def test_an_unreachable_server_is_one_line_that_says_what_to_check(course_folder):
    """Nothing listening at the address: one line naming the database (no password) and what to check."""
    url = f"postgresql+psycopg://grader@127.0.0.1:{_closed_port()}/gradebook"
    with pytest.raises(CourseError) as refused:
        gradebook_db.check(course_folder, url)
    message = str(refused.value)
    assert "cannot open the gradebook database" in message and "db_url in nbgrader_config.py" in message
    assert "\n" not in message and "Traceback" not in message


def test_a_url_that_is_not_a_url_names_the_setting_to_fix(course_folder):
    """A malformed URL is one line pointing at c.CourseDirectory.db_url in the course's config."""
    with pytest.raises(CourseError, match=rf"not valid .*c\.CourseDirectory\.db_url in {CONFIG_NAME}"):
        gradebook_db.check(course_folder, "not a url at all")


def test_a_driver_that_is_not_installed_says_how_to_get_one(course_folder):
    """An unknown driver is one line naming psycopg, not SQLAlchemy's traceback."""
    with pytest.raises(CourseError, match=r"no driver for the gradebook database .*psycopg"):
        gradebook_db.check(course_folder, "postgresql+nosuchdriver://grader@127.0.0.1/gradebook")


def test_sqlite_needs_no_check_and_a_checked_url_is_not_checked_again(course_folder):
    """nbgrader's default SQLite file is accepted as is; a URL that opened once is trusted for the process."""
    gradebook_db.check(course_folder, "sqlite:///gradebook.db")
    unreachable = f"postgresql+psycopg://grader@127.0.0.1:{_closed_port()}/gradebook"
    gradebook_db._checked.add(unreachable)
    gradebook_db.check(course_folder, unreachable)
    assert gradebook_db.is_sqlite("sqlite:///gradebook.db") and not gradebook_db.is_sqlite(unreachable)


def test_a_url_is_shown_without_its_password():
    """What is printed about a database never carries its password."""
    shown = gradebook_db.shown(make_url("postgresql+psycopg://grader:s3cret-word@db.example:5432/gradebook"))
    assert "s3cret-word" not in shown and "grader" in shown and "db.example:5432/gradebook" in shown
