"""Synthetic courses and classes for the test suite and the benchmarks; never on a learner's or grader's real path.

- ``synthetic``: a course with quizzes and a class of made-up students, submitted as nbgrader expects.
- ``synthetic_graded``: a graded class written straight into a gradebook, without running a kernel.
"""
