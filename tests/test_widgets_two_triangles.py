"""Tests for course_lib.content.concepts.triangles and course_lib.widgets.concepts.two_triangles (no browser)."""

import pytest

from course_lib.content.concepts.triangles import CORNERS, TRIANGLES_FILE, load_triangles, triangle_vignettes
from course_lib.content.schema import ContentError
from course_lib.widgets.concepts.two_triangles import check_triangles, two_triangles


def right_picks(vignette):
    return {corner: vignette.answer(corner) for corner, _ in CORNERS}


def test_each_corner_offers_its_answer_among_plausible_options():
    """Every drop-down holds the right text and at least three other options from the same triangle."""
    for vignette in triangle_vignettes():
        for corner, _ in CORNERS:
            options = vignette.options(corner)
            assert vignette.answer(corner) in options and len(options) >= 4


def test_all_right_picks_score_six_of_six():
    """Filling every corner correctly is six of six, each with its explanation."""
    vignette = triangle_vignettes()[0]
    result = check_triangles(vignette, right_picks(vignette))
    assert result.correct == 6 and all(vignette.why[c] in str(result) for c, _ in CORNERS)


def test_swapping_anxiety_and_defence_is_caught():
    """The classic confusion, the anxiety put in the defence corner and back, scores those two corners wrong."""
    vignette = triangle_vignettes()[0]
    picks = right_picks(vignette) | {"anxiety": vignette.defence, "defence": vignette.anxiety}
    result = check_triangles(vignette, picks)
    assert result.correct == 4 and "Anxiety: not quite" in str(result)


def test_untouched_corners_read_as_not_filled_in():
    """Corners left empty are reported as not filled in, not as wrong answers."""
    result = check_triangles(triangle_vignettes()[0], {})
    assert result.answered == 0 and str(result).count("not filled in yet") == 6


def test_a_missing_explanation_is_refused(tmp_path):
    """A vignette whose 'why' lacks a corner is rejected with the file, entry and message."""
    text = TRIANGLES_FILE.read_text(encoding="utf-8")
    text = text.replace('why = { feeling = "Underneath', 'why = { feelings = "Underneath', 1)
    path = tmp_path / "triangles.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match=r"triangles\.toml, \[\[vignette\]\] entry 1 \(id = 'sofia'\).*one sentence"):
        load_triangles(path)


def test_widget_check_show_and_switch_vignette():
    """Check with nothing chosen asks for a choice; Show answers fills all six; another vignette clears them."""
    view = two_triangles()
    view.check.click()
    assert "Fill in at least one corner" in view.feedback.value
    view.corners["feeling"].value = view.vignette.feeling
    view.check.click()
    assert "1 of 6 corners right" in view.feedback.value
    view.show.click()
    assert "6 of 6" in view.feedback.value
    view.chooser.value = triangle_vignettes()[1].id
    assert all(d.value == "" for d in view.corners.values()) and view.feedback.value == ""


def test_widget_controls_are_named():
    """Every drop-down and button carries a label a screen reader can read."""
    view = two_triangles()
    assert all(d.description for d in view.corners.values())
    assert view.chooser.description and view.check.description and view.show.description
    assert "course-live" in view.feedback._dom_classes
