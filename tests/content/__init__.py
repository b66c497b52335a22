"""Tests for course_lib.content, one test module per module."""
