"""The quiz forms' JupyterLab extension is shipped so that nobody needs node: the built copy is in the package, a
pip install puts it where JupyterLab and Notebook 7 look, this venv finds it, and the student configuration does
not switch it off. (`make check-extension`, run by .ci/run, proves the built copy is what extension/ builds.)"""

from __future__ import annotations

import fnmatch
import json
import tomllib
from pathlib import Path

from jupyter_core.paths import jupyter_path

from tests.support.paths import ROOT

BUILT = ROOT / "course_lib" / "labextension"
SOURCE_PACKAGE = json.loads((ROOT / "extension" / "package.json").read_text())
NAME = SOURCE_PACKAGE["name"]


def built_files() -> list[str]:
    return sorted(str(path.relative_to(BUILT)) for path in BUILT.rglob("*") if path.is_file())


def test_the_built_extension_is_complete_and_matches_its_sources():
    """The package.json JupyterLab reads names the entry file that is there, with the sources' name and version."""
    package = json.loads((BUILT / "package.json").read_text())
    assert (package["name"], package["version"]) == (NAME, SOURCE_PACKAGE["version"])
    assert (BUILT / package["jupyterlab"]["_build"]["load"]).is_file()
    assert any(name.startswith("static/remoteEntry.") for name in built_files())


def test_the_built_files_name_no_folder_of_the_machine_that_built_them():
    """A deterministic build: nothing in it depends on where it was built."""
    for name in built_files():
        text = (BUILT / name).read_text()
        for folder in ("/work/", "/tmp/", "/home/", "/root/", "node_modules/.cache"):
            assert folder not in text, f"{name} mentions {folder}"


def test_a_pip_install_puts_every_built_file_where_jupyter_looks():
    """pyproject's data-files copy each built file to share/jupyter/labextensions/<name>, and package-data keeps
    them in the package too."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    target = f"share/jupyter/labextensions/{NAME}"
    installed = set()
    for folder, patterns in setuptools["data-files"].items():
        for pattern in patterns:
            for name in built_files():
                if fnmatch.fnmatch(f"course_lib/labextension/{name}", pattern):
                    installed.add(f"{folder}/{Path(name).name}")
    assert installed == {f"{target}/{name}" for name in built_files()}
    package_data = setuptools["package-data"]["course_lib"]
    assert all(any(fnmatch.fnmatch(f"labextension/{name}", p) for p in package_data) for name in built_files())


def test_this_venv_finds_the_extension():
    """`make setup` (an editable install, which leaves data files out) links it where JupyterLab looks."""
    found = [Path(folder) / NAME / "package.json" for folder in jupyter_path("labextensions")]
    assert any(path.is_file() for path in found), f"{NAME} is in none of {jupyter_path('labextensions')}"


def test_the_student_configuration_keeps_the_extension_on():
    """course_lib/jupyter_student switches some extensions off for students; never this one."""
    config = json.loads((ROOT / "course_lib" / "jupyter_student" / "labconfig" / "page_config.json").read_text())
    disabled = [name for name, off in config.get("disabledExtensions", {}).items() if off]
    assert not any(name == NAME or name.startswith(f"{NAME}:") for name in disabled)
