"""The one error raised for malformed evidence data files."""

from __future__ import annotations

from pathlib import Path


class EvidenceDataError(ValueError):
    """A data file has a bad value. ``path``, ``row`` and ``field`` locate the first problem found.

    ``row`` counts as a spreadsheet user does (the header is row 1); it is None for files without rows
    (references.toml, where ``field`` is "key.field"). ``problems`` lists every problem found as
    (row, field, message) tuples; the message names them all, first one first.
    """

    def __init__(self, path: Path | str, problems: list[tuple[int | None, str, str]]):
        if not problems:
            raise ValueError("EvidenceDataError needs at least one problem")
        self.path = Path(path)
        self.problems = list(problems)
        self.row, self.field, _ = self.problems[0]
        lines = [self._describe(*problem) for problem in self.problems]
        summary = lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n  " + "\n  ".join(lines)
        super().__init__(f"{self.path}: {summary}")

    @staticmethod
    def _describe(row: int | None, field: str, message: str) -> str:
        where = f"row {row}, field '{field}'" if row is not None else f"field '{field}'"
        return f"{where}: {message}"
