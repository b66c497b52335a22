"""Tests for course_lib.grading, one test module per module."""
