"""environment.yml (conda, Binder) and pyproject.toml declare the same dependencies."""

import re
import tomllib

from tests.support.paths import ROOT


def conda_dependencies() -> dict[str, str]:
    """Top-level conda dependency names mapped to their version spec (the pip section excluded)."""
    deps = {}
    in_deps = False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        match = re.match(r"^  - ([A-Za-z0-9_.\-]+)\s*(.*)$", line)
        if in_deps and match:
            deps[match.group(1).lower()] = match.group(2).replace(" ", "")
    return deps


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_every_pyproject_dependency_is_in_environment_yml_with_the_same_spec():
    """A conda user gets exactly the versions a pip user gets."""
    conda = conda_dependencies()
    for requirement in pyproject()["project"]["dependencies"]:
        # An extra ("psycopg[binary]") is pip's way to bring a library conda packages bring themselves.
        name, spec = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[\w,]+\])?(.*)$", requirement).groups()
        assert name.lower() in conda, f"{name} is in pyproject.toml but missing from environment.yml"
        found = conda[name.lower()]
        assert found == spec.replace(" ", ""), f"{name}: pyproject says {spec!r}, environment.yml {found!r}"


def test_environment_yml_has_nothing_pyproject_lacks():
    """No dependency is declared for conda users only."""
    declared = {re.match(r"^([A-Za-z0-9_.\-]+)", r).group(1).lower() for r in pyproject()["project"]["dependencies"]}
    extra = set(conda_dependencies()) - declared - {"python", "pip"}
    assert not extra, f"environment.yml declares {sorted(extra)} that pyproject.toml does not"


def test_python_floor_matches():
    """Both files ask for the same minimum Python."""
    floor = pyproject()["project"]["requires-python"]
    assert conda_dependencies()["python"] == floor


def test_environment_yml_installs_the_course_package():
    """Binder / conda users get course_lib installed from the repo, and not editable: an editable install leaves out
    the data files, so JupyterLab would not find the quiz forms' extension."""
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s+- \.\s*$", text, re.M), "environment.yml must pip-install the course with '.'"
    assert "conda-forge" in text
