"""``course report QUIZ``: the item analysis an instructor reads after grading.

- ``item_analysis``: the report itself (HTML with a plot, and a CSV).
- ``class_scores``: the class's scores from the gradebook, and who is left out and why.
- ``item_info``: what each item asks and which objectives it assesses.
- ``answers_read``: a student's answer read from the answer cell's text, never run.
- ``class_answers``: the class's autograded notebooks read in one pass that every reader of answers shares.
- ``option_counts`` and ``option_tables``: how many chose each option, as accessible tables.
- ``variant_fairness``: difficulty per variant of an item, and a flag when one is harder or easier beyond chance.
- ``fairness_simulation``: that check on simulated classes (its false-alarm rate and power, quoted in the docs).
- ``copying``: students whose answers fit a classmate's variant instead of their own, listed for the instructor.
- ``variant_report``: the report's sections on variants (fairness, possible copying) and their CSVs.
"""
