"""Say in one paragraph why ``pip install`` failed, from its error log (used by tools/bootstrap.sh).

A version conflict (pip's ResolutionImpossible, or a pinned version that needs another Python) is named as a conflict
with the packages involved; only a failure to reach the package index is called a network problem. Runs with the
interpreter the venv is made from, before anything is installed, so it uses the standard library only.

Usage: python explain_pip_failure.py PIP_ERROR_LOG PYTHON_VERSION
Prints the explanation and exits 0 for a conflict, 3 for a network problem, 4 when the cause is unclear.
"""

from __future__ import annotations

import re
import sys

CONFLICT, NETWORK, UNCLEAR = 0, 3, 4

_NETWORK = re.compile(r"NewConnectionError|Max retries exceeded|Temporary failure in name resolution|"
                      r"Name or service not known|Connection refused|Network is unreachable|ReadTimeoutError|"
                      r"ConnectTimeoutError|SSLError|ProxyError")
_WRONG_PYTHON = re.compile(r"Package '([^']+)' requires a different Python: (\S+) not in '([^']+)'")
_IGNORED = re.compile(r"Ignored the following versions that require a different python version: (.*)")
_NOT_FOUND = re.compile(r"No matching distribution found for (\S+)")
_CAUSE_LINE = re.compile(r"^\s+(\S.*(?:depends on|requested).*)$")


def _conflict_lines(log: str) -> list[str]:
    """The lines under pip's "The conflict is caused by:" (e.g. "The user requested (constraint) soupsieve==4.1.3")."""
    _, found, rest = log.partition("The conflict is caused by:")
    if not found:
        return []
    lines = []
    for line in rest.splitlines()[1:]:
        match = _CAUSE_LINE.match(line)
        if not match:
            break
        lines.append(match.group(1).strip())
    return lines


def _python_need(log: str, requirement: str) -> str:
    """The Requires-Python of the pinned version, from pip's "Ignored the following versions" line, if it says."""
    _, _, pinned = requirement.partition("==")
    for line in _IGNORED.findall(log):
        for entry in line.split("; "):
            version, _, needs = entry.partition(" Requires-Python ")
            if pinned and version.strip() == pinned:
                return needs.strip()
    return ""


def explain(log: str, python_version: str) -> tuple[int, str]:
    advice = ("This is a version conflict, not a network problem. Use a Python the course supports (see README.md; "
              "e.g. 'make setup PYTHON=/path/to/python3.12'), or report it to the course's maintainers.")
    wrong = _WRONG_PYTHON.search(log)
    if wrong:
        name, have, need = wrong.groups()
        return CONFLICT, (f"{name} needs Python {need}, and this is Python {have}. {advice}")
    causes = _conflict_lines(log)
    if causes or "ResolutionImpossible" in log:
        named = "; ".join(causes) or "see the log"
        return CONFLICT, (f"the pinned versions cannot all be installed together on Python {python_version} "
                          f"({named}). {advice}")
    missing = _NOT_FOUND.search(log)
    if missing and not _NETWORK.search(log) and "(from versions: none)" in log:
        return UNCLEAR, (f"the package index offers no version of {missing.group(1)} at all: check the package "
                         "name, and your network connection or proxy, then rerun the same command.")
    if missing and not _NETWORK.search(log):
        requirement = missing.group(1)
        need = _python_need(log, requirement)
        why = f" (it needs Python {need}, and this is Python {python_version})" if need else ""
        return CONFLICT, f"no installable {requirement} was found for Python {python_version}{why}. {advice}"
    if _NETWORK.search(log):
        return NETWORK, ("the Python package index could not be reached. Check your network connection (or proxy) "
                         "and rerun the same command; nothing needs cleaning up first.")
    return UNCLEAR, "see the lines above; rerun the same command once it is fixed (nothing needs cleaning up first)."


def main(argv: list[str]) -> int:
    log_path, python_version = argv[1], argv[2]
    with open(log_path, encoding="utf-8", errors="replace") as log:
        status, text = explain(log.read(), python_version)
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
