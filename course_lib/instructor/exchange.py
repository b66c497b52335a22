"""Which nbgrader exchange the course uses: the site's shared one, or a private one on a single-user machine.

A shared hub's administrator sets ``Exchange.root`` in the system (or each user's) nbgrader config, or creates
nbgrader's default ``/srv/nbgrader/exchange``. The course never overrides that: a course-local exchange would make
students enter the instructor's course folder, beside the answer key and the gradebook.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_core.paths import jupyter_config_path
from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

NBGRADER_DEFAULT_ROOT = "/srv/nbgrader/exchange"
_LOADERS = ((PyFileConfigLoader, "nbgrader_config.py"), (JSONFileConfigLoader, "nbgrader_config.json"))


def site_configs(folders: list[str] | None = None):
    """The system and user nbgrader configs, in nbgrader's loading order (later ones win)."""
    for folder in reversed(folders if folders is not None else jupyter_config_path()):
        for loader, name in _LOADERS:
            if (Path(folder) / name).is_file():
                yield loader(name, path=folder).load_config()


def site_exchange_root(folders: list[str] | None = None) -> str | None:
    """``Exchange.root`` as the system or user nbgrader config sets it, else None."""
    root = None
    for config in site_configs(folders):
        if "Exchange" in config and "root" in config.Exchange:
            root = str(config.Exchange.root)
    return root


def private_exchange_root(course_dir: str | Path, folders: list[str] | None = None) -> str | None:
    """The exchange the course must set itself: None when the site has one, else ``<course>/exchange`` made
    private to the instructor (a single-user setup, where nobody else fetches or submits)."""
    if site_exchange_root(folders) or os.path.isdir(NBGRADER_DEFAULT_ROOT):
        return None
    private = Path(course_dir) / "exchange"
    private.mkdir(mode=0o700, exist_ok=True)
    return str(private)
