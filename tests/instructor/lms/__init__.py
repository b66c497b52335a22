"""Tests for course_lib.instructor.lms, one test module per module."""
