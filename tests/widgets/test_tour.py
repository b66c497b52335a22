"""The lesson-00 practice widget: labelled controls whose feedback follows what the student sets."""

from course_lib.widgets.tour import WidgetTour, describe_choices


def test_plan_depends_on_minutes_and_pace():
    """More time or a quicker pace means more lessons per sitting."""
    assert describe_choices(30, "steady") == "With 30 minutes at a steady pace, plan about 1 lesson per sitting."
    assert "about 4 lessons" in describe_choices(60, "quick")
    assert describe_choices(0, "slow") == "Pick a number of minutes above zero."


def test_widget_controls_are_labelled_and_the_button_updates_feedback():
    """Each control has a visible label; pressing the button shows the plan for the chosen values."""
    tour = WidgetTour()
    assert all(control.description for control in (tour.minutes, tour.pace, tour.button))
    tour.minutes.value, tour.pace.value = 90, "slow"
    tour.button.click()
    assert "90 minutes at a slow pace, plan about 2 lessons" in tour.feedback.value
    assert "course-live" in tour.feedback._dom_classes  # the extension makes it the live region, once
