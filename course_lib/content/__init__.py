"""The course's content as data: each kind declared once in a TOML file beside its loader, validated when loaded.

- ``schema``: the shared reading rules (``read_toml``, ``ContentError`` naming the file, entry and field).
- ``lessons``: the course map, lessons in teaching order with their learning objectives.
- ``features``, ``sessions``, ``schools``, ``vignettes``, ``conditions``, ``outcomes``, ``head_to_head``: what the
  lessons teach, one kind per module.
- ``glossary`` and ``reference_groups``: the terms and the reading lists.
- ``quiz_data``: what the graded quizzes tie to (objectives per item, explanations), for reports and self-grading.
- ``concepts/``: the core concepts and the modern therapies (defences, triangles, the continuum, a case, therapies).
- ``questions/``: the practice questions, one TOML file per lesson (read by :mod:`course_lib.practice`).
"""
