"""Content for the core concepts and the modern therapies (lessons 01b and 04), declared in ``content/*.toml``.

- ``defences``: scenes for spot-the-defence, on Vaillant's levels.
- ``triangles``: Malan's triangle of conflict and triangle of person.
- ``interventions``: therapist sentences along the expressive–supportive continuum.
- ``case``: one invented patient followed from assessment to ending.
- ``therapies``: the manualised psychodynamic therapies and the trials that tested them.
"""
