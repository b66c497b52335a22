"""One module per step of the ``course`` command, each a function that returns a result the CLI prints.

- ``release``: nbgrader's generate_assignment, then a check of what students get.
- ``preflight``: every submission checked against the release before nbgrader sees it.
- ``autograde``: preflight, then nbgrader's autograde per student, in parallel (see :mod:`..runner`).
- ``feedback``: nbgrader's generate_feedback with every hidden-test line removed.
- ``export``: scores as CSV from the gradebook.
- ``status``: each student's grading status for a quiz.
- ``variant_flags``: where a submission of a quiz with variants named or showed another student's version.
- ``submission``: placing a notebook where nbgrader looks for a submission (used by ``course selfcheck``).
"""
