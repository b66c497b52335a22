"""The shared look of everything a student sees: one base for the course's widgets and the small display pieces.

- ``look``: ``CourseWidget``, named controls, live regions, sizes and colours every widget shares.
- ``scroll_region``: a keyboard-reachable, labelled scroll region for wide tables.
- ``references``: a lesson's reference list, rendered from the course's references.

Nothing here knows about lessons, questions or evidence: the widgets, the practice cards and the progress views
build on it.
"""
