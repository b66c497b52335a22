"""Charts of the course's evidence: each a pure function from records (or a number) to a Chart, which carries
how to draw its matplotlib Figure (without pyplot, only when shown, and kept by the drawing cache in
``render_cache``), real alt text, the data table of exactly what is plotted, and the reference keys of its sources.
Colour-blind-safe Okabe–Ito palette; design told apart by marker shape as well as colour; disputed and untraced
figures flagged wherever they appear.

- ``chart``: ``Chart``, a figure with its alt text, data table and sources; ``style`` and ``layout``: the shared look
  and the fixed layout in inches; ``dot_panels``: the shared dot plot, one panel per design.
- One module per figure: ``forest``, ``by_design``, ``headline``, ``follow_up``, ``publication_bias``, ``curves``
  (two normal curves for a d), ``within_between`` and ``equivalence`` (the lesson 05 demos), ``progress`` (the
  learner's objectives).
- ``render_cache``: a lesson's fixed charts drawn once, not at every run.
"""

from course_lib.charts.by_design import by_design
from course_lib.charts.chart import Chart
from course_lib.charts.curves import effect_size_curves
from course_lib.charts.follow_up import post_vs_follow_up
from course_lib.charts.forest import forest
from course_lib.charts.headline import headline_comparison
from course_lib.charts.publication_bias import publication_bias
from course_lib.charts.style import DESIGN_STYLES, OKABE_ITO

__all__ = [
    "DESIGN_STYLES",
    "OKABE_ITO",
    "Chart",
    "by_design",
    "effect_size_curves",
    "forest",
    "headline_comparison",
    "post_vs_follow_up",
    "publication_bias",
]
