"""The instructor lands on the students' exchange: the course's config sets Exchange.root only where nbgrader on its
own would pick another folder than the one the site made (docs/jupyterhub.md; issue: the site config placed in the
students' environment, unseen by the instructor's .venv, sent nbgrader release_assignment to nbgrader's default)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

from nbgrader.exchange.default.exchange import Exchange

from course_lib.instructor.course import coursedir, exchange


def _site_config(folder: Path, root: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(f"c = get_config()  # noqa: F821\nc.Exchange.root = {str(root)!r}\n")
    return folder


def test_the_default_is_nbgraders_own():
    """The folder the course treats as nbgrader's default is the one the installed nbgrader uses."""
    assert exchange.NBGRADER_DEFAULT_ROOT == Exchange().root == "/usr/local/share/nbgrader/exchange"


def test_a_shared_exchange_no_config_names_is_set_explicitly(tmp_path, monkeypatch):
    """/srv/nbgrader/exchange made by the administrator, named only in the students' environment: the course sets
    it, so the instructor's release goes where students fetch, not to nbgrader's default."""
    shared = tmp_path / "srv" / "nbgrader" / "exchange"
    shared.mkdir(parents=True)
    monkeypatch.setattr(exchange, "NBGRADER_DEFAULT_ROOT", str(tmp_path / "usr-local-missing"))
    assert exchange.exchange_root_to_set(tmp_path / "course", folders=[], shared_root=str(shared)) == str(shared)
    assert not (tmp_path / "course" / "exchange").exists()


def test_a_configured_exchange_is_left_to_nbgrader(tmp_path, monkeypatch):
    """A site config naming the exchange wins: the course sets nothing, even when /srv/nbgrader/exchange exists."""
    shared = tmp_path / "srv"
    shared.mkdir()
    site = _site_config(tmp_path / "etc", tmp_path / "named")
    monkeypatch.setattr(exchange, "NBGRADER_DEFAULT_ROOT", str(tmp_path / "usr-local-missing"))
    assert exchange.exchange_root_to_set(tmp_path / "course", folders=[str(site)], shared_root=str(shared)) is None


def test_nbgraders_default_folder_is_left_to_nbgrader(tmp_path, monkeypatch):
    """Where nbgrader's own default folder exists, students and instructor both land there without any setting."""
    default = tmp_path / "usr-local"
    default.mkdir()
    monkeypatch.setattr(exchange, "NBGRADER_DEFAULT_ROOT", str(default))
    assert exchange.exchange_root_to_set(tmp_path / "course", folders=[], shared_root=str(tmp_path / "srv")) is None


def test_a_single_user_machine_gets_a_private_exchange(tmp_path, monkeypatch):
    """No config, no shared folder: a private <course>/exchange, readable by its owner only."""
    monkeypatch.setattr(exchange, "NBGRADER_DEFAULT_ROOT", str(tmp_path / "usr-local-missing"))
    root = exchange.exchange_root_to_set(tmp_path, folders=[], shared_root=str(tmp_path / "srv-missing"))
    assert root == str(tmp_path / "exchange")
    assert stat.S_IMODE((tmp_path / "exchange").stat().st_mode) == 0o700


def test_the_course_config_uses_the_shared_exchange(tmp_path, monkeypatch):
    """The repository's nbgrader_config.py, loaded as nbgrader loads it, sets the shared folder the site made."""
    shared = tmp_path / "srv-exchange"
    shared.mkdir()
    monkeypatch.setattr(exchange, "SHARED_ROOT", str(shared))
    monkeypatch.setattr(exchange, "NBGRADER_DEFAULT_ROOT", str(tmp_path / "usr-local-missing"))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(tmp_path / "no-site-config"))
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(coursedir.REPO_COURSE / coursedir.CONFIG_NAME, course / coursedir.CONFIG_NAME)
    assert coursedir.load_config(course).Exchange.root == str(shared)
