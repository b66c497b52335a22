"""Tests for course_lib.widgets.evidence, one test module per module."""
