"""Widgets that teach the ideas: the seven features, a session, the schools, the core concepts and the therapies.

One module per widget (``feature_explorer``, ``spot_the_feature``, ``session_walkthrough``, ``schools_explorer``,
``spot_the_defence``, ``two_triangles``, ``continuum``, ``case_walkthrough``, ``therapies_map``); a lesson reaches
them through :mod:`course_lib.lesson`.
"""
