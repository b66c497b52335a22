"""A class on a real JupyterHub (tests/support/hub_class.py, as tests/scenarios/hub/test_end_to_end.py runs it): the
steps a student waits for, timed in Chromium for each of three students, medians reported.

- login → first quiz form: the hub's login page submitted → server spawned → JupyterLab → Nbgrader → Assignment
  List → Fetch → the quiz opened → its first form on screen.
- fetch: Fetch pressed → the quiz listed under downloaded assignments.
- submit: Submit pressed (after the notebook is saved) → listed under submitted assignments.
- feedback fetch: Fetch Feedback pressed → "view feedback" offered.

Needs root (real Unix accounts), npm and Chromium, like the test.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository, for the tests' helpers (tests.support)

from tests.support.browser_support import browser_available  # noqa: E402
from tests.support.hub_support import unavailable_reason as hub_unavailable  # noqa: E402
from tests.support.unix_accounts import unavailable_reason as accounts_unavailable  # noqa: E402

# (step as tests/support/hub_class.py records it, name in BENCHMARKS.md, goal in seconds or None: reported only, as the
# issue that asked for these figures set none)
STEPS = (
    ("login to first quiz form", "hub login to first quiz form on screen", None),
    ("login to JupyterLab", "hub login to JupyterLab (server spawned)", None),
    ("fetch", "Fetch in the Assignment List", None),
    ("submit", "Submit in the Assignment List", None),
    ("feedback fetch", "Fetch Feedback in the Assignment List", None),
)


def run() -> list[dict]:
    reason = accounts_unavailable() or hub_unavailable() or browser_available()
    if reason:
        return [{"name": name, "value": float("nan"), "unit": "s", "goal": f"<= {goal:g} s" if goal else "",
                 "met": False, "notes": f"not run: {reason}"} for _, name, goal in STEPS]
    from tests.support.hub_class import run_class

    seen = run_class()
    load = os.getloadavg()[0]
    rows = []
    for step, name, goal in STEPS:
        times = seen["timings"][step]
        median = seen["medians"][step]
        rows.append({
            "name": name, "value": median, "unit": f"s median of {len(times)}",
            "goal": f"<= {goal:g} s" if goal else "none (reported)", "met": goal is None or median <= goal,
            "notes": f"JupyterHub {seen['jupyterhub_version']}, LocalProcessSpawner, PAM login, one student at a "
                     f"time in headless Chromium; runs: {', '.join(f'{t:.1f}' for t in times)} s; load average "
                     f"{load:.1f} on {os.cpu_count()} cores",
        })
    return rows
