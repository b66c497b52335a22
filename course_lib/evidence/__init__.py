"""The course's verified effect sizes, their references, and the arithmetic that makes an effect size readable.

Data flow: data/effect_sizes.csv and data/references.toml → typed, validated records → arithmetic and charts.
Column meanings and provenance: README.md beside this file.

- ``records``: the typed record for one effect size; ``validation``: rows of the CSV into records, every field checked;
  ``loading``: load once, look up by id, filter; ``errors``: the one error for malformed data files.
- ``references``: the bibliography and citations; ``arithmetic``: d into U3, overlap, probability of superiority, NNT.
"""

from course_lib.evidence.arithmetic import cohen_label, interpret, nnt, overlap, prob_superiority, u3
from course_lib.evidence.errors import EvidenceDataError
from course_lib.evidence.loading import effect_size, load_effect_sizes, select
from course_lib.evidence.records import DESIGNS, TIMEPOINTS, EffectSize
from course_lib.evidence.references import Reference, cite, cite_all, load_references

__all__ = [
    "DESIGNS",
    "TIMEPOINTS",
    "EffectSize",
    "EvidenceDataError",
    "Reference",
    "cite",
    "cite_all",
    "cohen_label",
    "effect_size",
    "interpret",
    "load_effect_sizes",
    "load_references",
    "nnt",
    "overlap",
    "prob_superiority",
    "select",
    "u3",
]
