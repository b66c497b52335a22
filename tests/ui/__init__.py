"""Tests for course_lib.ui, one test module per module."""
