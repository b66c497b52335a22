"""Everything a lesson notebook calls, behind one import.

A lesson's setup cell is one import from this module and the call that records the run::

    from course_lib.lesson import evidence_explorer, practice, references, start_lesson

    start_lesson("05_evidence")

Nothing is imported when this module is: ``LESSON_NAMES`` maps each name to the module that defines it, and the
module ``__getattr__`` (PEP 562) imports that module the first time the name is asked for. So the import costs
nothing, and a lesson loads only the widgets and charts it shows (each lesson must run in 3 s headless).
An unknown name fails as any missing attribute does: ``AttributeError``, or ``ImportError`` from a ``from`` import,
naming it.
"""

from __future__ import annotations

import importlib

# name -> "module:attribute". One table, so a lesson's whole vocabulary is readable in one place and a test can
# check that every entry resolves.
LESSON_NAMES: dict[str, str] = {
    # Running a lesson: record the run, the course map, practice questions, references, progress.
    "start_lesson": "course_lib.widgets.lesson_start:start_lesson",
    "course_map": "course_lib.widgets.lesson_start:course_map",
    "objectives": "course_lib.widgets.lesson_start:objectives",
    "practice": "course_lib.practice.bank:practice",
    "references": "course_lib.ui.references:references",
    "all_references": "course_lib.content.reference_groups:all_references",
    "progress_view": "course_lib.progress:progress_view",
    "review_now": "course_lib.progress:review_now",
    # Lesson 00: the widget tour.
    "widget_tour": "course_lib.widgets.tour:widget_tour",
    # Lesson 01: the schools.
    "school_cards": "course_lib.widgets.concepts.schools_explorer:school_cards",
    "founder_matching": "course_lib.widgets.concepts.schools_explorer:founder_matching",
    # Lesson 01b: core concepts and the invented case.
    "case_walkthrough": "course_lib.widgets.concepts.case_walkthrough:case_walkthrough",
    "continuum_trainer": "course_lib.widgets.concepts.continuum:continuum_trainer",
    "spot_the_defence": "course_lib.widgets.concepts.spot_the_defence:spot_the_defence",
    "two_triangles": "course_lib.widgets.concepts.two_triangles:two_triangles",
    # Lessons 02 and 03: the distinctive features and how the therapy works.
    "feature_explorer": "course_lib.widgets.concepts.feature_explorer:feature_explorer",
    "spot_the_feature": "course_lib.widgets.concepts.spot_the_feature:spot_the_feature",
    "session_walkthrough": "course_lib.widgets.concepts.session_walkthrough:session_walkthrough",
    # Lesson 04: who benefits, and the manualised therapies.
    "who_benefits_map": "course_lib.widgets.evidence.who_benefits:who_benefits_map",
    "gains_after_therapy": "course_lib.widgets.evidence.who_benefits:gains_after_therapy",
    "therapies_overview": "course_lib.widgets.concepts.therapies_map:therapies_overview",
    "therapies_map": "course_lib.widgets.concepts.therapies_map:therapies_map",
    # Lesson 05: the evidence, as records, tables, charts and explorers.
    "effect_size": "course_lib.evidence.loading:effect_size",
    "select": "course_lib.evidence.loading:select",
    "kind_of_number": "course_lib.evidence_views.tables:kind_of_number",
    "disputed_cross_check": "course_lib.evidence_views.tables:disputed_cross_check",
    "by_design": "course_lib.charts.by_design:by_design",
    "forest": "course_lib.charts.forest:forest",
    "headline_comparison": "course_lib.charts.headline:headline_comparison",
    "post_vs_follow_up": "course_lib.charts.follow_up:post_vs_follow_up",
    "publication_bias": "course_lib.charts.publication_bias:publication_bias",
    "both_directions": "course_lib.widgets.evidence.both_directions:both_directions",
    "comparability_demo": "course_lib.widgets.evidence.comparability:comparability_demo",
    "effect_size_explorer": "course_lib.widgets.evidence.effect_size_explorer:effect_size_explorer",
    "equivalence_explorer": "course_lib.widgets.evidence.equivalence_explorer:equivalence_explorer",
    "evidence_explorer": "course_lib.widgets.evidence.evidence_explorer:evidence_explorer",
    # Lesson 06: beyond symptom relief.
    "claim_tracer": "course_lib.widgets.evidence.beyond_symptoms:claim_tracer",
    "study_summary": "course_lib.widgets.evidence.beyond_symptoms:study_summary",
    "beginning_vs_ending": "course_lib.widgets.evidence.beyond_symptoms:beginning_vs_ending",
    "design_exercise": "course_lib.widgets.evidence.beyond_symptoms:design_exercise",
    # Lesson 07: review.
    "review_quiz": "course_lib.widgets.review_quiz:review_quiz",
    "glossary_browser": "course_lib.widgets.glossary_browser:glossary_browser",
    "case_review": "course_lib.widgets.concepts.case_walkthrough:case_review",
}

__all__ = sorted(LESSON_NAMES)  # built from the table, so the two cannot drift


def __getattr__(name: str) -> object:
    """Import the module behind ``name`` on first use and keep the object, so later lookups are plain."""
    try:
        target = LESSON_NAMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    module, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(LESSON_NAMES))
