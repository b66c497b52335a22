"""Each lesson notebook executed headless in a fresh kernel: median wall time of a few runs (goal ≤ 3 s).

Every lesson gets an empty chart drawing cache of its own: its first run draws its charts and keeps them (as a
student's first run does), the median is over the runs after it, which read them; the first run is in the notes.
Bytecode is compiled first, as Python does itself wherever it may write it (this machine's environment sets
PYTHONDONTWRITEBYTECODE, which would otherwise recompile course_lib in every kernel).
"""

from __future__ import annotations

import compileall
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from benchmarks.chart_cache import chart_cache

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
RUNS = 3
GOAL_S = 3.0


def execute_once(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def run() -> list[dict]:
    compileall.compile_dir(ROOT / "course_lib", quiet=1)
    rows = []
    for path in NOTEBOOKS:
        with tempfile.TemporaryDirectory() as cache, chart_cache(cache):
            first = execute_once(path)
            median = statistics.median(execute_once(path) for _ in range(RUNS))
        rows.append({
            "name": f"{path.stem} executed headless", "value": median, "unit": f"s median of {RUNS}",
            "goal": f"<= {GOAL_S:g} s", "met": median <= GOAL_S,
            "notes": f"fresh kernel each run, kernel start included, charts read from the drawing cache; "
                     f"first run, drawing them: {first:.2f} s",
        })
    return rows
