"""Render questions, hints and solutions as rich HTML for JupyterLab and as plain text everywhere else."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from course_lib.practice.model import Question

try:  # mistune ships with nbconvert (an nbgrader dependency): the same renderer Jupyter uses for markdown.
    import mistune

    _markdown = mistune.create_markdown(escape=False)
except ImportError:  # pragma: no cover - only without nbconvert; plain paragraphs still read fine
    _markdown = None

ANSWER_SHAPES = {
    "single": 'one option key as text, e.g. "B"',
    "multiple": 'a list of every option that applies, e.g. ["A", "C"]',
    "matching": 'a dictionary from each numbered item to an option, e.g. {"1": "B", "2": "A"}',
    "numeric": "a number, e.g. 0.79",
    "ordering": 'the item keys in order, e.g. ["C", "A", "B"]',
    "reflection": "a few sentences of text (not scored, not stored or sent anywhere)",
}


def markdown_html(text: str, *, inline: bool = False) -> str:
    """Markdown to HTML (authored course text only: it is trusted); ``inline`` drops the wrapping paragraph."""
    rendered = f"<p>{html.escape(text)}</p>" if _markdown is None else str(_markdown(text)).strip()
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


@dataclass(frozen=True)
class Display:
    """Something to show: HTML in JupyterLab, plain text in a terminal or a plain notebook front end."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def _options_html(options: dict[str, str], label: str) -> str:
    rows = "".join(
        f"<li><strong>{html.escape(k)}.</strong> {markdown_html(v, inline=True)}</li>" for k, v in options.items()
    )
    return f'<ul aria-label="{html.escape(label)}" style="list-style: none; padding-left: 0.5em;">{rows}</ul>'


def _options_text(options: dict[str, str]) -> list[str]:
    return [f"  {k}. {v}" for k, v in options.items()]


def option_text(question: Question, key: str) -> str:
    """An option key with its text, e.g. 'B. Focus on affect' (the key alone if unknown)."""
    text = question.options.get(key)
    return f"{key}. {text}" if text else key


def tolerance_text(question: Question) -> str:
    """How close a numeric answer must be, in words."""
    return f"answers within ±{question.tolerance:g} count as correct"


def answer_lines(question: Question) -> list[str]:
    """The answer key written out with the option text, one line per part."""
    key = question.normalised_answer()
    if question.kind == "single":
        return [option_text(question, key)]
    if question.kind == "multiple":
        return [option_text(question, k) for k in question.choices if k in key]
    if question.kind == "matching":
        return [f"{item}. {question.left[item]} → {option_text(question, key[item])}" for item in question.left]
    if question.kind == "ordering":
        return [f"{n}. {option_text(question, k)}" for n, k in enumerate(key, start=1)]
    if question.kind == "numeric":
        return [f"{key:g} ({tolerance_text(question)})"]
    return []


def prompt_display(question: Question) -> Display:
    """The question as a student first sees it: prompt, options, and the shape of answer to give."""
    parts = [f'<div class="course-question" role="group" aria-label="Practice question {html.escape(question.id)}">',
             f"<p><strong>Practice question {html.escape(question.id)}</strong></p>", markdown_html(question.prompt)]
    lines = [f"Practice question {question.id}", question.prompt]
    if question.kind in ("single", "multiple"):
        parts.append(_options_html(question.choices, "Options"))
        lines += _options_text(question.choices)
    elif question.kind == "matching":
        parts += ["<p>Items to match:</p>", _options_html(question.left, "Items to match"),
                  "<p>Options:</p>", _options_html(question.right, "Options")]
        lines += ["Items to match:", *_options_text(question.left), "Options:", *_options_text(question.right)]
    elif question.kind == "ordering":
        parts.append(_options_html(question.items, "Items to order"))
        lines += _options_text(question.items)
    shape = f"Answer with {ANSWER_SHAPES[question.kind]}."
    if question.kind == "numeric":
        shape = f"{shape[:-1]} ({tolerance_text(question)})."
    parts.append(f"<p><em>{html.escape(shape)}</em></p></div>")
    lines.append(shape)
    return Display("".join(parts), "\n".join(lines))


def references_lines(keys: tuple[str, ...]) -> list[str]:
    """Each reference key formatted with ``course_lib.evidence.cite`` where available, else the bare key."""
    try:
        from course_lib.evidence import cite
    except ImportError:  # the evidence library is optional here: a bare key is still a usable citation
        return list(keys)
    lines = []
    for key in keys:
        try:
            lines.append(str(cite(key)))
        except (KeyError, ValueError, LookupError):
            lines.append(f"{key} (reference not found)")
    return lines


def as_display(title: str, body: str) -> Display:
    """A titled note (a hint, say) with a markdown body."""
    return Display(
        f'<div class="course-note"><p><strong>{html.escape(title)}</strong></p>{markdown_html(body)}</div>',
        f"{title}\n{body}",
    )


def html_list(lines: list[Any], label: str) -> str:
    """Plain text lines as an HTML list (escaped)."""
    items = "".join(f"<li>{html.escape(str(line))}</li>" for line in lines)
    return f'<ul aria-label="{html.escape(label)}">{items}</ul>'
