"""What one Python environment of a hub sees: run by ``course check-hub`` as ``PYTHON hub_probe.py`` with the
students' (or any other) interpreter, it prints JSON: the nbgrader configs it reads, the exchange and course id they
give, the course's version and a digest of its code, and whether the private-files server extension is on.

Runs as a plain script in that environment (never imports this course's instructor code, which may be a different
version there): only the standard library, jupyter_core and traitlets, which nbgrader and JupyterLab bring.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

NBGRADER_CONFIGS = ("nbgrader_config.py", "nbgrader_config.json")
PRIVATE_EXTENSION = "course_lib.private_files"


def _config_path() -> list[str]:
    try:
        from jupyter_core.paths import jupyter_config_path
    except ImportError:
        return []
    return jupyter_config_path()


def nbgrader_settings(folders: list[str]) -> dict:
    """The nbgrader config files found (highest priority first) and the Exchange.root / course_id they set."""
    from traitlets.config.loader import JSONFileConfigLoader, PyFileConfigLoader

    found, root, course_id = [], None, None
    for folder in reversed(folders):  # lowest priority first: later ones win, as in nbgrader
        for name in NBGRADER_CONFIGS:
            path = Path(folder) / name
            if not path.is_file():
                continue
            found.insert(0, str(path))
            loader = PyFileConfigLoader if name.endswith(".py") else JSONFileConfigLoader
            try:
                config = loader(name, path=folder).load_config()
            except Exception as exc:  # a config that fails to load is itself a finding
                return {"files": found, "error": f"{path}: {exc}"}
            if "Exchange" in config and "root" in config.Exchange:
                root = str(config.Exchange.root)
            if "CourseDirectory" in config and "course_id" in config.CourseDirectory:
                course_id = str(config.CourseDirectory.course_id)
    return {"files": found, "exchange_root": root, "course_id": course_id}


def nbgrader_default_root() -> str | None:
    try:
        from nbgrader.exchange.default.exchange import Exchange
    except ImportError:
        return None
    return str(Exchange.class_traits()["root"].default())


def server_extensions(folders: list[str]) -> dict:
    """ServerApp.jpserver_extensions as the environment's Jupyter servers merge them (user config wins)."""
    enabled: dict = {}
    for folder in reversed(folders):
        files = sorted((Path(folder) / "jupyter_server_config.d").glob("*.json"))
        files.append(Path(folder) / "jupyter_server_config.json")
        for path in files:
            try:
                data = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            enabled.update(data.get("ServerApp", {}).get("jpserver_extensions", {}))
    return enabled


def course_code() -> dict:
    """The installed course's version and a digest of its Python code (same version, different code shows)."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        installed = version("course-lib")
    except PackageNotFoundError:
        return {"version": None, "digest": None}
    try:
        import importlib.util

        spec = importlib.util.find_spec("course_lib")
        package = Path(spec.origin).parent if spec and spec.origin else None
    except ImportError:
        package = None
    digest = hashlib.sha256()
    if package:
        for path in sorted(package.rglob("*.py")):
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return {"version": installed, "digest": digest.hexdigest() if package else None}


def probe() -> dict:
    folders = _config_path()
    extensions = server_extensions(folders)
    return {
        "python": sys.executable,
        "python_version": ".".join(map(str, sys.version_info[:3])),
        "nbgrader": nbgrader_settings(folders) if folders else {"files": [], "exchange_root": None, "course_id": None},
        "nbgrader_default_root": nbgrader_default_root(),
        "private_files": bool(extensions.get(PRIVATE_EXTENSION)),
        "course": course_code(),
        "config_path": folders,
    }


if __name__ == "__main__":
    json.dump(probe(), sys.stdout)
