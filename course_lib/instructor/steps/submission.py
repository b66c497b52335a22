"""A submission placed where nbgrader's autograde looks for it: ``submitted/<student>/<quiz>/``.

``course selfcheck`` grades a learner's own copy this way, and the synthetic classes of the test suite submit through
the same door, so both meet nbgrader exactly as a collected submission does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

# nbgrader's timestamp format. A fixed moment, long before any due date, for submissions that no deadline applies to
# (a learner grading their own copy, a synthetic class): nbgrader then never counts them late.
UNDATED = "2025-01-01 10:00:00.000000 UTC"


def place_submission(root: Path, quiz: str, student: str, notebooks: dict[str, nbformat.NotebookNode | bytes],
                     timestamp: str = UNDATED) -> Path:
    """Write ``notebooks`` (name → notebook, or bytes written as they are) as the student's only submission."""
    folder = Path(root) / "submitted" / student / quiz
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name, content in notebooks.items():
        target = folder / f"{name}.ipynb"
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            nbformat.write(content, target)
    (folder / "timestamp.txt").write_text(timestamp)
    return folder
