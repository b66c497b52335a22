"""Outcomes beyond symptom relief (lesson 06): the cogan2005 study as data (content/outcomes.toml).

Five tables in one file: the study's design facts, the findings verified from its abstract for patients beginning and
ending psychoanalysis, the source article's wider list of claimed benefits (each marked as matching a finding or not),
the design caveats, and the statements of the "what can this design show?" exercise. Ids cross-referenced between
tables and every reference key are checked on load, so a typo fails with the file, entry and field named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, check_references, load_entries

OUTCOMES_FILE = DATA_DIR / "outcomes.toml"

GROUPS = {"beginning": "Patients beginning psychoanalysis", "ending": "Patients ending psychoanalysis"}
CLAIM_STATUSES = {
    "matches": "Related finding in the abstract",
    "not_found": "No matching finding in the abstract",
}
# Every claim in the article's list carries this provenance: where it most likely comes from, how much is borne out.
CLAIM_PROVENANCE = ("A claim of the source article, which cites no study for it; it most likely traces to cogan2005, "
                    "whose abstract bears out only part of it.")


@dataclass(frozen=True)
class Study:
    id: str
    title: str
    question: str
    participants: str
    measure: str
    raters: str
    treatment: str
    design: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    id: str
    group: str
    text: str
    references: tuple[str, ...]

    def validate(self) -> None:
        if self.group not in GROUPS:
            raise ValueError(f"field 'group': {self.group!r} is not one of {', '.join(GROUPS)}")


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    status: str
    note: str
    finding: str | None = None

    def validate(self) -> None:
        if self.status not in CLAIM_STATUSES:
            raise ValueError(f"field 'status': {self.status!r} is not one of {', '.join(CLAIM_STATUSES)}")
        if self.status == "matches" and self.finding is None:
            raise ValueError("field 'finding': a claim that matches must name the finding it matches")

    @property
    def status_label(self) -> str:
        return CLAIM_STATUSES[self.status]


@dataclass(frozen=True)
class Caveat:
    id: str
    title: str
    explanation: str
    undermines: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Conclusion:
    id: str
    text: str
    supported: bool
    feedback: str
    caveats: tuple[str, ...] = ()

    def validate(self) -> None:
        if not self.supported and not self.caveats:
            raise ValueError("field 'caveats': an unsupported conclusion must name the caveat that rules it out")


@dataclass(frozen=True)
class Outcomes:
    """Everything lesson 06 shows about cogan2005, with look-ups by id and by group."""

    study: Study
    findings: tuple[Finding, ...]
    claims: tuple[Claim, ...]
    caveats: tuple[Caveat, ...]
    conclusions: tuple[Conclusion, ...]

    def findings_for(self, group: str) -> tuple[Finding, ...]:
        if group not in GROUPS:
            raise KeyError(f"no group {group!r}; known: {', '.join(GROUPS)}")
        return tuple(f for f in self.findings if f.group == group)

    def finding(self, finding_id: str) -> Finding:
        return _by_id(self.findings, finding_id, "finding")

    def caveat(self, caveat_id: str) -> Caveat:
        return _by_id(self.caveats, caveat_id, "caveat")

    def conclusion(self, conclusion_id: str) -> Conclusion:
        return _by_id(self.conclusions, conclusion_id, "conclusion")

    @property
    def references(self) -> tuple[str, ...]:
        """Every reference key the outcomes cite, in first-seen order."""
        keys = [*self.study.references]
        for item in (*self.findings, *self.caveats):
            keys.extend(item.references)
        return tuple(dict.fromkeys(keys))


def _by_id(items, item_id: str, kind: str):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {kind} {item_id!r}; known: {', '.join(i.id for i in items)}")




def _check_ids(path: Path, table: str, items, field: str, known: set[str]) -> None:
    """Raise ContentError when an entry of ``table`` names an id (in ``field``) that ``known`` lacks."""
    for item in items:
        value = getattr(item, field)
        for target in (value,) if isinstance(value, str) else value or ():
            if target not in known:
                raise ContentError(path, f"unknown id {target!r}", f"[[{table}]] (id = {item.id!r})", field)


@cache
def load_outcomes(path: Path = OUTCOMES_FILE) -> Outcomes:
    """Load and cross-check the outcomes file; any problem raises ContentError naming file, entry and field."""
    path = Path(path)
    studies = load_entries(path, "study", Study)
    if len(studies) != 1:
        raise ContentError(path, f"expected exactly one [[study]] entry, found {len(studies)}")
    outcomes = Outcomes(
        study=studies[0],
        findings=load_entries(path, "finding", Finding),
        claims=load_entries(path, "claim", Claim),
        caveats=load_entries(path, "caveat", Caveat),
        conclusions=load_entries(path, "conclusion", Conclusion),
    )
    _check_ids(path, "claim", outcomes.claims, "finding", {f.id for f in outcomes.findings})
    _check_ids(path, "conclusion", outcomes.conclusions, "caveats", {c.id for c in outcomes.caveats})
    for items in (studies, outcomes.findings, outcomes.caveats):
        check_references(path, items)
    return outcomes
