"""``course report QUIZ``: the item analysis an instructor reads after grading.

- ``item_analysis``: the report itself (HTML with a plot, and a CSV).
- ``class_scores``: the class's scores from the gradebook, and who is left out and why.
- ``item_info``: what each item asks and which objectives it assesses.
- ``answers_read``: a student's answer read from the answer cell's text, never run.
- ``option_counts`` and ``option_tables``: how many chose each option, as accessible tables.
"""
