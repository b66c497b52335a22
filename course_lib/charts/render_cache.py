"""A disk cache of chart drawings: a lesson's fixed charts are drawn once, not at every run of the lesson.

Only a drawing (an SVG, or the effect-size explorer's first PNG) that is a call of a module-level function on
arguments with a stable ``repr`` is cached (``functools.partial(draw_dot_panels, records, title)``). Its key hashes
that call together with every file of ``course_lib`` (code and data) and the matplotlib and numpy versions, so a
change to any of them draws afresh and a stale drawing cannot be shown. Charts are drawn under matplotlib's default
style (``chart.chart_style``), so a student's own ``rcParams`` cannot make a cached drawing differ from a fresh one.

``COURSE_CHART_CACHE`` moves the cache (default ``$XDG_CACHE_HOME/psychodynamic-course/charts``, else
``~/.cache/…``) or, set to ``off``, turns it off. A cache that cannot be written (a read-only home, a grading
sandbox) is skipped without a word: the chart is drawn and shown as before.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

ENVIRONMENT_VARIABLE = "COURSE_CHART_CACHE"
MAX_FILES = 400  # every step of a dragged slider is a new drawing: keep the newest, drop the oldest
_PACKAGE = Path(__file__).resolve().parents[1]
# How each kind of file ends when whole: files are written whole and renamed into place; this guards against the rest.
_COMPLETE_ENDS = {"svg": b"</svg>\n", "png": b"IEND\xaeB`\x82"}


def cache_directory() -> Path | None:
    """Where drawings are kept, or None when the cache is turned off."""
    setting = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting).expanduser()
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no home directory (some sandboxes): nowhere to keep drawings
        return None
    return Path(base) / "psychodynamic-course" / "charts"


@functools.cache
def fingerprint(package: Path = _PACKAGE) -> str:
    """Hash of every file of the package (code, data, settings) and of the libraries that draw."""
    import matplotlib
    import numpy

    digest = hashlib.sha256(f"matplotlib {matplotlib.__version__} numpy {numpy.__version__}".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def drawing_key(draw: Callable) -> str | None:
    """The cache key of a drawing, or None when it cannot be cached (not a partial of a module-level function,
    or an argument whose repr is not stable from one run to the next)."""
    if not isinstance(draw, functools.partial):
        return None
    name = f"{draw.func.__module__}.{draw.func.__qualname__}"
    if "<" in name:  # a lambda or a nested function: it may read anything around it
        return None
    call = repr((name, draw.args, sorted(draw.keywords.items())))
    if " at 0x" in call:  # a default object repr changes from run to run
        return None
    return hashlib.sha256(f"{fingerprint()}\n{call}".encode()).hexdigest()


def cached_drawing(draw: Callable, render: Callable[[], bytes], kind: str = "svg") -> bytes:
    """The image (``kind``: "svg" or "png") of the drawing ``draw`` from the cache, else ``render()``'s, which is
    then kept."""
    key, directory = drawing_key(draw), cache_directory()
    if key is None or directory is None:
        return render()
    path = directory / f"{key}.{kind}"
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if data.endswith(_COMPLETE_ENDS[kind]):
        return data
    data = render()
    _keep(directory, path, data)
    return data


def _keep(directory: Path, path: Path, data: bytes) -> None:
    temporary = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".partial")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)  # atomic: a reader sees the whole drawing or none
        temporary = None
        _prune(directory)
    except OSError:
        pass  # not writable here: the chart is still drawn and shown, only not kept
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(directory: Path) -> None:
    with os.scandir(directory) as entries:
        drawings = [entry for entry in entries if entry.name.endswith((".svg", ".png"))]
    if len(drawings) > MAX_FILES:
        drawings.sort(key=lambda entry: entry.stat().st_mtime)
        for entry in drawings[: len(drawings) - MAX_FILES]:
            Path(entry.path).unlink(missing_ok=True)
