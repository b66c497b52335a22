"""Is the answer key private? Which of the course's secret folders and files other users of this machine can read.

Checked by ``course release`` and ``course autograde`` before they run. A user can read a path when they can pass
through every folder above it and read (or, for a folder, enter) the path itself. Group permissions count only when
someone besides the owner is in the group: a user private group (Debian's default) shares with nobody.
"""

from __future__ import annotations

import grp
import pwd
import shlex
import stat
from pathlib import Path

SECRET_FOLDERS = ("source", "autograded", "submitted", "feedback", "reports")
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


def secret_paths(course_dir: Path, gradebook_url: str) -> list[Path]:
    """The course's secret folders and its SQLite gradebook, those that exist."""
    paths = [course_dir / name for name in SECRET_FOLDERS]
    if gradebook_url.startswith("sqlite:///"):
        paths.append(Path(gradebook_url.removeprefix("sqlite:///")))
    return [path for path in paths if path.exists()]


def exposure_problem(course_dir: Path, gradebook_url: str) -> str | None:
    """One line naming what other users can read and the chmod that fixes it, or None when all is private."""
    course_dir = Path(course_dir).resolve()
    exposed = [path for path in secret_paths(course_dir, gradebook_url) if readable_by_others(path)]
    if not exposed:
        return None
    names = ", ".join(str(p.relative_to(course_dir)) if p.is_relative_to(course_dir) else str(p) for p in exposed)
    # Closing the course folder itself protects what is created in it later too (students never need to enter
    # it: they fetch and submit through the exchange).
    inside = [p for p in exposed if p.is_relative_to(course_dir)]
    targets = ([course_dir] if inside else []) + [p for p in exposed if p not in inside]
    return (f"other users of this computer can read {names} (the answer key, grades or students' work); "
            f"fix it with: chmod go-rwx {' '.join(shlex.quote(str(t)) for t in targets)} "
            f"(or rerun with {OVERRIDE_FLAG} if that is intended)")
