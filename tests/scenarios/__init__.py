"""Flows that cross modules, one folder per kind of run; conftest.py marks each folder (browser,
pipeline, kernel, hub)."""
