"""Private temporary folders that do not outlive their run.

A folder is named ``PREFIX-PID-…`` after the process that made it and removed when it is done with, also after an
error or Ctrl-C. A process killed outright cannot clean up, so making a folder first removes those whose process is
gone (only the current user's, and only names this module made).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _owner_alive(folder: Path, prefix: str) -> bool:
    try:
        os.kill(int(folder.name.removeprefix(f"{prefix}-").split("-")[0]), 0)
    except ProcessLookupError:
        return False
    except (ValueError, PermissionError):
        return True  # not ours to judge: another user's, or a name we did not make
    return True


def sweep(prefix: str) -> None:
    """Remove this user's ``PREFIX-PID-…`` folders whose process no longer exists."""
    for stale in Path(tempfile.gettempdir()).glob(f"{prefix}-*"):
        if stale.is_dir() and stale.stat().st_uid == os.getuid() and not _owner_alive(stale, prefix):
            shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def private_dir(prefix: str) -> Iterator[Path]:
    """A fresh folder ``PREFIX-PID-…`` in the temporary directory, removed on leaving (stale ones swept first)."""
    sweep(prefix)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}-{os.getpid()}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
