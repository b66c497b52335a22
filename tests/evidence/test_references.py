"""Tests for course_lib.evidence.references: the bibliography file, cite and cite_all."""

import re
from pathlib import Path

import pytest

from course_lib.evidence import EvidenceDataError, Reference, cite, cite_all, load_references
from tests.support.paths import ROOT

REPO = ROOT
SHARED_MD_CANDIDATES = [REPO.parent / "shared" / "evidence" / "references.md",
                        Path("/work/shared/evidence/references.md")]


def test_every_bibliography_key_is_packaged():
    """Every key in the shared references.md has an entry in references.toml, and there are no extras."""
    path = next((p for p in SHARED_MD_CANDIDATES if p.is_file()), None)
    if path is None:
        pytest.skip("the shared evidence/references.md is not beside this work tree")
    keys = set(re.findall(r"^- \*\*(\w+)\*\*:", path.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert keys and keys == set(load_references())


def test_references_are_typed():
    """Each entry loads as a Reference with an integer year and non-empty authors, title and source."""
    for key, ref in load_references().items():
        assert isinstance(ref, Reference) and ref.key == key
        assert isinstance(ref.year, int) and ref.authors and ref.title and ref.source


def test_cite_formats_a_known_key():
    """cite gives authors, year, title, journal details and the DOI as a link."""
    assert cite("shedler2010") == (
        "Shedler, J. (2010). The efficacy of psychodynamic psychotherapy. "
        "American Psychologist, 65(2), 98–109. https://doi.org/10.1037/a0018378"
    )


def test_cite_keeps_question_mark_titles():
    """A title ending in a question mark gets no extra full stop."""
    assert "Science or ideology? American Psychologist, 66(2), 152–154." in cite("shedler2011")


def test_cite_shows_unconfirmed_details():
    """A reference whose details are still to be confirmed says so in its citation."""
    assert cite("bhar2010").endswith("(authors and pages to confirm)")


def test_cite_unknown_key_names_it():
    """An unknown key raises KeyError naming the key and a close match."""
    with pytest.raises(KeyError, match="shedler201O") as caught:
        cite("shedler201O")
    assert "shedler2010" in str(caught.value)


def test_cite_all_sorted_and_deduplicated():
    """cite_all returns each reference once, sorted alphabetically."""
    out = cite_all(["turner2008", "abbass2006", "turner2008"])
    assert len(out) == 2 and out == sorted(out) and out[0].startswith("Abbass")


def test_load_references_returns_a_copy():
    """Changing the returned dict does not change what cite sees."""
    refs = load_references()
    refs.pop("shedler2010")
    assert "Shedler" in cite("shedler2010")


def test_malformed_reference_names_key_and_field(tmp_path):
    """A reference with a text year and no title is reported as key.field, every problem listed."""
    path = tmp_path / "refs.toml"
    path.write_text('[smith2000]\nauthors = "Smith, A."\nyear = "2000"\nsource = "J"\n', encoding="utf-8")
    with pytest.raises(EvidenceDataError) as caught:
        load_references(path)
    message = str(caught.value)
    assert str(path) in message and "'smith2000.title'" in message and "'smith2000.year'" in message
