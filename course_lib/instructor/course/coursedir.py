"""Finding the nbgrader course directory and building nbgrader's API for it."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import nbformat
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from course_lib.instructor.course import CONFIG_NAME, CourseError

# The repo's course lives beside the package: <repo>/assignments.
REPO_COURSE = Path(__file__).resolve().parents[3] / "assignments"


def resolve_course_dir(explicit: str | Path | None = None, cwd: Path | None = None) -> Path:
    """Like nbgrader: ``--course-dir``, else the cwd when it holds the config, else the repo's assignments/."""
    if explicit is not None:
        root = Path(explicit).expanduser().resolve()
        if not root.is_dir():
            raise CourseError(f"course directory not found: {root}")
        if not (root / CONFIG_NAME).is_file():
            raise CourseError(f"{root} is not an nbgrader course directory (no {CONFIG_NAME})")
        return root
    here = Path(cwd or Path.cwd()).resolve()
    if (here / CONFIG_NAME).is_file():
        return here
    if (REPO_COURSE / CONFIG_NAME).is_file():
        return REPO_COURSE
    raise CourseError(f"no {CONFIG_NAME} in {here} or {REPO_COURSE}; pass --course-dir DIR")


def load_config(course_dir: Path, extra: Config | None = None) -> Config:
    """The site's nbgrader configs (system, user), then the course's nbgrader_config.py, as nbgrader merges them;
    the root pinned to ``course_dir`` and ``extra`` merged on top."""
    from course_lib.instructor.course.exchange import site_configs

    config = Config()
    for site in site_configs():
        config.merge(site)
    config.merge(PyFileConfigLoader(CONFIG_NAME, path=str(course_dir)).load_config())
    config.CourseDirectory.root = str(course_dir)
    if extra is not None:
        config.merge(extra)
    return config


def _put_venv_on_path() -> None:
    """nbgrader runs the ``alembic`` command to create a gradebook: find it beside our interpreter."""
    bindir = str(Path(sys.executable).parent)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def make_api(course_dir: Path, extra: Config | None = None):
    """nbgrader's Python API for the course, quiet except for warnings (its results carry the logs)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from course_lib.instructor.course.gradebook_db import check

    _put_venv_on_path()
    config = load_config(course_dir, extra)
    coursedir = CourseDirectory(config=config)
    check(course_dir, coursedir.db_url)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.setLevel(logging.WARNING)
    return api


def db_url(course_dir: Path) -> str:
    """The gradebook's database URL as nbgrader resolves it for this course, once it is known to open."""
    from nbgrader.coursedir import CourseDirectory

    from course_lib.instructor.course.gradebook_db import check

    url = CourseDirectory(config=load_config(course_dir)).db_url
    check(course_dir, url)
    return url


def quizzes(course_dir: Path) -> list[str]:
    """Quiz ids: the folders under source/."""
    source = course_dir / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")) if (
        source.is_dir()) else []


def require_quiz(course_dir: Path, quiz: str) -> None:
    """Raise a one-line CourseError unless ``quiz`` has a source folder."""
    known = quizzes(course_dir)
    if quiz not in known:
        raise CourseError(f"unknown quiz {quiz!r}; known quizzes: {', '.join(known) or 'none'}")


def source_notebooks(course_dir: Path, quiz: str) -> dict[str, nbformat.NotebookNode]:
    """The quiz's source notebooks by name (file stem)."""
    folder = course_dir / "source" / quiz
    return {p.stem: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}


def release_notebooks(course_dir: Path, quiz: str) -> dict[str, nbformat.NotebookNode]:
    """The released (student) notebooks by name; raises CourseError when the quiz is not released."""
    folder = course_dir / "release" / quiz
    found = {p.stem: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}
    if not found:
        raise CourseError(f"quiz {quiz!r} is not released yet; run: course release {quiz}")
    return found


def reports_dir(course_dir: Path, quiz: str) -> Path:
    """``reports/<quiz>/`` under the course, created on demand."""
    folder = course_dir / "reports" / quiz
    folder.mkdir(parents=True, exist_ok=True)
    return folder
