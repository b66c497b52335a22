"""Run every benchmark module (or those named on the command line) and write BENCHMARKS.md.

Each ``benchmarks/bench_<topic>.py`` exposes ``run() -> list[dict]`` with keys name, value, unit, goal, met, notes.
A benchmark that crashes is reported as a row with its error, and the others still run.
"""

from __future__ import annotations

import datetime
import importlib
import os
import platform
import re
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "BENCHMARKS.md"


def discover(names: list[str]) -> list[str]:
    found = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if not names:
        return found
    unknown = [n for n in names if f"bench_{n.removeprefix('bench_')}" not in found]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {unknown}; known: {[f.removeprefix('bench_') for f in found]}")
    return [f"bench_{n.removeprefix('bench_')}" for n in names]


def run_module(name: str) -> list[dict]:
    print(f"benchmarks: running {name} …", file=sys.stderr, flush=True)
    try:
        return importlib.import_module(f"benchmarks.{name}").run()
    except Exception as error:  # one broken benchmark must not hide the others' figures
        traceback.print_exc()
        return [{"name": name, "value": float("nan"), "unit": "", "goal": "", "met": False,
                 "notes": f"failed: {type(error).__name__}: {error}"}]


def render(results: dict[str, list[dict]], kept: list[str]) -> str:
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {when}: Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores. Figures are medians or ratios; they vary by machine, so compare runs on one machine.",
        "A partial run (`make bench BENCH=autograde`) rewrites its own rows and keeps the others from the last run.",
        "",
        "| Benchmark | Result | Goal | Met | Notes |",
        "|---|---|---|---|---|",
    ]
    for module, rows in results.items():
        for row in rows:
            value = row["value"]
            shown = f"{value:.3g} {row['unit']}".strip() if isinstance(value, int | float) else str(value)
            met = "yes" if row.get("met") else "**no**"
            cells = [f"{row['name']} ({module})", shown, row.get("goal", ""), met, row.get("notes", "")]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([*lines, *kept]) + "\n"


def kept_rows(ran: set[str]) -> list[str]:
    """Table rows of the previous BENCHMARKS.md from modules not run this time (a partial run updates its own)."""
    if not OUTPUT.exists():
        return []
    rows = [line for line in OUTPUT.read_text().splitlines() if line.startswith("| ") and line.endswith(" |")]
    return [row for row in rows[1:] if (m := re.search(r"\((\w+)\) \|", row)) and m.group(1) not in ran]


def main(argv: list[str] | None = None) -> int:
    names = discover(sys.argv[1:] if argv is None else argv)
    results = {name.removeprefix("bench_"): run_module(name) for name in names}
    OUTPUT.write_text(render(results, kept_rows(set(results))))
    print(OUTPUT.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
