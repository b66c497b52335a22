"""A class on a real JupyterHub, end to end in Chromium, set up as docs/jupyterhub.md says (tests/support/hub_class.py):
PAM logins through the hub's page, nbgrader's Assignment List, the quiz forms, the instructor's private clone, the
formgrader served by the hub, feedback fetched and opened in JupyterLab. Every score exact; no student reads the key
or another student's work. Needs root (real Unix accounts), npm (configurable-http-proxy) and Chromium; skipped
elsewhere with the reason."""

from __future__ import annotations

import pytest

# A venv set up before jupyterhub joined the test extra lacks it: skip with the fix rather than fail collection.
pytest.importorskip("jupyterhub", reason="jupyterhub is not installed: rerun make setup (it is in the test extra)")

from tests.support.browser_support import browser_available
from tests.support.hub_class import MANUAL_SCORE, WRITTEN, run_class
from tests.support.hub_support import unavailable_reason as hub_unavailable
from tests.support.unix_accounts import unavailable_reason as accounts_unavailable


def _unavailable() -> str | None:
    return accounts_unavailable() or hub_unavailable() or browser_available()


pytestmark = [pytest.mark.browser, pytest.mark.pipeline,
              pytest.mark.skipif(_unavailable() is not None, reason=str(_unavailable()))]


@pytest.fixture(scope="module")
def hub_class():
    return run_class()


def _totals(rows: list[dict]) -> dict[str, dict]:
    return {row["student"]: row for row in rows if row["item"] == "TOTAL"}


def test_students_environment_holds_no_answer_key(hub_class):
    """The course installed for students (not editable, from a checkout) carries no quiz data, no source notebook
    and no explanation of an answer."""
    assert hub_class["key_in_environment"] == []


def test_students_get_the_assignment_list_and_the_instructor_the_formgrader(hub_class):
    """With the docs' switches, a student's Nbgrader menu offers the Assignment List and no Formgrader (its address
    is not served either); the instructor's own server offers the Formgrader."""
    assert "Assignment List" in hub_class["student_menu"]
    assert "Formgrader" not in hub_class["student_menu"]
    assert hub_class["student_formgrader"] == 404
    assert "Formgrader" in hub_class["instructor_menu"]


def test_every_score_is_exact(hub_class):
    """alice clicked every form and wrote the written answer (22 + 3 by hand), bob typed plain answer lines (22, his
    written answer left blank), carol was half right (11); alice was pending manual grading until graded."""
    assert hub_class["autograde"].returncode == 0, hub_class["autograde"].stderr[-3000:]
    pending = _totals(hub_class["pending_export"])
    assert pending[hub_class["alice"]]["status"] == "pending manual grading"
    assert pending[hub_class["alice"]]["score"] == ""
    assert (hub_class["manual_grade"]["manual_score"], hub_class["manual_grade"]["needs_manual_grade"]) == (
        MANUAL_SCORE, False)
    totals = _totals(hub_class["export"])
    got = {who: (float(totals[hub_class[who]]["score"]), totals[hub_class[who]]["status"])
           for who in ("alice", "bob", "carol")}
    assert got == {"alice": (22 + MANUAL_SCORE, "complete"), "bob": (22.0, "complete"), "carol": (11.0, "complete")}


def test_each_student_fetches_their_own_feedback_in_the_tab(hub_class):
    """Each student fetched one feedback page from the Assignment List, their own; alice opened hers in JupyterLab
    and read her written answer and her total there."""
    pages = hub_class["feedback_pages"]
    assert hub_class["feedback"].returncode == 0, hub_class["feedback"].stderr[-2000:]
    assert hub_class["release_feedback"].returncode == 0, hub_class["release_feedback"].stderr[-2000:]
    assert {who: len(found) for who, found in pages.items()} == {hub_class[w]: 1 for w in ("alice", "bob", "carol")}
    assert WRITTEN in pages[hub_class["alice"]][0]
    assert all(WRITTEN not in pages[hub_class[w]][0] for w in ("bob", "carol"))
    shown = hub_class["feedback_in_lab"]
    assert WRITTEN in shown
    assert f"{22 + MANUAL_SCORE:.1f} / 26.0" in shown.replace("\n", " ")


@pytest.mark.parametrize("when", ["probes_before_collect", "probes"])
def test_a_student_cannot_read_the_key_the_gradebook_or_another_students_work(hub_class, when):
    """Before collection and after feedback, every attempt by alice to read the key (quiz data, source, the clone's
    git objects), the gradebook, bob's fetched quiz, his nbgrader cache or the exchange's inbound is refused."""
    for what, done in hub_class[when].items():
        assert done.returncode != 0 and not done.stdout, f"alice could read {what}"
        assert "Permission denied" in done.stderr or what == "bob's submission in the exchange", (what, done.stderr)

