"""A wide table that keyboard users can scroll: a focusable, labelled region around it.

Tables wider than a notebook's output area (a chart's data with a Caution column, say) scroll sideways; a region
that is not focusable cannot be scrolled without a mouse, and its cut-off columns stay unread (WCAG 2.1.1).
"""

from __future__ import annotations

import html


def scroll_region(inner_html: str, label: str) -> str:
    """``inner_html`` in a region that scrolls sideways, reached with Tab and named ``label`` for screen readers."""
    return (f'<div class="course-scroll" role="region" tabindex="0" aria-label="{html.escape(label, quote=True)}" '
            f'style="overflow-x:auto; max-width:100%">{inner_html}</div>')
