"""Lessons, quizzes and the instructor view in a real JupyterLab driven by headless Chromium (the axe gate
among them)."""
