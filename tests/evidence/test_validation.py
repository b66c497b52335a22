"""Tests for course_lib.evidence.validation: each malformed row is reported with file, row and field."""

import csv
import re

import pytest

from course_lib.evidence import EvidenceDataError, effect_size, load_effect_sizes
from course_lib.evidence.validation import COLUMNS

GOOD = {name: getattr(effect_size("haby2006_cbt"), name) for name in COLUMNS}  # has every kind of field


def _row(**changes) -> dict:
    row = {name: "" if value is None else str(value) for name, value in GOOD.items()}
    row.update(changes)
    return row


def _write(tmp_path, rows, header=COLUMNS, name="bad.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header] if isinstance(row, dict) else row)
    return path


def _error(path) -> EvidenceDataError:
    with pytest.raises(EvidenceDataError) as caught:
        load_effect_sizes(path)
    return caught.value


def _assert_names(error: EvidenceDataError, path, row: int, field: str):
    """The message names the file, the row and the field; the attributes agree."""
    message = str(error)
    assert str(path) in message
    assert re.search(rf"\brow {row}\b", message)
    assert f"'{field}'" in message
    assert (error.path, error.row, error.field) == (path, row, field)


def test_good_rows_load(tmp_path):
    """A well-formed file loads without complaint (so the bad cases below fail for their own reason)."""
    path = _write(tmp_path, [_row(), _row(id="haby2006_copy")])
    assert [r.id for r in load_effect_sizes(path)] == ["haby2006_cbt", "haby2006_copy"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": "Has Spaces"}, "id"),
        ({"effect_size": "large"}, "effect_size"),
        ({"effect_size": ""}, "effect_size"),
        ({"effect_size": "nan"}, "effect_size"),
        ({"design": "between_group"}, "design"),
        ({"timepoint": "later"}, "timepoint"),
        ({"study_key": "nobody1999"}, "study_key"),
        ({"year": "2006.5"}, "year"),
        ({"year": "2005"}, "year"),
        ({"n_studies": "three"}, "n_studies"),
        ({"n_patients": "-4"}, "n_patients"),
        ({"ci_low": "low"}, "ci_low"),
        ({"ci_high": ""}, "ci_high"),
        ({"ci_low": "0.7"}, "ci_low"),
        ({"in_shedler_2010": "maybe"}, "in_shedler_2010"),
        ({"metric": ""}, "metric"),
    ],
)
def test_malformed_field_names_file_row_and_field(tmp_path, changes, field):
    """A bad value in one field of the third row is reported as row 3 (header = row 1) and that field."""
    path = _write(tmp_path, [_row(id="fine_first_row"), _row(**changes)])
    _assert_names(_error(path), path, 3, field)


def test_duplicate_id_names_both_rows(tmp_path):
    """A repeated id is reported at the second row, and the message points back to the first."""
    path = _write(tmp_path, [_row(), _row(effect_size="0.5")])
    error = _error(path)
    _assert_names(error, path, 3, "id")
    assert "row 2" in str(error)


def test_missing_column_reported_at_header(tmp_path):
    """A header without the effect_size column is reported as row 1, field effect_size."""
    header = tuple(c for c in COLUMNS if c != "effect_size")
    path = _write(tmp_path, [_row()], header=header)
    _assert_names(_error(path), path, 1, "effect_size")


def test_short_row_reported(tmp_path):
    """A row with too few cells is reported with its row number."""
    path = _write(tmp_path, [_row(), ["only", "three", "cells"]])
    error = _error(path)
    assert error.row == 3 and "3 cells" in str(error)


def test_blank_line_counts_as_a_row(tmp_path):
    """A blank line is skipped but still counted, so row numbers match a spreadsheet's."""
    path = _write(tmp_path, [_row(), [], _row(id="later", design="bogus")])
    assert _error(path).row == 4


def test_all_problems_reported_in_one_message(tmp_path):
    """Every problem in the file is listed, in order, and the first sets row and field."""
    path = _write(tmp_path, [_row(effect_size="x"), _row(id="second", timepoint="soon")])
    error = _error(path)
    assert (error.row, error.field) == (2, "effect_size")
    assert [(row, field) for row, field, _ in error.problems] == [(2, "effect_size"), (3, "timepoint")]
    assert str(error).index("'effect_size'") < str(error).index("'timepoint'")


def test_error_is_a_value_error(tmp_path):
    """EvidenceDataError is a ValueError, so generic handlers still catch it."""
    path = _write(tmp_path, [_row(design="x")])
    assert isinstance(_error(path), ValueError)
