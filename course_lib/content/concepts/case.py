"""The extended case (lesson 01b, reviewed in lesson 07): one invented patient from assessment to ending.

Data: content/case.toml, three flat tables: ``[[case]]`` (exactly one), ``[[step]]`` (in order, each in one phase,
naming the glossary terms it shows) and ``[[review]]`` (a question about one step, with its key and explanation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, load_entries

CASE_FILE = DATA_DIR / "case.toml"
PHASES = ("assessment", "formulation", "middle", "ending")
PHASE_NAMES = {"assessment": "Assessment", "formulation": "Formulation", "middle": "Middle sessions",
               "ending": "Ending"}


@dataclass(frozen=True)
class _CaseEntry:
    id: str
    name: str
    note: str


@dataclass(frozen=True)
class CaseStep:
    id: str
    phase: str
    title: str
    text: str
    concepts: tuple[str, ...]
    think: str

    def validate(self) -> None:
        if self.phase not in PHASES:
            raise ValueError(f"field 'phase': {self.phase!r} is not one of {', '.join(PHASES)}")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.text.strip().splitlines() if line.strip())


@dataclass(frozen=True)
class ReviewQuestion:
    id: str
    step: str
    prompt: str
    choices: dict[str, str]
    answer: str
    explanation: str

    def validate(self) -> None:
        if len(self.choices) < 2:
            raise ValueError("field 'choices': give at least two choices")
        if self.answer not in self.choices:
            raise ValueError(f"field 'answer': {self.answer!r} is not one of the choices {', '.join(self.choices)}")


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    note: str
    steps: tuple[CaseStep, ...]
    reviews: tuple[ReviewQuestion, ...] = field(default=())

    def reviews_for(self, step_id: str) -> tuple[ReviewQuestion, ...]:
        return tuple(item for item in self.reviews if item.step == step_id)


def load_case(path: Path | str = CASE_FILE, *, known_terms: set[str] | None = None) -> Case:
    """Read and check the case: one [[case]], phases in teaching order, every review and concept link resolving.

    ``known_terms`` defaults to the glossary's ids, so a concept named in a step is always defined there."""
    path = Path(path)
    entries = load_entries(path, "case", _CaseEntry)
    if len(entries) != 1:
        raise ContentError(path, f"expected exactly one [[case]] entry, found {len(entries)}")
    steps = load_entries(path, "step", CaseStep)
    order = [PHASES.index(step.phase) for step in steps]
    if order != sorted(order) or set(order) != set(range(len(PHASES))):
        raise ContentError(path, f"steps must cover the phases {', '.join(PHASES)} in that order", "[[step]]", "phase")
    if known_terms is None:
        from course_lib.content.glossary import load_glossary

        known_terms = {term.id for term in load_glossary()}
    for number, step in enumerate(steps, start=1):
        unknown = sorted(set(step.concepts) - known_terms)
        if unknown:
            raise ContentError(path, f"not a glossary term: {', '.join(unknown)}",
                               f"[[step]] entry {number} (id = {step.id!r})", "concepts")
    reviews = load_entries(path, "review", ReviewQuestion)
    step_ids = {step.id for step in steps}
    for number, review in enumerate(reviews, start=1):
        if review.step not in step_ids:
            raise ContentError(path, f"unknown step {review.step!r}", f"[[review]] entry {number} (id = {review.id!r})",
                               "step")
    case = entries[0]
    return Case(case.id, case.name, case.note, steps, reviews)


@cache
def the_case() -> Case:
    """The course's extended case (read once per session)."""
    return load_case()
