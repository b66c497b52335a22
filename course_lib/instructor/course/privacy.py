"""Is the answer key private? Which copies of the key, the grades and students' work other users of this machine can
read.

Checked by ``course release``, ``course autograde`` and ``course collect`` before they run, and reported by ``course
check-hub``. The copies: the course folder itself, its quiz data (``quizzes/*.toml``: every key and explanation), the
source notebooks, students' submissions, grades, feedback and its sources, reports and exports, the SQLite gradebook,
and, when the course folder sits in a git clone, the clone's ``.git`` (its objects hold every committed quiz). A user
can read a path when they can pass through every folder above it and read (or, for a folder, enter) the path itself:
a 0700 folder anywhere above protects everything below it, a 0755 home does not. Group permissions count only when
someone besides the owner is in the group: a user private group (Debian's default) shares with nobody.
"""

from __future__ import annotations

import grp
import pwd
import shlex
import stat
from pathlib import Path

SECRET_FOLDERS = ("quizzes", "source", "autograded", "submitted", "feedback", "reports")
OVERRIDE_FLAG = "--allow-readable-by-others"


def _group_is_shared(gid: int, owner_uid: int) -> bool:
    try:
        group = grp.getgrgid(gid)
    except KeyError:
        return True
    try:
        owner = pwd.getpwuid(owner_uid).pw_name
    except KeyError:
        owner = ""
    if any(member != owner for member in group.gr_mem):
        return True
    return any(user.pw_gid == gid and user.pw_uid != owner_uid for user in pwd.getpwall())


def _others_may(path: Path, bits: int) -> bool:
    """Whether users other than the owner hold ``bits`` (S_IROTH, S_IXOTH: the 'other' form) on ``path``."""
    info = path.stat()
    granted = info.st_mode & stat.S_IRWXO
    if _group_is_shared(info.st_gid, info.st_uid):
        granted |= (info.st_mode & stat.S_IRWXG) >> 3
    return bool(granted & bits)


def readable_by_others(path: Path) -> bool:
    """True when some other user can read ``path`` (for a folder: list it or open files in it by name)."""
    path = Path(path).resolve()
    if not all(_others_may(parent, stat.S_IXOTH) for parent in path.parents):
        return False
    wanted = stat.S_IROTH | stat.S_IXOTH if path.is_dir() else stat.S_IROTH
    return _others_may(path, wanted)


def git_clone(course_dir: Path) -> tuple[Path, Path] | None:
    """(the clone's top folder, the folder holding its objects) when ``course_dir`` is inside a git clone, else None.
    A worktree's ``.git`` is a file naming its git folder, whose ``commondir`` names the folder with the objects."""
    for folder in [course_dir, *course_dir.parents]:
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return folder, dot_git
        if dot_git.is_file():
            text = dot_git.read_text(errors="replace").strip()
            if not text.startswith("gitdir:"):
                return None
            git_dir = (folder / text.removeprefix("gitdir:").strip()).resolve()
            common = git_dir / "commondir"
            if common.is_file():
                git_dir = (git_dir / common.read_text().strip()).resolve()
            return folder, git_dir
    return None


def secret_paths(course_dir: Path, gradebook_url: str) -> list[Path]:
    """Every copy of the key, grades or students' work the course knows of, those that exist: the course folder, its
    secret folders, its SQLite gradebook and the objects of the git clone around it."""
    course_dir = Path(course_dir).resolve()
    paths = [course_dir] + [course_dir / name for name in SECRET_FOLDERS]
    if gradebook_url.startswith("sqlite:///"):
        paths.append(Path(gradebook_url.removeprefix("sqlite:///")))
    clone = git_clone(course_dir)
    if clone:
        paths.append(clone[1] / "objects")
    return [path for path in paths if path.exists()]


def describe(path: Path, course_dir: Path) -> str:
    """How a finding names ``path``: the course folder, the git repository, or its place in the course folder."""
    if path == course_dir:
        return f"the course folder {course_dir}"
    clone = git_clone(course_dir)
    if clone and path == clone[1] / "objects":
        return f"the git repository {clone[1]} (its objects hold the committed quizzes)"
    return str(path.relative_to(course_dir)) if path.is_relative_to(course_dir) else str(path)


def fix_targets(exposed: list[Path], course_dir: Path) -> list[Path]:
    """The fewest folders to close: the whole clone when the course is in one (the key is in its objects too), else
    the course folder, plus whatever lies outside them."""
    clone = git_clone(course_dir)
    top = clone[0] if clone else course_dir
    inside = [p for p in exposed if p.is_relative_to(top)]
    outside = [p for p in exposed if p not in inside]
    if clone and clone[1] / "objects" in outside:  # a worktree's main clone: close it all (it has the quizzes too)
        outside.remove(clone[1] / "objects")
        outside.append(clone[1].parent if clone[1].name == ".git" else clone[1])
    return ([top] if inside else []) + outside


def chmod_fix(targets: list[Path]) -> str:
    return f"chmod go-rwx {' '.join(shlex.quote(str(t)) for t in targets)}"


def exposure_problem(course_dir: Path, gradebook_url: str) -> str | None:
    """One line naming what other users can read and the chmod that fixes it, or None when all is private."""
    course_dir = Path(course_dir).resolve()
    exposed = [path for path in secret_paths(course_dir, gradebook_url) if readable_by_others(path)]
    if not exposed:
        return None
    names = ", ".join(describe(p, course_dir) for p in exposed)
    # Closing the folder around everything protects what is created in it later too (students never need to enter
    # it: they fetch and submit through the exchange).
    return (f"other users of this computer can read {names} (the answer key, grades or students' work); "
            f"fix it with: {chmod_fix(fix_targets(exposed, course_dir))} "
            f"(or rerun with {OVERRIDE_FLAG} if that is intended)")
