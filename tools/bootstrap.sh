#!/usr/bin/env bash
# Create or refresh .venv with the course installed. Safe to rerun: the venv is only
# marked ready (a stamp holding the hash of pyproject.toml) after a complete install,
# so an interrupted or failed run is simply redone next time.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.course-installed"
MIN_MINOR=11

say() { printf 'bootstrap: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.13 python3.12 python3.11 python3; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c "import sys; sys.exit(0 if sys.version_info >= (3, $MIN_MINOR) else 1)" 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

# The quiz forms' JupyterLab extension: a non-editable install copies it into share/jupyter/labextensions, an
# editable one (this venv) does not, so link the package's built copy there (as `jupyter labextension develop`
# does). Then `make lab`, `make formgrader` and a plain .venv/bin/jupyter lab or notebook all load it.
link_labextension() {
    local target="$VENV/share/jupyter/labextensions/course-quiz-forms"
    [ -f course_lib/labextension/package.json ] || return 0
    [ -L "$target" ] && [ "$(readlink "$target")" = "$PWD/course_lib/labextension" ] && return 0
    mkdir -p "$(dirname "$target")"
    rm -rf "$target"
    ln -s "$PWD/course_lib/labextension" "$target"
}

# Likewise the Jupyter config a (non-editable) install puts in etc/jupyter: students' files private (umask 077), no
# "Jupyter news?" prompt (course_lib/jupyter_site/README.md).
link_site_config() {
    local name target
    for name in jupyter_server_config.d/course-lib.json labconfig/page_config.d/course-lib.json; do
        target="$VENV/etc/jupyter/$name"
        [ -f "course_lib/jupyter_site/$name" ] || continue
        [ -L "$target" ] && [ "$(readlink "$target")" = "$PWD/course_lib/jupyter_site/$name" ] && continue
        mkdir -p "$(dirname "$target")"
        rm -rf "$target"
        ln -s "$PWD/course_lib/jupyter_site/$name" "$target"
    done
}

# The interpreter a venv was made from, as its pyvenv.cfg records it (empty when unknown).
venv_base() { sed -n 's/^executable = //p' "$VENV/pyvenv.cfg" 2>/dev/null | head -n 1; }
real_python() { "$1" -c "import os, sys; print(os.path.realpath(sys._base_executable))" 2>/dev/null; }

want=$( (cat pyproject.toml constraints.txt; echo "extras=${COURSE_EXTRAS:-test}") | sha256sum | cut -d' ' -f1)
# PYTHON given explicitly and naming another interpreter than the venv's: the venv is remade below, not reused.
wrong_python=""
if [ -n "${PYTHON:-}" ] && [ -f "$VENV/pyvenv.cfg" ] && [ -n "$(venv_base)" ] \
        && [ "$(real_python "$PYTHON")" != "$(realpath "$(venv_base)" 2>/dev/null)" ]; then
    wrong_python=yes
fi
if [ -z "$wrong_python" ] && [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    link_labextension
    link_site_config
    exit 0   # already set up and in step with pyproject.toml
fi

PY=$(find_python) || die "Python 3.$MIN_MINOR or newer is needed and none was found on PATH.
  Install it (Debian/Ubuntu: 'sudo apt-get install python3 python3-venv'; macOS: 'brew install python@3.12'),
  or point PYTHON at one: 'make lab PYTHON=/path/to/python3.12'."
"$PY" -c "import venv, ensurepip" 2>/dev/null || die "$PY has no venv/ensurepip module.
  On Debian/Ubuntu install it with 'sudo apt-get install python3-venv', then rerun."

# A venv cannot be built elsewhere and moved (its scripts hard-code their path), so an interrupted creation is
# detected instead: no working python or pip inside means start again.
if [ -d "$VENV" ] && ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    say "removing an incomplete $VENV left by an earlier run"
    rm -rf "$VENV"
fi
# A venv made from another interpreter than the one chosen now (say an install failed on Debian's python3 and PYTHON
# now names another) would be reused with its old Python and fail the same way: make it again.
if [ -d "$VENV" ] && [ -n "$(venv_base)" ] && [ "$(real_python "$PY")" != "$(realpath "$(venv_base)" 2>/dev/null)" ]; then
    say "removing $VENV: it was made with $(venv_base), and this run uses $PY"
    rm -rf "$VENV"
fi
if [ ! -d "$VENV" ]; then
    say "creating $VENV with $("$PY" --version)"
    "$PY" -m venv "$VENV" || { rm -rf "$VENV"; die "could not create a virtual environment with $PY."; }
fi

rm -f "$STAMP"
say "installing the course and its dependencies (first run takes a few minutes)"
if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt \
        -e ".[${COURSE_EXTRAS:-test}]" 2>"$VENV/pip-error.log"; then
    tail -n 15 "$VENV/pip-error.log" >&2
    why=$("$PY" tools/explain_pip_failure.py "$VENV/pip-error.log" "$("$PY" -c 'import platform; print(platform.python_version())')") \
        || true
    die "installing the dependencies failed (full log: $VENV/pip-error.log):
  $why"
fi
# pip compiles what it installs but not the course itself (an editable install). Compiled now, a kernel does not
# recompile course_lib at every start where Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE, common in
# containers); where it may write, Python refreshes these files itself after any edit.
"$VENV/bin/python" -m compileall -q course_lib >/dev/null || say "could not precompile course_lib (harmless)"
link_labextension
link_site_config
echo "$want" > "$STAMP"
say "ready: $VENV"
