"""The report's two sections on a quiz that gives each student their own variant: difficulty per variant with the
fairness flag (:mod:`.variant_fairness`), and possible copying (:mod:`.copying`), in the HTML and as ``variants.csv``
and ``copying.csv`` beside it. A quiz without variants gets neither.

Each analysed student's variant of each item, and its key, are derived as autograde derives them (from the hidden
specs of the quiz's source notebook, read once, as :func:`course_lib.instructor.quizzes.variant_keys.item_variant`
does); their score on it comes from the gradebook, their answer from their autograded notebook, read
(never run) in the pass :mod:`.class_answers` makes for the option counts too.
"""

from __future__ import annotations

import csv
import html
import math
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course_lib.grading import variants
from course_lib.instructor.quizzes import variant_keys
from course_lib.instructor.report import fairness_simulation, variant_fairness
from course_lib.instructor.report.class_answers import NotebookAnswers
from course_lib.instructor.report.class_scores import ClassScores
from course_lib.instructor.report.copying import Match, find_copying
from course_lib.instructor.report.variant_fairness import VariantRow
from course_lib.instructor.steps.export import natural_key

SHOWN_OTHERS = 10  # classmates named in a row of the copying table; the CSV names them all


def _grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


@dataclass(frozen=True)
class VariantItem:
    """One item of the quiz that varies between students."""

    name: str  # as in the report: the grade id, prefixed by the notebook in a quiz of several notebooks
    notebook: str
    spec: dict  # the hidden spec autograde derives each student's variant from
    meta: dict  # the check cell's quiz_item metadata (how the answer is read)


def variant_items(source: dict[str, nbformat.NotebookNode]) -> list[VariantItem]:
    """The quiz's variant items, in notebook order; empty when the quiz turns no variants on."""
    found = []
    for notebook, nb in source.items():
        specs = variant_keys.hidden_specs(nb)
        for cell in nb.cells:
            meta = cell.metadata.get("quiz_item")
            item = _grade_id(cell)
            if meta and item in specs:
                name = f"{notebook}:{item}" if len(source) > 1 else item
                found.append(VariantItem(name, notebook, specs[item], dict(meta)))
    return found


@dataclass
class Findings:
    """What the two sections show."""

    items: list[VariantItem]
    fairness: dict[str, list[VariantRow]] = field(default_factory=dict)
    copying: list[Match] = field(default_factory=list)
    answers: dict[str, dict[str, object]] = field(default_factory=dict)  # student -> item -> answer read
    versions: dict[str, dict[str, tuple]] = field(default_factory=dict)  # student -> item -> (key, group)

    def read(self, answers: NotebookAnswers) -> None:
        """Keep the student's key and variant of this notebook's variant items, and their answers (none from a
        notebook that cannot be read)."""
        mine = self.answers.setdefault(answers.student, {})
        versions = self.versions.setdefault(answers.student, {})
        for item in self.items:
            if item.notebook == answers.notebook:
                mine[item.name] = answers.reading(item.meta).answer
                seen = answers.view(item.spec)
                key = variants.key(item.spec, seen)  # as variant_keys.item_variant, without the texts it writes
                versions[item.name] = (key, variant_keys.group_of(item.spec, seen, key))


def analyse(findings: Findings, data: ClassScores) -> Findings:
    """Fill in the fairness rows (items analysed for everyone, scores as shares of the item's points) and the copying
    list, for the analysed students of ``data``, every one of whom was read into ``findings``."""
    students = data.students
    versions = findings.versions
    scored = [item.name for item in findings.items
              if data.maxima.get(item.name, 0) > 0 and item.name not in data.pending]
    findings.fairness = variant_fairness.fairness({
        name: [(versions[s][name][1], data.scores.get((s, name), 0.0) / data.maxima[name]) for s in students]
        for name in scored})
    tolerance = {item.name: float(item.meta.get("tolerance") or 0.0) for item in findings.items}
    answers = {s: findings.answers.get(s, {}) for s in students}
    findings.copying = find_copying(answers, lambda s, name: versions[s][name][0],
                                    [item.name for item in findings.items], tolerance=tolerance)
    return findings


def _fmt(x: float, digits: int = 2) -> str:
    return "n/a" if math.isnan(x) else f"{x:.{digits}f}"


def _p(x: float) -> str:
    return "n/a" if math.isnan(x) else "< 0.001" if x < 0.001 else f"{x:.3f}"


def write_csvs(folder: Path, findings: Findings) -> dict[str, Path]:
    """``variants.csv`` (one row per variant of each item) and ``copying.csv`` (one row per listing)."""
    paths = {"variants": folder / "variants.csv", "copying": folder / "copying.csv"}
    with paths["variants"].open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["item", "variant", "students", "difficulty", "difference_from_rest", "test", "p",
                         "p_holm", "verdict"])
        for rows in findings.fairness.values():
            for r in rows:
                writer.writerow([r.item, r.signature, r.n, _fmt(r.difficulty, 4), _fmt(r.effect, 4), r.test,
                                 "" if math.isnan(r.p) else f"{r.p:.6g}",
                                 "" if math.isnan(r.p_holm) else f"{r.p_holm:.6g}", r.verdict])
    with paths["copying"].open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["student", "whose_variant", "items", "expected_by_coincidence"])
        for m in findings.copying:
            writer.writerow([m.student, "; ".join(m.others), "; ".join(m.items), f"{m.chance:.3g}"])
    return paths


def _method() -> str:
    measured = fairness_simulation.MEASURED
    power = measured["power"][0.25]
    return (
        "<p>How variants are compared: each variant of an item is compared with the item's other variants taken "
        "together, by Fisher's exact test when the item is scored right or wrong and by the Mann–Whitney test when it "
        "gives partial credit. A variant is compared only when it and the other variants each have at least "
        f"{variant_fairness.MIN_STUDENTS} students; with fewer, its difficulty is too uncertain to judge, so it is "
        "shown but marked \"too few students to test\". All the comparisons of the quiz are corrected together "
        "(Holm's method), so that when every variant is equally hard, the chance of any flag in this table is at most "
        f"{variant_fairness.ALPHA:.0%}. In {measured['classes']:,} simulated classes of {measured['students']} "
        f"students with equal variants, {measured['false_alarm_rate']:.1%} had a flag; a variant whose chance of a "
        f"right answer was 0.25 lower (say 0.50 instead of 0.75) was flagged in {power:.0%} of classes of "
        f"{measured['students']} and {measured['power_500_students'][0.25]:.0%} of classes of 500. Smaller "
        "differences are often missed: no "
        "flag does not prove the variants equal, and a flag does not prove a variant unfair, only that it is worth "
        "reading again. When one variant is much harder, the others of its item can show as easier than the rest "
        "(the rest includes the hard one): read an item's variants together.</p>")


def _summary(findings: Findings) -> str:
    """One sentence: how many variants were compared and how many flagged, before the long table."""
    rows = [r for item_rows in findings.fairness.values() for r in item_rows]
    tested = [r for r in rows if r.test]
    flagged = [f"{r.item} {r.signature} ({r.verdict})" for r in rows if r.flagged]
    if not tested:
        return (f"<p>None of the {len(rows)} variants could be compared: each had fewer than "
                f"{variant_fairness.MIN_STUDENTS} analysed students (or the rest of its item had).</p>")
    found = f"flagged: {html.escape('; '.join(flagged))}" if flagged else "none flagged"
    return f"<p>{len(tested)} of {len(rows)} variants compared, {found}.</p>"


def _fairness_table(findings: Findings) -> str:
    rows = ""
    for item_rows in findings.fairness.values():
        for r in item_rows:
            verdict = f"<strong>{html.escape(r.verdict)}</strong>" if r.flagged else html.escape(r.verdict)
            rows += (f"<tr><td>{html.escape(r.item)}</td><th scope=\"row\">{html.escape(r.signature)}</th>"
                     f"<td>{r.n}</td><td>{_fmt(r.difficulty)}</td><td>{_fmt(r.effect)}</td>"
                     f"<td>{html.escape(_p(r.p_holm))}</td><td>{verdict}</td></tr>")
    return ("<table><caption>Difficulty per variant (difficulty: mean score as a share of the item's points; "
            "difference: this variant's difficulty minus that of the item's other variants together)</caption>"
            "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Variant</th><th scope=\"col\">Students</th>"
            "<th scope=\"col\">Difficulty</th><th scope=\"col\">Difference from the rest</th>"
            "<th scope=\"col\">p after correction</th><th scope=\"col\">Flag</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _others(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:SHOWN_OTHERS])
    more = len(names) - SHOWN_OTHERS
    return html.escape(shown + (f" and {more} more (all in copying.csv)" if more > 0 else ""))


def _copying_section(findings: Findings) -> str:
    intro = ("<h2>Possible copying</h2>\n<p>A student is listed when, on every variant item where a classmate was "
             "given a different key (at least two such items), they answered with the classmate's key and not with "
             "their own. Nothing is penalised: their score is what their own variant earned. A listing is a reason "
             "to talk with the student, not proof: the two may have worked together, or one may have answered "
             "the other's version by mistake (a wrong student ID, for instance). \"Expected by coincidence\" is how "
             "many classmates such answers would fit by chance alone; the lower it is, the less chance explains "
             "the fit. The list is also in copying.csv.</p>\n")
    if not findings.copying:
        return intro + "<p>No analysed submission answered a classmate's variant instead of its own.</p>\n"
    rows = "".join(
        f"<tr><th scope=\"row\">{html.escape(m.student)}</th><td>{_others(m.others)}</td>"
        f"<td>{html.escape(', '.join(m.items))}</td><td>{m.chance:.2g}</td></tr>" for m in findings.copying)
    return (intro + "<table><caption>Submissions that answered a classmate's variant</caption><thead><tr>"
            "<th scope=\"col\">Student</th><th scope=\"col\">Whose variant they answered</th>"
            "<th scope=\"col\">Items</th><th scope=\"col\">Expected by coincidence</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>\n")


def _flags_part(flags: dict[str, list[str]]) -> str:
    """The submissions ``course autograde`` flagged (``steps.variant_flags``), in its own sentences."""
    if not flags:
        return ""
    items = "".join(f"<li>{html.escape(student)}: {html.escape('; '.join(found))}</li>"
                    for student, found in sorted(flags.items(), key=lambda kv: natural_key(kv[0])))
    return ("<p>Flagged when graded (the notebook named or showed another student's version; each was graded on the "
            f"version of the ID it was graded under, and the flags are also in variant-flags.json):</p><ul>{items}"
            "</ul>\n")


def html_sections(findings: Findings, flags: dict[str, list[str]] | None = None) -> str:
    """The "Variants" and "Possible copying" sections of the report; ``flags``: what autograde flagged, by
    student."""
    names = ", ".join(item.name for item in sorted(findings.items, key=lambda i: natural_key(i.name)))
    variants = (f"<h2>Variants</h2>\n<p>Each student was given their own variant of {len(findings.items)} "
                f"item{'s' if len(findings.items) != 1 else ''} ({html.escape(names)}): the options in their own "
                "order, their own numbers, or one of equivalent questions. Variants are listed by what differs "
                "(\"key at C\": the right option was at C; \"pool 2\": the second of the equivalent questions; "
                "names with values: the numbers given). The table is also in variants.csv.</p>\n")
    if findings.fairness:
        variants += _method() + "\n" + _summary(findings) + "\n" + _fairness_table(findings) + "\n"
    else:
        variants += "<p>No variant item has been graded for everyone yet, so no difficulty is shown.</p>\n"
    return variants + _copying_section(findings) + _flags_part(flags or {})
