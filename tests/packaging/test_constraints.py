"""constraints.txt pins the versions every student image and the instructor's grader install: it must pin each
dependency pyproject.toml names, within pyproject's range, and be what this environment runs."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.paths import ROOT

REPO = ROOT
sys.path.insert(0, str(REPO / "tools"))
from pin_constraints import merge  # noqa: E402


def _pins(environment: dict | None = None) -> dict[str, str]:
    """Package -> pinned version for this interpreter (or ``environment``'s markers): a line with a marker counts
    only where its marker holds."""
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            specifiers = list(requirement.specifier)
            assert len(specifiers) == 1 and specifiers[0].operator == "==", (
                f"constraints.txt: {line!r} is not pinned with ==")
            if requirement.marker and not requirement.marker.evaluate(environment):
                continue
            name = canonicalize_name(requirement.name)
            assert name not in pins, f"constraints.txt pins {name} twice for the same Python"
            pins[name] = specifiers[0].version
    return pins


def _requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    names = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return [Requirement(r) for r in names]


def test_every_dependency_is_pinned_within_its_range():
    """Each package pyproject.toml depends on has a pin, and the pin is inside pyproject's version range."""
    pins = _pins()
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"constraints.txt does not pin {requirement.name}; run: make constraints"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside pyproject.toml's {requirement}; run: make constraints")


def test_this_environment_runs_the_pinned_versions():
    """The environment the tests run in (make setup installs with the constraints) has exactly the pinned versions
    of the course's dependencies: what passes here is what students get."""
    pins = _pins()
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        installed = version(requirement.name)
        assert installed == pins[name], f"{name}: installed {installed}, pinned {pins[name]}; run: make setup"


def test_every_supported_python_gets_one_pin_per_package():
    """On the course's floor (Debian 12's Python 3.11.2) and on a newer Python, each package has exactly one pin,
    and soupsieve, whose newest release needs 3.11.5, gets one that installs there."""
    floor = _pins({"python_full_version": "3.11.2", "python_version": "3.11"})
    newer = _pins({"python_full_version": "3.13.0", "python_version": "3.13"})
    assert set(floor) == set(newer)
    assert floor["soupsieve"] != newer["soupsieve"] and floor["soupsieve"].startswith("2.")


def test_make_constraints_keeps_the_older_python_pins():
    """Re-pinning from a freeze replaces the pin that applies here and keeps the other Python's pin as written."""
    old = ('# header\nsoupsieve==4.1.3; python_full_version >= "3.11.5"\n'
           'soupsieve==2.10; python_full_version < "3.11.5"\nzipp==1.0\n')
    merged = merge(old, "soupsieve==4.2.0\nzipp==1.1\ncourse-lib==0.1.0\n").splitlines()
    here_new = sys.version_info >= (3, 11, 5)
    assert merged[0] == "# header" and "zipp==1.1" in merged and not any("course-lib" in x for x in merged)
    assert ('soupsieve==4.2.0; python_full_version >= "3.11.5"' in merged) == here_new
    assert ('soupsieve==2.10; python_full_version < "3.11.5"' in merged) == here_new


def _interpreter(candidates: list[str]) -> str | None:
    """The first candidate that runs (a pyenv shim for a version not selected is on PATH but does not run)."""
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK) and subprocess.run(
                [candidate, "-c", "pass"], capture_output=True).returncode == 0:
            return candidate
    return None


# The lowest and highest Python the README promises. COURSE_PYTHON_LOWEST / COURSE_PYTHON_HIGHEST name others.
LOWEST = _interpreter([os.environ.get("COURSE_PYTHON_LOWEST", ""), "/usr/bin/python3.11"])
HIGHEST = _interpreter([os.environ.get("COURSE_PYTHON_HIGHEST", ""), shutil.which("python3.13") or "",
                        *sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.13*/bin/python3.13")))])


@pytest.mark.slow
@pytest.mark.parametrize("which", ["lowest", "highest"])
def test_constraints_resolve_on_the_supported_pythons(which, tmp_path):
    """pip, run by the lowest (3.11.x of Debian 12) and the highest supported Python, resolves the course with
    constraints.txt: no pin asks for another Python and nothing conflicts (a dry run; needs the package index)."""
    python = LOWEST if which == "lowest" else HIGHEST
    if python is None:
        pytest.skip(f"no {which} supported Python here (set COURSE_PYTHON_{which.upper()})")
    venv = tmp_path / "venv"
    made = subprocess.run([python, "-m", "venv", str(venv)], capture_output=True, text=True)
    if made.returncode:
        pytest.skip(f"{python} cannot make a venv (python3-venv missing?): {made.stderr.strip()[-200:]}")
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--dry-run", "--ignore-installed",
         "--only-binary=:all:", "--disable-pip-version-check", "-c", str(REPO / "constraints.txt"), f"{REPO}[test]"],
        capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{python}: {result.stderr[-2000:]}"
    assert "Would install" in result.stdout
