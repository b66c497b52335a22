"""Tests for course_lib.evidence_views, one test module per module."""
