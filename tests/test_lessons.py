"""The course map: every lesson, in order, with objectives that have stable ids."""

import re

import pytest

from course_lib.content import lessons as lessons
from course_lib.content.schema import ContentError
from course_lib.widgets import lesson_start


def test_lessons_are_in_teaching_order_with_unique_ids():
    """Ids sort in teaching order (00, 01, 01b, 02 … 07) and are unique, as are objective ids."""
    ids = [item.id for item in lessons.lessons()]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == 9
    assert ids.index("01b_core_concepts") == ids.index("01_what_is_psychodynamic_therapy") + 1
    objective_ids = [o.id for item in lessons.lessons() for o in item.objectives]
    assert len(objective_ids) == len(set(objective_ids))


def test_every_teaching_lesson_has_measurable_objectives_tied_to_its_number():
    """Lessons 01-07 each have objectives whose ids start with the lesson number (o2.1 in 02, o1b.1 in 01b)."""
    for item in lessons.lessons()[1:]:
        assert item.objectives, item.id
        number = f"{int(item.number[:2])}{item.number[2:]}"
        for objective in item.objectives:
            assert re.fullmatch(rf"o{number}\.\d+", objective.id), objective.id


def test_lesson_lookup_by_id_or_number_and_unknown_ids():
    """A lesson is found by id or number; an unknown one names the known ids."""
    assert lessons.lesson("02").id == "02_seven_distinctive_features"
    assert lessons.lesson("01").id == "01_what_is_psychodynamic_therapy"
    assert lessons.lesson("01b").id == "01b_core_concepts"
    assert lessons.lesson("05_evidence").title.startswith("The evidence")
    with pytest.raises(KeyError, match="known: 00_start_here"):
        lessons.lesson("99")


def test_objectives_render_as_html_and_plain_text():
    """Objectives display as a numbered list in JupyterLab and as text elsewhere."""
    view = lesson_start.objectives("05")
    assert view._repr_html_().count("<li>") == 6
    assert repr(view).splitlines()[1].startswith("1. Compute and interpret U3")


def test_course_map_links_written_lessons_and_lists_the_rest_by_title(tmp_path):
    """A lesson with a notebook is a link; one without is listed by title as coming soon."""
    (tmp_path / "01_what_is_psychodynamic_therapy.ipynb").write_text("{}")
    view = lesson_start.CourseMap(notebooks_dir=tmp_path)
    page = view._repr_html_()
    assert '<a href="01_what_is_psychodynamic_therapy.ipynb">' in page
    assert "The seven distinctive features <em>(coming soon)</em>" in page
    assert "[coming soon]" in repr(view) and "[01_what_is_psychodynamic_therapy.ipynb]" in repr(view)


def test_a_malformed_lessons_file_names_the_file_and_entry(tmp_path):
    """A lesson missing a field is reported with the file and the entry number."""
    bad = tmp_path / "lessons.toml"
    bad.write_text('[[lesson]]\nid = "00_x"\ntitle = "X"\n')
    with pytest.raises(ContentError, match=r"lessons\.toml, \[\[lesson\]\] entry 1"):
        lessons.lessons(bad)
