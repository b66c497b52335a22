"""Tests for course_lib.widgets, one test module per module."""
