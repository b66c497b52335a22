"""The typed record for one verified effect size, and the human labels for its design and timepoint codes."""

from __future__ import annotations

from dataclasses import dataclass

# Design codes used in effect_sizes.csv → labels a student can read. The design decides what a figure can be
# compared with: a within-group pre-post change is not a between-group difference (course-facts §5).
DESIGNS: dict[str, str] = {
    "within_group_pre_post": "Within-group change (pre to post)",
    "between_group_vs_control": "Between-group vs control condition",
    "between_group_vs_active": "Between-group vs another active treatment",
    "between_group_vs_placebo": "Between-group vs placebo",
    "post_to_follow_up_change": "Change from end of therapy to follow-up",
    "unspecified": "Between-group vs weak controls, value not traced",
}

# The only rows coded "unspecified" are Shedler's headline 0.97 and 1.51 (abbass2006_shedler_*). The data keep the
# code because the report read did not name the type; the course frames them as course-facts §5 says: the Cochrane
# review compared the therapy only with wait-list, usual care or minimal treatment, so a figure from it is a
# between-group difference against weak controls, and what stays open is that neither value can be found in the
# review's reported results.
UNTRACED_COMPARISON = "wait-list, usual care or minimal treatment (the review's only comparison)"
UNTRACED_METRIC = "standardised difference as Shedler reported it; not found among the review's reported values"

TIMEPOINTS: dict[str, str] = {
    "post": "End of treatment",
    "follow_up": "Follow-up",
    "short_term_follow_up": "Short-term follow-up",
    "long_term_follow_up": "Long-term follow-up",
}

# Whether Shedler (2010) quotes the figure, as judged when the data were verified.
IN_SHEDLER_2010 = ("yes", "likely", "no", "unknown")


@dataclass(frozen=True)
class EffectSize:
    """One row of effect_sizes.csv, typed. Column meanings: course_lib/evidence/README.md."""

    id: str
    study_key: str
    year: int
    condition: str
    treatment: str
    comparison: str
    design: str
    outcome: str
    timepoint: str
    effect_size: float
    metric: str
    ci_low: float | None
    ci_high: float | None
    n_studies: int | None
    n_patients: int | None
    in_shedler_2010: str
    verified_from: str
    note: str

    @property
    def disputed(self) -> bool:
        """True for a figure the data mark as disputed (its note starts with "DISPUTED")."""
        return self.note.startswith("DISPUTED")

    @property
    def untraced_headline(self) -> bool:
        """True for Shedler's 0.97 and 1.51: against weak controls, but not traceable to the review's own tables."""
        return self.design == "unspecified"

    @property
    def comparison_label(self) -> str:
        """What the figure compares with, in words (for the headline figures: the review's only comparison)."""
        return UNTRACED_COMPARISON if self.untraced_headline else self.comparison

    @property
    def metric_label(self) -> str:
        """The metric in words a student reads (phi named as what it is: a correlation for a 2×2 table)."""
        if self.untraced_headline:
            return UNTRACED_METRIC
        if self.metric.lower().startswith("phi"):
            return "phi (a correlation for a 2×2 table of therapy by outcome)"
        return self.metric

    @property
    def direction(self) -> str:
        """Which arm a negative between-group value favours, in words, or "" (positive favours ``treatment``)."""
        if self.design.startswith("between_group") and self.effect_size < 0:
            return f"negative: favours {self.comparison}"
        return ""

    @property
    def design_label(self) -> str:
        """The design code in words."""
        return DESIGNS[self.design]

    @property
    def timepoint_label(self) -> str:
        """The timepoint code in words."""
        return TIMEPOINTS[self.timepoint]
