"""The course's verified effect sizes, their references, and the arithmetic that makes an effect size readable."""

from course_lib.evidence.arithmetic import cohen_label, interpret, nnt, overlap, prob_superiority, u3

__all__ = ["cohen_label", "interpret", "nnt", "overlap", "prob_superiority", "u3"]
