"""The one error of the answer readers, in a module of its own.

A graded quiz's check cell reloads the grading helpers (``course_lib.grading.fresh``) so that an answer cell cannot
patch them; a class defined in a reloaded module would become a new class each time, and code that imported the old
one (the practice questions, in the same kernel or test process) would no longer catch it. This module is never
reloaded, so ``AnswerFormatError`` stays one class.
"""


class AnswerFormatError(ValueError):
    """An answer that cannot be read; the message tells the student what to type instead."""
