"""The shared state of the one-card-at-a-time exercises: dealing, rounds and the score."""

import pytest

from course_lib.widgets.drill import Drill, Score


class Cards(Drill[str]):
    noun = "card"

    def answer(self, correct: bool) -> bool:
        self._require_card()
        return self._count(correct)


def test_an_empty_deck_is_refused_in_plain_words():
    """An exercise with nothing to show says so instead of failing later."""
    with pytest.raises(ValueError, match="at least one card"):
        Cards([])


def test_every_card_once_per_round_and_never_twice_in_a_row():
    """A round shows every card once; the first card of a new round is never the one just shown."""
    for seed in range(30):
        drill = Cards("abcd", seed=seed)
        first_round = [drill.draw() for _ in range(4)]
        assert sorted(first_round) == list("abcd")
        assert drill.remaining == 0
        assert drill.draw() != first_round[-1]


def test_only_the_first_answer_to_a_card_counts():
    """Checking again after reading the explanation cannot raise the score."""
    drill = Cards("ab", seed=1)
    drill.draw()
    assert drill.answer(False) is True
    assert drill.answer(True) is False
    drill.draw()
    assert drill.answer(True) is True
    assert drill.score == Score(correct=1, attempted=2)
    assert str(drill.score) == "1 of 2"


def test_answering_before_drawing_is_refused():
    """There is nothing to judge before a card is shown."""
    with pytest.raises(RuntimeError, match="draw a card"):
        Cards("ab").answer(True)


def test_the_same_seed_deals_the_same_sequence_after_a_reset():
    """Start over reshuffles, and a seed still gives a repeatable exercise (tests and screenshots rely on it)."""
    one, two = Cards("abcdef", seed=7), Cards("abcdef", seed=7)
    assert [one.draw() for _ in range(6)] == [two.draw() for _ in range(6)]
    one.reset()
    assert one.score == Score() and one.current is None and one.remaining == 0
