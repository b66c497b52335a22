"""Everything a student can read talks about the world (studies, claims, therapies), never about the course's own files.

Students must not be asked to reason about "the course brief" or about which figures "the course's data" hold: a
claim is either traced to a study or said to be untraced, in plain words. This suite scans every student-facing
text and names the file and phrase of each slip.
"""

import ast
import re
import tomllib
from pathlib import Path

import nbformat
import pytest

from tests.support.paths import ROOT

# Each pattern is a way of talking about our files rather than the world. "Brief" on its own stays allowed
# ("brief psychodynamic therapy", "in brief"); it is banned only where it names a document.
BANNED = {
    "course brief": re.compile(r"\bcourse[’']?s? brief\b", re.I),
    "the brief (as a document)": re.compile(
        r"\bthe brief\b(?=[.,;:)’']|\s+(?:names|lists|adds|argues|says|singles|summarises|claims|gives|does|cites|"
        r"takes|calls|puts|keeps|credits|attributes|mentions))", re.I),
    "brief's": re.compile(r"\bbrief[’']s\b", re.I),
    "verified data": re.compile(r"\bverified data\b", re.I),
    "verified figures": re.compile(r"\bverified (?:figures?|rows?|numbers?)\b", re.I),
    "the course's data": re.compile(r"\b(?:the|this) course[’']s (?:own |verified )?(?:data|figures|files|records)\b",
                                    re.I),
    "course's verified": re.compile(r"\bcourse[’']s verified\b", re.I),
    "course data": re.compile(r"\bcourse data\b", re.I),
    "course holds no": re.compile(r"\bcourse (?:holds|has) no (?:verified )?(?:figure|data)", re.I),
    "source read for this course": re.compile(r"\bsource read for this course\b", re.I),
}

# Python modules whose strings reach a student: widgets, charts, tables, practice cards, feedback messages, prompts.
STUDENT_MODULE_DIRS = (
    "widgets", "charts", "evidence_views", "content", "practice", "grading", "progress", "record", "ui",
)
STUDENT_MODULE_FILES = ("instructor/quizzes/build.py", "instructor/steps/feedback.py")


def banned_phrases(text: str) -> list[str]:
    """The names of the banned phrases found in ``text``."""
    return [name for name, pattern in BANNED.items() if pattern.search(text)]


def _toml_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _toml_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _toml_strings(v)]
    return []


def _python_strings(path: Path) -> list[str]:
    """String constants in a module, docstrings left out (they are for developers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def student_texts() -> list[tuple[str, str]]:
    """(file, text) for every piece of student-facing text in the repository."""
    texts: list[tuple[str, str]] = []
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    notebooks += sorted((ROOT / "assignments" / "source").glob("*/*.ipynb"))
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            texts.append((str(path.relative_to(ROOT)), cell.source))
    tomls = sorted((ROOT / "course_lib" / "content").rglob("*.toml")) + sorted(
        (ROOT / "assignments" / "quizzes").glob("*.toml"))
    for path in tomls:
        with path.open("rb") as handle:
            texts += [(str(path.relative_to(ROOT)), s) for s in _toml_strings(tomllib.load(handle))]
    lib = ROOT / "course_lib"
    modules = [p for d in STUDENT_MODULE_DIRS for p in sorted((lib / d).rglob("*.py"))]
    modules += [lib / f for f in STUDENT_MODULE_FILES]
    for path in modules:
        texts += [(str(path.relative_to(ROOT)), s) for s in _python_strings(path)]
    return texts


@pytest.mark.parametrize("text", [
    "The course brief names eight schools.",
    "The brief lists seven conditions.",
    "Empathy is on the brief's list.",
    "No figure is in the course's data.",
    "This course's verified data hold no figure for it.",
    "It is not among the course's verified figures.",
    "No effect sizes exist in the course data for this study.",
])
def test_talk_about_our_files_is_caught(text):
    """Each way of talking about the course's own files is recognised as banned."""
    assert banned_phrases(text), text


@pytest.mark.parametrize("text", [
    "Brief psychodynamic therapy lasts up to 40 hours.",
    "In brief, the trials found no reliable difference.",
    "The brief therapy arm did as well as the long one.",
    "No study could be traced for this claim.",
])
def test_ordinary_uses_of_brief_pass(text):
    """'Brief' as an adjective or in 'in brief', and statements about the world, are not flagged."""
    assert not banned_phrases(text), text


def test_the_scan_reaches_every_kind_of_student_text():
    """The scan reads lessons, quiz sources, content and quiz TOML, and widget/feedback modules."""
    files = {name for name, _ in student_texts()}
    for expected in ("notebooks/02_seven_distinctive_features.ipynb", "course_lib/content/glossary.toml",
                     "assignments/quizzes/q4_final.toml", "course_lib/widgets/evidence/who_benefits.py",
                     "course_lib/content/questions/03_how_it_works.toml"):
        assert expected in files, expected


def test_no_student_text_talks_about_the_course_files():
    """No lesson, widget, practice item, quiz, feedback message or glossary entry says 'course brief' and the like."""
    hits = sorted({f"{name}: {phrase}" for name, text in student_texts() for phrase in banned_phrases(text)})
    assert not hits, "student-facing text talks about the course's own files:\n" + "\n".join(hits)
