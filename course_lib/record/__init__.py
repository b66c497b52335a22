"""The learner's progress record, kept only on their machine, and the rules that read it.

- ``store``: one SQLite file in the platform's user data folder, written in short transactions.
- ``recorder``: the hooks the lessons and practice cards call; they never raise into a lesson.
- ``mastery``: mastery per learning objective, from recent answers.
- ``review``: when a practice question comes back for review.

The views over the record (the progress view, Review now, self-grading) live in :mod:`course_lib.progress`; the rules
are in docs/self-study.md.
"""
