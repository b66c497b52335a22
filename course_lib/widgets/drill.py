"""The state behind the course's one-card-at-a-time exercises (spot the feature, spot the defence, the continuum).

A ``Drill`` deals its cards in a seeded shuffled order, one at a time, round after round (no card twice before every
card has been seen, and never the same card twice in a row across rounds), and keeps a running score in which only
the first answer to each card counts, so checking again after reading the explanation cannot raise it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Drill", "Score"]

Card = TypeVar("Card")


@dataclass(frozen=True)
class Score:
    correct: int = 0
    attempted: int = 0

    def __str__(self) -> str:
        return f"{self.correct} of {self.attempted}"


class Drill(Generic[Card]):
    """A seeded deck of cards and a score; subclasses judge answers and call ``_count`` with the verdict."""

    noun = "card"  # what a card is called in error messages: "exchange", "scene", "sentence"

    def __init__(self, cards: Sequence[Card], *, seed: int = 0):
        self.cards = tuple(cards)
        if not self.cards:
            raise ValueError(f"the exercise needs at least one {self.noun}")
        self.seed = seed
        self._rng = random.Random(seed)
        self.reset()

    def reset(self) -> None:
        """Start over: score back to 0 of 0 and a freshly shuffled deck (the sequence stays seed-determined)."""
        self.score = Score()
        self.current: Card | None = None
        self._deck: list[Card] = []
        self._answered = False

    @property
    def remaining(self) -> int:
        """How many cards are still unseen in this round."""
        return len(self._deck)

    def draw(self) -> Card:
        """The next card; a new round (reshuffled) starts only once every card has been seen."""
        if not self._deck:
            self._deck = list(self.cards)
            self._rng.shuffle(self._deck)
            # The deck is dealt from its end: keep the card just shown from coming straight back.
            if self.current is not None and len(self._deck) > 1 and self._deck[-1] == self.current:
                self._deck[0], self._deck[-1] = self._deck[-1], self._deck[0]
        self.current = self._deck.pop()
        self._answered = False
        return self.current

    def _require_card(self) -> Card:
        if self.current is None:
            raise RuntimeError(f"draw a {self.noun} before answering")
        return self.current

    def _count(self, correct: bool) -> bool:
        """Add the first answer to the current card to the score; True when this answer counted."""
        counted = not self._answered
        if counted:
            self.score = Score(self.score.correct + bool(correct), self.score.attempted + 1)
            self._answered = True
        return counted
