"""A Jupyter server extension: what a student's server and kernels write stays readable by that student alone.

On a hub whose home folders other users may enter (Debian's default is 0755), the default umask (022) leaves every
notebook a student saves, fetches or answers, nbgrader's cache of their submissions and their fetched feedback
readable by classmates. Installed with the course (``etc/jupyter/jupyter_server_config.d/course-lib.json``), this
sets the server's umask to 077 as it starts: files it creates are 0600 and folders 0700, and the kernels it starts
inherit the same umask. Bits an administrator already masks stay masked. nbgrader sets the modes of what it copies
into the exchange itself, so releasing, submitting and returning feedback work as before.
"""

from __future__ import annotations

import os

PRIVATE = 0o077


def private_umask() -> int:
    """Mask group and other access in addition to whatever the current umask already masks; returns the new umask."""
    current = os.umask(PRIVATE)
    os.umask(current | PRIVATE)
    return current | PRIVATE


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "course_lib.private_files"}]


def _load_jupyter_server_extension(server_app) -> None:
    umask = private_umask()
    server_app.log.info("course_lib.private_files: new files are private to this user (umask %03o)", umask)
