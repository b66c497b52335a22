"""Running one student's notebook for grading: isolated, fast, and optionally on a cluster.

- ``grade_one``: the nbgrader settings every grader uses and ``grade_submission``, the unit of work.
- ``sandbox``: a bubblewrap jail for student code.
- ``kernel_zygote`` and ``forked_kernels``: kernels forked from one that has already imported IPython.
- ``cluster``: one Dask task per student.
- ``preprocessors``: the small nbgrader preprocessors the pipeline adds or swaps in.
- ``own_keys``: the preprocessor that gives each varying quiz item the graded student's own key.
"""
