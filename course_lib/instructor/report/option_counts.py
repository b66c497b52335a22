"""How many students chose each option of a choice item (single, multiple, matching, ordering).

The items and their options come from the check cells' ``quiz_item`` metadata in the source notebook, the key from
the solution region of its answer cell. Each analysed student's answer is read from their autograded notebook
(:mod:`.answers_read`, never run), each notebook opened once (:mod:`.class_answers`). Counted per *part*: the item
itself for single and multiple (a multiple answer counts once for every letter ticked), each numbered prompt of a
matching (which letter it was paired with), each position of an ordering (which letter was put there), so that a wrong
pairing or a swapped pair shows where students go wrong. Every student also counts in a part as "no answer" or
"unreadable" when the answer gave that part no letter. In a quiz with per-student variants each answer is first put
back into the declared letters, since each student saw the options in their own order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat

from course_lib.grading.form import Reading
from course_lib.instructor.course.coursedir import source_notebooks
from course_lib.instructor.quizzes.variant_keys import hidden_specs
from course_lib.instructor.report.answers_read import key_reading
from course_lib.instructor.report.class_answers import NotebookAnswers, Visit, read_class

CHOICE_KINDS = ("single", "multiple", "matching", "ordering")
NO_ANSWER, UNREADABLE = "no answer", "unreadable"
WHOLE = ""  # the part of a single or multiple item: the item itself


def _grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


@dataclass
class ChoiceItem:
    """One choice item of a quiz and the counts of what the analysed students chose."""

    name: str  # as in the report: the grade id, prefixed by the notebook in a quiz of several notebooks
    notebook: str
    meta: dict  # the check cell's quiz_item metadata
    key: frozenset[tuple[str, str]]  # (part, letter) pairs the key holds
    counts: Counter = field(default_factory=Counter)  # (part, letter or NO_ANSWER / UNREADABLE) -> students
    students: int = 0

    @property
    def kind(self) -> str:
        return self.meta["kind"]

    @property
    def letters(self) -> str:
        return str(self.meta.get("options", "")).upper()

    @property
    def parts(self) -> list[str]:
        if self.kind == "matching":
            return [str(n) for n in range(1, int(self.meta.get("n_items", 0)) + 1)]
        if self.kind == "ordering":
            return [str(n) for n in range(1, len(self.letters) + 1)]
        return [WHOLE]

    def part_label(self, part: str) -> str:
        """ "School 2", "position 1", or "" for the item itself."""
        if self.kind == "matching":
            return f"{self.meta.get('item_noun', 'Item')} {part}"
        return f"position {part}" if self.kind == "ordering" else ""

    def part_text(self, part: str) -> str:
        """The text of a matching's numbered prompt ("Cognitive Analytic Therapy"); empty for other parts."""
        texts = (self.meta.get("item_texts") or []) if self.kind == "matching" else []
        return str(texts[int(part) - 1]) if part and int(part) <= len(texts) else ""

    def option_text(self, letter: str) -> str:
        return str((self.meta.get("option_texts") or {}).get(letter, ""))

    def add(self, reading: Reading) -> None:
        """Count one student's reading of the item."""
        self.students += 1
        for part in self.parts:
            self.counts.update(_chosen(self.kind, part, reading))

    def most_chosen_wrong(self) -> tuple[str, str, int] | None:
        """(part, letter, students) of the wrong choice most students made, or None when nobody chose wrong."""
        wrong = [(n, part, letter) for (part, letter), n in self.counts.items()
                 if letter not in (NO_ANSWER, UNREADABLE) and (part, letter) not in self.key and n > 0]
        if not wrong:
            return None
        order = {(p, letter): i for i, (p, letter) in enumerate((p, x) for p in self.parts for x in self.letters)}
        n, part, letter = min(wrong, key=lambda w: (-w[0], order.get((w[1], w[2]), 0)))
        return part, letter, n

    def most_chosen_wrong_text(self) -> str:
        """ "C (12 students)", or "School 2 → C (12 students)" where the item has several parts; "" for none."""
        found = self.most_chosen_wrong()
        if found is None:
            return ""
        part, letter, n = found
        where = f"{self.part_label(part)} → " if part != WHOLE else ""
        return f"{where}{letter} ({n} student{'s' if n != 1 else ''})"


def _chosen(kind: str, part: str, reading: Reading) -> list[tuple[str, str]]:
    """The (part, choice) pairs one reading contributes to ``part``."""
    if reading.state == "unreadable":
        return [(part, UNREADABLE)]
    answer = reading.answer
    if answer is None:
        return [(part, NO_ANSWER)]
    if kind == "single":
        return [(part, answer)]
    if kind == "multiple":
        return [(part, letter) for letter in sorted(answer)] or [(part, NO_ANSWER)]
    if kind == "matching":
        return [(part, answer[int(part)])] if int(part) in answer else [(part, NO_ANSWER)]
    return [(part, answer[int(part) - 1])]


def _key_pairs(kind: str, answer) -> frozenset[tuple[str, str]]:
    if answer is None:
        return frozenset()
    if kind == "single":
        return frozenset({(WHOLE, answer)})
    if kind == "multiple":
        return frozenset((WHOLE, letter) for letter in answer)
    if kind == "matching":
        return frozenset((str(n), letter) for n, letter in answer.items())
    return frozenset((str(n), letter) for n, letter in enumerate(answer, 1))


def choice_items(source: dict[str, nbformat.NotebookNode]) -> list[ChoiceItem]:
    """The choice items of the quiz's source notebooks, in notebook order, with their keys."""
    found = []
    for notebook, nb in source.items():
        cells = {_grade_id(cell): cell for cell in nb.cells}
        for cell in nb.cells:
            meta = cell.metadata.get("quiz_item")
            if not meta or meta.get("example") or meta.get("kind") not in CHOICE_KINDS:
                continue
            answer_cell = cells.get(meta.get("answer_cell", ""))
            key = key_reading(answer_cell.source, meta).answer if answer_cell is not None else None
            name = f"{notebook}:{_grade_id(cell)}" if len(source) > 1 else _grade_id(cell)
            found.append(ChoiceItem(name, notebook, dict(meta), _key_pairs(meta["kind"], key)))
    return found


def _declared(reading: Reading, spec: dict | None, answers: NotebookAnswers) -> Reading:
    """A reading in the declared letters: a quiz with per-student variants shows each student the options in their own
    order, so their letters are mapped back before counting (every "B" then means the same option)."""
    if spec is None or not spec.get("shuffle") or reading.answer is None:
        return reading
    seen = answers.view(spec)
    answer = reading.answer
    if isinstance(answer, str):
        mapped = seen.declared_letter(answer)
    elif isinstance(answer, dict):
        mapped = {n: seen.declared_letter(letter) if letter else letter for n, letter in answer.items()}
    else:
        mapped = type(answer)(seen.declared_letter(letter) for letter in answer)
    return replace(reading, answer=mapped)


def counting(items: list[ChoiceItem], specs: dict[str, dict[str, dict]]) -> Visit:
    """The visit that counts one student's notebook into ``items`` (``specs``: notebook -> item id -> hidden variant
    spec, to map a shuffled item's letters back); an unreadable notebook counts as unreadable for each of its items."""

    def visit(answers: NotebookAnswers) -> None:
        for item in items:
            if item.notebook == answers.notebook:
                spec = specs.get(answers.notebook, {}).get(item.meta["variable"])
                item.add(_declared(answers.reading(item.meta), spec, answers))

    return visit


def count(course_dir: Path, quiz: str, students: list[str], items: list[ChoiceItem]) -> list[ChoiceItem]:
    """Count the choices of ``students`` (the analysed ones) into ``items``; a notebook that is missing or cannot be
    read counts as unreadable for each of its items."""
    specs = {notebook: hidden_specs(nb) for notebook, nb in source_notebooks(course_dir, quiz).items()}
    read_class(course_dir, quiz, students, {item.notebook for item in items}, counting(items, specs))
    return items


def csv_rows(items: list[ChoiceItem]) -> list[list[str]]:
    """``option_counts.csv``: one row per item, part and choice (every option, then no answer and unreadable)."""
    rows = [["item", "kind", "part", "part_text", "option", "option_text", "key", "students"]]
    for item in items:
        for part in item.parts:
            for choice in [*item.letters, NO_ANSWER, UNREADABLE]:
                rows.append([item.name, item.kind, part, item.part_text(part), choice, item.option_text(choice),
                             "yes" if (part, choice) in item.key else "", str(item.counts[(part, choice)])])
    return rows
