"""The course's tests. Folders mirror course_lib/ (tests/<package>/test_<module>.py); flows that cross modules
live in scenarios/, helpers and data in support/ (see test_test_layout.py and conftest.py)."""
