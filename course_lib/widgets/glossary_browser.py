"""Lesson 07 widget: browse the glossary: a labelled search box, a list of terms, and the chosen term's entry.

The entry shows the definition, a link to the lesson where the term is taught, its references, and one button per
related term (pressing one jumps to it). Searching and rendering are plain functions over ``content.glossary``.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course_lib.content.glossary import Term, load_glossary, search
from course_lib.content.lessons import lesson
from course_lib.ui.look import WIDE_LABEL, CourseWidget, control, live_region


def lesson_link(lesson_id: str) -> str:
    """An HTML link to a lesson notebook (notebooks sit side by side, so a relative link works)."""
    item = lesson(lesson_id)
    return f'<a href="{html.escape(item.filename)}">{item.number} · {html.escape(item.title)}</a>'


def term_html(entry: Term, terms: tuple[Term, ...] | None = None) -> str:
    """One glossary entry as HTML: definition, lesson link, related terms and reference keys."""
    terms = terms if terms is not None else load_glossary()
    names = {t.id: t.term for t in terms}
    parts = [
        f"<h4>{html.escape(entry.term)}</h4>",
        f"<p>{html.escape(entry.definition)}</p>",
        f"<p><strong>Taught in:</strong> {lesson_link(entry.lesson)}</p>",
    ]
    if entry.see_also:
        related = ", ".join(html.escape(names[i]) for i in entry.see_also)
        parts.append(f"<p><strong>See also:</strong> {related}</p>")
    if entry.references:
        parts.append(f"<p><strong>References:</strong> {html.escape(', '.join(entry.references))}</p>")
    return "".join(parts)


def term_text(entry: Term) -> str:
    """One glossary entry as plain text."""
    lines = [f"{entry.term}: {entry.definition}", f"Taught in: {lesson(entry.lesson).title} ({entry.lesson})"]
    if entry.see_also:
        lines.append(f"See also: {', '.join(entry.see_also)}")
    return "\n".join(lines)


class GlossaryBrowser(CourseWidget):
    """Search (``query``), pick (``terms``), read (``entry``); ``related`` holds one button per see-also term."""

    def __init__(self, terms: tuple[Term, ...] | None = None):
        self.all_terms = terms if terms is not None else load_glossary()
        self.query = control(
            widgets.Text,
            value="", description="Search the glossary:", placeholder="e.g. transference, NNT, blind",
            style=WIDE_LABEL, continuous_update=True,
        )
        self.count = live_region()
        self.terms = control(widgets.Select, options=[], description="Terms:", rows=10, style=WIDE_LABEL,
                             layout={"width": "28em"})
        self.entry = control(widgets.HTML)
        self.related = control(widgets.HBox)
        self.query.observe(self._filter, names="value")
        self.terms.observe(self._show, names="value")
        self._filter()
        super().__init__([self.query, self.count, self.terms, self.entry,
                          control(widgets.Label, value="Related terms (press one to open it):"), self.related])

    def matches(self) -> tuple[Term, ...]:
        return search(self.query.value, self.all_terms)

    def _filter(self, _change=None) -> None:
        found = self.matches()
        previous = self.terms.value
        self.terms.options = [(t.term, t.id) for t in found]
        noun = "term" if len(found) == 1 else "terms"
        self.count.value = f'<div>{len(found)} {noun} found.</div>'
        if previous in {t.id for t in found}:
            self.terms.value = previous
        elif found:
            self.terms.value = found[0].id
        else:
            self.terms.value = None
            self._show()

    def _show(self, _change=None) -> None:
        chosen = next((t for t in self.all_terms if t.id == self.terms.value), None)
        if chosen is None:
            query = html.escape(self.query.value.strip())
            self.entry.value = f"<p>No term matches “{query}”. Try a shorter or different word.</p>"
            self.related.children = ()
            return
        self.entry.value = term_html(chosen, self.all_terms)
        buttons = []
        for other_id in chosen.see_also:
            other = next(t for t in self.all_terms if t.id == other_id)
            button = control(widgets.Button, description=other.term, tooltip=f"Open “{other.term}”",
                             layout={"width": "auto"})
            button.on_click(lambda _b, target=other_id: self.show_term(target))
            buttons.append(button)
        self.related.children = tuple(buttons)

    def show_term(self, term_id: str) -> None:
        """Show one term, clearing the search first if it hides that term."""
        if term_id not in {t.id for t in self.matches()}:
            self.query.value = ""
        self.terms.value = term_id


def glossary_browser() -> GlossaryBrowser:
    """Show the glossary browser."""
    return GlossaryBrowser()
