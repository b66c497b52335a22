"""constraints.txt pins the versions every student image and the instructor's grader install: it must pin each
dependency pyproject.toml names, within pyproject's range, and be what this environment runs."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            assert pinned, f"constraints.txt: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = pinned.strip()
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
