"""The course bibliography (data/references.toml) and APA-like formatting of a citation key."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from course_lib.evidence.errors import EvidenceDataError

_REQUIRED_TEXT = ("authors", "title", "source")
_OPTIONAL_TEXT = ("doi", "note")


@dataclass(frozen=True)
class Reference:
    """One full reference, keyed as in effect_sizes.csv (``study_key``) and in the lessons' citations."""

    key: str
    authors: str
    year: int
    title: str
    source: str
    doi: str | None = None
    note: str | None = None

    @property
    def unconfirmed(self) -> bool:
        """True when a bibliographic detail still awaits confirmation (the note says so)."""
        return self.note is not None and "to confirm" in self.note

    def formatted(self) -> str:
        """Authors (year). Title. Source. https://doi.org/… — plus any "to confirm" note, so it is never hidden."""
        title = self.title if self.title[-1] in ".?!" else f"{self.title}."
        text = f"{self.authors} ({self.year}). {title} {self.source}."
        if self.doi:
            text += f" https://doi.org/{self.doi}"
        if self.unconfirmed:
            text += f" ({self.note})"
        return text


def _packaged_path() -> Path:
    return Path(str(files("course_lib.evidence") / "data" / "references.toml"))


def _parse_entry(key: str, entry: object, problems: list) -> Reference | None:
    """Check one TOML table; append (None, "key.field", message) problems; return the Reference if clean."""
    if not isinstance(entry, dict):
        problems.append((None, key, "expected a table of fields"))
        return None
    before = len(problems)
    for name in _REQUIRED_TEXT:
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            problems.append((None, f"{key}.{name}", "missing or empty (required text)"))
    for name in _OPTIONAL_TEXT:
        if name in entry and not isinstance(entry[name], str):
            problems.append((None, f"{key}.{name}", "must be text"))
    year = entry.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1800 <= year <= 2100:
        problems.append((None, f"{key}.year", f"must be a four-digit year, got {year!r}"))
    unknown = set(entry) - {*_REQUIRED_TEXT, *_OPTIONAL_TEXT, "year"}
    if unknown:
        problems.append((None, f"{key}.{sorted(unknown)[0]}", f"unknown field(s) {sorted(unknown)}"))
    if len(problems) > before:
        return None
    return Reference(key=key, **entry)


@lru_cache(maxsize=8)
def _load(path: Path) -> dict[str, Reference]:
    with path.open("rb") as handle:
        try:
            data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise EvidenceDataError(path, [(None, "(file)", f"not valid TOML: {exc}")]) from exc
    problems: list = []
    references = {key: _parse_entry(key, entry, problems) for key, entry in data.items()}
    if problems:
        raise EvidenceDataError(path, problems)
    return references


def load_references(path: Path | str | None = None) -> dict[str, Reference]:
    """Every reference by key (the packaged references.toml unless ``path`` is given). A fresh dict each call."""
    return dict(_load(Path(path) if path is not None else _packaged_path()))


def cite(key: str) -> str:
    """The formatted reference for ``key``; KeyError naming the key (and close matches) if it is unknown."""
    references = _load(_packaged_path())
    if key not in references:
        close = difflib.get_close_matches(str(key), references, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown reference key {key!r}{hint}")
    return references[key].formatted()


def cite_all(keys: Iterable[str]) -> list[str]:
    """Formatted references for ``keys``, deduplicated and sorted (alphabetically, as a reference list is)."""
    return sorted({cite(key) for key in keys})
