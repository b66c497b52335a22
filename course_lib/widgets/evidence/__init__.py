"""Widgets that teach reading the evidence: effect sizes, comparisons, equivalence, who benefits, beyond symptoms.

One module per widget (``effect_size_explorer``, ``evidence_explorer``, ``comparability``, ``equivalence_explorer``,
``both_directions``, ``who_benefits``, ``beyond_symptoms``); their logic lives in :mod:`course_lib.evidence_views`
and :mod:`course_lib.charts`.
"""
