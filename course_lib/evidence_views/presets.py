"""The course's headline figures as presets for the effect-size explorer, each labelled with what kind of number it is.

Only row ids and short names live here; every value, design and note comes from the evidence records, so the
presets cannot drift from effect_sizes.csv.
"""

from __future__ import annotations

from dataclasses import dataclass

from course_lib.evidence import EffectSize, effect_size

__all__ = ["PRESET_IDS", "Preset", "caveat", "presets"]

# (row id, what the figure is about in a few words), in the order the lesson meets them.
PRESET_IDS: tuple[tuple[str, str], ...] = (
    ("abbass2006_shedler_post", "Shedler's headline for short-term psychodynamic therapy, end of therapy"),
    ("abbass2006_shedler_fu", "Shedler's headline, nine or more months after therapy"),
    ("turner2008_antidepressants", "antidepressants vs placebo"),
    ("haby2006_cbt", "CBT vs control conditions"),
    ("town2012_further", "further gain after psychodynamic therapy ended"),
    ("keefe2014_vs_active_post", "psychodynamic vs other active treatments (anxiety)"),
    ("cuijpers2019_adjusted", "psychotherapy for depression, adjusted for bias"),
    ("leichsenring2008_between", "long-term psychodynamic vs shorter therapies"),
)

_KIND = {
    "unspecified": "vs weak controls, value not traced",
    "within_group_pre_post": "within-group pre-post",
    "post_to_follow_up_change": "within-group change after therapy ended",
    "between_group_vs_control": "between-group vs control",
    "between_group_vs_active": "between-group vs active treatment",
    "between_group_vs_placebo": "between-group vs placebo",
}


@dataclass(frozen=True)
class Preset:
    """One headline figure: its record and the label the explorer's dropdown shows."""

    record: EffectSize
    about: str

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def d(self) -> float:
        return self.record.effect_size

    @property
    def label(self) -> str:
        kind = _KIND.get(self.record.design, self.record.design_label)
        flag = " — DISPUTED" if self.record.disputed else ""
        return f"{self.d:g} · {self.about} ({self.record.study_key}; {kind}){flag}"


def presets() -> tuple[Preset, ...]:
    """The explorer's presets, in teaching order."""
    return tuple(Preset(effect_size(row_id), about) for row_id, about in PRESET_IDS)


def caveat(record: EffectSize) -> str:
    """What kind of number the record is, and how far the explorer's two-group translations apply to it."""
    kind = f"{record.study_key}: {record.design_label.lower()}; metric: {record.metric_label}."
    if record.disputed:
        # The data note ends with an instruction to chart authors; the student needs only the reason.
        reason = record.note.removeprefix("DISPUTED:").replace("Chart only with this warning.", "").strip()
        return f"{kind} DISPUTED: {reason}"
    if record.untraced_headline:
        return (
            f"{kind} The review compared the therapy only with wait-list, usual care or minimal treatment, so the "
            "translations below describe an advantage over weak controls, not over another therapy or a placebo; "
            "and the value itself matches none of the review's reported results, so trace it before relying on it."
        )
    if not record.design.startswith("between_group"):
        return (
            f"{kind} This is change within one group, not a comparison with another group: the translations below "
            "read it as if it were one, which overstates what it shows."
        )
    return f"{kind} A comparison of two groups, so the translations below apply (with their usual assumptions)."
