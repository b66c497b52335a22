"""Tests for course_lib.record, one test module per module."""
