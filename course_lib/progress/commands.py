"""``course progress`` and ``course selfcheck``: the learner's side of the ``course`` command."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from course_lib.progress.summary import summarise
from course_lib.record.store import ENVIRONMENT_VARIABLE, ProgressStore, default_store

OK, USAGE = 0, 2


def full_record(store: ProgressStore) -> dict:
    """The summary and every recorded row, as exported."""
    return {"exported_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "record_file": str(store.path),
            "summary": summarise(store).as_dict(), "record": store.as_dict()}


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def progress_command(*, as_json: bool = False, export: str | None = None, reset: bool = False, yes: bool = False,
                     out: TextIO | None = None, ask: Callable[[str], str] = input) -> int:
    out = out or sys.stdout
    store = default_store()
    if store is None:
        print(f"Recording is turned off ({ENVIRONMENT_VARIABLE}=off): the course keeps no record.", file=out)
        return OK
    if reset:
        return _reset(store, yes, out, ask)
    if export:
        target = Path(export).expanduser()
        data = full_record(store)
        text = json.dumps(data, indent=1) + "\n" if target.suffix.lower() == ".json" else (
            f"Progress in the psychodynamic psychotherapy course, {data['exported_at']}\n\n"
            f"{summarise(store).text()}\n")
        try:
            _write_atomically(target, text)
        except OSError as error:
            print(f"course: error: cannot write {target}: {error.strerror}", file=sys.stderr)
            return USAGE
        print(f"Wrote your progress to {target}.", file=out)
        return OK
    if as_json:
        print(json.dumps(full_record(store), indent=1), file=out)
        return OK
    summary = summarise(store)
    print(summary.text(), file=out)
    if store.notice:
        print(f"\n{store.notice}", file=out)
    print(f"\nKept on this computer only, in {store.path}", file=out)
    return OK


def _reset(store: ProgressStore, yes: bool, out: TextIO, ask: Callable[[str], str]) -> int:
    count = len(store.attempts())
    if not yes:
        try:
            reply = ask(f"Delete your whole progress record ({count} answers) in {store.path}? "
                        "Type yes to delete: ")
        except EOFError:
            reply = ""
        if reply.strip().lower() != "yes":
            print("Nothing deleted.", file=out)
            return OK
    store.reset()
    print("Your progress record is now empty.", file=out)
    return OK


def selfcheck_command(course_dir: Path, quiz: str, notebook: str, sandbox_mode: str, new: bool = False,
                      out: TextIO | None = None) -> int:
    from course_lib.progress.selfcheck import blank_copy, selfcheck

    out = out or sys.stdout
    if new:
        target = blank_copy(quiz, notebook, course_dir=course_dir)
        print(f"Wrote a fresh copy of {quiz} to {target}. Answer it in JupyterLab, save it, then run:\n"
              f"  course selfcheck {quiz} {notebook}", file=out)
        return OK
    print(f"Grading your copy of {quiz} on this computer (this takes a little while)…", file=out, flush=True)
    result = selfcheck(quiz, notebook, course_dir=course_dir, sandbox_mode=sandbox_mode)
    print(result.text(), file=out)
    return OK
