"""course_lib: the package behind the psychodynamic psychotherapy course.

Subpackages, one concern each (data flows top to bottom):

- ``course_lib.content``: the course's content as data (lessons, schools, features, vignettes, glossary).
- ``course_lib.evidence``: the verified effect sizes, their references, and effect-size arithmetic.
- ``course_lib.practice``: practice questions and their checking.
- ``course_lib.charts``: matplotlib figures with alt text, a data table and citations.
- ``course_lib.widgets``: ipywidgets views that call the plain functions above.
- ``course_lib.instructor``: the nbgrader pipeline behind the ``course`` command.

Import the subpackage you need; this module stays light so that ``import course_lib`` is instant.
"""

__version__ = "0.1.0"
