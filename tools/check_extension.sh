#!/usr/bin/env bash
# Prove that course_lib/labextension (the quiz forms' prebuilt JupyterLab extension, shipped so nobody needs node)
# is exactly what extension/ builds: build a clean copy of the sources in a temporary folder, from the lockfile,
# and compare byte for byte. Building elsewhere also proves the build does not depend on the folder it runs in.
# The extension's unit tests (extension/test/, node --test) run on the same copy.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || { echo "check-extension: npm is needed (Debian: apt-get install npm)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/course_lib"
tar --exclude=node_modules --exclude=lib --exclude=build-test -cf - extension | tar -xf - -C "$work"
(cd "$work/extension" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run --silent build >/dev/null)
(cd "$work/extension" && npm test --silent >"$work/unit-tests.log" 2>&1) || {
    cat "$work/unit-tests.log" >&2
    echo "check-extension: the extension's unit tests failed" >&2
    exit 1
}
echo "check-extension: the extension's unit tests pass"
if diff -r "$work/course_lib/labextension" course_lib/labextension; then
    echo "check-extension: course_lib/labextension is what extension/ builds"
else
    echo "check-extension: course_lib/labextension differs from what extension/ builds; run 'make extension'" >&2
    exit 1
fi
