"""The real nbgrader pipeline on a synthetic class: release, collect, parallel autograde, failures, PostgreSQL."""
