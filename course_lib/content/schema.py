"""Load content tables from TOML into frozen dataclasses, validating as we go.

Every content file is a TOML document holding one array of tables (``[[vignette]]`` …). Each entry becomes an
instance of a frozen dataclass; the dataclass *is* the schema. Field types understood: ``str``, ``int``, ``float``,
``bool``, ``tuple[str, ...]``, ``dict[str, str]``, ``X | None`` (optional) and ``Any`` (checked by the class).
A field with a default is optional. After loading, an entry's ``validate()`` method, if it has one, is called; a
``ValueError`` it raises is reported like any other schema error.
Any problem raises :class:`ContentError` naming the file, the entry and the field, so an author can fix it at once.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

DATA_DIR = Path(__file__).parent


class ContentError(ValueError):
    """A content file is missing, unreadable or has an entry that breaks its schema."""

    def __init__(self, path: Path | str, message: str, entry: str | None = None, field: str | None = None):
        self.path, self.entry, self.field = Path(path), entry, field
        where = str(path)
        if entry is not None:
            where += f", {entry}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")


_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


def _check(value: Any, hint: Any) -> tuple[bool, Any, str]:
    """Return (ok, converted value, expected-type description) for one value against a type hint."""
    if hint is Any:
        return True, value, ""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = next(a for a in args if a is not type(None))
        return (True, None, "") if value is None else _check(value, inner)
    if origin is tuple:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return ok, tuple(value) if ok else value, "a list of text items"
    if origin is dict:
        ok = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        return ok, dict(value) if ok else value, "a table of text values"
    if hint is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return ok, float(value) if ok else value, _TYPE_NAMES[float]
    ok = isinstance(value, hint) and not (hint is int and isinstance(value, bool))
    return ok, value, _TYPE_NAMES.get(hint, hint.__name__)


def read_toml(path: Path | str) -> dict[str, Any]:
    """Parse a TOML file, turning any read or syntax problem into a ContentError."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, f"not valid TOML ({error})") from None


def load_entries(path: Path | str, table: str, cls: type[T], *, key: str = "id") -> tuple[T, ...]:
    """Read ``[[table]]`` entries of a TOML file into ``cls`` instances; ids (``key``) must be unique."""
    path = Path(path)
    entries = read_toml(path).get(table)
    if not isinstance(entries, list) or not entries:
        raise ContentError(path, f"expected one or more [[{table}]] entries")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    seen: set[str] = set()
    loaded = []
    for number, raw in enumerate(entries, start=1):
        label = f"[[{table}]] entry {number}" + (f" ({key} = {raw[key]!r})" if key in raw else "")
        unknown = sorted(set(raw) - set(fields))
        if unknown:
            raise ContentError(path, f"unknown field(s) {', '.join(unknown)}", label, unknown[0])
        values = {}
        for name, field in fields.items():
            if name not in raw:
                if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
                    raise ContentError(path, "required field is missing", label, name)
                continue
            ok, value, expected = _check(raw[name], hints[name])
            if not ok:
                raise ContentError(path, f"expected {expected}, got {raw[name]!r}", label, name)
            if isinstance(value, str) and not value.strip():
                raise ContentError(path, "must not be empty", label, name)
            values[name] = value
        if key in values:
            if values[key] in seen:
                raise ContentError(path, f"duplicate {key} {values[key]!r}", label, key)
            seen.add(values[key])
        item = cls(**values)
        validate = getattr(item, "validate", None)
        if callable(validate):
            try:
                validate()
            except ValueError as error:
                raise ContentError(path, str(error), label) from None
        loaded.append(item)
    return tuple(loaded)


def is_reference_key(key: str) -> bool:
    """True when ``key`` is in the course bibliography (course_lib/evidence/data/references.toml)."""
    from course_lib.evidence.references import load_references  # lazy: content loads without the evidence layer

    return key in load_references()


def check_references(
    path: Path | str, items: Iterable[Any], known: Callable[[str], bool] = is_reference_key, attr: str = "references"
) -> None:
    """Raise ContentError when an entry cites a reference key that ``known`` (default: the bibliography) rejects."""
    for item in items:
        for ref in getattr(item, attr, ()):
            if not known(ref):
                entry = f"entry {getattr(item, 'id', item)!r}"
                raise ContentError(path, f"unknown reference key {ref!r}", entry, attr)
