"""Practice answers are read by the course's one normaliser, :mod:`course_lib.grading.normalise`.

The lessons' practice cards and code checks and the graded quizzes therefore accept exactly the same forms ("b",
"(B)", "A, C", "C A D B", "0,69", "69%" where a proportion is asked, curly quotes) and refuse the same meanings.
This module only adapts the number reader to a practice question, which knows whether it asks for a proportion.
"""

from __future__ import annotations

from typing import Any

from course_lib.grading import normalise as _one
from course_lib.grading.normalise import AnswerFormatError, is_placeholder, matching, option, option_set, ordering, text

__all__ = ["AnswerFormatError", "is_placeholder", "matching", "number", "option", "option_set", "ordering", "text"]


def number(value: Any, *, proportion: bool = False) -> float:
    """A finite number, or text spelling one; a percent sign makes a proportion only where ``proportion`` is asked."""
    return _one.number(value, "proportion" if proportion else None)
