"""What lessons 00, 01b and 07 promise a self-learner: the source article named once, a plain safety section beside
the content note, and one extended case taught in 01b and reviewed in 07."""

import nbformat

from tests.support.paths import NOTEBOOKS

ARTICLE = "*What is psychodynamic psychotherapy?*"


def markdown(stem: str) -> str:
    path = next(p for p in NOTEBOOKS if p.stem == stem)
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


def code(stem: str) -> str:
    path = next(p for p in NOTEBOOKS if p.stem == stem)
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")


def test_lesson_00_names_the_source_article_once_and_says_what_the_course_does_with_it():
    """The article's title appears once, in lesson 00, with the plan: start from it, test it against research."""
    counts = {p.stem: markdown(p.stem).count(ARTICLE) for p in NOTEBOOKS}
    assert counts["00_start_here"] == 1 and sum(counts.values()) == 1
    text = markdown("00_start_here")
    assert "starts from" in text and "test them against the research" in text


def test_lesson_00_has_a_plain_safety_section_beside_the_content_note():
    """Harm, boundaries, a registered or licensed therapist, guidelines by country and where to turn in a crisis."""
    text = markdown("00_start_here")
    note = text.index("## A note on content")
    safety = text.index("## Studying this on your own")
    assert 0 < safety - note < 1500  # the next section: right beside the note
    end = text.find("\n## ", safety + 1)
    section = text[safety:end if end > 0 else None]
    for point in ("can harm", "some people get worse", "boundaries", "registered or licensed",
                  "depends on your country", "assessment first", "agree the goals", "guidelines differ",
                  "your own health service", "no substitute for care", "emergency services"):
        assert point in section.lower() or point in section, point
    assert not any(ch.isdigit() for ch in section), "no phone numbers or figures in the safety section"


def test_the_extended_case_is_taught_in_01b_and_reviewed_in_07():
    """Lesson 01b walks through the case; lesson 07 reviews it with questions and starts from transference."""
    assert "case_walkthrough()" in code("01b_core_concepts")
    assert "case_review()" in code("07_review")
    review = markdown("07_review")
    assert "Sofia" in review and "transference" in review and "lesson 01b" in review
