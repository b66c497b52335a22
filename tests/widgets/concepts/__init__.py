"""Tests for course_lib.widgets.concepts, one test module per module."""
