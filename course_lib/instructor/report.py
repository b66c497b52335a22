"""``course report QUIZ``: item analysis from the gradebook, as HTML with a PNG plot and a CSV.

Per item: mean score, difficulty (mean / max: the share of the points the class earned) and
discrimination as the item-rest correlation (the item against the total of the other items; an
item nobody or everybody got right has no variance and no discrimination, shown as n/a).
Items still awaiting manual grading are listed but left out of the statistics, and so are students
whose grading failed or did not finish (``status``): they are named, with the reason, instead.
"""

from __future__ import annotations

import csv
import html
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from nbgrader.api import Gradebook, MissingEntry

from . import deadlines, status
from .coursedir import CourseError, db_url, reports_dir, require_quiz
from .export import MISSING, NOT_GRADED, natural_key, score_rows

BLUE = "#0072B2"  # Okabe–Ito


# Flags for revision, by the usual rules of thumb of classical item analysis.
TOO_HARD, TOO_EASY, LOW_DISCRIMINATION = 0.30, 0.90, 0.20


@dataclass
class ItemStats:
    item: str
    max_score: float
    n: int
    mean: float
    difficulty: float
    discrimination: float  # nan when undefined

    @property
    def flags(self) -> list[str]:
        """What to look at when revising the item (empty when nothing stands out)."""
        found = []
        if self.difficulty < TOO_HARD:
            found.append("too hard")
        if self.difficulty > TOO_EASY:
            found.append("too easy")
        if self.discrimination < 0:
            found.append("negative discrimination")
        elif self.discrimination < LOW_DISCRIMINATION:
            found.append("low discrimination")
        return found


def score_matrix(course_dir: Path, quiz: str) -> tuple[list[str], list[str], np.ndarray, np.ndarray, list[str]]:
    """(students, items, scores[student, item], max per item, items awaiting manual grading)."""
    with Gradebook(db_url(course_dir)) as gb:
        try:
            assignment = gb.find_assignment(quiz)
        except MissingEntry as exc:
            raise CourseError(f"quiz {quiz!r} is not in the gradebook; release and autograde it first") from exc
        students, table, maxima, pending = [], {}, {}, set()
        failed = status.failed(course_dir, quiz)
        for student in sorted(gb.students, key=lambda s: natural_key(s.id)):
            if student.id in failed:
                continue
            try:
                submission = gb.find_submission(quiz, student.id)
            except MissingEntry:
                continue
            students.append(student.id)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    item = f"{notebook.name}:{grade.name}" if len(assignment.notebooks) > 1 else grade.name
                    maxima[item] = float(grade.max_score)
                    if grade.needs_manual_grade or grade.score is None:
                        pending.add(item)
                    table[(student.id, item)] = float(grade.score or 0.0)
    items = sorted((i for i in maxima if i not in pending), key=natural_key)
    scores = np.array([[table.get((s, i), 0.0) for i in items] for s in students], dtype=float).reshape(
        len(students), len(items))
    return students, items, scores, np.array([maxima[i] for i in items]), sorted(pending, key=natural_key)


def item_stats(items: list[str], scores: np.ndarray, maxima: np.ndarray) -> list[ItemStats]:
    """Mean, difficulty and item-rest correlation for each column of ``scores``."""
    totals = scores.sum(axis=1)
    stats = []
    for j, item in enumerate(items):
        column, rest = scores[:, j], totals - scores[:, j]
        if len(column) > 1 and column.std() > 0 and rest.std() > 0:
            r = float(np.corrcoef(column, rest)[0, 1])
        else:
            r = math.nan
        mean = float(column.mean()) if len(column) else math.nan
        stats.append(ItemStats(item, float(maxima[j]), len(column), mean,
                               mean / maxima[j] if maxima[j] else math.nan, r))
    return stats


def _fmt(x: float, digits: int = 2) -> str:
    return "n/a" if math.isnan(x) else f"{x:.{digits}f}"


def distribution_figure(totals: np.ndarray, max_total: float, quiz: str) -> tuple[Figure, str]:
    """Histogram of total scores and its alt text (what it shows, with the key numbers)."""
    fig = Figure(figsize=(6, 3.5), dpi=100)
    ax = fig.add_subplot()
    step = 1.0 if all(float(t).is_integer() for t in [*totals, max_total]) else 0.5
    bins = np.arange(0, max_total + 2 * step, step) - step / 2 if max_total / step <= 80 else 20
    ax.hist(totals, bins=bins, color=BLUE, edgecolor="black")
    ax.set_xlabel(f"Total score on the analysed items (out of {max_total:g})")
    ax.set_ylabel("Students")
    ax.set_title(f"Score distribution: {quiz}")
    fig.tight_layout()
    alt = (f"Histogram of total scores on the analysed items of {quiz} for {len(totals)} students, "
           f"out of {max_total:g} points: "
           f"mean {totals.mean():.2f}, median {np.median(totals):g}, lowest {totals.min():g}, "
           f"highest {totals.max():g}.") if len(totals) else f"No graded submissions of {quiz}."
    return fig, alt


def _not_analysed(course_dir: Path, quiz: str) -> dict[str, list[str]]:
    """Students with no score to analyse (missing, not graded), by the export's status; failed ones are named
    separately with their reason."""
    found: dict[str, list[str]] = {}
    for row in score_rows(course_dir, [quiz]):
        if row["item"] == "TOTAL" and row["status"] in (MISSING, NOT_GRADED):
            found.setdefault(row["status"], []).append(row["student"])
    return found


def write_report(course_dir: Path, quiz: str) -> dict[str, Path]:
    """Write ``item_analysis.csv``, ``score_distribution.png`` and ``report.html`` under reports/<quiz>/."""
    require_quiz(course_dir, quiz)
    students, items, scores, maxima, pending = score_matrix(course_dir, quiz)
    failed = status.failed(course_dir, quiz)
    if not students:
        raise CourseError(f"no graded submissions of {quiz!r}; run: course autograde {quiz}")
    stats = item_stats(items, scores, maxima)
    folder = reports_dir(course_dir, quiz)
    paths = {"csv": folder / "item_analysis.csv", "png": folder / "score_distribution.png",
             "html": folder / "report.html"}
    with paths["csv"].open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["item", "max_score", "n", "mean", "difficulty", "discrimination", "flags"])
        for s in stats:
            writer.writerow([s.item, f"{s.max_score:g}", s.n, _fmt(s.mean, 4), _fmt(s.difficulty, 4),
                             _fmt(s.discrimination, 4), "; ".join(s.flags)])
    totals = scores.sum(axis=1)
    fig, alt = distribution_figure(totals, float(maxima.sum()), quiz)
    fig.savefig(paths["png"])
    values, counts = np.unique(totals, return_counts=True)
    rows = "".join(f"<tr><td>{html.escape(s.item)}</td><td>{s.max_score:g}</td><td>{_fmt(s.mean)}</td>"
                   f"<td>{_fmt(s.difficulty)}</td><td>{_fmt(s.discrimination)}</td>"
                   f"<td>{html.escape(', '.join(s.flags)) or 'none'}</td></tr>" for s in stats)
    dist = "".join(f"<tr><td>{v:g}</td><td>{c}</td></tr>" for v, c in zip(values, counts, strict=True))
    waiting = (f"<p>Awaiting manual grading, not analysed: {html.escape(', '.join(pending))}.</p>"
               if pending else "")
    late = deadlines.minutes_late(course_dir, quiz, students)
    if late:
        waiting += "<p>Submitted late (analysed with the others): " + html.escape(", ".join(
            f"{student} ({minutes} min)" for student, minutes in late.items())) + ".</p>"
    unanalysed = _not_analysed(course_dir, quiz)
    if unanalysed:
        waiting += "<p>Not in the analysis: " + html.escape("; ".join(
            f"{why}: {', '.join(who)}" for why, who in unanalysed.items())) + ".</p>"
    if failed:
        names = "".join(f"<li>{html.escape(s)}: {html.escape(why)}</li>" for s, why in sorted(failed.items()))
        waiting += (f"<p>Not analysed, because their grading failed (rerun <code>course autograde "
                    f"{html.escape(quiz)}</code>):</p><ul>{names}</ul>")
    paths["html"].write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Item analysis: {html.escape(quiz)}</title></head>
<body>
<h1>Item analysis: {html.escape(quiz)}</h1>
<p>{len(students)} graded submissions. Difficulty is the mean score divided by the item's maximum
(higher means easier); discrimination is the correlation of the item with the total of the other items
(n/a when either has no spread).</p>
<table><caption>Items</caption>
<tr><th scope="col">Item</th><th scope="col">Max</th><th scope="col">Mean</th><th scope="col">Difficulty</th>
<th scope="col">Discrimination</th><th scope="col">Look at</th></tr>{rows}</table>
<p>Look at: difficulty under {TOO_HARD:.2f} (too hard) or over {TOO_EASY:.2f} (too easy), discrimination under 0
(students who did well overall did worse on the item: check the key) or under {LOW_DISCRIMINATION:.2f}.</p>
{waiting}
<figure><img src="{paths['png'].name}" alt="{html.escape(alt)}"><figcaption>{html.escape(alt)}</figcaption></figure>
<table><caption>Score distribution</caption><tr><th scope="col">Total score</th><th scope="col">Students</th></tr>
{dist}</table>
</body></html>
""")
    return paths
