"""Plain functions behind the evidence widgets and the evidence lesson (no ipywidgets here).

- ``effect_size``: what one d means in words (U3, overlap, probability of superiority, NNT).
- ``filters``: choose effect-size records by condition, design, timepoint and treatment.
- ``within_between``: a seeded simulation showing why pre-post and between-group d cannot be compared.
- ``equivalence``: 'not significantly different' versus 'equivalent', the verdict an interval supports against a
  margin.
- ``presets``: the headline figures as presets for the effect-size explorer, each labelled with its kind of number.
- ``tables``: small tables that say exactly what kind of number a figure is, and the 1.8 cross-check.
"""
