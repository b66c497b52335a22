"""Tests for course_lib.evidence.loading: packaged data equal to the shared CSV, lookup and filtering."""

import csv
import math
from pathlib import Path

import pytest

from course_lib.evidence import EffectSize, effect_size, load_effect_sizes, load_references, select
from tests.support.paths import ROOT

REPO = ROOT
# The shared folder sits beside the work tree (CI lays a copy there); /work/shared on a developer machine.
SHARED_CSV_CANDIDATES = [REPO.parent / "shared" / "evidence" / "effect_sizes.csv",
                         Path("/work/shared/evidence/effect_sizes.csv")]


@pytest.fixture(scope="module")
def shared_rows():
    """The shared CSV's rows by id, read with the csv module alone."""
    path = next((p for p in SHARED_CSV_CANDIDATES if p.is_file()), None)
    if path is None:
        pytest.skip("the shared evidence/effect_sizes.csv is not beside this work tree")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def _same(text: str, value) -> bool:
    """Compare a raw CSV cell with a typed value."""
    if value is None:
        return text == ""
    if isinstance(value, float):
        return math.isclose(float(text), value, rel_tol=0, abs_tol=0)
    if isinstance(value, int):
        return int(text) == value
    return text == value


def test_packaged_values_equal_shared_csv_id_for_id(shared_rows):
    """Every field of every packaged record equals the shared CSV, with the same 81 ids."""
    records = {r.id: r for r in load_effect_sizes()}
    assert set(records) == set(shared_rows)
    for record_id, row in shared_rows.items():
        for name, text in row.items():
            assert _same(text, getattr(records[record_id], name)), f"{record_id}.{name}"


def _raw_lines_by_id(path: Path) -> dict[str, bytes]:
    """Each data line of a CSV file, byte for byte, keyed by its id (the text before the first comma)."""
    lines = path.read_bytes().splitlines()[1:]
    return {line.split(b",", 1)[0].decode("utf-8"): line for line in lines if line.strip()}


def test_every_packaged_row_is_byte_equal_to_the_shared_row(shared_rows):
    """Each course row equals, byte for byte, the shared row with the same id, and no shared id is missing."""
    shared = _raw_lines_by_id(next(p for p in SHARED_CSV_CANDIDATES if p.is_file()))
    packaged = _raw_lines_by_id(REPO / "course_lib" / "evidence" / "data" / "effect_sizes.csv")
    assert set(shared) <= set(packaged), sorted(set(shared) - set(packaged))
    for row_id, line in packaged.items():
        assert row_id in shared and line == shared[row_id], row_id


def test_head_to_head_and_tfp_rows_are_packaged():
    """The driessen2010 and doering2010 figures load, with negative values where other therapies were ahead."""
    by_id = {r.id: r for r in load_effect_sizes()}
    assert by_id["driessen2010_stpp_vs_other_post"].effect_size == -0.30
    assert by_id["driessen2010_stpp_prepost"].design == "within_group_pre_post"
    assert by_id["doering2010_borderline_symptoms"].effect_size == 1.6
    assert sum(1 for i in by_id if i.startswith(("driessen2010_", "doering2010_"))) == 10


def test_packaged_file_is_byte_identical_to_shared(shared_rows):
    """The packaged CSV is an exact copy of the shared one."""
    shared = next(p for p in SHARED_CSV_CANDIDATES if p.is_file())
    packaged = REPO / "course_lib" / "evidence" / "data" / "effect_sizes.csv"
    assert packaged.read_bytes() == shared.read_bytes()


def test_eighty_one_typed_records():
    """The packaged data load as 81 EffectSize records with numeric effect sizes."""
    records = load_effect_sizes()
    assert len(records) == 81
    assert all(isinstance(r, EffectSize) and isinstance(r.effect_size, float) for r in records)
    assert all(isinstance(r.year, int) for r in records)


def test_every_study_key_resolves():
    """Each record's study_key has a full reference."""
    references = load_references()
    assert {r.study_key for r in load_effect_sizes()} <= set(references)


def test_load_is_cached():
    """Loading the packaged data twice returns the same object (read once per session)."""
    assert load_effect_sizes() is load_effect_sizes()


def test_load_from_explicit_path(tmp_path):
    """A path argument loads that file instead of the packaged one."""
    source = REPO / "course_lib" / "evidence" / "data" / "effect_sizes.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    copy = tmp_path / "two.csv"
    copy.write_text("".join(lines[:3]), encoding="utf-8")
    assert [r.id for r in load_effect_sizes(copy)] == ["abbass2006_shedler_post", "abbass2006_shedler_fu"]


def test_effect_size_by_id():
    """effect_size returns the record with that id and its figure."""
    assert effect_size("turner2008_antidepressants").effect_size == 0.31
    assert effect_size("abbass2006_shedler_fu").effect_size == 1.51


def test_unknown_id_names_it_and_close_matches():
    """An unknown id raises KeyError naming the id and suggesting near spellings."""
    with pytest.raises(KeyError) as caught:
        effect_size("haby2006_cbtt")
    assert "haby2006_cbtt" in str(caught.value) and "haby2006_cbt" in str(caught.value)


def test_select_single_and_collection_filters():
    """Filters take one value or a collection; several filters must all match."""
    pre_post = select(design="within_group_pre_post")
    assert pre_post and all(r.design == "within_group_pre_post" for r in pre_post)
    keefe_follow_ups = select(study_key="keefe2014", timepoint={"follow_up", "long_term_follow_up"})
    assert [r.effect_size for r in keefe_follow_ups] == [-0.11, -0.26]


def test_select_none_means_any_and_keeps_order():
    """With no filter, select returns every record in file order."""
    assert select() == load_effect_sizes()


def test_select_on_given_records():
    """select filters the records it is given, not the packaged set."""
    some = load_effect_sizes()[:5]
    assert select(some, study_key="abbass2006") == some


def test_select_rejects_unknown_design_code():
    """A misspelt design code raises ValueError instead of silently matching nothing."""
    with pytest.raises(ValueError, match="within_group"):
        select(design="within_group")
