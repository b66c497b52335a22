"""Tests for course_lib.practice, one test module per module."""
