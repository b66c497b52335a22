"""tools/bootstrap.sh: a missing Python or a failed install gets a plain message, and nothing is left half-done."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from explain_pip_failure import CONFLICT, NETWORK, explain  # noqa: E402

TOOLS = ("dirname", "cat", "sha256sum", "cut", "rm", "mv", "tail", "mkdir", "ln", "readlink", "sed", "head",
         "realpath")


def repo_copy(tmp_path: Path, pyproject: str | None = None) -> Path:
    repo = tmp_path / "repo"
    (repo / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "bootstrap.sh", repo / "tools")
    shutil.copy(ROOT / "tools" / "explain_pip_failure.py", repo / "tools")
    (repo / "pyproject.toml").write_text(pyproject or (ROOT / "pyproject.toml").read_text())
    shutil.copy(ROOT / "constraints.txt", repo)
    return repo


def fake_path(tmp_path: Path, python_script: str | None) -> str:
    """A PATH holding only the shell tools the script needs, plus an optional fake python3."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    if python_script is not None:
        fake = bin_dir / "python3"
        fake.write_text(python_script)
        fake.chmod(0o755)
    return str(bin_dir)


def run(repo: Path, path: str) -> subprocess.CompletedProcess:
    env = {"PATH": path, "HOME": str(repo.parent)}
    return subprocess.run(["/bin/bash", str(repo / "tools" / "bootstrap.sh")], env=env, capture_output=True, text=True)


def test_no_suitable_python_says_what_to_install(tmp_path):
    """With only an old python3 on PATH the script stops with advice, not a traceback, and creates nothing."""
    repo = repo_copy(tmp_path)
    old_python = "#!/bin/sh\necho 'Python 3.8.10'\nexit 1\n"
    result = run(repo, fake_path(tmp_path, old_python))
    assert result.returncode == 1
    assert "Python 3.11 or newer is needed" in result.stderr and "PYTHON=" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (repo / ".venv").exists()


def test_no_python_at_all_is_reported_the_same_way(tmp_path):
    """An empty PATH (no python at all) gets the same clear message."""
    repo = repo_copy(tmp_path)
    result = run(repo, fake_path(tmp_path, None))
    assert result.returncode == 1 and "Python 3.11 or newer is needed" in result.stderr


def test_failed_install_is_reported_and_not_marked_ready(tmp_path):
    """When pip fails, the message says so and where the log is; the venv is not stamped, so a rerun retries."""
    pyproject = (ROOT / "pyproject.toml").read_text().replace(
        'dependencies = [\n', 'dependencies = [\n    "course-lib-no-such-package-for-tests==0.0.1",\n', 1
    )
    repo = repo_copy(tmp_path, pyproject)
    base_bin = Path(sys.base_prefix) / "bin"  # the interpreter the test venv was made from
    path = fake_path(tmp_path, None) + os.pathsep + str(base_bin)
    result = run(repo, path)
    assert result.returncode == 1, result.stderr
    assert "installing the dependencies failed" in result.stderr and "pip-error.log" in result.stderr
    assert (repo / ".venv" / "bin" / "python").exists()
    shebang = (repo / ".venv" / "bin" / "pip").read_text().splitlines()[0]
    assert shebang.startswith(f"#!{repo / '.venv' / 'bin'}/"), f"venv scripts point elsewhere: {shebang}"
    assert not (repo / ".venv" / ".course-installed").exists(), "a failed install must not be marked ready"


def test_ready_venv_is_reused_without_reinstalling(tmp_path):
    """A stamped venv in step with pyproject.toml is reused at once (no pip run)."""
    repo = repo_copy(tmp_path)
    first = run(repo, fake_path(tmp_path, None))  # fails: no python; now fake a ready venv
    assert first.returncode == 1
    venv_bin = repo / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").symlink_to("/bin/true")
    stamp_input = (repo / "pyproject.toml").read_text() + (repo / "constraints.txt").read_text() + "extras=test\n"
    digest = subprocess.run(["sha256sum"], input=stamp_input, capture_output=True, text=True).stdout.split()[0]
    (repo / ".venv" / ".course-installed").write_text(digest + "\n")
    again = run(repo, str(tmp_path / "bin"))
    assert again.returncode == 0 and again.stderr == ""


def test_ready_venv_gets_the_quiz_forms_extension_linked(tmp_path):
    """The editable install leaves out data files, so the script links the built extension where JupyterLab and
    Notebook 7 look for it (share/jupyter/labextensions), and a rerun keeps the link."""
    repo = repo_copy(tmp_path)
    built = repo / "course_lib" / "labextension"
    built.mkdir(parents=True)
    (built / "package.json").write_text("{}")
    run(repo, fake_path(tmp_path, None))
    venv_bin = repo / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").symlink_to("/bin/true")
    stamp_input = (repo / "pyproject.toml").read_text() + (repo / "constraints.txt").read_text() + "extras=test\n"
    digest = subprocess.run(["sha256sum"], input=stamp_input, capture_output=True, text=True).stdout.split()[0]
    (repo / ".venv" / ".course-installed").write_text(digest + "\n")
    for _ in range(2):
        result = run(repo, str(tmp_path / "bin"))
        assert result.returncode == 0, result.stderr
        link = repo / ".venv" / "share" / "jupyter" / "labextensions" / "course-quiz-forms"
        assert link.is_symlink() and (link / "package.json").read_text() == "{}"


# pip 23.0.1 (Debian 12's python3 -m venv) on 3.11.2, with the soupsieve pin that needs 3.11.5: recorded output.
RESOLUTION_IMPOSSIBLE = """\
ERROR: Cannot install nbconvert because these package versions have conflicting dependencies.

The conflict is caused by:
    beautifulsoup4 4.15.0 depends on soupsieve>=1.6.1
    The user requested (constraint) soupsieve==4.1.3

To fix this you could try to:
1. loosen the range of package versions you've specified
2. remove package versions to allow pip attempt to solve the dependency conflict

ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/
"""
NEEDS_NEWER_PYTHON = """\
ERROR: Ignored the following versions that require a different python version: 4.1.2 Requires-Python >=3.11.5; \
4.1.3 Requires-Python >=3.11.5
ERROR: Could not find a version that satisfies the requirement soupsieve==4.1.3 (from versions: 2.9, 2.10, 3.0)
ERROR: No matching distribution found for soupsieve==4.1.3
"""
NO_NETWORK = """\
WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by \
'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object>: Failed to establish a new connection: \
[Errno -3] Temporary failure in name resolution')': /simple/jupyterlab/
ERROR: Could not find a version that satisfies the requirement jupyterlab<5,>=4.2 (from versions: none)
ERROR: No matching distribution found for jupyterlab<5,>=4.2
"""


def test_a_version_conflict_is_named_as_one_not_as_the_network():
    """pip's ResolutionImpossible becomes "a version conflict" naming the pin that conflicts, never network advice."""
    status, text = explain(RESOLUTION_IMPOSSIBLE, "3.11.2")
    assert status == CONFLICT
    assert "soupsieve==4.1.3" in text and "version conflict" in text and "network connection" not in text


def test_a_pin_for_a_newer_python_says_which_python_it_needs():
    """A pinned version that needs a newer Python is reported with the Python it needs and the one in use."""
    status, text = explain(NEEDS_NEWER_PYTHON, "3.11.2")
    assert status == CONFLICT
    assert "soupsieve==4.1.3" in text and ">=3.11.5" in text and "3.11.2" in text and "network" in text
    assert "not a network problem" in text


def test_an_unreachable_index_is_a_network_problem():
    """Only a failure to reach the package index gets the network advice."""
    status, text = explain(NO_NETWORK, "3.11.7")
    assert status == NETWORK and "network connection" in text and "conflict" not in text


def test_a_venv_from_another_python_is_made_again(tmp_path):
    """After an install failed with one Python, a rerun with PYTHON naming another does not reuse the old venv (it
    would fail the same way): it says so and makes the venv with the Python asked for."""
    pyproject = (ROOT / "pyproject.toml").read_text().replace(
        'dependencies = [\n', 'dependencies = [\n    "course-lib-no-such-package-for-tests==0.0.1",\n', 1
    )
    repo = repo_copy(tmp_path, pyproject)
    base_python = Path(sys.base_prefix) / "bin" / "python3"
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "python").symlink_to(base_python)  # a working python with pip, as a venv has
    (repo / ".venv" / "pyvenv.cfg").write_text("home = /nowhere\nversion = 3.11.2\nexecutable = /bin/sh\n")
    env = {"PATH": fake_path(tmp_path, None), "HOME": str(tmp_path), "PYTHON": str(base_python)}
    result = subprocess.run(["/bin/bash", str(repo / "tools" / "bootstrap.sh")], env=env, capture_output=True,
                            text=True)
    assert "removing .venv: it was made with /bin/sh" in result.stderr
    made_with = (repo / ".venv" / "pyvenv.cfg").read_text()
    assert f"executable = {os.path.realpath(base_python)}" in made_with
    assert result.returncode == 1 and "course-lib-no-such-package-for-tests" in result.stderr


SYSTEM_PYTHON = "/usr/bin/python3"


def _system_python_differs() -> str:
    """Why the Debian python3 path needs its own run here ("" when it is the interpreter the suite runs on)."""
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return ""
    same = os.path.realpath(SYSTEM_PYTHON) == os.path.realpath(sys._base_executable)
    return "" if same else "differs from the suite's Python"


@pytest.mark.slow
@pytest.mark.skipif(not _system_python_differs(), reason="/usr/bin/python3 is missing or is the suite's own Python")
def test_make_setup_works_with_the_system_python(tmp_path):
    """tools/bootstrap.sh with PYTHON=/usr/bin/python3 (Debian 12: 3.11.2, below soupsieve 4.1's floor) installs the
    course from a fresh copy of the repository, and the course imports in that venv."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    repo = tmp_path / "clone"
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name, follow_symlinks=False)
    env = {**os.environ, "PYTHON": SYSTEM_PYTHON}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(["bash", "tools/bootstrap.sh"], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    version = subprocess.run([str(repo / ".venv" / "bin" / "python"), "-c",
                              "import platform, course_lib.practice, course_lib.cli; "
                              "print(platform.python_version())"], capture_output=True, text=True)
    assert version.returncode == 0, version.stderr
    system_version = subprocess.run([SYSTEM_PYTHON, "-c", "import platform; print(platform.python_version())"],
                                    capture_output=True, text=True).stdout
    assert version.stdout == system_version
