"""Tests for course_lib.instructor.course, one test module per module."""
