"""Tests for course_lib.charts, one test module per module."""
