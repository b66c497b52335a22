"""Tests for course_lib.progress, one test module per module."""
