"""Tests for course_lib.charts.render_cache: a cached drawing is exactly the fresh one, any change draws afresh,
and a cache that is off, unwritable, damaged or full never costs the student a chart."""

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

from course_lib.charts import (
    by_design,
    effect_size_curves,
    forest,
    headline_comparison,
    post_vs_follow_up,
    publication_bias,
)
from course_lib.charts import render_cache as rc
from course_lib.charts.within_between import within_between_chart
from course_lib.evidence import load_effect_sizes
from course_lib.evidence_views.within_between import simulate

CHARTS = {
    "by_design": by_design,
    "headline_comparison": headline_comparison,
    "post_vs_follow_up": post_vs_follow_up,
    "publication_bias": publication_bias,
    "forest": lambda: forest(load_effect_sizes()[:6]),
    "forest, empty": lambda: forest([]),
    "effect_size_curves": lambda: effect_size_curves(0.8),
    "within_between_chart": lambda: within_between_chart(simulate(0.6, 0.4)),
}


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "charts"
    monkeypatch.setenv(rc.ENVIRONMENT_VARIABLE, str(directory))
    return directory


def fresh_svg(make) -> bytes:
    os.environ[rc.ENVIRONMENT_VARIABLE] = "off"
    try:
        return make().svg()
    finally:
        del os.environ[rc.ENVIRONMENT_VARIABLE]


@pytest.mark.parametrize("name", CHARTS)
def test_a_cached_drawing_is_the_fresh_drawing_and_skips_the_figure(name, cache, monkeypatch):
    """The first run keeps the drawing; the next gives the same bytes without building the figure at all."""
    make = CHARTS[name]
    first = make().svg()
    assert len(list(cache.glob("*.svg"))) == 1
    again = make()
    assert again.svg() == first
    assert "figure" not in again.__dict__  # served from the cache: nothing was drawn
    monkeypatch.delenv(rc.ENVIRONMENT_VARIABLE)
    assert fresh_svg(make) == first


def test_a_figure_changed_after_building_is_drawn_as_it_now_is(cache):
    """The key stands for the drawing call, so a figure someone has since changed must not come from the cache."""
    by_design().svg()
    chart = by_design()
    chart.figure.suptitle("Annotated by a student")
    assert b"Annotated by a student" in chart.svg()


def test_different_records_are_different_drawings(cache):
    records = load_effect_sizes()
    three, four = forest(records[:3]), forest(records[:4])
    assert rc.drawing_key(three.draw) != rc.drawing_key(four.draw)
    assert three.svg() != four.svg()
    assert len(list(cache.glob("*.svg"))) == 2


def test_a_changed_course_file_changes_every_key(tmp_path):
    """Editing any file of the package (code or data) changes the fingerprint the keys are built on."""
    copy = tmp_path / "course_lib"
    shutil.copytree(Path(rc.__file__).parents[1], copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = rc.fingerprint.__wrapped__(copy)
    assert rc.fingerprint.__wrapped__(copy) == before
    data = copy / "evidence" / "data" / "effect_sizes.csv"
    data.write_text(data.read_text().replace("0.97", "0.98", 1))
    assert rc.fingerprint.__wrapped__(copy) != before


def test_keys_are_the_same_in_every_process():
    """A key must not depend on object ids or hash seeds, or no later run would ever find a drawing."""
    code = ("from course_lib.charts import by_design, forest; from course_lib.charts.render_cache import drawing_key;"
            "from course_lib.evidence import load_effect_sizes;"
            "print(drawing_key(by_design().draw), drawing_key(forest(load_effect_sizes()[:5]).draw))")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(keys) == 1
    assert keys.pop().split() == [rc.drawing_key(by_design().draw),
                                  rc.drawing_key(forest(load_effect_sizes()[:5]).draw)]


class _NoStableRepr:
    pass


def _draw_nothing(*_):
    raise AssertionError("not called")


def test_drawings_that_cannot_be_keyed_are_never_cached(cache):
    assert rc.drawing_key(lambda: None) is None
    assert rc.drawing_key(functools.partial(lambda: None)) is None
    assert rc.drawing_key(functools.partial(_draw_nothing, _NoStableRepr())) is None
    assert rc.drawing_key(functools.partial(_draw_nothing, 1.5)) is not None
    calls = []
    for _ in range(2):
        rc.cached_drawing(lambda: None, lambda: calls.append(1) or b"<svg></svg>\n")
    assert len(calls) == 2 and not cache.exists()


def test_off_draws_every_time_and_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(rc.ENVIRONMENT_VARIABLE, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert rc.cache_directory() is None
    headline_comparison().svg()
    assert list(tmp_path.iterdir()) == []


def test_default_directory_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv(rc.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert rc.cache_directory() == tmp_path / "psychodynamic-course" / "charts"


def test_no_home_directory_means_no_cache(monkeypatch):
    monkeypatch.delenv(rc.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert rc.cache_directory() is None
    assert headline_comparison().svg().endswith(b"</svg>\n")


def test_an_unwritable_cache_still_shows_the_chart(tmp_path, monkeypatch):
    """Where nothing can be written (here the cache path is a file), the chart is drawn and nothing is raised."""
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    monkeypatch.setenv(rc.ENVIRONMENT_VARIABLE, str(blocked / "charts"))
    svg = headline_comparison().svg()
    assert svg == fresh_svg(headline_comparison)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-directory"]


def test_a_damaged_drawing_is_drawn_again_and_replaced(cache):
    whole = publication_bias().svg()
    (path,) = cache.glob("*.svg")
    path.write_bytes(whole[: len(whole) // 2])  # as a disk filling up mid-write might leave it
    again = publication_bias()
    assert again.svg() == whole and "figure" in again.__dict__
    assert path.read_bytes() == whole
    assert not list(cache.glob("*.partial"))


def test_the_cache_keeps_only_the_newest_drawings(cache, monkeypatch):
    """A dragged slider makes a new drawing at every step; the cache stays bounded and keeps the latest."""
    monkeypatch.setattr(rc, "MAX_FILES", 3)
    records = load_effect_sizes()
    keys = []
    for count in range(1, 6):
        chart = forest(records[:count])
        chart.svg()
        keys.append(rc.drawing_key(chart.draw))
        os.utime(cache / f"{keys[-1]}.svg", (count, count))  # distinct ages even on a coarse clock
    assert sorted(p.stem for p in cache.glob("*.svg")) == sorted(keys[-3:])


def test_a_students_rcparams_do_not_change_a_chart(monkeypatch):
    """Whatever a student sets in rcParams, charts keep their designed look (and so match their cached form)."""
    monkeypatch.setenv(rc.ENVIRONMENT_VARIABLE, "off")
    designed = by_design().svg(), effect_size_curves(0.5).svg()
    with matplotlib.rc_context({"lines.linewidth": 6, "font.size": 20, "axes.facecolor": "black",
                                "axes.prop_cycle": matplotlib.cycler(color=["red", "green"])}):
        assert (by_design().svg(), effect_size_curves(0.5).svg()) == designed
