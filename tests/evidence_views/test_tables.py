"""Tests for course_lib.evidence_views.tables: kind-of-number table and the 1.8 cross-check."""

from course_lib.evidence_views.tables import disputed_cross_check, kind_of_number, paired_change_gaps


def test_kind_of_number_shows_each_headline_figure_with_its_design():
    """The headline table gives 0.97 as against weak controls (untraced) and 0.31 as vs placebo, in HTML and text."""
    table = kind_of_number(["abbass2006_shedler_post", "turner2008_antidepressants"])
    assert table.rows[0][0] == "0.97" and table.rows[0][4] == "Between-group vs weak controls, value not traced"
    assert "wait-list, usual care or minimal treatment" in table.rows[0][3]
    assert table.rows[1][0] == "0.31" and table.rows[1][4] == "Between-group vs placebo"
    assert "<caption>" in table._repr_html_() and "weak controls" in repr(table)
    assert "not stated" not in repr(table) and "verified data" not in repr(table)


def test_paired_gaps_come_from_the_data():
    """The long-term minus comparison pre-post differences are computed from leichsenring2008's paired rows."""
    gaps = {outcome: gap for outcome, _, _, gap in paired_change_gaps()}
    assert gaps == {"overall effectiveness": 0.49, "target problems": 0.55, "personality functioning": 0.71}


def test_cross_check_marks_the_18_disputed_and_gives_the_update():
    """The 1.8 row says DISPUTED, the 2011 range 0.44 to 0.68 is shown, and the rough-gauge caveat is stated."""
    table = disputed_cross_check()
    assert "DISPUTED" in table.rows[0][0] and table.rows[0][2] == "1.8"
    assert table.rows[-1][2] == "0.44 to 0.68"
    assert "rough gauge" in table.notes[0]
