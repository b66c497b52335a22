"""Tests for course_lib.instructor.runner, one test module per module."""
