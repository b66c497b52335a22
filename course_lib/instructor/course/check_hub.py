"""``course check-hub``: what a class on this machine would expose or break, each finding with its fix.

For the hub's administrator (and the instructor): home folders classmates can enter, the answer key and grades
readable by others, the exchange (there, sticky, world-writable, its inbound not listable), whether the students'
environment and the instructor's read the same exchange and course id, the course's version (and code) on both sides,
the private-files server extension in the students' environment, and the formgrader's frame on JupyterHub 4.1 and
later. The students' environment is checked by running its own Python on ``hub_probe.py``.
"""

from __future__ import annotations

import json
import pwd
import re
import shlex
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from course_lib.instructor.course import hub_probe, privacy

OK, PROBLEM, NOTE = "ok", "PROBLEM", "note"
HUB_CONFIGS = ("/etc/jupyterhub/jupyterhub_config.py", "/opt/tljh/config/jupyterhub_config.d", "jupyterhub_config.py")
NO_LOGIN = ("nologin", "false", "sync", "halt", "shutdown")
SHOWN = 8  # paths named in one finding; the rest are counted


@dataclass(frozen=True)
class Finding:
    status: str
    what: str
    fix: str = ""


def _listing(paths: list[Path]) -> str:
    names = ", ".join(str(p) for p in paths[:SHOWN])
    return names + (f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else "")


def _quoted(paths: list[Path]) -> str:
    return " ".join(shlex.quote(str(p)) for p in paths)


# -- home folders ------------------------------------------------------------------------------------------------------

def user_homes(homes_dir: Path | None = None) -> list[Path]:
    """The home folders of people: every folder in ``homes_dir`` when given, else /home/* and the homes of accounts
    with a login shell and a uid of 1000 or more."""
    if homes_dir is not None:
        return sorted(p for p in Path(homes_dir).iterdir() if p.is_dir())
    homes = {p for p in Path("/home").iterdir() if p.is_dir()} if Path("/home").is_dir() else set()
    for user in pwd.getpwall():
        if 1000 <= user.pw_uid < 65534 and not user.pw_shell.endswith(NO_LOGIN) and Path(user.pw_dir).is_dir():
            homes.add(Path(user.pw_dir))
    return sorted(homes)


def check_homes(homes_dir: Path | None = None) -> Finding:
    homes = user_homes(homes_dir)
    open_homes = [home for home in homes if privacy.readable_by_others(home)]
    if not homes:
        return Finding(NOTE, "no home folders found to check")
    if not open_homes:
        return Finding(OK, f"{len(homes)} home folder(s), none open to other users")
    return Finding(
        PROBLEM,
        f"{len(open_homes)} home folder(s) other users can enter: {_listing(open_homes)}. Classmates can open each "
        "other's quizzes, answers and feedback there (files made before the course's private umask, or by other "
        "programs)",
        f"sudo chmod 0700 {_quoted(open_homes)}; and for new accounts: HOME_MODE 0700 in /etc/login.defs "
        "(Debian's adduser: DIR_MODE=0700 in /etc/adduser.conf)")


# -- the course folder -------------------------------------------------------------------------------------------------

def check_course(course_dir: Path) -> Finding:
    from course_lib.instructor.course.coursedir import db_url

    exposed = [p for p in privacy.secret_paths(course_dir, db_url(course_dir)) if privacy.readable_by_others(p)]
    if not exposed:
        return Finding(OK, f"the course folder {course_dir} (answer key, grades, students' work) is private")
    names = ", ".join(privacy.describe(p, course_dir.resolve()) for p in exposed)
    return Finding(PROBLEM, f"other users can read {names}: the answer key, grades or students' work",
                   privacy.chmod_fix(privacy.fix_targets(exposed, course_dir.resolve())))


# -- the exchange ------------------------------------------------------------------------------------------------------

def check_exchange(root: str, course_id: str) -> list[Finding]:
    path = Path(root)
    create = f"sudo mkdir -p {shlex.quote(root)} && sudo chmod 1777 {shlex.quote(root)}"
    if not path.is_dir():
        return [Finding(PROBLEM, f"the exchange {root} does not exist: releasing a quiz fails", create)]
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o1777 != 0o1777:
        return [Finding(PROBLEM, f"the exchange {root} has mode {mode:04o}; it needs 1777 (everyone may create, the "
                                 "sticky bit keeps each person's files theirs)",
                        f"sudo chmod 1777 {shlex.quote(root)}")]
    findings = [Finding(OK, f"the exchange {root} exists with mode 1777")]
    inbound = path / course_id / "inbound"
    if inbound.is_dir():
        inbound_mode = stat.S_IMODE(inbound.stat().st_mode)
        if inbound_mode & stat.S_IROTH:
            findings.append(Finding(PROBLEM, f"students can list {inbound} ({inbound_mode:04o}) and so open each "
                                             "other's submissions (nbgrader writes them readable: 0644)",
                                    f"chmod o-r {shlex.quote(str(inbound))}"))
        else:
            findings.append(Finding(OK, f"students cannot list {inbound}: a submission (nbgrader makes it 0644) is "
                                        "found only by its name, which ends in a random string and is kept in the "
                                        "student's own nbgrader cache"))
    return findings


# -- the environments --------------------------------------------------------------------------------------------------

def probe(python: str) -> dict | str:
    """What ``python``'s environment sees (hub_probe's JSON), or a line saying why it could not be asked."""
    try:
        done = subprocess.run([python, hub_probe.__file__], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"could not run {python}: {exc}"
    if done.returncode != 0:
        return f"{python} could not report its settings: {(done.stderr.strip().splitlines() or ['?'])[-1]}"
    return json.loads(done.stdout)


def instructor_side(course_dir: Path | None) -> dict:
    """The instructor's exchange and course id as the course's own commands see them (site configs, then the
    course's nbgrader_config.py), and this environment's probe."""
    seen = hub_probe.probe()
    if course_dir is not None:
        from course_lib.instructor.course.coursedir import load_config

        config = load_config(course_dir)
        if "Exchange" in config and "root" in config.Exchange:
            seen["nbgrader"]["exchange_root"] = str(config.Exchange.root)
        if "CourseDirectory" in config and "course_id" in config.CourseDirectory:
            seen["nbgrader"]["course_id"] = str(config.CourseDirectory.course_id)
    return seen


def _root(seen: dict) -> str | None:
    return seen["nbgrader"].get("exchange_root") or seen.get("nbgrader_default_root")


def compare_sides(instructor: dict, students: dict | str | None) -> list[Finding]:
    site_files = instructor["nbgrader"].get("files") or []
    where = (f"the instructor's environment reads the site nbgrader config {', '.join(site_files)}" if site_files else
             "the instructor's environment reads no site nbgrader config (only the course folder's)")
    findings = [Finding(NOTE, where)]
    if students is None:
        findings.append(Finding(NOTE, "the students' environment was not checked",
                                "rerun with --students-python /path/to/the/students/bin/python (or --hub-config with "
                                "the hub's configuration naming Spawner.cmd)"))
        return findings
    if isinstance(students, str):
        findings.append(Finding(PROBLEM, students, "check the path given with --students-python"))
        return findings
    put_it = ("put one site config where both read it: /etc/jupyter/nbgrader_config.py with c.Exchange.root and "
              "c.CourseDirectory.course_id (the system folder every environment reads)")
    if students["nbgrader"].get("error"):
        findings.append(Finding(PROBLEM, "the students' nbgrader config does not load: "
                                         f"{students['nbgrader']['error']}", put_it))
    files = students["nbgrader"].get("files") or []
    findings.append(Finding(NOTE, f"the students' environment ({students['python']}) reads "
                                  + (", ".join(files) if files else "no site nbgrader config")))
    mine, theirs = _root(instructor), _root(students)
    if theirs is None:
        findings.append(Finding(PROBLEM, "nbgrader is not installed in the students' environment: no Assignments "
                                         "list, no fetching or submitting",
                                f"{students['python']} -m pip install -c course-repo/constraints.txt ./course-repo"))
    elif mine != theirs:
        findings.append(Finding(PROBLEM, f"the instructor releases to the exchange {mine} and students fetch from "
                                         f"{theirs}: they would never see a quiz", put_it))
    else:
        findings.append(Finding(OK, f"both environments use the exchange {mine}"))
    my_id, their_id = instructor["nbgrader"].get("course_id"), students["nbgrader"].get("course_id")
    if their_id and my_id != their_id:
        findings.append(Finding(PROBLEM, f"the course id differs: instructor {my_id!r}, students {their_id!r}",
                                put_it))
    elif not their_id:
        findings.append(Finding(NOTE, f"the students' environment sets no course id (nbgrader lists every course in "
                                      f"the exchange; the instructor's is {my_id!r})",
                                f"c.CourseDirectory.course_id = {my_id!r} in the site config"))
    else:
        findings.append(Finding(OK, f"both environments use the course id {my_id!r}"))
    findings += compare_course(instructor, students)
    if students.get("private_files"):
        findings.append(Finding(OK, "students' servers and kernels start with a private umask "
                                    "(course_lib.private_files)"))
    else:
        findings.append(Finding(PROBLEM, "students' servers do not keep their files private (the course's "
                                         "course_lib.private_files server extension is off in their environment): "
                                         "where homes are open, classmates can read fetched quizzes, answers, "
                                         "nbgrader's submission cache and feedback",
                                f"{students['python']} -m jupyter server extension enable --sys-prefix "
                                "course_lib.private_files (or reinstall the course there: "
                                f"{students['python']} -m pip install -c course-repo/constraints.txt ./course-repo)"))
    return findings


def compare_course(instructor: dict, students: dict) -> list[Finding]:
    mine, theirs = instructor["course"], students["course"]
    reinstall = (f"{students['python']} -m pip install -c course-repo/constraints.txt ./course-repo (as the "
                 "administrator, from a checkout of the instructor's version), then restart the students' servers")
    if not theirs.get("version"):
        return [Finding(PROBLEM, "the course is not installed in the students' environment: every quiz's check "
                                 "cells import it", reinstall)]
    if theirs["version"] != mine["version"]:
        return [Finding(PROBLEM, f"the students have course {theirs['version']}, the instructor grades with "
                                 f"{mine['version']}", reinstall)]
    if theirs.get("digest") and mine.get("digest") and theirs["digest"] != mine["digest"]:
        return [Finding(PROBLEM, f"the course's code differs between the students' environment and the instructor's "
                                 f"(both say version {mine['version']})", reinstall)]
    return [Finding(OK, f"students and instructor have the same course ({mine['version']})")]


# -- the hub -----------------------------------------------------------------------------------------------------------

def hub_config_text(hub_config: Path | None) -> tuple[Path | None, str]:
    """The hub's configuration (a file, or a folder of them as TLJH keeps it) and its text ('' when unreadable)."""
    candidates = [hub_config] if hub_config else [Path(p) for p in HUB_CONFIGS]
    for path in candidates:
        try:
            if path.is_dir():
                return path, "\n".join(p.read_text() for p in sorted(path.glob("*.py")))
            if path.is_file():
                return path, path.read_text()
        except OSError:
            return path, ""
    return None, ""


def spawned_python(config: str) -> str | None:
    """The Python beside the command the hub's Spawner.cmd names (an absolute path), if it names one."""
    match = re.search(r"Spawner\.cmd\s*=\s*\[?\s*['\"]([^'\"]+)['\"]", config)
    if not match or not match.group(1).startswith("/"):
        return None
    folder = Path(match.group(1)).parent
    return next((str(folder / n) for n in ("python3", "python") if (folder / n).exists()), None)


def hub_version(students_python: str | None) -> str | None:
    """JupyterHub's version: here, beside the students' Python, or on PATH."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("jupyterhub")
    except PackageNotFoundError:
        pass
    commands = [str(Path(students_python).parent / "jupyterhub")] if students_python else []
    commands.append(shutil.which("jupyterhub") or "")
    for command in filter(None, commands):
        try:
            done = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=60)
        except OSError:
            continue
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip().splitlines()[-1]
    return None


def _older(version: str, than: tuple[int, int]) -> bool:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:2]]
    return tuple(numbers) < than


def check_formgrader_frame(version: str | None, hub_path: Path | None, config: str, instructor: dict) -> Finding:
    if version is None:
        return Finding(NOTE, "no JupyterHub found here: the formgrader's frame was not checked")
    if _older(version, (4, 1)):
        return Finding(OK, f"JupyterHub {version} lets the formgrader open in a JupyterLab tab")
    if re.search(r"enable_subdomains\s*=\s*True", config):
        return Finding(OK, f"JupyterHub {version} with subdomains: the formgrader opens in a JupyterLab tab")
    if "frame-ancestors" in config:
        return Finding(OK, f"JupyterHub {version}; its configuration sets a frame-ancestors policy for the servers")
    if _server_sets_frame_policy(instructor.get("config_path", [])):
        return Finding(OK, f"JupyterHub {version}; the instructor's server sets its own frame-ancestors policy")
    where = f" ({hub_path})" if hub_path else ""
    return Finding(
        PROBLEM,
        f"JupyterHub {version} forbids frames on single-user servers (Content-Security-Policy: frame-ancestors "
        f"'none'){where}: the formgrader's tab in the instructor's JupyterLab stays blank",
        "the instructor opens the formgrader in its own browser tab (https://HUB/user/NAME/formgrader), which works as "
        "it is; or the hub sets c.JupyterHub.enable_subdomains = True (needs wildcard DNS and TLS); or, for the "
        "instructor's server only, c.ServerApp.tornado_settings = {'headers': {'Content-Security-Policy': "
        "\"frame-ancestors 'self'\"}} in that user's ~/.jupyter/jupyter_server_config.py (this reopens the "
        "same-origin risk JupyterHub closed, for that one server)")


def _server_sets_frame_policy(folders: list[str]) -> bool:
    for folder in folders:
        for name in ("jupyter_server_config.py", "jupyter_server_config.json"):
            try:
                if "frame-ancestors" in (Path(folder) / name).read_text():
                    return True
            except OSError:
                continue
    return False


# -- all together ------------------------------------------------------------------------------------------------------

def check_hub(course_dir: Path | None, students_python: str | None = None, hub_config: Path | None = None,
              homes_dir: Path | None = None) -> list[Finding]:
    hub_path, config = hub_config_text(hub_config)
    if hub_config and hub_path is not None and not config:
        findings = [Finding(NOTE, f"cannot read the hub's configuration {hub_path}", "run course check-hub as root")]
    else:
        findings = []
    students_python = students_python or spawned_python(config)
    findings.append(check_homes(homes_dir))
    if course_dir is not None:
        findings.append(check_course(course_dir))
    instructor = instructor_side(course_dir)
    students = probe(students_python) if students_python else None
    root = _root(instructor)
    if root and course_dir is not None and Path(root).resolve().is_relative_to(course_dir.resolve()):
        findings.append(Finding(PROBLEM, f"no site exchange is set up, so the course uses its own private exchange "
                                         f"{root}, which no student can reach",
                                "sudo mkdir -p /srv/nbgrader/exchange && sudo chmod 1777 /srv/nbgrader/exchange, "
                                "and in /etc/jupyter/nbgrader_config.py: c.Exchange.root = '/srv/nbgrader/exchange' "
                                "and c.CourseDirectory.course_id"))
    elif root:
        findings += check_exchange(root, instructor["nbgrader"].get("course_id") or "")
    findings += compare_sides(instructor, students)
    findings.append(check_formgrader_frame(hub_version(students_python), hub_path, config, instructor))
    return findings


def report(findings: list[Finding]) -> str:
    problems = sum(f.status == PROBLEM for f in findings)
    lines = [f"course check-hub: {len(findings)} check(s), "
             + (f"{problems} problem(s)" if problems else "no problems")]
    for finding in findings:
        lines.append(f"  {finding.status:<8} {finding.what}")
        if finding.fix and finding.status != OK:
            lines.append(f"  {'':<8} fix: {finding.fix}")
    return "\n".join(lines) + "\n"


def main(course_dir: Path | None, students_python: str | None, hub_config: str | None, homes: str | None) -> int:
    findings = check_hub(course_dir, students_python, Path(hub_config) if hub_config else None,
                         Path(homes) if homes else None)
    sys.stdout.write(report(findings))
    return 1 if any(f.status == PROBLEM for f in findings) else 0

