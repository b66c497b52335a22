"""ipywidgets views, one module per widget family; each calls plain functions that hold its logic.

Import the module you need (``from course_lib.widgets.effect_size_explorer import effect_size_explorer``):
this package stays empty so that importing one widget does not import them all.
"""
