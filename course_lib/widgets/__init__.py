"""ipywidgets views, one module per widget family; each calls plain functions that hold its logic.

- ``concepts/``: the ideas (features, sessions, schools, defences, triangles, the continuum, a case, therapies).
- ``evidence/``: reading the evidence (effect sizes, comparisons, equivalence, who benefits, beyond symptoms).
- ``lesson_start``, ``tour``, ``drill``, ``glossary_browser``, ``review_quiz``: what several lessons share.

A lesson imports them through :mod:`course_lib.lesson`; this package stays empty so that importing one widget does
not import them all. The shared look is :mod:`course_lib.ui`.
"""
