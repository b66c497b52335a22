"""The gradebook's database, as nbgrader's config names it, checked before any command uses it.

SQLite (nbgrader's default ``gradebook.db``) or PostgreSQL (``c.CourseDirectory.db_url =
"postgresql+psycopg://USER@HOST:PORT/DB"`` in ``nbgrader_config.py``; docs/scaling.md). The password
never belongs in that file: libpq reads it from ``PGPASSWORD`` or ``~/.pgpass``. A server that cannot be
reached, a refused login or a missing driver becomes one plain sentence instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, make_url
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from course_lib.instructor.course import CONFIG_NAME, CourseError

_HELP = ("check that the server is running and c.CourseDirectory.db_url in nbgrader_config.py; the password comes "
         "from PGPASSWORD or ~/.pgpass")
_checked: set[str] = set()


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def shown(url: URL) -> str:
    """The URL as it may be printed: never with its password."""
    return url.render_as_string(hide_password=True)


def _reason(exc: Exception) -> str:
    """The driver's own words, on one line (psycopg spreads a refused connection over several)."""
    original = getattr(exc, "orig", None) or exc
    return " ".join(str(original).split())


def check(course_dir: Path, url_text: str) -> None:
    """Raise a one-line CourseError unless the gradebook at ``url_text`` can be opened."""
    if is_sqlite(url_text) or url_text in _checked:
        return
    try:
        url = make_url(url_text)
    except ArgumentError as exc:
        raise CourseError(f"the gradebook's database URL is not valid ({exc}); fix c.CourseDirectory.db_url in "
                          f"{CONFIG_NAME}") from None
    config_file = course_dir / CONFIG_NAME
    if url.password and config_file.is_file() and str(url.password) in config_file.read_text():
        raise CourseError(f"{config_file} holds the gradebook's database password; take it out of the URL and "
                          "put it in PGPASSWORD or ~/.pgpass, so it is never committed or shared")
    connect_args = {"connect_timeout": 10} if url.get_backend_name() == "postgresql" else {}
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as exc:
        raise CourseError(f"no driver for the gradebook database {shown(url)} ({exc}); install the course's "
                          "dependencies (psycopg), or name an installed driver: postgresql+psycopg://…") from None
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        raise CourseError(f"cannot open the gradebook database {shown(url)}: {_reason(exc)}; {_HELP}") from None
    finally:
        engine.dispose()
    _checked.add(url_text)


_engines: dict[str, Engine] = {}


def _kept_engine(url, **kwargs) -> Engine:
    key = str(url)
    engine = _engines.get(key)
    if engine is None:
        engine = _engines[key] = create_engine(url, pool_pre_ping=True, **kwargs)
        engine.dispose = lambda close=True: None  # nbgrader disposes of its engine at every close
    return engine


def keep_server_connections(url_text: str) -> None:
    """In a grading process, let nbgrader's gradebooks share one engine (and its pool of connections) per server.

    nbgrader opens the gradebook about nine times per student, each time with a new engine and so a new connection:
    on PostgreSQL a new server process and a login each time, which made a student 30 % slower to grade than on
    SQLite. Only for a server (SQLite opens a file, which costs nothing), and only in the processes that grade."""
    if is_sqlite(url_text):
        return
    import nbgrader.api

    nbgrader.api.create_engine = _kept_engine
