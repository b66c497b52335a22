"""Tests for course_lib.charts.style: palette, design styles, labels and table rows."""

from course_lib.charts import DESIGN_STYLES, OKABE_ITO
from course_lib.charts.style import DESIGN_ORDER, caution, record_citations, record_labels, record_rows
from course_lib.evidence import DESIGNS, effect_size, select


def test_palette_is_okabe_ito():
    """The palette holds exactly Okabe and Ito's eight colours."""
    assert {c.upper() for c in OKABE_ITO.values()} == {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_each_design_has_its_own_colour_marker_and_hatch():
    """Every design has a distinct Okabe–Ito colour, a distinct marker and a distinct hatch."""
    assert set(DESIGN_STYLES) == set(DESIGNS) == set(DESIGN_ORDER)
    colours, markers, hatches = zip(*DESIGN_STYLES.values(), strict=True)
    assert len(set(colours)) == len(set(markers)) == len(set(hatches)) == len(DESIGNS)
    assert set(colours) <= set(OKABE_ITO.values())


def test_labels_carry_warnings_and_disambiguate():
    """Labels flag disputed and untraced headline figures, name odd metrics, and add the treatment on a clash."""
    labels = record_labels([effect_size(i) for i in ("leichsenring2008_between", "abbass2006_shedler_post",
                                                    "leichsenring2001_post")])
    assert labels[0].endswith("[DISPUTED]") and labels[1].endswith("[vs weak controls; not traced]")
    assert "(phi)" in labels[2]
    clash = record_labels(select(study_key="demaat2009", timepoint="follow_up"))
    assert len(set(clash)) == 2 and any("psychoanalysis" in label for label in clash)


def test_rows_and_citations():
    """Rows follow the records with their caution; citations add the critiques behind a disputed figure."""
    record = effect_size("leichsenring2008_between")
    row = record_rows([record])[0]
    assert row[0] == record.id and row[6] == 1.8 and row[-1] == caution(record) and "DISPUTED" in row[-1]
    assert record_citations([record], "shedler2010") == (
        "leichsenring2008", "thombs2011", "bhar2010", "leichsenring2011", "shedler2010")


def test_caution_says_whom_a_negative_value_favours_and_carries_the_tfp_dropout():
    """A negative head-to-head value names the arm it favours; every doering2010 figure carries its uneven dropout."""
    assert caution(effect_size("driessen2010_stpp_vs_other_post")) == "negative: favours other psychotherapies"
    tfp = caution(effect_size("doering2010_borderline_symptoms"))
    assert "38.5% with TFP against 67.3% with community therapists" in tfp
    assert caution(effect_size("keefe2014_vs_control")) == ""
