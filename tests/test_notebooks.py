"""Every lesson notebook runs top to bottom in a fresh kernel, cleanly, as a student would run it."""

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from notebook_paths import NOTEBOOKS

CELL_TIMEOUT_S = 120


def first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "").strip()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_cleanly_in_a_fresh_kernel(path):
    """No cell raises, times out or writes to stderr (warnings included); failures name notebook and cell."""
    nb = nbformat.read(path, as_version=4)
    resources = {"metadata": {"path": str(path.parent)}}
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3", resources=resources)
    try:
        client.execute()
    except CellTimeoutError:
        pytest.fail(f"{path.name}: a cell ran longer than {CELL_TIMEOUT_S} s")
    except CellExecutionError as error:
        failed = [i for i, c in enumerate(nb.cells) if any(o.output_type == "error" for o in c.get("outputs", []))]
        index = failed[0] if failed else "?"
        source = first_line(nb.cells[index].source) if failed else ""
        pytest.fail(f"{path.name}, cell {index} ({source!r}): {error.ename}: {error.evalue}")
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                where = f"{path.name}, cell {index} ({first_line(cell.source)!r})"
                pytest.fail(f"{where} wrote to stderr: {output['text'][:300]}")


def test_there_is_a_lesson_for_every_entry_of_the_course_map():
    """Each lesson listed in the course map exists as a notebook, and no notebook is missing from the map."""
    from course_lib.content.lessons import lessons

    on_disk = {p.stem for p in NOTEBOOKS}
    in_map = {lesson.id for lesson in lessons()}
    assert on_disk <= in_map, f"notebooks not in course_lib/content/lessons.toml: {sorted(on_disk - in_map)}"
    assert "00_start_here" in on_disk
