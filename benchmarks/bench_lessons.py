"""Each lesson notebook executed headless in a fresh kernel: median wall time of a few runs (goal ≤ 3 s)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]_*.ipynb"))
RUNS = 3
GOAL_S = 3.0


def execute_once(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def run() -> list[dict]:
    rows = []
    for path in NOTEBOOKS:
        median = statistics.median(execute_once(path) for _ in range(RUNS))
        rows.append({
            "name": f"{path.stem} executed headless", "value": median, "unit": f"s median of {RUNS}",
            "goal": f"<= {GOAL_S:g} s", "met": median <= GOAL_S,
            "notes": "fresh kernel each run, kernel start included",
        })
    return rows
