"""The ``course`` command: the instructor pipeline on an nbgrader course directory, and the learner's own commands.

One table, ``COMMANDS``, names every command with its help, its arguments and the function that runs it; each of
those functions calls one step (``course_lib.instructor.steps``, ``.lms``, ``.report``, ``course_lib.progress``) and
turns its result into lines on standard error and an exit status.

Exit status (documented in docs/instructor.md): 0 done and nothing needs attention; 1 done, but
something needs the instructor's attention (a repaired or set-aside submission, a failed student, a
withheld feedback file, feedback held back for a pending manual grade, a problem found by check-hub, a failed
release check); 2 usage or configuration error; 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from course_lib.instructor import lms
from course_lib.instructor.course.coursedir import CourseError, resolve_course_dir
from course_lib.instructor.course.privacy import OVERRIDE_FLAG, exposure_problem

OK, ATTENTION, USAGE, INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other usage error here
        self.exit(USAGE, f"course: error: {message} (see course --help)\n")


def _add_privacy_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(OVERRIDE_FLAG, action="store_true",
                        help="go on although other users of this computer can read the answer key, grades or "
                             "submissions (refused by default)")


def _add_roster_options(parser: argparse.ArgumentParser, command: str) -> None:
    parser.add_argument("--roster", metavar="FILE", help=f"the LMS's roster CSV ({lms.roster_help(command)})")
    parser.add_argument("--roster-id", metavar="COLUMN", help=lms.roster_id_help())


def _check_privacy(course_dir: Path, args: argparse.Namespace) -> None:
    from course_lib.instructor.course.coursedir import db_url

    problem = exposure_problem(course_dir, db_url(course_dir))
    if problem and not args.allow_readable_by_others:
        raise CourseError(problem)
    if problem:
        print(f"course: warning: {problem}", file=sys.stderr)


@dataclass(frozen=True)
class Command:
    """One ``course`` command: what ``--help`` says, the arguments it takes, and the function that runs it."""

    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str | None = None


def _course_dir(args: argparse.Namespace) -> Path:
    return resolve_course_dir(args.course_dir)


def _quiz(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("quiz")


# --- release, autograde, feedback ------------------------------------------------------------------------------------
def _release_arguments(p: argparse.ArgumentParser) -> None:
    _quiz(p)
    _add_privacy_flag(p)


def _release(args: argparse.Namespace) -> int:
    from course_lib.instructor.steps.release import release

    course_dir = _course_dir(args)
    _check_privacy(course_dir, args)
    check = release(course_dir, args.quiz)
    for problem in check.problems:
        print(f"release check: {problem}", file=sys.stderr)
    print(f"release {args.quiz}: {check.files_checked} file(s) checked: "
          f"{'OK' if check.ok else f'{len(check.problems)} problem(s)'}", file=sys.stderr)
    return OK if check.ok else ATTENTION


def _autograde_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("quiz")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="parallel grading processes (default 2)")
    p.add_argument("--student", action="append", metavar="ID", help="grade only this student (repeatable)")
    p.add_argument("--sandbox", choices=("auto", "require", "off"),
                   help="run student code in the bubblewrap sandbox: auto (if usable; the default here), require "
                        "(the default on a cluster), off")
    p.add_argument("--memory-mb", type=int, default=2048, metavar="MB", help="memory cap per kernel (sandbox)")
    p.add_argument("--force", action="store_true", help="regrade students already graded from the same files")
    p.add_argument("--kernels", choices=("forked", "fresh"), default="forked",
                   help="forked (the default): each worker forks its students' kernels from one that has already "
                        "imported IPython, in the same sandbox; fresh: start a new kernel process per student")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="grade on a Dask cluster (one task per student), e.g. tcp://10.0.0.5:8786; needs a PostgreSQL "
                        "gradebook (docs/scaling.md)")
    _add_privacy_flag(p)

def _autograde(args: argparse.Namespace) -> int:
    from course_lib.instructor.steps.autograde import autograde

    course_dir = _course_dir(args)
    _check_privacy(course_dir, args)
    sandbox_mode = args.sandbox or ("require" if args.scheduler else "auto")
    result = autograde(course_dir, args.quiz, workers=args.workers, students=args.student,
                       sandbox_mode=sandbox_mode, memory_mb=args.memory_mb, force=args.force,
                       scheduler=args.scheduler, kernels=args.kernels)
    return result.exit_status


def _feedback_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("quiz")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="parallel processes (default 2)")
    p.add_argument("--student", action="append", metavar="ID", help="only this student (repeatable)")
    p.add_argument("--provisional", action="store_true",
                   help="also return feedback to students with items not graded by hand yet: their pages say \"not "
                        "graded yet\" for those items and call the score provisional (by default those students "
                        "are held back and named, and the command exits 1)")
    p.add_argument("--lms", metavar="LMS", help="then package the feedback for the LMS's bulk return: "
                   f"{lms.choices_text()} (needs --roster), in reports/QUIZ/feedback-LMS.zip")
    _add_roster_options(p, "feedback")
    p.add_argument("--submissions", metavar="ZIP", help="Canvas: the assignment's Download Submissions zip (its file "
                   "names carry the ids Canvas matches returned files by)")

def _feedback(args: argparse.Namespace) -> int:
    from course_lib.instructor.steps.feedback import feedback

    course_dir = _course_dir(args)
    roster = matching = None
    if args.lms or args.roster or args.submissions:  # the roster is checked before any feedback is written
        from course_lib.instructor.course.coursedir import require_quiz
        from course_lib.instructor.lms.feedback import check_roster
        from course_lib.instructor.lms.roster import read_roster

        if not args.lms:
            raise CourseError("--roster and --submissions package feedback for an LMS: add --lms "
                              f"{lms.choices_text()}")
        lms.adapter(args.lms)
        if not args.roster:
            raise CourseError(f"--lms {args.lms} needs --roster FILE (the LMS's roster CSV)")
        require_quiz(course_dir, args.quiz)
        roster = read_roster(Path(args.roster), args.lms, args.roster_id)
        matching = check_roster(roster, Path(args.submissions) if args.submissions else None)
    result = feedback(course_dir, args.quiz, args.student, workers=args.workers, provisional=args.provisional)
    print(result.summary(), file=sys.stderr)
    if roster is None:
        return result.exit_status
    from course_lib.instructor.lms.feedback import package

    packed = package(course_dir, args.quiz, result, roster, matching)
    print(packed.summary(args.lms), file=sys.stderr)
    return ATTENTION if result.exit_status or packed.left_out or not packed.path else OK

# --- grades out, submissions and roster in ---------------------------------------------------------------------------
def _export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--quiz", action="append", metavar="QUIZ", help="only this quiz (repeatable)")
    p.add_argument("--format", default="csv", metavar="FORMAT", help="csv (the default: every item), "
                   f"{lms.choices_text()} (the LMS's grade import; needs --roster)")
    _add_roster_options(p, "export")
    p.add_argument("--column", action="append", metavar="QUIZ=HEADER", help="the LMS column for a quiz's score, "
                   "e.g. q1=\"Quiz 1 (12345)\" (repeatable; overrides lms.toml)")

def _export(args: argparse.Namespace) -> int:
    course_dir = _course_dir(args)
    if args.format == "csv":
        from course_lib.instructor.steps.export import export_csv

        text = export_csv(course_dir, Path(args.out) if args.out else None, args.quiz)
        if not args.out:
            sys.stdout.write(text)
        return OK
    from course_lib.instructor.lms.export import export_lms, read_roster

    lms.adapter(args.format, "export format", others=("csv",))
    if not args.roster:
        raise CourseError(f"--format {args.format} needs --roster FILE (the LMS's roster CSV)")
    roster = read_roster(Path(args.roster), args.format, args.roster_id)
    text, warnings = export_lms(course_dir, roster, Path(args.out) if args.out else None, args.quiz, args.column)
    for warning in warnings:
        print(f"export: {warning}", file=sys.stderr)
    if not args.out:
        sys.stdout.write(text)
    return ATTENTION if warnings else OK


def _roster_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help=f"the LMS's roster CSV ({lms.roster_help()})")
    p.add_argument("--lms", required=True, metavar="LMS", help=lms.choices_text())
    p.add_argument("--roster-id", metavar="COLUMN", help=lms.roster_id_help())

def _roster(args: argparse.Namespace) -> int:
    from course_lib.instructor.lms.roster import read_roster, record_roster

    course_dir = _course_dir(args)
    count = record_roster(course_dir, read_roster(Path(args.file), args.lms, args.roster_id))
    print(f"roster: {count} student(s) recorded in the gradebook", file=sys.stderr)
    return OK


def _collect_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("quiz")
    p.add_argument("zipfile", help="the zip of the LMS's \"download all submissions\"")
    p.add_argument("--lms", required=True, metavar="LMS", help=lms.choices_text())
    p.add_argument("--roster", metavar="FILE", help="the LMS's roster CSV, to map its ids to the course's student ids "
                   f"({lms.roster_help('collect')})")
    p.add_argument("--roster-id", metavar="COLUMN", help=lms.roster_id_help())
    p.add_argument("--time-zone", default="UTC", metavar="ZONE",
                   help="the time zone of Blackboard's attempt times, e.g. Europe/Berlin (default UTC)")
    _add_privacy_flag(p)

def _collect(args: argparse.Namespace) -> int:
    from course_lib.instructor.lms import roster
    from course_lib.instructor.lms.collect import collect

    course_dir = _course_dir(args)
    try:
        _check_privacy(course_dir, args)
        lms.adapter(args.lms)
        known = roster.read_roster(Path(args.roster), args.lms, args.roster_id) if args.roster else None
        result = collect(course_dir, args.quiz, Path(args.zipfile), args.lms, known, args.time_zone)
    except CourseError as exc:
        print(f"course collect: {exc}", file=sys.stderr)
        return USAGE
    print(result.summary(), file=sys.stderr)
    return result.exit_status

# --- deadlines, report, formgrader, check-hub -------------------------------------------------------------------------
def _deadlines_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quiz", action="append", metavar="QUIZ", help="only this quiz (repeatable)")


def _deadlines(args: argparse.Namespace) -> int:
    from course_lib.instructor.course import deadlines

    course_dir = _course_dir(args)
    known = deadlines.load(course_dir)
    if not known.due:
        print(f"deadlines: no due dates in {course_dir / deadlines.FILE_NAME}", file=sys.stderr)
    for quiz in args.quiz or sorted(known.due):
        print(f"deadlines: {deadlines.apply(course_dir, quiz, known) or f'{quiz}: no due date set'}", file=sys.stderr)
    return OK


def _variant_arguments(p: argparse.ArgumentParser) -> None:
    _quiz(p)
    p.add_argument("--student", required=True, metavar="ID", help="the student's id, as nbgrader grades them")
    p.add_argument("--json", action="store_true", help="print it as JSON: item id -> its version, with its key")


def _variant(args: argparse.Namespace) -> int:
    import json

    from course_lib.instructor.course.coursedir import require_quiz
    from course_lib.instructor.quizzes.variant_keys import describe, source_notebook, student_variant

    course_dir = _course_dir(args)
    require_quiz(course_dir, args.quiz)
    found = student_variant(args.quiz, args.student, nb=source_notebook(course_dir, args.quiz))
    if args.json:
        print(json.dumps({item: seen.as_json() for item, seen in found.items()}, indent=1, ensure_ascii=False))
    else:
        print(describe(args.quiz, args.student, found))
    return OK


def _report(args: argparse.Namespace) -> int:
    from course_lib.instructor.report.item_analysis import write_report

    paths = write_report(_course_dir(args), args.quiz)
    print(f"report {args.quiz}: {paths['html']}", file=sys.stderr)
    return OK


def _formgrader_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, metavar="PORT", help="first port to try (default 8888)")
    p.add_argument("--no-browser", action="store_true", help="print the address but do not open a browser")


def _formgrader(args: argparse.Namespace) -> int:
    from course_lib import lab

    return lab.main(["--instructor", "--course-dir", str(_course_dir(args))]
                    + (["--port", str(args.port)] if args.port else [])
                    + (["--no-browser"] if args.no_browser else []))


def _check_hub_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--students-python", metavar="PATH", help="the Python of the students' environment (e.g. "
                   "/opt/tljh/user/bin/python); default: the one beside the hub's Spawner.cmd, if the hub's "
                   "configuration names it")
    p.add_argument("--hub-config", metavar="FILE", help="the hub's jupyterhub_config.py (default: "
                   "/etc/jupyterhub/jupyterhub_config.py or TLJH's, if there)")
    p.add_argument("--homes", metavar="DIR", help="check the folders in DIR as the users' homes (default: /home/* "
                   "and the homes of accounts with a login shell)")

def _check_hub(args: argparse.Namespace) -> int:
    from course_lib.instructor.course.check_hub import main as check_hub

    try:
        course = _course_dir(args)
    except CourseError:
        if args.course_dir:
            raise
        course = None  # an administrator without a course folder: the machine's checks only
    return check_hub(course, args.students_python, args.hub_config, args.homes)


# --- the learner's commands ------------------------------------------------------------------------------------------
def _selfcheck_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("quiz")
    p.add_argument("notebook", help="your saved copy of the quiz (any name, any folder)")
    p.add_argument("--sandbox", choices=("auto", "require", "off"), default="auto",
                   help="run the quiz code in the bubblewrap sandbox: auto (if usable), require, off")
    p.add_argument("--new", action="store_true", help="write a fresh, blank copy of the quiz to NOTEBOOK instead")

def _selfcheck(args: argparse.Namespace) -> int:
    from course_lib.progress.commands import selfcheck_command

    return selfcheck_command(_course_dir(args), args.quiz, args.notebook, args.sandbox, args.new)


def _progress_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print the whole record as JSON")
    p.add_argument("--export", metavar="FILE", help="write it to FILE (JSON if FILE ends in .json, else text)")
    p.add_argument("--reset", action="store_true", help="delete the whole record (asks first)")
    p.add_argument("--yes", action="store_true", help="with --reset: do not ask")

def _progress(args: argparse.Namespace) -> int:
    from course_lib.progress.commands import progress_command

    return progress_command(as_json=args.json, export=args.export, reset=args.reset, yes=args.yes)


COMMANDS: dict[str, Command] = {
    "release": Command("generate the student version of a quiz and check it", _release_arguments, _release),
    "autograde": Command("preflight, then grade submissions in parallel", _autograde_arguments, _autograde),
    "feedback": Command("HTML feedback with hidden tests removed", _feedback_arguments, _feedback),
    "export": Command("scores as CSV (never the text of answers)", _export_arguments, _export),
    "roster": Command("put the LMS's roster (names, emails, LMS ids) in the gradebook", _roster_arguments, _roster),
    "collect": Command("an LMS's submissions download (zip) into submitted/, through nbgrader's zip collector",
                       _collect_arguments, _collect),
    "deadlines": Command("write the due dates and extensions of deadlines.toml into the gradebook (course autograde "
                         "does it too)", _deadlines_arguments, _deadlines),
    "report": Command("item analysis: HTML, PNG and CSV under reports/QUIZ/", _quiz, _report),
    "variant": Command("one student's version of a quiz with variants: numbers, option order and key (for disputes "
                       "and regrades)", _variant_arguments, _variant),
    "formgrader": Command("JupyterLab on this course, opening nbgrader's formgrader", _formgrader_arguments,
                          _formgrader),
    "check-hub": Command(
        "for the hub's administrator: what a class on this machine would expose or break (open home folders, a "
        "readable answer key, the exchange, the students' and the instructor's settings), each with its fix; exit 1 "
        "when something needs fixing", _check_hub_arguments, _check_hub,
        description="Checks this machine for a class: home folders classmates can enter, the answer key or grades "
        "readable by others, the exchange's folder and its mode, whether the students' environment and the "
        "instructor's use the same exchange, course id and course version, whether students' files are kept "
        "private, and whether the formgrader can open inside JupyterLab on this JupyterHub. Every problem is printed "
        "with the command or setting that fixes it."),
    "selfcheck": Command("learners: grade your own finished copy of a quiz on this computer", _selfcheck_arguments,
                         _selfcheck),
    "progress": Command("learners: your progress, kept on this computer only", _progress_arguments, _progress),
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="course", description="Release, grade and report on the course's nbgrader quizzes. "
                     "Works on --course-dir, else the current folder when it holds nbgrader_config.py, "
                     "else the repository's assignments/.")
    parser.add_argument("--course-dir", metavar="DIR", help="the nbgrader course directory")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for name, command in COMMANDS.items():
        command.arguments(sub.add_parser(name, help=command.help, description=command.description))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # What the course writes (release, grades, feedback, reports) is for the instructor alone; nbgrader sets the
    # permissions of what it copies to the exchange itself.
    umask = os.umask(0o077)
    try:
        return COMMANDS[args.command].run(args)
    except CourseError as exc:
        print(f"course: error: {exc}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("\ncourse: interrupted; rerun the same command to continue (nothing graded is lost)",
              file=sys.stderr)
        return INTERRUPTED
    finally:
        os.umask(umask)


if __name__ == "__main__":
    sys.exit(main())
