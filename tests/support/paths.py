"""Where things are, for tests in any folder: the repository, the lesson notebooks and the tests' own data files."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
DATA = Path(__file__).resolve().parent / "data"
