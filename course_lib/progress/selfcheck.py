"""Self-grading: a learner's finished quiz copy graded on their own machine by the instructors' pipeline.

The quiz is copied from the course into a private temporary course folder, released there, the learner's
notebook (wherever it lives, whatever it is called) is submitted as the quiz's notebook, and ``autograde`` runs
preflight and nbgrader on it, in the bubblewrap sandbox where it is usable. The scores are read back from that
temporary gradebook, set beside each item's explanation (``quizzes/<quiz>.toml``) and recorded in the learner's
progress. The temporary folder, with its copy of the answer key, is deleted afterwards; the learner's file is
only read.
"""

from __future__ import annotations

import html
import io
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course_lib.content.quiz_data import explanations, item_objectives
from course_lib.instructor.course import coursedir
from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.quizzes import variant_keys
from course_lib.instructor.steps import autograde, preflight, release, variant_flags
from course_lib.instructor.steps.submission import place_submission
from course_lib.record.store import Attempt, ProgressStore, QuizGrade, default_store

LEARNER = "self"
RIGHT, PARTLY, WRONG, UNANSWERED, BY_A_PERSON = "right", "partly right", "wrong", "not answered", "graded by a person"


@dataclass(frozen=True)
class ItemResult:
    id: str
    score: float
    max_score: float
    verdict: str  # one of RIGHT, PARTLY, WRONG, UNANSWERED, BY_A_PERSON
    explanation: str = ""
    objectives: tuple[str, ...] = ()


@dataclass
class SelfCheckResult:
    quiz: str
    items: list[ItemResult] = field(default_factory=list)
    sandboxed: bool = False
    repairs: list[str] = field(default_factory=list)
    recorded: bool = False
    not_recorded_because: str = ""

    @property
    def score(self) -> float:
        return sum(item.score for item in self.items if item.verdict != BY_A_PERSON)

    @property
    def max_score(self) -> float:
        return sum(item.max_score for item in self.items if item.verdict != BY_A_PERSON)

    def text(self) -> str:
        lines = [f"Quiz {self.quiz}: {self.score:g} of {self.max_score:g} points on the automatically graded items."]
        for item in self.items:
            points = "" if item.verdict == BY_A_PERSON else f" ({item.score:g} of {item.max_score:g})"
            lines.append(f"  {item.id}: {item.verdict}{points}")
            if item.explanation:
                lines.append(f"      Why: {item.explanation}")
        lines += [f"Note: {repair}" for repair in self.repairs]
        lines.append("Graded in the sandbox." if self.sandboxed else
                     "Graded without the sandbox (bubblewrap is not available here): your quiz code ran with your "
                     "own rights, as when you run the notebook yourself.")
        if self.recorded:
            lines.append("Saved in your progress record.")
        else:
            lines.append(f"Not saved in your progress record ({self.not_recorded_because})."
                         if self.not_recorded_because else "Not saved: recording is off.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th scope=\"row\">{html.escape(i.id)}</th><td>{html.escape(i.verdict)}</td>"
            f"<td>{'' if i.verdict == BY_A_PERSON else f'{i.score:g} of {i.max_score:g}'}</td>"
            f"<td>{html.escape(i.explanation)}</td></tr>" for i in self.items)
        return (f'<div role="status"><p><strong>Quiz {html.escape(self.quiz)}: {self.score:g} of '
                f"{self.max_score:g} points</strong> on the automatically graded items.</p></div>"
                f"<table><caption>Your quiz, item by item</caption><thead><tr><th scope=\"col\">Item</th>"
                f"<th scope=\"col\">Result</th><th scope=\"col\">Points</th><th scope=\"col\">Why</th></tr>"
                f"</thead><tbody>{rows}</tbody></table>")

    def __repr__(self) -> str:
        return self.text()


def _quiz_notebook(course_dir: Path, quiz: str) -> str:
    names = sorted(coursedir.source_notebooks(course_dir, quiz))
    if len(names) != 1:
        raise CourseError(f"quiz {quiz!r} has {len(names)} notebooks; self-checking handles one-notebook quizzes")
    return names[0]


def _read_learner_copy(path: Path, quiz: str, release_nb: nbformat.NotebookNode) -> bytes:
    """The learner's file, checked to be a notebook of this quiz (a clear CourseError otherwise)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CourseError(f"no file {path}; give the path of your saved copy of the quiz") from None
    except OSError as error:
        raise CourseError(f"cannot read {path}: {error.strerror}") from None
    try:
        data = preflight.parse_submission(raw)
    except preflight.Unreadable as error:
        raise CourseError(f"{path} cannot be graded: {error}") from None
    quiz_ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in release_nb.cells} - {None}
    found = {(c.get("metadata") or {}).get("nbgrader", {}).get("grade_id") for c in data["cells"]}
    if not quiz_ids & found:
        raise CourseError(f"{path} is not a copy of quiz {quiz!r} (none of its questions are in it)")
    return raw


def _verdicts(release_nb, graded_nb, gradebook_notebook) -> dict[str, str]:
    """Grade id → verdict; an autograded item is unanswered when the answer cell before its test is as released."""
    released = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in release_nb.cells}
    answer_before: dict[str, str] = {}
    last_answer = None
    for cell in release_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta.get("grade"):
            last_answer = meta["grade_id"]
        elif meta.get("grade") and last_answer:
            answer_before[meta["grade_id"]] = last_answer
    by_a_person = {c.metadata["nbgrader"]["grade_id"] for c in release_nb.cells
                   if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution")}
    sources = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in graded_nb.cells}
    verdicts = {}
    for grade in gradebook_notebook.grades:
        answer = answer_before.get(grade.name)
        if grade.name in by_a_person:  # a written answer, graded in the cell itself by the instructor
            verdicts[grade.name] = BY_A_PERSON
        elif answer and sources.get(answer, "").strip() == released.get(answer, "").strip():
            verdicts[grade.name] = UNANSWERED
        elif grade.score >= grade.max_score:
            verdicts[grade.name] = RIGHT
        elif grade.score > 0:
            verdicts[grade.name] = PARTLY
        else:
            verdicts[grade.name] = WRONG
    return verdicts


def _private_release(course_dir: Path, quiz: str, private: Path) -> Path:
    """A temporary course holding only this quiz, released; returns its root."""
    root = private / "course"
    (root / "source").mkdir(parents=True)
    shutil.copy2(course_dir / coursedir.CONFIG_NAME, root / coursedir.CONFIG_NAME)
    shutil.copytree(course_dir / "source" / quiz, root / "source" / quiz)
    check = release.release(root, quiz)
    if not check.ok:
        raise CourseError(f"the quiz {quiz!r} did not release cleanly: {check.problems[0]}")
    return root


def _grade_own_version(root: Path, quiz: str, learner_copy: bytes) -> dict:
    """For a quiz with variants: grade the version this learner's notebook shows (the JupyterHub user, else the ID
    they typed), by telling the private course's autograde whose it is; their versions, by item. {} without variants."""
    source = coursedir.source_notebooks(root, quiz)
    if not any(variant_keys.hidden_specs(nb) for nb in source.values()):
        return {}
    who = os.environ.get("JUPYTERHUB_USER", "") or variant_flags.typed_id(json.loads(learner_copy))
    if not who:
        raise CourseError("this quiz gives each student their own version, and your copy has no student ID yet: "
                          "type one in the box near its top (any name you like when you study alone), run the quiz "
                          "again to see your version, answer, save, then grade it")
    with (root / coursedir.CONFIG_NAME).open("a", encoding="utf-8") as config:
        config.write(f"\nc.OwnKeys.student_id = {who!r}  # course selfcheck: the learner's own version\n")
    return {item: seen for nb in source.values() for item, seen in
            variant_keys.student_variant(quiz, who, nb=nb).items()}


def _worked(course_dir: Path, quiz: str, versions: dict, root: Path) -> dict[str, str]:
    """The varying items' explanations worked for this learner: the course's data file's text (as for every other
    item), else the one the quiz was built with, in their letters and with their numbers."""
    from course_lib.grading import variants

    declared = explanations(course_dir, quiz, placeholders=True)
    specs = {item: spec for nb in coursedir.source_notebooks(root, quiz).values()
             for item, spec in variant_keys.hidden_specs(nb).items()}
    worked = {}
    for item, seen in versions.items():
        if item in declared and item in specs:
            worked[item] = variants.explain(specs[item], variants.view(specs[item], seen.student), declared[item])
        elif seen.explanation:
            worked[item] = seen.explanation
    return worked


def blank_copy(quiz: str, target: str | Path, *, course_dir: Path | None = None) -> Path:
    """Write a fresh student copy of ``quiz`` (no answers, no hidden tests) to ``target``, never over a file."""
    course_dir = Path(course_dir) if course_dir is not None else coursedir.resolve_course_dir()
    coursedir.require_quiz(course_dir, quiz)
    name = _quiz_notebook(course_dir, quiz)
    target = Path(target).expanduser().resolve()
    if target.exists():
        raise CourseError(f"{target} already exists; give a new file name (your answers there are kept)")
    with tempfile.TemporaryDirectory(prefix="course-selfcheck-") as private:
        root = _private_release(course_dir, quiz, Path(private))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / "release" / quiz / f"{name}.ipynb", target)
    return target


def selfcheck(quiz: str, notebook: str | Path, *, course_dir: Path | None = None, sandbox_mode: str = "auto",
              store: ProgressStore | None = None) -> SelfCheckResult:
    """Grade ``notebook`` as a submission of ``quiz`` in a private temporary course; record and return the result."""
    from nbgrader.api import Gradebook

    course_dir = Path(course_dir) if course_dir is not None else coursedir.resolve_course_dir()
    coursedir.require_quiz(course_dir, quiz)
    name = _quiz_notebook(course_dir, quiz)
    notebook = Path(notebook).expanduser().resolve()
    with tempfile.TemporaryDirectory(prefix="course-selfcheck-") as private:
        root = _private_release(course_dir, quiz, Path(private))
        release_nb = coursedir.release_notebooks(root, quiz)[name]
        learner_copy = _read_learner_copy(notebook, quiz, release_nb)
        versions = _grade_own_version(root, quiz, learner_copy)
        place_submission(root, quiz, LEARNER, {name: learner_copy})
        log = io.StringIO()
        outcome = autograde.autograde(root, quiz, workers=1, sandbox_mode=sandbox_mode, force=True, err=log)
        if LEARNER not in outcome.graded:
            why = outcome.failed.get(LEARNER) or next((e.reason for e in outcome.preflight.entries if e.reason), "")
            last = next((ln for ln in reversed(log.getvalue().splitlines()) if ln.strip()), "no reason given")
            raise CourseError(f"your quiz could not be graded: {why or last}")
        result = SelfCheckResult(quiz, sandboxed=outcome.sandboxed,
                                 repairs=[a for e in outcome.preflight.entries for a in e.actions])
        graded_nb = nbformat.read(root / "autograded" / LEARNER / quiz / f"{name}.ipynb", as_version=4)
        with Gradebook(coursedir.db_url(root)) as gradebook:
            submitted = gradebook.find_submission_notebook(name, quiz, LEARNER)
            verdicts = _verdicts(release_nb, graded_nb, submitted)
            whys, aims = explanations(course_dir, quiz), item_objectives(course_dir, quiz)
            whys |= _worked(course_dir, quiz, versions, root)
            order = [c.metadata["nbgrader"]["grade_id"] for c in release_nb.cells
                     if c.metadata.get("nbgrader", {}).get("grade")]
            grades = sorted(submitted.grades, key=lambda g: order.index(g.name) if g.name in order else len(order))
            result.items = [ItemResult(g.name, float(g.score or 0), float(g.max_score), verdicts[g.name],
                                       whys.get(g.name, ""), aims.get(g.name, ())) for g in grades]
    try:
        store = store if store is not None else default_store()
        if store is not None:
            _record(result, store)
            result.recorded = True
    except Exception as error:  # the grade is still shown; only saving it failed
        result.not_recorded_because = f"{type(error).__name__}: {error}"
    return result


def _record(result: SelfCheckResult, store: ProgressStore) -> None:
    now = time.time()
    outcome = {RIGHT: "correct", PARTLY: "incorrect", WRONG: "incorrect", BY_A_PERSON: "noted"}
    attempts = [Attempt(now, "quiz", f"{result.quiz}/{item.id}", item.objectives, outcome[item.verdict],
                        item.score, item.max_score) for item in result.items if item.verdict in outcome]
    store.add_quiz_grade(QuizGrade(now, result.quiz, result.score, result.max_score), attempts)
