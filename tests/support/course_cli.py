"""The ``course`` command as an instructor types it, run in a child process on one course folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_course(course_dir: Path, *args: str, timeout: float = 900, cwd: Path | None = None
               ) -> subprocess.CompletedProcess:
    """``course --course-dir COURSE_DIR ARGS...`` with this interpreter; output captured as text."""
    return subprocess.run([sys.executable, "-m", "course_lib.cli", "--course-dir", str(course_dir), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd)
