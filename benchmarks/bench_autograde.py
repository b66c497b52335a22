"""Autograde benchmarks: course autograde --workers 2 against plain nbgrader, students per second on each gradebook
(SQLite, PostgreSQL) and on a Dask LocalCluster, and a large class end to end.

Sizes come from the environment so a quick run is possible:
COURSE_BENCH_SPEEDUP_N (default 60 submissions) and COURSE_BENCH_CLASS_N (default 500 submissions).
All use the repo's first quiz when it exists (else the built-in fixture quiz), in temporary copies. The PostgreSQL
rows start a private server as the test suite does (tests/postgres_server.py) and are reported as not run without one.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from course_lib.instructor.course import coursedir
from course_lib.instructor.steps import autograde, export, feedback, release
from course_lib.instructor.testing import synthetic

REAL_QUIZ = "q1_features_and_process"


def _course(tmp: Path) -> tuple[Path, str]:
    """A fresh course copy with one released quiz; returns (root, quiz)."""
    root = tmp / "course"
    if (coursedir.REPO_COURSE / "source" / REAL_QUIZ).is_dir():
        shutil.copytree(coursedir.REPO_COURSE, root, ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "exchange"))
        quiz = REAL_QUIZ
    else:
        synthetic.write_fixture_course(root)
        quiz = synthetic.FIXTURE_QUIZ
    release.release(root, quiz)
    return root, quiz


def _class(root: Path, quiz: str, n: int) -> None:
    """n submissions: alternately the key, the untouched release and a half-answered copy."""
    rel = coursedir.release_notebooks(root, quiz)
    key = {name: synthetic.answers_from_source(nb) for name, nb in coursedir.source_notebooks(root, quiz).items()}
    for i in range(n):
        if i % 3 == 0:
            notebooks = {name: synthetic.fill_answers(nb, key[name]) for name, nb in rel.items()}
        elif i % 3 == 1:
            notebooks = dict(rel)
        else:
            notebooks = {name: synthetic.fill_answers(nb, dict(list(key[name].items())[::2]))
                         for name, nb in rel.items()}
        synthetic.submit(root, quiz, f"student{i:04d}", notebooks)


class _PeakMemory:
    """Peak resident memory of this process and all its descendants, sampled every 50 ms."""

    def __init__(self):
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        # Summed RSS counts pages shared by forked workers and libraries once per process; PSS splits each
        # shared page among its sharers, so the sum is the memory the tree really uses. Both are reported.
        me = psutil.Process()
        while not self._stop.is_set():
            rss = pss = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a kernel may exit between listing and reading
                    info = proc.memory_full_info()
                    rss, pss = rss + info.rss, pss + info.pss
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _load() -> str:
    """The machine's load when a figure was taken: these benchmarks share a 2-core machine with other work."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def _nbgrader_bin() -> str:
    return str(Path(sys.executable).parent / "nbgrader")


def bench_speedup(n: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        root, quiz = _course(Path(tmp))
        _class(root, quiz, n)
        serial = Path(tmp) / "serial"
        shutil.copytree(root, serial)
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        start = time.perf_counter()
        subprocess.run([_nbgrader_bin(), "autograde", quiz, "--log-level=ERROR"], cwd=serial, env=env,
                       capture_output=True, check=False)
        plain = time.perf_counter() - start
        start = time.perf_counter()
        result = autograde.autograde(root, quiz, workers=2, err=io.StringIO())
        ours = time.perf_counter() - start
    ratio = plain / ours
    sandbox = "in the bwrap sandbox" if result.sandboxed else "without sandbox"
    return [
        {"name": f"plain nbgrader autograde, {n} submissions", "value": round(plain, 2), "unit": "s",
         "goal": "reference", "met": True, "notes": f"quiz {quiz}, one nbgrader process, serial"},
        {"name": f"course autograde --workers 2, {n} submissions", "value": round(ours, 2), "unit": "s",
         "goal": "reference", "met": True, "notes": f"preflight included, {sandbox}"},
        {"name": "course autograde --workers 2 vs plain nbgrader", "value": round(ratio, 2), "unit": "x faster",
         "goal": ">= 1.8 x", "met": ratio >= 1.8, "notes": f"{n} submissions on a 2-core machine; {_load()}"},
    ]


def bench_class(n: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        root, quiz = _course(Path(tmp))
        _class(root, quiz, n)
        start = time.perf_counter()
        with _PeakMemory() as memory:
            graded = autograde.autograde(root, quiz, workers=2, err=io.StringIO())
            fed = feedback.feedback(root, quiz)
            rows = export.export_csv(root, quizzes=[quiz]).count("\n") - 1
            pages = sum(path.suffix == ".html" for path in fed.files)
        elapsed = time.perf_counter() - start
    peak_mb, rss_mb = memory.peak_pss / 2**20, memory.peak_rss / 2**20
    complete = len(graded.graded) == n and pages == n and rows > n
    return [
        {"name": f"class of {n}: preflight + autograde + feedback + export", "value": round(elapsed, 1),
         "unit": "s", "goal": "<= 300 s, complete", "met": complete and elapsed <= 300,
         "notes": f"{len(graded.graded)} graded, {pages} feedback pages, {rows} CSV rows; {_load()}"},
        {"name": f"class of {n}: peak memory of the process tree", "value": round(peak_mb, 1), "unit": "MB",
         "goal": "<= 500 MB", "met": peak_mb <= 500,
         "notes": f"summed PSS of grader, workers and kernels, sampled every 50 ms (summed RSS, which counts "
                  f"shared pages once per process: {rss_mb:.0f} MB)"},
    ]


def _rate(root: Path, quiz: str, n: int, **options) -> tuple[float, autograde.AutogradeResult]:
    start = time.perf_counter()
    result = autograde.autograde(root, quiz, workers=2, err=io.StringIO(), **options)
    return n / (time.perf_counter() - start), result


def bench_gradebooks(n: int) -> list[dict]:
    """Students per second at 2 workers: SQLite, PostgreSQL, and a 2-worker Dask LocalCluster on PostgreSQL."""
    from tests import postgres_server

    rows = []
    goal = ">= 2.5 students/s"  # issue 15, point 4: what pre-started or forked kernels are to reach
    with tempfile.TemporaryDirectory() as tmp:
        root, quiz = _course(Path(tmp))
        _class(root, quiz, n)
        fresh_root = Path(tmp) / "fresh"
        shutil.copytree(root, fresh_root)
        rate, result = _rate(root, quiz, n)
        fresh_rate, _ = _rate(fresh_root, quiz, n, kernels="fresh")
        sandbox = "in the bwrap sandbox" if result.sandboxed else "without sandbox"
        rows.append({"name": f"students per second, SQLite gradebook, --workers 2 ({n} submissions)",
                     "value": round(rate, 2), "unit": "students/s", "goal": goal, "met": rate >= 2.5,
                     "notes": f"quiz {quiz}, forked kernels, preflight included, {sandbox}, {len(result.failed)} "
                              f"failed; {_load()}"})
        rows.append({"name": "forked kernels vs a fresh kernel per student (SQLite, --workers 2)",
                     "value": round(rate / fresh_rate, 2), "unit": "x faster", "goal": "reference", "met": True,
                     "notes": f"--kernels fresh: {fresh_rate:.2f} students/s; {_load()}"})
    reason = postgres_server.unavailable()
    if reason:
        return [*rows, {"name": "students per second, PostgreSQL gradebook", "value": "not run", "unit": "",
                        "goal": goal, "met": False, "notes": reason}]
    with postgres_server.private_server() as server, tempfile.TemporaryDirectory() as tmp:
        os.environ["PGPASSWORD"] = server.password
        try:
            for label, options in (("PostgreSQL gradebook, --workers 2", {}),
                                   ("Dask LocalCluster of 2 workers, PostgreSQL", {"cluster": True})):
                root, quiz = _course(Path(tmp) / label.split()[0])
                with (root / "nbgrader_config.py").open("a") as config:
                    config.write(f"c.CourseDirectory.db_url = {server.url()!r}\n")
                release.release(root, quiz)
                _class(root, quiz, n)
                if options:
                    rate, result = _on_local_cluster(root, quiz, n)
                else:
                    rate, result = _rate(root, quiz, n)
                rows.append({"name": f"students per second, {label} ({n} submissions)", "value": round(rate, 2),
                             "unit": "students/s", "goal": goal, "met": rate >= 2.5,
                             "notes": f"forked kernels, preflight included, {len(result.failed)} failed"
                                      + ("; cluster start not counted, worker profiler off" if options else "")
                                      + f"; {_load()}"})
        finally:
            os.environ.pop("PGPASSWORD", None)
    return rows


def _on_local_cluster(root: Path, quiz: str, n: int) -> tuple[float, autograde.AutogradeResult]:
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
        return _rate(root, quiz, n, scheduler=cluster.scheduler_address, sandbox_mode="auto")


def run() -> list[dict]:
    n = int(os.environ.get("COURSE_BENCH_SPEEDUP_N", "60"))
    return [*bench_speedup(n), *bench_gradebooks(n), *bench_class(int(os.environ.get("COURSE_BENCH_CLASS_N", "500")))]


if __name__ == "__main__":
    for row in run():
        print(row)
