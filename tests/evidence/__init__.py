"""Tests for course_lib.evidence, one test module per module."""
