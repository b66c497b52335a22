"""How feedback names the student's next step, which depends on where the question is answered.

In a cell the student types code (``q.hint()``, ``q.solution()``, an answer line with a placeholder); on a card they
press buttons and pick from controls, so there the same feedback speaks of Check, Hint and Show solution.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    """The words for the next step: what to do before checking, after a wrong answer, and to see the solution."""

    try_again: str
    check_again: str
    show_solution: str  # starts a sentence: "Call .solution()" / "Press Show solution"
    answer_first: dict[str, str]  # by kind; "*" for any other kind

    def to_answer(self, kind: str) -> str:
        """What to do before checking a question of ``kind`` ("choose an answer")."""
        return self.answer_first.get(kind, self.answer_first["*"])


IN_CODE = Voice(
    try_again="Try again, or ask for a hint with .hint().",
    check_again="check again",
    show_solution="Call .solution()",
    answer_first={"reflection": "write a few sentences", "*": "replace the placeholder with your answer"},
)

ON_CARD = Voice(
    try_again="Try again, or press Hint.",
    check_again="press Check",
    show_solution="Press Show solution",
    answer_first={
        "single": "choose an answer",
        "multiple": "tick every option that applies",
        "matching": "choose an option for every item",
        "ordering": "choose an item for every position",
        "numeric": "type a number",
        "*": "write a few sentences",
    },
)
