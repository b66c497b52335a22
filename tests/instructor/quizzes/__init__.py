"""Tests for course_lib.instructor.quizzes, one test module per module."""
