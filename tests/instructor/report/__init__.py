"""Tests for course_lib.instructor.report, one test module per module."""
