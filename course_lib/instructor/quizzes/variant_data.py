"""Variant declarations in a quiz's data file, checked and turned into the specs the notebook carries.

A quiz turns variants on in its own table (they are off until it does)::

    [variants]
    on = true
    course = "psychodynamic-psychotherapy"   # part of every student's seed; change it to give another class new ones
    shuffle = true                           # every choice, multiple, matching and ordering item's options

and an item may say more in ``[item.variant]``: ``shuffle = false`` (keep this item's order), ``params`` (a numeric
item's numbers: ``{ cer = [0.15, 0.2, 0.25] }`` or ``{ d = { from = 0.3, to = 0.9, step = 0.1 } }``), ``rows`` (rows of
the course's effect-size data, one drawn per student; the prompt then names ``{study}``, ``{effect}``, ``{metric}``,
``{condition}``, ``{treatment}``, ``{comparison}``, ``{outcome}``, ``{timepoint}``) and ``formula`` (the key, computed
from those with ``Phi``, ``Phi_inv``, ``sqrt``, ``abs``, ``exp``, ``log``). Equivalent questions go in ``[[item.pool]]``
tables (their own ``prompt``, ``options``, ``items``, ``key``, ``explanation``) after the item, which is the pool's
first member; each student gets one. In the explanation of a shuffled item an option is named ``{A}``, ``{B}``…, so that
it reads in the student's letters; ``{name}`` and ``{key}`` give their numbers.

Every mistake is a :class:`QuizDataError` naming the file, the item and the field.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from course_lib.grading import variants

DEFAULT_COURSE = "psychodynamic-psychotherapy"
CHOICE_KINDS = ("single", "multiple", "matching", "ordering")
_QUIZ_FIELDS = {"on", "course", "shuffle"}
_ITEM_FIELDS = {"shuffle", "params", "rows", "formula"}
_POOL_FIELDS = {"prompt", "options", "items", "key", "explanation"}
#: What a row of the effect-size data offers a prompt and a formula.
ROW_FIELDS = ("study", "effect", "condition", "treatment", "comparison", "metric", "outcome", "timepoint")
_MAX_VALUES, _MAX_COMBINATIONS = 50, 5000
# An option that points at another by letter or position stops making sense once the options move.
_POINTS_AT_OTHERS = re.compile(r"\b(all|none|both|neither) of the (above|options|others)\b"
                               r"|\b(options?|answers?) [A-J]\b|\b[A-J] and [A-J]\b|\b[A-J] or [A-J]\b", re.IGNORECASE)
# A bare option letter in a shuffled item's explanation: B to J standing alone, or A used as a label ("A:", "(A)").
_BARE_LETTER = re.compile(r"(?<![\w{`'\"-])([B-J])(?![\w}`'\"-])"
                          r"|(?<![\w{`'\"-])A(?=[:),]| and [A-J]\b| or [A-J]\b)")
_CODE_SPAN = re.compile(r"`[^`]*`")


class VariantDataError(ValueError):
    """Raised with the field's path; the caller adds the file and the item."""


@dataclass(frozen=True)
class QuizVariants:
    on: bool = False
    course: str = DEFAULT_COURSE
    shuffle: bool = False


def quiz_settings(raw: Any) -> QuizVariants:
    if raw is None:
        return QuizVariants()
    if not isinstance(raw, dict):
        raise VariantDataError("variants: must be a table ([variants])")
    unknown = set(raw) - _QUIZ_FIELDS
    if unknown:
        raise VariantDataError(f"variants.{sorted(unknown)[0]}: not a setting (use {', '.join(sorted(_QUIZ_FIELDS))})")
    for name in ("on", "shuffle"):
        if not isinstance(raw.get(name, False), bool):
            raise VariantDataError(f"variants.{name}: must be true or false")
    course = raw.get("course", DEFAULT_COURSE)
    if not isinstance(course, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", course):
        raise VariantDataError("variants.course: must be a name of letters, digits, dots, dashes or underscores")
    return QuizVariants(raw.get("on", False), course, raw.get("shuffle", False))


def _values(name: str, declared: Any) -> list:
    where = f"variant.params.{name}"
    if isinstance(declared, dict):
        if set(declared) != {"from", "to", "step"}:
            raise VariantDataError(f"{where}: a range needs exactly from, to and step")
        start, stop, step = (declared[k] for k in ("from", "to", "step"))
        if not all(isinstance(v, int | float) for v in (start, stop, step)) or step <= 0 or stop < start:
            raise VariantDataError(f"{where}: from, to and step must be numbers, step above 0 and to not below from")
        count = round((stop - start) / step) + 1
        if count > _MAX_VALUES:
            raise VariantDataError(f"{where}: the range gives {count} values; at most {_MAX_VALUES}")
        decimals = max(0, -int(f"{step:e}".split("e")[1]))
        declared = [round(start + k * step, decimals + 2) for k in range(count)]
    if not isinstance(declared, list) or not declared:
        raise VariantDataError(f"{where}: give a list of values or a range {{ from, to, step }}")
    if not all(isinstance(v, int | float | str) and not isinstance(v, bool) for v in declared):
        raise VariantDataError(f"{where}: every value must be a number or a text")
    if len(set(declared)) != len(declared):
        raise VariantDataError(f"{where}: a value is listed twice")
    return declared


def _rows(declared: Any, effect_rows: dict[str, Any]) -> list[dict]:
    if not isinstance(declared, list) or len(declared) < 2 or not all(isinstance(r, str) for r in declared):
        raise VariantDataError("variant.rows: give at least two row ids of the effect-size data")
    rows = []
    for row_id in declared:
        row = effect_rows.get(row_id)
        if row is None:
            raise VariantDataError(f"variant.rows: {row_id!r} is not a row of the effect-size data")
        rows.append({"study": row.study_key, "effect": row.effect_size, "condition": row.condition,
                     "treatment": row.treatment, "comparison": row.comparison, "metric": row.metric,
                     "outcome": row.outcome, "timepoint": row.timepoint_label.lower()})
    return rows


def _check_formula(formula: Any, params: dict[str, list], rows: list[dict], item: Any) -> None:
    if not isinstance(formula, str) or not formula.strip():
        raise VariantDataError("variant.formula: a numeric item with params or rows needs its key's formula")
    choices = [[{name: value} for value in values] for name, values in params.items()]
    choices.append([{k: v for k, v in row.items()} for row in rows] or [{}])
    low, high = item.range
    keys: dict[float, dict] = {}
    for n, combination in enumerate(itertools.product(*choices)):
        if n >= _MAX_COMBINATIONS:
            break
        values = {k: v for part in combination for k, v in part.items()}
        try:
            value = variants.evaluate(formula, values)
        except ValueError as error:
            raise VariantDataError(f"variant.formula: {error}") from None
        if n == 0 and isinstance(item.key, int | float) and abs(value - item.key) > item.tolerance / 2:
            raise VariantDataError(f"key: {item.key:g} is not the formula's {value:.4f} for the first values "
                                   f"({values}), which the source notebook's own answer uses")
        if not low <= value <= high:
            raise VariantDataError(f"variant.formula: gives {value:.4g} for {values}, outside the item's range "
                                   f"[{low:g}, {high:g}]")
        keys.setdefault(round(value, 4), values)
    # Two versions whose keys lie within twice the tolerance share an answer that earns both points: copying it from
    # a classmate would go unnoticed, and the versions would differ only in name.
    ordered = sorted(keys)
    for a, b in itertools.pairwise(ordered):
        if b - a <= 2 * item.tolerance:
            field = "variant.rows" if rows else "variant.params"
            raise VariantDataError(f"{field}: the keys {a:g} (for {_named(keys[a])}) and {b:g} (for {_named(keys[b])}) "
                                   f"lie within twice the tolerance (±{item.tolerance:g}), so one answer earns both; "
                                   "choose values further apart")


def _named(values: dict) -> str:
    return ", ".join(f"{k} = {v}" for k, v in values.items() if k in ("study", "effect") or k not in ROW_FIELDS)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{([a-z_][a-z0-9_]*)\}", text))


def _check_explanation(text: str, field: str) -> None:
    plain = _CODE_SPAN.sub("", text)
    found = _BARE_LETTER.search(plain)
    if found:
        raise VariantDataError(f"{field}: names option {found.group(0)!r} by its letter, which moves when the options "
                               f"are shuffled; write {{{found.group(0)}}} so each student reads their own letter")


def item_spec(item: Any, settings: QuizVariants, quiz: str, effect_rows: dict[str, Any]) -> tuple[dict, dict] | None:
    """(public spec, hidden spec) of a varying item, or None when the item is the same for everyone."""
    raw = item.variant
    if not isinstance(raw, dict):
        raise VariantDataError("variant: must be a table ([item.variant])")
    unknown = set(raw) - _ITEM_FIELDS
    if unknown:
        raise VariantDataError(f"variant.{sorted(unknown)[0]}: not a setting (use {', '.join(sorted(_ITEM_FIELDS))})")
    if not settings.on:
        return None
    if item.kind in ("written",) or item.example:
        if raw or item.pool:
            raise VariantDataError(f"variant: a {'example' if item.example else 'written'} item cannot vary")
        return None
    shuffle = raw.get("shuffle", settings.shuffle)
    if not isinstance(shuffle, bool):
        raise VariantDataError("variant.shuffle: must be true or false")
    shuffle = shuffle and item.kind in CHOICE_KINDS
    numeric_fields = {"params", "rows", "formula"} & set(raw)
    if numeric_fields and item.kind != "numeric":
        raise VariantDataError(f"variant.{sorted(numeric_fields)[0]}: only a numeric item has parameters")
    params = {str(name): _values(str(name), values) for name, values in (raw.get("params") or {}).items()}
    if "params" in raw and not isinstance(raw["params"], dict):
        raise VariantDataError("variant.params: must be a table of name = values")
    for name in params:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in ROW_FIELDS or name == "key":
            raise VariantDataError(f"variant.params.{name}: a parameter's name is lower case, and not "
                                   f"key or {', '.join(ROW_FIELDS)}")
    rows = _rows(raw["rows"], effect_rows) if "rows" in raw else []
    pool = _pool(item)
    if not (shuffle or params or rows or pool):
        return None
    if params or rows:
        known = set(params) | (set(ROW_FIELDS) if rows else set())
        unknown_names = _placeholders(item.prompt) - known
        if unknown_names:
            raise VariantDataError(f"prompt: names {{{sorted(unknown_names)[0]}}}, which is not a parameter")
        unused = set(params) - _placeholders(item.prompt)
        if unused:
            raise VariantDataError(f"variant.params.{sorted(unused)[0]}: never shown in the prompt, so a student "
                                   "could not use it")
        _check_formula(raw.get("formula"), params, rows, item)
    elif "formula" in raw:
        raise VariantDataError("variant.formula: a formula needs params or rows to compute from")
    members = [{"prompt": item.prompt, "options": list(item.options), "items": list(item.items),
                "key": item.key, "explanation": item.explanation}, *pool]
    for n, member in enumerate(members, 1):
        where = f"pool {n}" if pool else "options"
        for text in member["options"]:
            if shuffle and _POINTS_AT_OTHERS.search(text):
                raise VariantDataError(f"{where}: the option {text[:40]!r} points at other options by letter or "
                                       "position, which a shuffle breaks; set variant.shuffle = false or reword it")
        if shuffle:
            _check_explanation(member.get("explanation", ""), f"pool {n}, explanation" if pool else "explanation")
    public_members = [{"stem": m["prompt"].strip(), "options": m["options"], "items": m["items"]} for m in members]
    public = {"course": settings.course, "quiz": quiz, "id": item.id, "kind": item.kind, "shuffle": shuffle,
              **public_members[0]}
    if pool:
        public["pool"] = public_members
    if params:
        public["params"] = params
    if rows:
        public["rows"] = rows
    hidden = dict(public)
    if pool:
        hidden["pool"] = [{**p, "key": m["key"], "explanation": m.get("explanation", "")}
                          for p, m in zip(public_members, members, strict=True)]
    hidden["key"] = members[0]["key"]
    hidden["explanation"] = members[0].get("explanation", "")
    if params or rows:
        hidden["formula"] = raw["formula"]
    return public, hidden


def _pool(item: Any) -> list[dict]:
    if not item.pool:
        return []
    if not isinstance(item.pool, list | tuple) or not 1 <= len(item.pool) <= 3:
        raise VariantDataError("pool: give one to three [[item.pool]] tables (the item itself is the first member)")
    members = []
    for n, raw in enumerate(item.pool, 2):
        if not isinstance(raw, dict):
            raise VariantDataError(f"pool {n}: must be a table")
        unknown = set(raw) - _POOL_FIELDS
        if unknown:
            raise VariantDataError(f"pool {n}, {sorted(unknown)[0]}: not a field of a pool member "
                                   f"(use {', '.join(sorted(_POOL_FIELDS))})")
        for name in ("prompt", "key"):
            if name not in raw:
                raise VariantDataError(f"pool {n}, {name}: missing")
        member = {"prompt": str(raw["prompt"]), "options": list(raw.get("options", item.options)),
                  "items": list(raw.get("items", item.items)), "key": raw["key"],
                  "explanation": str(raw.get("explanation", ""))}
        if len(member["options"]) != len(item.options) or len(member["items"]) != len(item.items):
            raise VariantDataError(f"pool {n}, options: a pool member needs as many options and items as the item, "
                                   "so the answer form and the points stay the same")
        members.append(member)
    return members
