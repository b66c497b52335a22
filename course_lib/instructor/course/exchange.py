"""Which nbgrader exchange the course uses: the site's shared one, or a private one on a single-user machine.

A shared hub's administrator makes the exchange folder and names it as ``Exchange.root`` in the system nbgrader
config (/etc/jupyter/nbgrader_config.py, read by every Jupyter on the machine: the students' environment and the
instructor's .venv alike). The course never overrides that: a course-local exchange would make students enter the
instructor's course folder, beside the answer key and the gradebook. Where no config this side reads names an
exchange, the course looks where one is made: nbgrader's own default (which nbgrader uses by itself) and
/srv/nbgrader/exchange, the folder docs/jupyterhub.md has administrators make (which students configured through
their own environment use), so the instructor releases and collects where the students fetch and submit.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_core.paths import jupyter_config_path
from nbgrader.exchange.default.exchange import Exchange
from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

# nbgrader's default Exchange.root, read from nbgrader itself (0.9.6: /usr/local/share/nbgrader/exchange).
NBGRADER_DEFAULT_ROOT = Exchange.root.default_value
# The shared exchange docs/jupyterhub.md has the administrator make.
SHARED_ROOT = "/srv/nbgrader/exchange"
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
    """A private ``<course>/exchange`` (made, readable by the instructor alone) unless the site has an exchange that
    nbgrader finds by itself (named in a config, or nbgrader's default folder), then None."""
    if site_exchange_root(folders) or os.path.isdir(NBGRADER_DEFAULT_ROOT):
        return None
    private = Path(course_dir) / "exchange"
    private.mkdir(mode=0o700, exist_ok=True)
    return str(private)


def exchange_root_to_set(course_dir: str | Path, folders: list[str] | None = None,
                         shared_root: str | None = None) -> str | None:
    """The ``Exchange.root`` the course's config must set: None when nbgrader finds the site's exchange by itself;
    the shared folder when it exists but no config this side reads names it (the site config sits in the students'
    environment only: without this, nbgrader would send the instructor to its own default, another folder); else a
    private exchange in the course folder (a single-user machine, where nobody else fetches or submits)."""
    if site_exchange_root(folders) or os.path.isdir(NBGRADER_DEFAULT_ROOT):
        return None
    shared_root = shared_root or SHARED_ROOT
    if os.path.isdir(shared_root):
        return shared_root
    return private_exchange_root(course_dir, folders)
