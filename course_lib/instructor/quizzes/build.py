"""Render the graded quizzes from data: ``assignments/quizzes/<quiz>.toml`` → ``source/<quiz>/<quiz>.ipynb``.

A quiz is declared once, as data (question, options, key, points; see the TOML files), and every cell nbgrader needs is
rendered here the same way each time: the locked setup cell that lets answer lines hold plain words, a free item 0
with one example of each kind, then per question a locked prompt, an answer cell holding the syntax already
(``q6 = ""``) with the key in its solution region, and a locked, collapsed check cell whose visible part reports what
the grader reads and whose hidden part holds the key and the score. Every code cell students see is one import and
one call into :mod:`course_lib.grading.quiz` (or the self-check button), with the item's facts as the call's arguments;
the plumbing lives there. ``quiz_item`` metadata on the check cell tells the answer form (the course's JupyterLab
extension) what to draw; it never holds the key.

``python -m course_lib.instructor.quizzes.build`` (``make quizzes``) rewrites every source notebook; ``--check`` only
compares, and exits 1 when a committed notebook differs from what its data renders (the test suite does the same).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course_lib.evidence.loading import load_effect_sizes
from course_lib.grading import variants
from course_lib.grading.quiz import ANSWER_NAME, ID_NAME
from course_lib.instructor.quizzes import variant_data
from course_lib.instructor.quizzes.form_text import form_text
from course_lib.instructor.quizzes.keylines import HIDDEN_BEGIN, HIDDEN_END, SOLUTION_BEGIN, SOLUTION_END

ASSIGNMENTS = Path(__file__).resolve().parents[3] / "assignments"
KINDS = ("single", "multiple", "matching", "ordering", "numeric", "written")
LETTERS = "ABCDEFGHIJ"


class QuizDataError(ValueError):
    """A quiz data file that cannot be rendered; the message names the file, the item and the field."""


@dataclass(frozen=True)
class Item:
    """One question of a quiz, as declared in its data file."""

    id: str
    kind: str
    prompt: str
    points: float = 0.0
    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    item_noun: str = "Item"
    key: Any = None
    tolerance: float = 0.0
    range: tuple[float, float] = (0.0, 0.0)
    unit: str = "number"
    format_note: str = ""
    model_answer: str = ""
    explanation: str = ""  # why the key is right; shown by ``course selfcheck``, never rendered into the notebook
    title: str = ""  # the examples' own heading ("Example 1: one answer"); questions are numbered from their id
    example: bool = False
    variant: dict = field(default_factory=dict)  # [item.variant]: how this item varies per student (variant_data)
    pool: tuple = ()  # [[item.pool]]: equivalent versions, one drawn per student
    specs: tuple = ()  # (public, hidden) variant specs, set by load_quiz when the item varies

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.options)]

    @property
    def label(self) -> str:
        return self.title or f"Question {self.id[1:]}"


def _item(raw: dict, where: str, *, example: bool) -> Item:
    try:
        fields = dict(raw)
        for name in ("options", "items", "pool"):
            fields[name] = tuple(fields.get(name, ()))
        if "range" in fields:
            fields["range"] = tuple(float(x) for x in fields["range"])
        item = Item(**fields, example=example)
    except TypeError as error:
        raise QuizDataError(f"{where}: {error}") from None
    if not ANSWER_NAME.fullmatch(item.id):
        raise QuizDataError(f"{where}: id {item.id!r} is not an answer name (q and a number, or try_ and a word)")
    if item.kind not in KINDS:
        raise QuizDataError(f"{where}: kind {item.kind!r} is not one of {', '.join(KINDS)}")
    if item.kind in ("single", "multiple", "matching", "ordering") and len(item.options) < 2:
        raise QuizDataError(f"{where}: a {item.kind} item needs at least two options")
    if item.kind == "matching" and not item.items:
        raise QuizDataError(f"{where}: a matching item needs its items")
    if item.kind != "written" and item.key is None:
        raise QuizDataError(f"{where}: key is missing")
    return item


@dataclass(frozen=True)
class Quiz:
    name: str
    title: str
    intro: str
    items: tuple[Item, ...]
    examples: tuple[Item, ...]
    variants: variant_data.QuizVariants = field(default_factory=variant_data.QuizVariants)

    @property
    def variables(self) -> list[str]:
        return [item.id for item in self.examples + self.items if item.kind != "written"]


def load_quiz(path: Path, examples_path: Path | None = None) -> Quiz:
    """A quiz from its data file (and the shared item-0 examples beside it)."""
    examples_path = examples_path or path.with_name("examples.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    shared = tomllib.loads(examples_path.read_text(encoding="utf-8")) if examples_path.exists() else {"item": []}
    items = tuple(_item(raw, f"{path.name}, item {n}", example=False) for n, raw in enumerate(data["item"], 1))
    examples = tuple(_item(raw, f"{examples_path.name}, item {n}", example=True)
                     for n, raw in enumerate(shared["item"], 1))
    try:
        settings = variant_data.quiz_settings(data.get("variants"))
    except variant_data.VariantDataError as error:
        raise QuizDataError(f"{path.name}: {error}") from None
    items = tuple(_with_specs(item, settings, path) for item in items)
    return Quiz(path.stem, data["title"], data["intro"].strip(), items, examples, settings)


def _with_specs(item: Item, settings: variant_data.QuizVariants, path: Path) -> Item:
    rows = {row.id: row for row in load_effect_sizes()} if item.variant.get("rows") else {}
    varies = bool(item.variant or item.pool) and not item.example and item.kind != "written"
    try:
        # Checked as if on even when the quiz turns variants off, so that turning them on later cannot fail.
        specs = variant_data.item_spec(item, replace(settings, on=settings.on or varies), path.stem, rows)
    except variant_data.VariantDataError as error:
        raise QuizDataError(f"{path.name}, item {item.id}, {error}") from None
    if specs and not settings.on:
        # Variants off: everyone gets the declared version (the first pool member, the first values, in order).
        return replace(item, prompt=variants.view(specs[0], "").stem)
    return replace(item, specs=specs or ())


# ---------------------------------------------------------------- rendering


def _cell(kind: str, source: str, grade_id: str, *, solution=False, grade=False, locked=False, points=None,
          extra: dict | None = None):
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
                            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    metadata = {"nbgrader": meta, **(extra or {})}
    return (new_code_cell if kind == "code" else new_markdown_cell)(source, metadata=metadata)


def py_literal(value: Any) -> str:
    """A key as the Python literal an answer line would hold (sets sorted, so the output is stable)."""
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(py_literal(v) for v in sorted(value)) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{int(k)}: {py_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def _placeholder(item: Item) -> str:
    if item.kind == "matching":
        return "{" + ", ".join(f'{n}: ""' for n in range(1, len(item.items) + 1)) + "}"
    return "None" if item.kind == "numeric" else '""'


def _key_value(item: Item) -> Any:
    if item.kind == "multiple":
        return set(item.key)
    if item.kind == "matching":
        return {int(k): v for k, v in item.key.items()}
    return item.key


def _how_to_answer(item: Item) -> str:
    v = item.id
    if item.kind == "single":
        return (f"Choose one option in the form under the answer cell, or type its letter between the quotes, "
                f'e.g. `{v} = "C"`.')
    if item.kind == "multiple":
        return (f"Tick every option that applies in the form, or type the letters between the quotes, e.g. "
                f'`{v} = "A, C"`.\nEach right pick earns credit, each wrong pick takes some back, and the score for '
                "this question never goes below 0.")
    if item.kind == "matching":
        noun = item.item_noun.lower()
        return (f"Choose a letter for each {noun} in the form, or type it between the quotes after the {noun}'s "
                f'number, e.g. `{v} = {{1: "A", 2: "B", ...}}`.\nEach pair you match correctly earns its share of the '
                "points; a letter may be used more than once or not at all.")
    if item.kind == "ordering":
        example = " ".join(reversed(item.letters))
        return (f"Choose a letter for each position in the form, or type the letters in order between the quotes, "
                f'e.g. `{v} = "{example}"`.\nThis question is scored all or nothing.')
    return (f"Type the number in the form, or in place of `None`, e.g. `{v} = 0.5`.\n"
            f"{item.format_note}; answers within ±{item.tolerance:g} of the exact value earn full credit.")


def _prompt(item: Item) -> str:
    points = f"{item.points:g} point{'s' if item.points != 1 else ''}"
    heading = (f"### {item.label} (not scored)" if item.example else
               f"### {item.label} (written answer, {points}, graded by your instructor)" if item.kind == "written"
               else f"### {item.label} ({points})")
    parts = [heading, item.prompt.strip()]
    if item.kind == "written":
        return "\n\n".join(parts)
    if item.specs:
        public = item.specs[0]
        if public.get("pool") or public.get("params") or public.get("rows"):
            return "\n\n".join([heading, VARIANT_NOTE])
        return "\n\n".join([heading, item.prompt.strip(), SHUFFLED_NOTE])
    if item.items:
        parts.append(f"**{item.item_noun}s**\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(item.items, 1)))
    if item.options:
        listed = "\n".join(f"- **{letter}**: {text}" for letter, text in zip(item.letters, item.options, strict=True))
        parts.append(f"**Options**\n\n{listed}" if item.items else listed)
    parts.append(_how_to_answer(item))
    return "\n\n".join(parts)


VARIANT_NOTE = ("Each student gets their own version of this question. Yours is shown just below once the quiz "
                "knows your student ID.")
SHUFFLED_NOTE = ("Each student sees these options in their own order, under their own letters. Yours are shown just "
                 "below once the quiz knows your student ID.")


def _json_literal(value: dict) -> str:
    """``value`` as a raw triple-quoted string holding JSON: no quote inside, so nothing but a string can be read
    from it (the answer forms run a show cell by themselves only when its source has exactly this shape)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True).replace("'", "\\u0027")
    return f"r'''{text}'''"


def _answer_source(item: Item) -> str:
    told = {"single": "choose in the form below, or type the letter between the quotes",
            "multiple": "tick in the form below, or type the letters between the quotes",
            "matching": "choose in the form below, or type a letter between each pair of quotes",
            "ordering": "choose in the form below, or type the letters in order between the quotes",
            "numeric": "type the number in the form below, or in place of None"}[item.kind]
    return (f"# {item.label}: {told}.\n{item.id} = {_placeholder(item)}\n"
            f"{SOLUTION_BEGIN}\n{item.id} = {py_literal(_key_value(item))}\n{SOLUTION_END}")


#: The first line of every quiz code cell but the last: the one import a student sees (then a blank line, as isort
#: wants, and one call).
IMPORT = "from course_lib.grading import quiz"


def _facts(item: Item) -> list[str]:
    """The arguments that tell the check and the grade what kind of answer to read (never the key)."""
    args = [f'"{item.id}"', f'"{item.kind}"']
    if item.kind == "numeric":
        args.append(f'unit="{item.unit}"')
    else:
        args.append(f'"{item.letters}"')
    if item.kind == "matching":
        args.append(f"n_items={len(item.items)}")
    return args


def _check_call(item: Item) -> str:
    args = _facts(item)
    if item.kind == "numeric":
        args.append(f"bounds=({item.range[0]:g}, {item.range[1]:g})")
    if item.kind == "matching":
        args.append(f'item_noun="{item.item_noun}"')
    if item.example:
        args += [f'label="{item.label}"', f"expected={py_literal(_key_value(item))}"]
    return f"quiz.check({', '.join(args)})"


def _grade_call(item: Item) -> str:
    args = [*_facts(item), f"key={py_literal(_key_value(item))}"]
    if item.kind == "numeric":
        args.append(f"tolerance={item.tolerance!r}")
    args.append(f"points={item.points:g}")
    if item.specs:
        # The declared key and, for autograde to work each student's own from, the whole variant with its keys.
        args.append(f"variant={_json_literal(item.specs[1])}")
    # Reloaded, so that nothing an answer cell patched takes part (see course_lib/grading/quiz.py). One line per item,
    # holding its key: no hidden line is shared, so the key-line search of releases and feedback has no false alarm.
    return f"__import__(\"importlib\").reload(quiz).grade({', '.join(args)})"


def _check_source(item: Item) -> str:
    source = f"{IMPORT}\n\n{_check_call(item)}"
    if item.example:
        return source
    return f"{source}\n{HIDDEN_BEGIN}\n{_grade_call(item)}\n{HIDDEN_END}"


def _form_metadata(item: Item) -> dict:
    """What the answer form draws (the contract with the JupyterLab extension); never the key."""
    meta: dict[str, Any] = {"kind": item.kind, "variable": item.id, "answer_cell": f"{item.id}_answer",
                            "question": item.label, "points": item.points}
    if item.kind == "numeric":
        meta.update(tolerance=item.tolerance, range=list(item.range), unit=item.unit)
    else:
        texts = zip(item.letters, item.options, strict=True)
        meta.update(options=item.letters, option_texts={letter: form_text(text) for letter, text in texts})
    if item.kind == "matching":
        meta.update(n_items=len(item.items), item_noun=item.item_noun,
                    item_texts=[form_text(text) for text in item.items])
    if item.example:
        meta["example"] = True
    return {"quiz_item": meta}


def _show_source(item: Item) -> str:
    public = {**item.specs[0], "how": _how_to_answer(item), "label": item.label,
              "item_noun": item.item_noun}
    return f'{IMPORT}\n\nquiz.show("{item.id}", {_json_literal(public)})'


def _item_cells(item: Item) -> list:
    prompt = _cell("markdown", _prompt(item), f"{item.id}_prompt", locked=True)
    if item.kind == "written":
        return [prompt, _cell("markdown", item.model_answer.strip(), item.id, solution=True, grade=True,
                              points=item.points)]
    answer = _cell("code", _answer_source(item), f"{item.id}_answer", solution=True)
    extra = {**_form_metadata(item), "jupyter": {"source_hidden": True}}
    if item.specs:
        extra["quiz_item"]["variant"] = True
    grade_id = f"{item.id}_check" if item.example else item.id
    check = _cell("code", _check_source(item), grade_id, grade=not item.example, locked=True,
                  points=item.points, extra=extra)
    if not item.specs:
        return [prompt, answer, check]
    show = _cell("code", _show_source(item), f"{item.id}_show", locked=True,
                 extra={"jupyter": {"source_hidden": True}})
    return [prompt, show, answer, check]


HOW_TO_ANSWER = """\
## How to answer

Under each question's answer cell is a form: choose your answer there with the mouse or the keyboard (Tab to the form,
arrow keys to choose, Space to tick). Your choice is written into the answer cell and the notebook is saved: nothing has
to be run for it to count, and the form says when the answer is saved.
Without the form (in another editor, for example), type in the answer cell: it already holds the quotes, so
`q6 = ""` becomes `q6 = "B"`; several letters go between the same quotes (`"A, C"`), and a number takes the place of
`None`.
The grader reads what you mean: letters in either case, with spaces, commas or brackets, curly quotes, a decimal comma
(`0,74`), or a percentage where a proportion is asked (`74%`). A different meaning still counts as different: a set of
letters where an order is asked, or a letter that is not an option.
The check under each answer cell (its code is folded away) says whether the grader can read your answer; it never says
whether the answer is right. Item 0 below lets you try every kind of question; it is not scored.
Written answers are graded by your instructor against the marking guide shown with the question."""

SUBJECT_NOTE = """\
## A note on the subject

This quiz is about what research says on a form of psychotherapy: it never asks about your own health or experiences.
The course is for learning, not a substitute for professional care; if you are struggling, please talk to a qualified \
professional or your local health service."""

SETUP = f"{IMPORT}\n\nquiz.start()"
SETUP_VARIANTS = IMPORT + '\n\nquiz.start(course="{course}", quiz="{quiz}")'

YOUR_ID = f"""\
## Your version of this quiz

Each student gets their own version of this quiz: the options of a question come in a different order, and some
questions use different numbers. On your course's JupyterHub the quiz knows who you are and there is nothing to do.
Otherwise, type your student ID in the box below (as your course or learning platform knows you), or between the
quotes in the cell: `{ID_NAME} = "s1234567"`. Your versions of the questions then appear under each heading. Your
answers are graded on the version for your ID, so please type it exactly."""

EXAMPLES_HEADING = """\
## Item 0: try each kind of question (not scored)

These five examples work like the real questions below. Try the form, or type in the answer cell, and run the check
under it to see what the grader reads. They count for nothing."""

SELF_STUDY = """\
## Studying on your own?

If you take this quiz for a class, submit it the way your instructor says: the button below is not how it is graded.
If you are studying alone, save the notebook (File → Save Notebook), then press **Grade my quiz**: the quiz is graded
on this computer, with each question's score and, where there is one, an explanation. The result is kept in your
progress record (lesson 00 says what that holds)."""

SELF_STUDY_BUTTON = """\
from course_lib.progress.selfcheck_button import selfcheck_button

selfcheck_button("{quiz}")"""

FOOTER = """\
## End of the quiz

Before you submit, save the notebook (File → Save Notebook): answers chosen in the forms are saved already.
To see every check at once, use Kernel → Restart Kernel and Run All Cells: each check says "answer read as …", and
"not answered yet" marks a question still to do."""


def render(quiz: Quiz) -> nbformat.NotebookNode:
    """The source notebook of ``quiz``, cell for cell, with nbgrader metadata."""
    # "How to answer" opens the examples cell, right where it is tried out, so no markdown cell runs past 300 words.
    header = "\n\n".join([f"# {quiz.title}", quiz.intro, SUBJECT_NOTE])
    cells = [_cell("markdown", header, "header", locked=True)]
    if quiz.variants.on:
        id_form = {"quiz_item": {"kind": "text", "variable": ID_NAME, "answer_cell": f"{ID_NAME}_answer",
                                 "question": "Your student ID"}}
        cells += [_cell("code", SETUP_VARIANTS.format(course=quiz.variants.course, quiz=quiz.name), "setup",
                        locked=True, extra=id_form),
                  _cell("markdown", YOUR_ID, "your_id", locked=True),
                  # Solution markers with nothing between them: the release keeps the line, as in every answer cell.
                  _cell("code", f'{ID_NAME} = ""\n{SOLUTION_BEGIN}\n{SOLUTION_END}', f"{ID_NAME}_answer",
                        solution=True)]
    else:
        cells.append(_cell("code", SETUP, "setup", locked=True))
    if quiz.examples:
        cells.append(_cell("markdown", HOW_TO_ANSWER + "\n\n" + EXAMPLES_HEADING, "examples", locked=True))
    else:
        cells[0].source = "\n\n".join([f"# {quiz.title}", quiz.intro, HOW_TO_ANSWER, SUBJECT_NOTE])
    for item in quiz.examples + quiz.items:
        cells += _item_cells(item)
    cells.append(_cell("markdown", FOOTER, "footer", locked=True))
    cells.append(_cell("markdown", SELF_STUDY, "self_study", locked=True))
    cells.append(_cell("code", SELF_STUDY_BUTTON.format(quiz=quiz.name), "self_study_button", locked=True))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for n, cell in enumerate(nb.cells):
        cell.id = f"{cell.metadata['nbgrader']['grade_id'].replace('_', '-')}-{n}"
    return nb


def source_path(name: str, assignments: Path = ASSIGNMENTS) -> Path:
    return assignments / "source" / name / f"{name}.ipynb"


def rendered_text(path: Path) -> str:
    return nbformat.writes(render(load_quiz(path))) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib.instructor.quizzes.build",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if a source notebook is stale")
    parser.add_argument("--assignments", type=Path, default=ASSIGNMENTS)
    args = parser.parse_args(argv)
    stale = []
    for path in sorted((args.assignments / "quizzes").glob("q*.toml")):
        target = source_path(path.stem, args.assignments)
        try:
            text = rendered_text(path)
        except (QuizDataError, tomllib.TOMLDecodeError) as error:
            print(f"cannot render the quiz: {error}", file=sys.stderr)
            return 2
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        if args.check:
            stale.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(args.assignments.parent)}")
    for target in stale:
        print(f"{target} differs from its data: run python -m course_lib.instructor.quizzes.build", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
