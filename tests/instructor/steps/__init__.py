"""Tests for course_lib.instructor.steps, one test module per module."""
