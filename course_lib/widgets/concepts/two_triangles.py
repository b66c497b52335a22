"""The two triangles (lesson 01b): fill in Malan's triangle of conflict and triangle of person for a vignette.

``check_triangles`` judges a set of picks (a pure function); ``TwoTrianglesWidget`` shows the vignette, one labelled
drop-down per corner, Check (feedback per corner in a live region), Show answers and a vignette chooser.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

from course_lib.content.concepts.triangles import (
    CONFLICT_CORNERS,
    CORNERS,
    PERSON_CORNERS,
    TriangleVignette,
    triangle_vignettes,
)
from course_lib.ui.look import NO_CHOICE, WIDE_LABEL, CourseWidget, control, live_region, sized_button


@dataclass(frozen=True)
class CornerResult:
    corner: str
    label: str
    chosen: str  # "" when left empty
    right: str
    why: str

    @property
    def correct(self) -> bool:
        return self.chosen == self.right


@dataclass(frozen=True)
class TrianglesResult:
    results: tuple[CornerResult, ...]

    @property
    def correct(self) -> int:
        return sum(item.correct for item in self.results)

    @property
    def answered(self) -> int:
        return sum(bool(item.chosen) for item in self.results)

    def lines(self) -> list[str]:
        """One plain sentence per corner: right, wrong (with the right text) or left empty, and why."""
        out = []
        for item in self.results:
            if item.correct:
                out.append(f"{item.label}: right. {item.why}")
            elif item.chosen:
                out.append(f"{item.label}: not quite; it is \"{item.right}\". {item.why}")
            else:
                out.append(f"{item.label}: not filled in yet.")
        return out

    def __str__(self) -> str:
        return f"{self.correct} of {len(self.results)} corners right.\n" + "\n".join(self.lines())


def check_triangles(vignette: TriangleVignette, picks: dict[str, str]) -> TrianglesResult:
    """Judge the student's pick for each corner (missing corners count as not filled in)."""
    return TrianglesResult(tuple(
        CornerResult(corner, label, picks.get(corner, ""), vignette.answer(corner), vignette.why[corner])
        for corner, label in CORNERS
    ))


class TwoTrianglesWidget(CourseWidget):
    """A vignette, six labelled drop-downs in two groups, Check and Show answers, feedback announced."""

    def __init__(self, items: tuple[TriangleVignette, ...] | None = None):
        self.items = tuple(items or triangle_vignettes())
        self.chooser = control(widgets.Dropdown, options=[(v.title, v.id) for v in self.items],
                               value=self.items[0].id, description="Vignette:", style=WIDE_LABEL)
        self.story = control(widgets.HTML)
        # Each drop-down keeps its own layout: its options change with the vignette, its width with them.
        self.corners = {
            corner: widgets.Dropdown(options=[NO_CHOICE], value="", description=f"{label}:", style=WIDE_LABEL,
                                     layout=widgets.Layout(width="max-content"))
            for corner, label in CORNERS
        }
        self.check = sized_button("Check", button_style="primary", tooltip="Check every corner")
        self.show = sized_button("Show answers", tooltip="Fill in every corner and explain it")
        self.feedback = live_region()
        self.check.on_click(self._on_check)
        self.show.on_click(self._on_show)
        self.chooser.observe(self._on_vignette, names="value")
        conflict = control(widgets.HTML, value="<h4>Triangle of conflict</h4>")
        person = control(widgets.HTML, value="<h4>Triangle of person</h4>")
        super().__init__([
            self.chooser, self.story,
            conflict, *(self.corners[c] for c, _ in CONFLICT_CORNERS),
            person, *(self.corners[c] for c, _ in PERSON_CORNERS),
            control(widgets.HBox, children=[self.check, self.show]), self.feedback,
        ])
        self._show_vignette()

    @property
    def vignette(self) -> TriangleVignette:
        return next(v for v in self.items if v.id == self.chooser.value)

    def _show_vignette(self) -> None:
        item = self.vignette
        lines = "".join(f"<p>{html.escape(line)}</p>" for line in item.story.strip().splitlines())
        self.story.value = f"<h4>{html.escape(item.title)}</h4>{lines}"
        for corner, dropdown in self.corners.items():
            dropdown.options = [NO_CHOICE, *((text, text) for text in item.options(corner))]
            dropdown.value = ""
        self.feedback.value = ""

    def picks(self) -> dict[str, str]:
        return {corner: dropdown.value for corner, dropdown in self.corners.items()}

    def _render(self, result: TrianglesResult) -> None:
        items = "".join(f"<li>{'✔' if r.correct else '✘'} {html.escape(line)}</li>"
                        for r, line in zip(result.results, result.lines(), strict=True))
        self.feedback.value = (f"<p><strong>{result.correct} of {len(result.results)} corners right.</strong></p>"
                               f"<ul>{items}</ul>")

    def _on_check(self, button) -> None:
        if not any(self.picks().values()):
            self.feedback.value = "<p>Fill in at least one corner first, then press Check.</p>"
            return
        self._render(check_triangles(self.vignette, self.picks()))

    def _on_show(self, button) -> None:
        for corner, dropdown in self.corners.items():
            dropdown.value = self.vignette.answer(corner)
        self._render(check_triangles(self.vignette, self.picks()))

    def _on_vignette(self, change) -> None:
        self._show_vignette()


def two_triangles() -> TwoTrianglesWidget:
    """Display the two-triangles exercise."""
    return TwoTrianglesWidget()
