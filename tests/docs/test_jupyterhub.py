"""docs/jupyterhub.md says exactly what the hub test (tests/support/hub_class.py) does: every command and config line
the test runs as administrator or instructor is in the docs word for word, so following the docs is what was tested."""

from __future__ import annotations

from tests.support import hub_support
from tests.support.paths import ROOT

DOCS = (ROOT / "docs" / "jupyterhub.md").read_text()


def test_the_students_environment_is_installed_as_documented():
    """The install line (from the folder holding course-repo/, with its constraints, jupyterhub beside the course)
    and each switch that turns the instructor tools off for students."""
    assert "pip install -c course-repo/constraints.txt ./course-repo jupyterhub" in DOCS
    for command in hub_support.STUDENT_EXTENSIONS_OFF:
        assert "jupyter " + " ".join(command) in DOCS, command


def test_the_hub_settings_the_test_needs_are_documented():
    """The LocalProcessSpawner hub starts servers from the students' environment and opens JupyterLab."""
    assert 'c.Spawner.default_url = "/lab"' in hub_support.HUB_CONFIG and 'c.Spawner.default_url = "/lab"' in DOCS
    assert 'c.Spawner.cmd = ["/opt/course-env/bin/jupyterhub-singleuser"]' in DOCS


def test_the_site_config_is_where_both_sides_read_it():
    """/etc/jupyter/nbgrader_config.py names the shared exchange and the course id; the docs warn against the
    students' environment's own folder and name nbgrader's real default."""
    assert "sudo tee /etc/jupyter/nbgrader_config.py" in DOCS
    assert 'c.Exchange.root = "/srv/nbgrader/exchange"' in DOCS
    assert f'c.CourseDirectory.course_id = "{hub_support.COURSE_ID}"' in DOCS
    assert "/usr/local/share/nbgrader/exchange" in DOCS


def test_the_instructors_steps_are_documented():
    """The whole clone kept private, the formgrader turned on for the instructor alone, pointed at the course."""
    assert "chmod 700 ~/course-repo" in DOCS
    assert "sudo chmod 0700 /home/*" in DOCS
    for name, text in hub_support.INSTRUCTOR_FILES.items():
        assert f"cat > ~/{name} <<'EOF'\n{text}EOF" in DOCS, name


def test_students_are_told_where_nbgrader_puts_the_assignments():
    """The menu, the buttons and the link a student meets, by the names JupyterLab shows."""
    menus_and_buttons = ("**Nbgrader → Assignment List**", "**Fetch**", "**Submit**", "**Fetch Feedback**",
                         "**view feedback**")
    for words in menus_and_buttons:
        assert words in DOCS, words
