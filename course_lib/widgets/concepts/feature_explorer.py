"""Feature explorer (lessons 02 and 03): pick a feature, read what it is, and see example exchanges.

The view is stock ipywidgets; what it shows comes from the plain functions ``item_html``, ``exchange_html`` and
``choices``, which tests call directly.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course_lib.content.features import CbtActivity, Feature, cbt_activities, features
from course_lib.content.vignettes import Vignette, vignettes, vignettes_for
from course_lib.ui.look import SIZED_TO_LABEL, WIDE_LABEL, CourseWidget, control, sized_button

Item = Feature | CbtActivity


def choices(include_cbt: bool = False) -> list[tuple[str, str]]:
    """Dropdown options as (text, id): the seven features, then, if asked, the six CBT activities."""
    options = [(f"{f.number}. {f.name}", f.id) for f in features()]
    if include_cbt:
        options += [(f"CBT: {a.name}", a.id) for a in cbt_activities()]
    return options


def item_html(item: Item, *, show_mechanism: bool = False) -> str:
    """A feature or CBT activity as HTML: name, description, clinical term, and (optionally) its mechanism."""
    refs = ", ".join(item.references)
    if isinstance(item, CbtActivity):
        return (
            f"<h4>CBT-distinctive activity: {html.escape(item.name)}</h4>"
            f"<p>{html.escape(item.summary)}</p>"
            f"<p><em>One of six activities that set cognitive-behavioural sessions apart ({refs}).</em></p>"
        )
    parts = [
        f"<h4>Feature {item.number} of 7: {html.escape(item.name)}</h4>",
        f"<p>{html.escape(item.description)}</p>",
    ]
    if item.clinical_term:
        parts.append(f"<p><strong>Clinical term:</strong> {html.escape(item.clinical_term)}</p>")
    if show_mechanism:
        parts.append(f"<p><strong>How it is thought to help:</strong> {html.escape(item.mechanism)}</p>")
    parts.append(f"<p><em>Source: {refs}</em></p>")
    return "".join(parts)


def exchange_html(vignette: Vignette, *, with_explanation: bool = False) -> str:
    """One client–therapist exchange as HTML, optionally followed by its one-line explanation."""
    text = (
        f'<blockquote><p><strong>Client:</strong> "{html.escape(vignette.client)}"</p>'
        f'<p><strong>Therapist:</strong> "{html.escape(vignette.therapist)}"</p></blockquote>'
    )
    if with_explanation:
        text += f"<p><em>Why:</em> {html.escape(vignette.explanation)}</p>"
    return text


def _selector_label(include_cbt: bool) -> str:
    return "Feature or CBT activity:" if include_cbt else "Feature:"



class FeatureExplorer(CourseWidget):
    """A labelled selector over the features (CBT activities on request), a description card and examples."""

    def __init__(
        self, *, show_mechanism: bool = False, include_cbt: bool = False, items: tuple[Vignette, ...] | None = None
    ):
        self.show_mechanism = show_mechanism
        self.vignettes = tuple(vignettes() if items is None else items)
        self.by_id: dict[str, Item] = {i.id: i for i in (*features(), *cbt_activities())}
        self.example_index = 0
        self.show_cbt = control(
            widgets.Checkbox, value=include_cbt, description="Also list the six CBT-distinctive activities",
            style=WIDE_LABEL,
        )
        self.selector = control(
            widgets.Dropdown,
            options=choices(include_cbt),
            description=_selector_label(include_cbt),
            style=WIDE_LABEL,
            layout=SIZED_TO_LABEL,
        )
        self.card = control(widgets.HTML)
        self.example = control(widgets.HTML)
        self.another = sized_button("Show another example", tooltip="Show another exchange for this item")
        self.selector.observe(self._on_select, names="value")
        self.show_cbt.observe(self._on_toggle, names="value")
        self.another.on_click(self._on_another)
        heading = control(widgets.HTML, value="<strong>Example exchange</strong>")
        super().__init__([self.show_cbt, self.selector, self.card, heading, self.example, self.another])
        self._render()

    @property
    def examples(self) -> tuple[Vignette, ...]:
        return vignettes_for(self.selector.value, self.vignettes)

    def _render(self) -> None:
        self.card.value = item_html(self.by_id[self.selector.value], show_mechanism=self.show_mechanism)
        found = self.examples
        if not found:
            self.example.value = "<p>No example exchange for this item yet.</p>"
            self.another.disabled = True
            return
        self.another.disabled = len(found) < 2
        current = found[self.example_index % len(found)]
        position = f"<p><small>Example {self.example_index % len(found) + 1} of {len(found)}</small></p>"
        self.example.value = exchange_html(current, with_explanation=True) + position

    def _on_select(self, change) -> None:
        self.example_index = 0
        self._render()

    def _on_toggle(self, change) -> None:
        current = self.selector.value
        self.selector.options = choices(include_cbt=change["new"])
        self.selector.description = _selector_label(change["new"])
        # Keep the reader's place when it is still listed; a CBT item disappears when the list is narrowed.
        ids = [value for _, value in self.selector.options]
        self.selector.value = current if current in ids else ids[0]
        self._render()

    def _on_another(self, button) -> None:
        self.example_index += 1
        self._render()


def feature_explorer(*, show_mechanism: bool = False, include_cbt: bool = False) -> FeatureExplorer:
    """Display the feature explorer.

    ``show_mechanism=True`` adds how each feature is thought to help (lesson 03); ``include_cbt=True`` starts with
    the six CBT-distinctive activities listed after the features.
    """
    return FeatureExplorer(show_mechanism=show_mechanism, include_cbt=include_cbt)
