"""``course report QUIZ``: item analysis from the gradebook, as HTML with a PNG plot and a CSV.

Per item: mean score, difficulty (mean / max: the share of the points the class earned) and
discrimination as the item-rest correlation (the item against the total of the other items; an
item nobody or everybody got right has no variance and no discrimination, shown as n/a).
Items still awaiting manual grading are listed but left out of the statistics, and so are students
whose grading failed or did not finish (``status``): they are named, with the reason, instead.
Each item comes with its question and the objectives it assesses (``item_info``); each choice item with how many
of the analysed students chose each option (``option_counts``) and the wrong option most of them chose. A quiz that
gives each student their own variant also gets difficulty per variant, a fairness flag and a list of possible copying
(``variant_report``), with ``variants.csv`` and ``copying.csv``.
"""

from __future__ import annotations

import csv
import html
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from course_lib.instructor.course import deadlines
from course_lib.instructor.course.coursedir import CourseError, reports_dir, require_quiz, source_notebooks
from course_lib.instructor.lms import record as lms_record
from course_lib.instructor.quizzes import variant_keys
from course_lib.instructor.report import class_answers, option_counts, variant_report
from course_lib.instructor.report.class_scores import ClassScores, class_scores
from course_lib.instructor.report.item_info import ItemInfo, item_info, shortened
from course_lib.instructor.report.option_tables import option_table
from course_lib.instructor.steps import variant_flags
from course_lib.instructor.steps.export import MISSING, NOT_GRADED, natural_key

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


def score_matrix(data: ClassScores) -> tuple[list[str], np.ndarray, np.ndarray, list[str]]:
    """(items analysed, scores[student, item], max per item, items awaiting manual grading) for the analysed
    students of ``data``, in their order."""
    items = sorted((i for i in data.maxima if i not in data.pending), key=natural_key)
    scores = np.array([[data.scores.get((s, i), 0.0) for i in items] for s in data.students], dtype=float).reshape(
        len(data.students), len(items))
    return items, scores, np.array([data.maxima[i] for i in items]), sorted(data.pending, key=natural_key)


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


def _write_item_csv(path: Path, stats: list[ItemStats], info: ItemInfo, wrong: dict[str, str]) -> None:
    with path.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["item", "question", "objectives", "max_score", "n", "mean", "difficulty", "discrimination",
                         "flags", "most_chosen_wrong_option"])
        for s in stats:
            objectives = "; ".join(f"{o} {t}".strip() for o, t in info.objectives_of(s.item))
            writer.writerow([s.item, info.question(s.item), objectives, f"{s.max_score:g}", s.n, _fmt(s.mean, 4),
                             _fmt(s.difficulty, 4), _fmt(s.discrimination, 4), "; ".join(s.flags),
                             wrong.get(s.item, "")])


def _item_row(s: ItemStats, info: ItemInfo, wrong: str) -> str:
    """One row of the items table: the question shortened, in full when opened; objectives with their text."""
    question = info.question(s.item)
    short = shortened(question)
    shown = (f"<details><summary>{html.escape(short)}</summary>{html.escape(question)}</details>"
             if short != question else html.escape(question))
    objectives = "".join(f"<li>{html.escape(o)}{': ' + html.escape(t) if t else ''}</li>"
                         for o, t in info.objectives_of(s.item))
    look = html.escape("; ".join([*s.flags, *([f"most chosen wrong option: {wrong}"] if wrong else [])])) or "none"
    return (f"<tr><th scope=\"row\">{html.escape(s.item)}</th><td>{shown}</td>"
            f"<td>{'<ul>' + objectives + '</ul>' if objectives else ''}</td><td>{s.max_score:g}</td>"
            f"<td>{_fmt(s.mean)}</td><td>{_fmt(s.difficulty)}</td><td>{_fmt(s.discrimination)}</td>"
            f"<td>{look}</td></tr>")


def write_report(course_dir: Path, quiz: str) -> dict[str, Path]:
    """Write ``item_analysis.csv``, ``option_counts.csv``, ``score_distribution.png`` and ``report.html`` under
    reports/<quiz>/, and ``variants.csv`` and ``copying.csv`` when the quiz has variants."""
    require_quiz(course_dir, quiz)
    data = class_scores(course_dir, quiz)
    students, failed = data.students, data.failed
    items, scores, maxima, pending = score_matrix(data)
    if not students:
        raise CourseError(f"no graded submissions of {quiz!r}; run: course autograde {quiz}")
    stats = item_stats(items, scores, maxima)
    info = item_info(course_dir, quiz)
    source = source_notebooks(course_dir, quiz)
    choice_items = option_counts.choice_items(source)
    varying = variant_report.variant_items(source)
    findings = variant_report.Findings(varying) if varying else None
    specs = {notebook: variant_keys.hidden_specs(nb) for notebook, nb in source.items()}
    class_answers.read_class(course_dir, quiz, students, {i.notebook for i in [*choice_items, *varying]},
                             option_counts.counting(choice_items, specs), *([findings.read] if findings else []))
    choices = {c.name: c for c in choice_items}
    wrong = {name: c.most_chosen_wrong_text() for name, c in choices.items()}
    folder = reports_dir(course_dir, quiz)
    paths = {"csv": folder / "item_analysis.csv", "options": folder / "option_counts.csv",
             "png": folder / "score_distribution.png", "html": folder / "report.html"}
    sections = ""
    if findings is not None:
        paths |= variant_report.write_csvs(folder, variant_report.analyse(findings, data))
        sections = variant_report.html_sections(findings, variant_flags.load(course_dir, quiz))
    else:  # a quiz that no longer varies keeps no variant tables from an earlier report
        for stale in ("variants.csv", "copying.csv"):
            (folder / stale).unlink(missing_ok=True)
    _write_item_csv(paths["csv"], stats, info, wrong)
    with paths["options"].open("w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(option_counts.csv_rows(
            [choices[i] for i in items if i in choices]))
    totals = scores.sum(axis=1)
    fig, alt = distribution_figure(totals, float(maxima.sum()), quiz)
    fig.savefig(paths["png"])
    values, counts = np.unique(totals, return_counts=True)
    rows = "".join(_item_row(s, info, wrong.get(s.item, "")) for s in stats)
    tables = "".join(option_table(choices[i]) for i in items if i in choices)
    if tables:
        tables = (f"<h2>Options chosen</h2>\n<p>Counts of the {len(students)} analysed students only (graded; "
                  "not those whose grading failed, not set aside, not missing). \"no answer\": the item (or that part "
                  "of it) was left without a letter; \"unreadable\": the answer could not be read as one of the "
                  "options. The key's option is marked (key).</p>\n" + tables)
    notes = "".join(f"<p>Note: {html.escape(note)}.</p>" for note in info.notes)
    dist = "".join(f"<tr><td>{v:g}</td><td>{c}</td></tr>" for v, c in zip(values, counts, strict=True))
    waiting = (f"<p>Awaiting manual grading, not analysed: {html.escape(', '.join(pending))}.</p>"
               if pending else "")
    late = {student: f"{minutes} min" for student, minutes in
            deadlines.minutes_late(course_dir, quiz, students).items()}
    marked = lms_record.late_marked(course_dir, quiz)
    late |= {student: f"marked late by {lms}" for student, lms in marked.items() if student in students}
    if late:
        waiting += "<p>Submitted late (analysed with the others): " + html.escape(", ".join(
            f"{student} ({how})" for student, how in late.items())) + ".</p>"
    unanalysed = [(why, data.not_analysed[why]) for why in (MISSING, NOT_GRADED) if why in data.not_analysed]
    if unanalysed:
        waiting += "<p>Not in the analysis: " + html.escape("; ".join(
            f"{why}: {', '.join(who)}" for why, who in unanalysed)) + ".</p>"
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
<thead><tr><th scope="col">Item</th><th scope="col">Question</th><th scope="col">Objectives</th>
<th scope="col">Max</th><th scope="col">Mean</th><th scope="col">Difficulty</th>
<th scope="col">Discrimination</th><th scope="col">Look at</th></tr></thead><tbody>{rows}</tbody></table>{notes}
<p>Look at: difficulty under {TOO_HARD:.2f} (too hard) or over {TOO_EASY:.2f} (too easy), discrimination under 0
(students who did well overall did worse on the item: check the key) or under {LOW_DISCRIMINATION:.2f}.</p>
{waiting}
<figure><img src="{paths['png'].name}" alt="{html.escape(alt)}"><figcaption>{html.escape(alt)}</figcaption></figure>
<table><caption>Score distribution</caption><tr><th scope="col">Total score</th><th scope="col">Students</th></tr>
{dist}</table>
{sections}{tables}
</body></html>
""")
    return paths
