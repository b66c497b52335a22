"""Plain functions behind the evidence widgets and the evidence lesson (no ipywidgets here).

- ``effect_size``: what one d means in words (U3, overlap, probability of superiority, NNT) and the lesson's presets.
- ``filters``: choose effect-size records by condition, design, timepoint and treatment.
- ``within_between``: a seeded simulation showing why pre-post and between-group d cannot be compared.
- ``tables``: small tables that say exactly what kind of number a figure is, and the 1.8 cross-check.
"""
