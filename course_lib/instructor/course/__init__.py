"""Finding and opening the course: the course folder, its gradebook, its exchange, and what must stay private.

This face defines the two names every module here shares, ``CONFIG_NAME`` and ``CourseError`` (so that no module
of the package needs another just for them).

- ``coursedir``: find the nbgrader course directory and build nbgrader's API for it.
- ``gradebook_db``: the gradebook's database as nbgrader's config names it, checked before use.
- ``exchange``: which nbgrader exchange the course uses (the site's shared one, or a private one).
- ``privacy``: which copies of the key, the grades and students' work other users could read.
- ``deadlines``: due dates, extensions and the late policy (``deadlines.toml``).
- ``tempdirs``: private temporary folders that do not outlive their run.
- ``check_hub`` and ``hub_probe``: ``course check-hub``, what a class on a shared machine would expose or break.
"""

CONFIG_NAME = "nbgrader_config.py"


class CourseError(Exception):
    """A problem the instructor must fix (bad course dir, unknown quiz, …): shown as one line."""
