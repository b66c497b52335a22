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
    "unspecified": "Type not stated",
}

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
    def type_unknown(self) -> bool:
        """True when the kind of effect size was not stated in the source read (the abbass2006 0.97 and 1.51)."""
        return self.design == "unspecified"

    @property
    def design_label(self) -> str:
        """The design code in words."""
        return DESIGNS[self.design]

    @property
    def timepoint_label(self) -> str:
        """The timepoint code in words."""
        return TIMEPOINTS[self.timepoint]
