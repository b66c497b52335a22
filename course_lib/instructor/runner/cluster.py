"""Grading on a Dask cluster: one task per student, running ``grade_one.grade_submission`` on a worker.

The quiz's source and the course's config go to the workers once (scattered to each); each task carries one
student's checked files and brings back the graded files, which are written into ``autograded/`` here, so no file
system is shared. A bounded number of tasks is in flight, so the scheduler never holds a whole class of notebooks.
When a worker dies, the scheduler gives its running task to another (up to its ``allowed-failures``); the grading
starts over there and overwrites whatever the dead one had written, so nothing is lost or counted twice.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from course_lib.instructor.course.coursedir import CourseError
from course_lib.instructor.runner.grade_one import (
    CourseFiles,
    Graded,
    Submission,
    grade_submission,
    read_files,
    write_files,
)
from course_lib.instructor.steps.preflight import staged_root

IN_FLIGHT_PER_THREAD = 4


def _store(course_dir: Path, quiz: str, graded: Graded) -> None:
    """Put the graded files in ``autograded/STUDENT/QUIZ`` in one move: the folder is the old one or the new one."""
    final = course_dir / "autograded" / graded.student / quiz
    incoming = final.with_name(f".{quiz}.incoming")
    shutil.rmtree(incoming, ignore_errors=True)
    write_files(incoming, graded.files)
    shutil.rmtree(final, ignore_errors=True)
    os.replace(incoming, final)


def grade_on_cluster(course_dir: Path, quiz: str, students: list[str], scheduler: str, *, sandbox_mode: str,
                     memory_mb: int, kernels: str = "forked") -> Iterator[Graded]:
    """Grade ``students`` on the cluster whose scheduler is at ``scheduler``; yields each result as it comes."""
    from distributed import Client, as_completed

    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise CourseError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address and that "
                          "the scheduler is running") from None
    with client:
        threads = sum(client.nthreads().values())
        if not threads:
            raise CourseError(f"the Dask scheduler at {scheduler} has no workers; start some (docs/scaling.md)")
        course = client.scatter(CourseFiles.read(course_dir, quiz), broadcast=True)
        stage = staged_root(course_dir, quiz)
        waiting, student_of = list(reversed(students)), {}

        def submit_next():
            student = waiting.pop()
            submission = Submission(student, read_files(stage / student / quiz), sandbox_mode, memory_mb, kernels)
            # A fresh key each run: a task left by an interrupted run is never mistaken for this one's.
            future = client.submit(grade_submission, course, submission, pure=False,
                                   key=f"grade-{quiz}-{student}-{uuid.uuid4().hex[:8]}")
            student_of[future.key] = student
            return future

        first = [submit_next() for _ in range(min(len(waiting), IN_FLIGHT_PER_THREAD * threads))]
        running = as_completed(first, loop=client.loop)
        for future in running:
            student = student_of.pop(future.key)
            try:
                graded = future.result()
            except Exception as exc:  # the task itself failed: a worker died too often, the gradebook refused it …
                graded = Graded(student, False, f"{type(exc).__name__}: {exc}"[:300])
            finally:
                future.release()
            if graded.ok:
                _store(course_dir, quiz, graded)
            if waiting:
                running.add(submit_next())
            yield graded
