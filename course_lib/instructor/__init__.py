"""The instructor pipeline behind the ``course`` command: nbgrader glue, in rooms by role.

- ``course``: finding and guarding the course (its folder, gradebook, exchange, privacy, deadlines, hub checks).
- ``steps``: one module per ``course`` command (release, preflight, autograde, feedback, export, status, submission).
- ``runner``: grading one student's notebook (nbgrader's settings, the sandbox, forked kernels, Dask).
- ``lms``: Canvas, Moodle and Blackboard, one adapter each, behind one registry.
- ``report``: the item analysis.
- ``quizzes``: the graded quizzes as data, rendered into nbgrader source notebooks.
- ``testing``: synthetic courses and classes for the suite and the benchmarks.

The command line is :mod:`course_lib.cli`. Nothing here re-implements what nbgrader does: it prepares, checks and
cleans around nbgrader's own converters and gradebook.
"""
