"""course check-hub: each thing a class on this machine would expose or break is reported with its fix (real folders
and modes, the students' environment asked through its own Python), and a machine set up as the docs say is clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from course_lib.instructor.course import check_hub
from course_lib.instructor.course.check_hub import OK, PROBLEM

COURSE_ID = "psychodynamic-course"


def _site(folder: Path, exchange: Path, course_id: str = COURSE_ID) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(exchange)!r}\n"
        f"c.CourseDirectory.course_id = {course_id!r}\n")
    return folder


def _students_python(folder: Path, site: Path) -> str:
    """A 'students' environment': this Python, reading ``site`` as its system nbgrader config."""
    wrapper = folder / "students-python"
    wrapper.write_text(f'#!/bin/sh\nJUPYTER_CONFIG_PATH={site} exec {sys.executable} "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


def _course(folder: Path) -> Path:
    course = folder / "course"
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(f"c = get_config()  # noqa: F821\n"
                                               f"c.CourseDirectory.course_id = {COURSE_ID!r}\n")
    return course


def test_open_home_folders_are_named_with_the_chmod(open_folder):
    """A home others may enter (0755, Debian's default) is a problem naming it and `chmod 0700`; 0700 homes are ok."""
    homes = open_folder / "home"
    (homes / "alice").mkdir(parents=True, mode=0o700)
    (homes / "bob").mkdir(mode=0o755)
    homes.chmod(0o755)
    (homes / "alice").chmod(0o700)
    (homes / "bob").chmod(0o755)
    finding = check_hub.check_homes(homes)
    assert finding.status == PROBLEM and str(homes / "bob") in finding.what and str(homes / "alice") not in finding.what
    assert finding.fix.startswith(f"sudo chmod 0700 {homes / 'bob'};")
    (homes / "bob").chmod(0o700)
    assert check_hub.check_homes(homes).status == OK


def test_the_exchange_must_exist_be_sticky_and_hide_submissions(open_folder):
    """No exchange, one without the sticky bit, and an inbound students can list are each a problem with the fix;
    1777 with a write-only inbound is ok."""
    root = open_folder / "exchange"
    missing = check_hub.check_exchange(str(root), COURSE_ID)
    assert missing[0].status == PROBLEM and f"sudo chmod 1777 {root}" in missing[0].fix
    root.mkdir()
    root.chmod(0o777)
    no_sticky = check_hub.check_exchange(str(root), COURSE_ID)
    assert no_sticky[0].status == PROBLEM and "0777" in no_sticky[0].what
    root.chmod(0o1777)
    inbound = root / COURSE_ID / "inbound"
    inbound.mkdir(parents=True)
    inbound.chmod(0o755)
    listed = check_hub.check_exchange(str(root), COURSE_ID)
    assert [f.status for f in listed] == [OK, PROBLEM] and listed[1].fix == f"chmod o-r {inbound}"
    inbound.chmod(0o733)  # as nbgrader makes it: anyone may drop a submission in, nobody else may list them
    assert [f.status for f in check_hub.check_exchange(str(root), COURSE_ID)] == [OK, OK]


def test_students_reading_another_exchange_is_a_problem(tmp_path, monkeypatch):
    """The students' environment, asked through its own Python, reads another exchange and course id than the
    instructor's: both differences are problems, naming both sides and where one config would serve both."""
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(_site(tmp_path / "instructor-site", tmp_path / "srv-exchange")))
    students = _students_python(tmp_path, _site(tmp_path / "students-site", tmp_path / "other", "another-course"))
    findings = check_hub.compare_sides(check_hub.instructor_side(_course(tmp_path)), check_hub.probe(students))
    problems = [f for f in findings if f.status == PROBLEM]
    assert any(str(tmp_path / "srv-exchange") in f.what and str(tmp_path / "other") in f.what for f in problems)
    assert any("'another-course'" in f.what for f in problems)
    assert all("/etc/jupyter/nbgrader_config.py" in f.fix for f in problems)


def test_a_different_course_version_for_students_is_a_problem():
    """Students on another version of the course, or the same version number with other code, are told apart from
    the instructor's, with the reinstall as the fix."""
    mine = {"version": "0.1.0", "digest": "a"}
    for theirs, words in (({"version": "0.0.9", "digest": "b"}, "course 0.0.9"),
                          ({"version": "0.1.0", "digest": "b"}, "code differs"),
                          ({"version": None, "digest": None}, "not installed")):
        [finding] = check_hub.compare_course({"course": mine}, {"course": theirs, "python": "/opt/s/bin/python"})
        assert finding.status == PROBLEM and words in finding.what and "/opt/s/bin/python -m pip install" in finding.fix
    [same] = check_hub.compare_course({"course": mine}, {"course": dict(mine), "python": "/opt/s/bin/python"})
    assert same.status == OK


def test_formgrader_frame_on_jupyterhub_4_1_and_later():
    """JupyterHub 4.1+ blocks the formgrader's JupyterLab tab unless the hub uses subdomains: a problem whose fix
    names the formgrader's own browser tab; older hubs, subdomain hubs and a hub that sets its own frame policy are
    ok."""
    blocked = check_hub.check_formgrader_frame("5.2.1", Path("/etc/jupyterhub/jupyterhub_config.py"), "", {})
    assert blocked.status == PROBLEM and "frame-ancestors 'none'" in blocked.what
    assert "own browser tab" in blocked.fix and "enable_subdomains = True" in blocked.fix
    assert check_hub.check_formgrader_frame("4.0.2", None, "", {}).status == OK
    assert check_hub.check_formgrader_frame("4.1.5", None, "c.JupyterHub.enable_subdomains = True\n", {}).status == OK
    spawner_args = "c.Spawner.args = ['--ServerApp.tornado_settings={\"headers\": {\"Content-Security-Policy\": " \
                   "\"frame-ancestors \\'self\\'\"}}']\n"
    assert check_hub.check_formgrader_frame("4.1.5", None, spawner_args, {}).status == OK


def test_the_hubs_spawner_names_the_students_python(tmp_path):
    """Without --students-python the students' Python is the one beside the hub's Spawner.cmd."""
    bin_dir = tmp_path / "students" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python3").symlink_to(sys.executable)
    config = f"c.Spawner.cmd = ['{bin_dir / 'jupyterhub-singleuser'}']\nc.Spawner.default_url = '/lab'\n"
    assert check_hub.spawned_python(config) == str(bin_dir / "python3")
    assert check_hub.spawned_python("c.Spawner.cmd = ['jupyterhub-singleuser']\n") is None


def _check_hub(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course_lib.cli", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_a_machine_set_up_as_the_docs_say_is_clean_and_one_open_home_is_not(tmp_path, open_folder):
    """The whole command: private course, a 1777 site exchange read by both environments, private homes and a hub
    with subdomains exit 0 with every line ok or a note; opening one home turns it into exit 1 naming that home."""
    exchange = open_folder / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)
    site = _site(tmp_path / "site", exchange)
    homes = open_folder / "home"
    (homes / "alice").mkdir(parents=True)
    (homes / "alice").chmod(0o700)
    hub_config = tmp_path / "jupyterhub_config.py"
    hub_config.write_text("c.JupyterHub.enable_subdomains = True\n")
    course = _course(tmp_path)
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(site)}
    args = ("--course-dir", str(course), "check-hub", "--homes", str(homes), "--hub-config", str(hub_config),
            "--students-python", _students_python(tmp_path, site))
    clean = _check_hub(*args, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.startswith("course check-hub: ") and "no problems" in clean.stdout.splitlines()[0]
    assert "PROBLEM" not in clean.stdout and f"both environments use the exchange {exchange}" in clean.stdout
    (homes / "alice").chmod(0o755)
    opened = _check_hub(*args, env=env)
    assert opened.returncode == 1
    assert "1 problem(s)" in opened.stdout and f"fix: sudo chmod 0700 {homes / 'alice'}" in opened.stdout


def test_help_says_what_it_is_for_in_plain_words():
    """`course check-hub --help` says who it is for and what it checks."""
    shown = _check_hub("check-hub", "--help", env=dict(os.environ))
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    assert "home folders classmates can enter" in text and "--students-python" in text
