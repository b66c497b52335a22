"""Tests for course_lib.content.concepts, one test module per module."""
