"""tools/bootstrap.sh: a missing Python or a failed install gets a plain message, and nothing is left half-done."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("dirname", "cat", "sha256sum", "cut", "rm", "mv", "tail", "mkdir", "ln", "readlink")


def repo_copy(tmp_path: Path, pyproject: str | None = None) -> Path:
    repo = tmp_path / "repo"
    (repo / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "bootstrap.sh", repo / "tools")
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
