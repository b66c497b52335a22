"""The graded quizzes as data: ``assignments/quizzes/*.toml`` rendered into nbgrader source notebooks.

- ``build``: TOML → ``source/<quiz>/<quiz>.ipynb`` (``make quizzes``; ``--check`` compares).
- ``keylines``: where the answer key's text sits in a source notebook (solution and hidden-test regions).
- ``form_text``: option text for the quiz forms, as the rendered prompt reads.
- ``variant_data``: per-student variants as declared in a quiz's data, checked and made into specs.
- ``variant_keys``: one student's version of a quiz, key included (autograde, ``course variant``, the report).
"""
