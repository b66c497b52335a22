"""Tests for course_lib.instructor, one test module per module."""
