"""Helpers the tests share (synthetic classes, browser and hub drivers, private PostgreSQL, chart checks,
paths) and their data/."""
