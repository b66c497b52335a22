"""nbgrader configuration for the course's graded quizzes (this folder is the nbgrader course directory).

nbgrader (through traitlets) executes this file with ``c`` and ``__file__`` defined, so paths are computed
from the file's own location and work from any current directory, the formgrader's included.
"""

import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from course_lib.instructor.course.exchange import exchange_root_to_set

c = get_config()  # noqa: F821 - injected by traitlets when nbgrader loads this file

# The course directory is the folder holding this file, wherever the repository is checked out.
COURSE_DIR = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "psychodynamic-course"
c.CourseDirectory.root = COURSE_DIR

# The exchange is the site's: Exchange.root from the system or user nbgrader config, else nbgrader's default folder
# or /srv/nbgrader/exchange when one exists (course_lib/instructor/course/exchange.py). A course-local one on a
# shared hub would let students into this folder, beside the answer key and the gradebook. Only a single-user
# machine gets a private <course>/exchange (git-ignored).
EXCHANGE_ROOT = exchange_root_to_set(COURSE_DIR)
if EXCHANGE_ROOT:
    c.Exchange.root = EXCHANGE_ROOT

# Per-cell limit while autograding: an infinite loop costs the items it blocks, not the whole notebook.
c.ExecutePreprocessor.timeout = 30
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True

# A student who deletes a test cell still gets it back (and is graded on it) instead of being skipped.
c.OverwriteCells.add_missing_cells = True

# Answer cells hold their answer line above the solution region (`q6 = ""`, rendered from the quiz's data by
# course_lib.instructor.quizzes.build), so the released cell keeps that line and the stub only says what is read. The
# default stub (raise NotImplementedError) would turn an untouched item into an error in the answer cell instead of a
# clear "not answered yet" from its check.
# Markers stay at their defaults: ### BEGIN SOLUTION / ### END SOLUTION, ### BEGIN HIDDEN TESTS / ...
c.ClearSolutions.code_stub = {"python": "# Only the answer line above is read; the form under this cell writes it."}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Hidden tests must not reach students in generated feedback either (nbgrader's own step for it; the
# `course feedback` command cleans the tracebacks that this step leaves behind).
# (Classes, not import strings: nbgrader asks each entry for its configurable traits.)
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
