"""Hints one at a time, and the full solution: the answer with its option text, why, and the references."""

from __future__ import annotations

import html

from course_lib.practice.display import Display, answer_lines, as_display, html_list, markdown_html, references_lines
from course_lib.practice.model import Question
from course_lib.practice.voice import IN_CODE, Voice


def hint(question: Question, number: int, voice: Voice = IN_CODE) -> Display:
    """Hint ``number`` (1-based) as 'Hint 2 of 3'; past the last, a note pointing to the solution in ``voice``."""
    total = len(question.hints)
    if number > total:
        return as_display(
            "No more hints",
            f"That was the last of {total} {'hint' if total == 1 else 'hints'}. "
            f"{voice.show_solution} to see the answer and why.",
        )
    return as_display(f"Hint {number} of {total}", question.hints[number - 1])


def solution(question: Question) -> Display:
    """The answer rendered with the option text (or the model answer), the explanation and the references."""
    parts_html, parts_text = [], []
    if question.kind == "reflection":
        parts_html.append(f"<p><strong>A model answer</strong> (one good answer among many):</p>"
                          f"{markdown_html(question.model_answer or '')}")
        parts_text += ["A model answer (one good answer among many):", question.model_answer or ""]
    else:
        lines = answer_lines(question)
        parts_html.append(f"<p><strong>Answer</strong></p>{html_list(lines, 'Answer')}")
        parts_text += ["Answer:", *(f"  {line}" for line in lines)]
    if question.explanation:
        parts_html.append(f"<p><strong>Why</strong></p>{markdown_html(question.explanation)}")
        parts_text += ["Why:", question.explanation]
    if question.references:
        refs = references_lines(question.references)
        parts_html.append(f"<p><strong>References</strong></p>{html_list(refs, 'References')}")
        parts_text += ["References:", *(f"  {ref}" for ref in refs)]
    title = f"Solution to {question.id}"
    return Display(
        f'<div class="course-note"><p><strong>{html.escape(title)}</strong></p>{"".join(parts_html)}</div>',
        "\n".join([title, *parts_text]),
    )
