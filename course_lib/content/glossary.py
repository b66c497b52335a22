"""The course glossary as data (content/glossary.toml): key terms from every lesson, defined in the course's words.

Each term names the lesson where it is taught, related terms (``see_also``) and its reference keys. Loading checks,
beyond the schema, that every lesson id, see-also id, feature id and reference key exists, and that no term points to
itself, so a broken link fails with the file, entry and field named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from course_lib.content.schema import DATA_DIR, ContentError, check_references, load_entries

GLOSSARY_FILE = DATA_DIR / "glossary.toml"

# The seven psychodynamic-interpersonal feature ids (blagys2000) and the six CBT-distinctive activity ids (blagys2002)
# shared across the course's content files.
FEATURE_IDS = ("affect", "avoidance", "patterns", "past", "interpersonal", "relationship", "fantasy")
CBT_ACTIVITY_IDS = ("homework", "directing", "skills", "future", "information", "cognitive")


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    lesson: str
    see_also: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    feature: str | None = None

    def validate(self) -> None:
        if self.id in self.see_also:
            raise ValueError("field 'see_also': a term cannot point to itself")
        if self.feature is not None and self.feature not in FEATURE_IDS + CBT_ACTIVITY_IDS:
            raise ValueError(
                f"field 'feature': {self.feature!r} is not a feature or CBT activity id "
                f"({', '.join(FEATURE_IDS + CBT_ACTIVITY_IDS)})"
            )

    @property
    def sort_key(self) -> str:
        return self.term.casefold()




def _known_lesson_ids() -> set[str]:
    from course_lib.content.lessons import lessons

    return {item.id for item in lessons()}


def _entry(term: Term) -> str:
    return f"[[term]] (id = {term.id!r})"


@cache
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    """All glossary terms, sorted alphabetically; any broken link raises ContentError naming file, entry and field."""
    path = Path(path)
    terms = load_entries(path, "term", Term)
    ids = {t.id for t in terms}
    lesson_ids = _known_lesson_ids()
    for term in terms:
        if term.lesson not in lesson_ids:
            raise ContentError(path, f"unknown lesson id {term.lesson!r}", _entry(term), "lesson")
        for other in term.see_also:
            if other not in ids:
                raise ContentError(path, f"unknown term id {other!r}", _entry(term), "see_also")
    check_references(path, terms)
    return tuple(sorted(terms, key=lambda t: t.sort_key))


def term(term_id: str, terms: tuple[Term, ...] | None = None) -> Term:
    """One term by id."""
    for item in terms if terms is not None else load_glossary():
        if item.id == term_id:
            return item
    raise KeyError(f"no glossary term {term_id!r}")


def search(query: str, terms: tuple[Term, ...] | None = None) -> tuple[Term, ...]:
    """Terms matching ``query`` (case-insensitive): name matches first (the exact name, then names starting with it,
    then names holding it, then ids holding it, so "transference" lists Transference before Countertransference),
    then definition-only matches; alphabetical within each group."""
    terms = terms if terms is not None else load_glossary()
    needle = query.strip().casefold()
    if not needle:
        return terms

    def name_rank(term: Term) -> int | None:
        name = term.term.casefold()
        if name == needle:
            return 0
        if name.startswith(needle):
            return 1
        if needle in name:
            return 2
        return 3 if needle in term.id.replace("_", " ") else None

    ranked = [(rank, t) for t in terms if (rank := name_rank(t)) is not None]
    by_name = [t for _, t in sorted(ranked, key=lambda pair: pair[0])]  # stable: alphabetical within a rank
    by_text = [t for t in terms if t not in by_name and needle in t.definition.casefold()]
    return tuple(by_name + by_text)
