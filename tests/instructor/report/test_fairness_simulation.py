"""The fairness check on simulated classes: equal variants raise a flag in at most about 5% of classes, a variant
made 0.25 less likely right is found, and the figures the docs quote are what the simulation gives."""

from __future__ import annotations

import numpy as np

from course_lib.instructor.report import fairness_simulation as sim


def test_the_quoted_figures_are_what_the_simulation_measures():
    """MEASURED (quoted in the docs and the module docstrings) is recomputed exactly from its seed."""
    assert sim.measure() == sim.MEASURED, ("the simulation no longer gives the quoted figures: update MEASURED, the "
                                           "docstring of variant_fairness and the docs that quote them")


def test_equal_variants_raise_a_flag_in_at_most_about_five_percent_of_classes():
    """Over 1,000 classes (a seed of their own) with every variant equally hard, the share with any flag is at most
    0.05 plus a margin of two standard errors."""
    result = sim.simulate(1000, seed=2026)
    assert result.any_flagged <= 0.05 + 2 * (0.05 * 0.95 / 1000) ** 0.5


def test_a_variant_much_harder_is_flagged_in_a_class_of_five_hundred():
    """In a seeded class of 500, the variant made 0.25 less likely right is flagged, as harder, and no variant of
    another item is."""
    variant, scores = sim.simulate_class(np.random.default_rng(7), 1, students=500, harder_by=0.25, planted_item=3)
    flagged, effect = sim.judge(variant, scores)
    assert flagged[0, 3, 0] and effect[0, 3, 0] < -0.15
    assert not np.delete(flagged[0], 3, axis=0).any()


def test_most_classes_of_five_hundred_find_a_variant_much_harder():
    """Power: in classes of 500 the planted variant is flagged in more than nine classes of ten."""
    assert sim.simulate(200, harder_by=0.25, students=500, seed=11).planted_found > 0.9


def test_the_simulated_classes_have_the_declared_shape():
    """Each item has 3 or 4 variants in use, right-or-wrong items score 0 or 1 and partial-credit items quarters."""
    variant, scores = sim.simulate_class(np.random.default_rng(1), 2)
    assert variant.shape == scores.shape == (2, sim.STUDENTS, sim.ITEMS)
    used = [len(np.unique(variant[c, :, i])) for c in range(2) for i in range(sim.ITEMS)]
    assert set(used) <= {3, 4}
    binary = scores[:, :, : sim.ITEMS - sim.PARTIAL_ITEMS]
    assert set(np.unique(binary)) <= {0.0, 1.0}
    assert set(np.unique(scores[:, :, -sim.PARTIAL_ITEMS:])) <= {0.0, 0.25, 0.5, 0.75, 1.0}
