"""Tests for the therapies map (lesson 04) and the both-directions view (lesson 05)."""

from course_lib.widgets.concepts.therapies_map import therapies_map, therapies_overview_html
from course_lib.widgets.evidence.both_directions import both_directions, findings_html


def test_picker_is_named_and_marks_the_therapies_set_apart():
    """The picker has a label, and IPT and CAT carry 'set apart, not psychodynamic' in their option names."""
    view = therapies_map()
    assert view.picker.description == "Therapy"
    apart = [label for label, _ in view.picker.options if "set apart" in label]
    assert len(apart) == 2 and any("IPT" in label for label in apart)


def test_choosing_ipt_announces_it_is_set_apart_and_shows_why():
    """Picking IPT announces 'set apart' in the live region and shows the reason as a note."""
    view = therapies_map()
    view.picker.value = "ipt"
    assert "course-live" in view.status._dom_classes and "set apart" in view.status.value
    assert 'role="note"' in view.details.value and "here-and-now" in view.details.value


def test_choosing_tfp_lists_its_trials_and_its_manual():
    """TFP shows its manual's full reference and the trials that tested it, with which way each came out."""
    view = therapies_map("tfp")
    assert "Yeomans" in view.details.value and "doering2010" in view.details.value
    assert "tested in 2 trials" in view.status.value


def test_overview_sets_ipt_and_cat_apart_in_their_own_table():
    """The static overview has one table for the seven psychodynamic therapies and another for the two set apart."""
    page = therapies_overview_html()
    assert page.count("<table>") == 2
    first, second = page.split("</table>")[:2]
    assert "MBT" in first and "IPT" not in first and "IPT" in second and "CAT" in second


def test_direction_filter_announces_the_count_and_filters():
    """Filtering to 'the other treatment came out ahead' announces the count and lists only those findings."""
    view = both_directions()
    assert "all 13 findings" in view.status.value
    view.picker.value = "favours_other"
    assert "Showing 4 findings" in view.status.value
    assert "tolin2010" in view.list.value and "doering2010" not in view.list.value


def test_full_list_groups_findings_under_each_direction():
    """Unfiltered, every direction has a heading, with the TFP trial under 'psychodynamic therapy came out ahead'."""
    page = findings_html()
    assert page.count("<h4>") == 4
    assert page.index("doering2010") > page.index("The psychodynamic therapy came out ahead")


def test_overview_displays_as_html_in_the_lesson():
    """therapies_overview() is a displayable HTML object holding the same two tables."""
    from course_lib.widgets.concepts.therapies_map import therapies_overview

    assert therapies_overview().data == therapies_overview_html()
