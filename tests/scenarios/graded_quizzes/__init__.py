"""The graded quizzes in assignments/source/: nbgrader structure, and every item graded right, wrong and untouched."""
