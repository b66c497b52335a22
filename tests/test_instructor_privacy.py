"""The answer key stays private: the course uses the site's exchange, and refuses to release or grade while other
users of the machine can read any copy of the key (the course folder, quizzes/, source/, the git clone around it),
the gradebook or students' work (naming the chmod that fixes it)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import unix_accounts

from course_lib.instructor.course import coursedir, exchange, privacy
from course_lib.instructor.testing import synthetic


def _open_course(folder: Path) -> Path:
    course = synthetic.write_fixture_course(folder / "course")
    for path in [course, *course.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (course / "gradebook.db").write_bytes(b"")
    (course / "gradebook.db").chmod(0o644)
    return course


def test_open_course_names_what_is_exposed_and_the_chmod_that_fixes_it(open_folder):
    """A course folder anyone can enter, holding the key and a gradebook, is reported with one chmod; after it,
    nothing is reported."""
    course = _open_course(open_folder)
    problem = privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}")
    assert problem is not None
    assert f"can read the course folder {course}, source, gradebook.db" in problem
    fix = problem.split("fix it with: ")[1].split(" (or rerun")[0]
    assert fix == f"chmod go-rwx {course}"
    subprocess.run(fix.split(), check=True)
    assert privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}") is None


def _git(*args, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_the_clone_around_the_course_is_checked_too(open_folder):
    """A closed course folder inside an open git clone still gives the key away (the quiz data is in .git's objects):
    it is reported with one chmod on the whole clone, and after it nothing is."""
    clone = open_folder / "course-repo"
    clone.mkdir(mode=0o755)
    course = _open_course(clone)
    (course / "quizzes").mkdir(mode=0o755)
    (course / "quizzes" / "q1.toml").write_text("[[items]]\nkey = 'B'\n")
    _git("init", "-q", cwd=clone)
    _git("add", "-A", cwd=clone)
    _git("commit", "-q", "-m", "course", cwd=clone)
    (clone / ".git").chmod(0o755)
    course.chmod(0o700)
    problem = privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}")
    assert problem is not None
    assert f"the git repository {clone / '.git'}" in problem and "source" not in problem
    assert f"fix it with: chmod go-rwx {clone} (" in problem
    clone.chmod(0o700)
    assert privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}") is None


def test_a_worktree_is_checked_where_its_objects_are(open_folder):
    """In a git worktree the objects live in the main clone's .git: that is what is checked and named, and the fix
    closes the whole main clone (whose own files hold the quizzes too)."""
    main = open_folder / "main"
    main.mkdir(mode=0o755)
    (main / "README").write_text("course\n")
    _git("init", "-q", cwd=main)
    _git("add", "-A", cwd=main)
    _git("commit", "-q", "-m", "first", cwd=main)
    _git("worktree", "add", "-q", str(open_folder / "wt"), cwd=main)
    course = open_folder / "wt" / "assignments"
    course.mkdir(mode=0o700)
    assert privacy.git_clone(course) == (open_folder / "wt", (main / ".git").resolve())
    problem = privacy.exposure_problem(course, "sqlite:///nowhere.db")
    assert problem is not None and f"the git repository {(main / '.git').resolve()}" in problem
    assert f"fix it with: chmod go-rwx {main.resolve()} (" in problem


def test_quiz_data_in_the_course_folder_is_a_copy_of_the_key(open_folder):
    """quizzes/ (keys and explanations as data) counts as the key even when source/ is closed."""
    course = _open_course(open_folder)
    (course / "quizzes").mkdir(mode=0o755)
    course.chmod(0o711)
    (course / "source").chmod(0o700)
    (course / "gradebook.db").chmod(0o600)
    problem = privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}")
    assert problem is not None and "can read the course folder" in problem and ", quizzes (" in problem


def test_enter_only_folder_still_counts_as_readable(open_folder):
    """A folder others may enter but not list still gives away files whose names they can guess (quiz names)."""
    course = _open_course(open_folder)
    (course / "source").chmod(0o711)
    assert privacy.readable_by_others(course / "source")
    (course / "source").chmod(0o700)
    assert not privacy.readable_by_others(course / "source")


def test_course_in_a_private_home_is_private(tmp_path):
    """Open folders below a folder others cannot pass (a 0700 home) are out of their reach."""
    course = _open_course(tmp_path)
    tmp_path.chmod(0o700)
    assert privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}") is None


def test_gradebook_outside_the_course_gets_its_own_chmod(open_folder):
    """A SQLite gradebook elsewhere, readable by others, is named with its own path in the fix."""
    course = _open_course(open_folder)
    course.chmod(0o700)
    elsewhere = open_folder / "grades.db"
    elsewhere.write_bytes(b"")
    elsewhere.chmod(0o644)
    problem = privacy.exposure_problem(course, f"sqlite:///{elsewhere}")
    assert problem is not None and f"fix it with: chmod go-rwx {elsewhere} (" in problem


def test_user_private_group_is_not_sharing(open_folder):
    """Group read permission on a group nobody else is in (Debian's user private group) exposes nothing."""
    course = _open_course(open_folder)
    course.chmod(0o750)
    info = course.stat()
    assert bool(privacy.readable_by_others(course)) == privacy._group_is_shared(info.st_gid, info.st_uid)


def _course(*args):
    return subprocess.run([sys.executable, "-m", "course_lib.cli", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.mark.pipeline
def test_release_refuses_an_open_course_unless_told(open_folder):
    """course release on an open course exits 2 with the fix and generates nothing; with the override flag it
    releases and still warns."""
    course = _open_course(open_folder)
    refused = _course("--course-dir", str(course), "release", synthetic.FIXTURE_QUIZ)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"course: error: other users of this computer can read the course folder {course}")
    assert f"chmod go-rwx {course}" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert not (course / "release").exists()
    allowed = _course("--course-dir", str(course), "release", synthetic.FIXTURE_QUIZ, privacy.OVERRIDE_FLAG)
    assert allowed.returncode == 0, allowed.stderr
    assert "course: warning: other users of this computer can read" in allowed.stderr
    released = course / "release" / synthetic.FIXTURE_QUIZ
    assert stat.S_IMODE(released.stat().st_mode) == 0o700  # what the course writes is the instructor's alone


def _site_config(folder: Path, root: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(root)!r}\n")
    return folder


def test_site_exchange_wins_and_no_private_one_is_made(tmp_path, monkeypatch):
    """With Exchange.root in the site's config, the course's own config leaves it alone and makes no exchange."""
    site = _site_config(tmp_path / "etc", tmp_path / "srv-exchange")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(site))
    course = tmp_path / "course"
    shutil.copytree(coursedir.REPO_COURSE, course, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "exchange"))
    assert coursedir.load_config(course).Exchange.root == str(tmp_path / "srv-exchange")
    assert not (course / "exchange").exists()


def test_single_user_gets_a_private_exchange(tmp_path, monkeypatch):
    """No site exchange and no /srv/nbgrader/exchange: the course's exchange is made, readable by its owner only."""
    monkeypatch.setattr(exchange, "NBGRADER_DEFAULT_ROOT", str(tmp_path / "no-srv"))
    root = exchange.private_exchange_root(tmp_path, folders=[str(tmp_path / "no-config")])
    assert root == str(tmp_path / "exchange")
    assert stat.S_IMODE(os.stat(root).st_mode) == 0o700


def test_nbgrader_default_exchange_counts_as_the_site(tmp_path, monkeypatch):
    """A /srv/nbgrader/exchange made by the administrator is used as it is (nbgrader's default)."""
    (tmp_path / "srv").mkdir()
    monkeypatch.setattr(exchange, "NBGRADER_DEFAULT_ROOT", str(tmp_path / "srv"))
    assert exchange.private_exchange_root(tmp_path / "course", folders=[]) is None


def test_user_config_overrides_system_config(tmp_path):
    """As in nbgrader, the user's config (first in Jupyter's path) wins over the system's."""
    user = _site_config(tmp_path / "user", tmp_path / "mine")
    system = _site_config(tmp_path / "system", tmp_path / "site")
    assert exchange.site_exchange_root([str(user), str(system)]) == str(tmp_path / "mine")


READ_KEY_FROM_GIT = """import glob, sys, zlib
found = False
for path in glob.glob(sys.argv[1] + '/objects/??/*'):
    found = found or b'key-for-q1' in zlib.decompress(open(path, 'rb').read())
print(found)
"""


@pytest.mark.pipeline
@pytest.mark.skipif(unix_accounts.unavailable_reason() is not None, reason=str(unix_accounts.unavailable_reason()))
def test_a_student_account_reads_the_key_in_git_until_the_clone_is_closed():
    """A real student account, in a teacher's 0755 home whose course folder alone was closed (the old advice), reads
    the quiz key out of the clone's git objects; the privacy check names it, and after the chmod it prints the
    student cannot."""
    base = Path(tempfile.mkdtemp(prefix="course-git-key-"))
    base.chmod(0o755)
    machine = unix_accounts.Machine(base)
    try:
        teacher, student = machine.add_user("teacher"), machine.add_user("student")
        clone = machine.home(teacher) / "course-repo"
        course = clone / "assignments"
        (course / "quizzes").mkdir(parents=True)
        (course / "quizzes" / "q1.toml").write_text("[[items]]\nkey = 'key-for-q1'\n")
        (course / "nbgrader_config.py").write_text("c = get_config()  # noqa: F821\n")
        _git("init", "-q", cwd=clone)
        _git("add", "-A", cwd=clone)
        _git("commit", "-q", "-m", "course", cwd=clone)
        for path in [clone, *clone.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)  # as a clone with umask 022 leaves it
        machine.give(teacher, clone)
        machine.home(teacher).chmod(0o755)
        course.chmod(0o700)
        read = machine.run(student, "python", "-c", READ_KEY_FROM_GIT, str(clone / ".git"))
        assert read.stdout.strip() == "True", read.stderr
        problem = privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}")
        assert problem is not None and "the git repository" in problem
        fix = problem.split("fix it with: ")[1].split(" (or rerun")[0]
        assert fix == f"chmod go-rwx {clone}"
        assert machine.run(teacher, *fix.split()).returncode == 0
        again = machine.run(student, "python", "-c", READ_KEY_FROM_GIT, str(clone / ".git"))
        assert again.stdout.strip() == "False"
        assert privacy.exposure_problem(course, f"sqlite:///{course / 'gradebook.db'}") is None
    finally:
        machine.remove()
