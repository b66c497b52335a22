"""course_lib: the package behind the psychodynamic psychotherapy course.

Subpackages, one concern each, in layers (a module imports only from its own layer and the ones listed before it):

- ``course_lib.content``: the course's content as data (lessons, features, schools, vignettes, glossary, concepts).
- ``course_lib.evidence``: the verified effect sizes, their references, and effect-size arithmetic.
- ``course_lib.grading``: reading what a student typed, for practice and graded quizzes alike.
- ``course_lib.record``: the learner's progress record, on their machine only.
- ``course_lib.ui``: the shared look of widgets, live regions and reference lists.
- ``course_lib.practice``: practice questions and their cards.
- ``course_lib.charts``: matplotlib figures with alt text, a data table and citations.
- ``course_lib.evidence_views``: the pure selections and tables behind the evidence explorers.
- ``course_lib.widgets``: ipywidgets views that call the plain functions above.
- ``course_lib.instructor``: the nbgrader pipeline behind the ``course`` command.
- ``course_lib.progress``: the learner's progress views and self-grading.

Front doors at the top: ``lesson`` (the one import a lesson makes), ``cli`` (the ``course`` command), ``lab``
(``make lab``), ``lesson_objectives`` (objective cells kept in step with the course map), ``private_files`` (a
server extension keeping students' files private). Folders beside them hold data, not code: ``labextension``,
``jupyter_site``, ``jupyter_student``.

Import the module you need; this one stays light so that ``import course_lib`` is instant.
"""

__version__ = "0.1.0"
