"""Small nbgrader preprocessors the pipeline adds to nbgrader's own lists, or puts in place of nbgrader's own."""

from __future__ import annotations

import functools
import re
import traceback

import jsonschema
import nbformat
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata, NbGraderPreprocessor, SaveAutoGrades
from nbgrader.utils import is_grade, is_solution
from traitlets import Dict, List, Unicode

from course_lib.instructor.quizzes.keylines import HIDDEN_BEGIN, HIDDEN_END, regions

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class StderrToStdout(NbGraderPreprocessor):
    """Relabel stderr output of test cells as stdout, after execution and before grading.

    nbgrader scores a test cell 0 when it printed anything on stderr, so a library warning during a
    correct answer's test would cost the student the item. The text stays visible in the feedback;
    only a real error output fails the test.
    """

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell):
            for output in cell.outputs:
                if output.output_type == "stream" and output.name == "stderr":
                    output.name = "stdout"
        return cell, resources


class StripHiddenTestText(NbGraderPreprocessor):
    """Remove every hidden-test line from cell sources and outputs before feedback is rendered.

    A failing hidden test's traceback quotes the failing line (upstream nbgrader #917): each output
    line that contains a hidden-test line is replaced by a short notice, and so is the message of an
    error raised from a hidden line (an assert's message is part of that line and may name the key).
    """

    hidden_lines = List(Unicode(), help="Stripped hidden-test lines of the quiz's source").tag(config=True)
    notice = Unicode("[hidden test line removed]").tag(config=True)
    _own: tuple[str, ...] = ()

    def _leaks(self, text: str) -> bool:
        plain = _ANSI.sub("", text)
        return any(line in plain for line in self.hidden_lines) or any(line in plain for line in self._own)

    def _clean(self, text: str) -> str:
        return "\n".join(self.notice if self._leaks(line) else line for line in text.split("\n"))

    def preprocess_cell(self, cell, resources, index):
        # The cell's own hidden lines too: autograde wrote a varying item's key into them (runner.own_keys), so they
        # are not among the source's lines. Needs to run before ClearHiddenTests, which removes them.
        hidden, _ = regions(cell.source, HIDDEN_BEGIN, HIDDEN_END)
        self._own = tuple(line for line in hidden if len(line) > 3)
        if not self.hidden_lines and not self._own:
            return cell, resources
        cell.source = "\n".join(line for line in cell.source.split("\n") if not self._leaks(line))
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                from_hidden = any(self._leaks(frame) for frame in output.traceback)
                output.traceback = [self._clean(frame) for frame in output.traceback]
                if from_hidden or self._leaks(output.evalue):
                    # The message was written in the hidden line itself: it may name the key.
                    old = output.evalue
                    output.evalue = self.notice
                    if old:
                        output.traceback = [frame.replace(old, self.notice) for frame in output.traceback]
            elif output.output_type == "stream":
                output.text = self._clean(output.text)
            elif "data" in output:
                for mime, value in list(output.data.items()):
                    if isinstance(value, str) and self._leaks(value):
                        output.data[mime] = self._clean(value)
        return cell, resources


class SaveAutoGradesAtOnce(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, with a notebook's grades and comments committed in one transaction instead of one
    per cell: a notebook's grades are written whole or not at all, and the gradebook waits for its disk (SQLite) or
    server (PostgreSQL) once per notebook rather than about 50 times."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        self.gradebook = Gradebook(self.db_url)
        with self.gradebook:
            session = self.gradebook.db()
            session.commit = session.flush  # the per-cell commits of nbgrader's code become flushes
            try:
                nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
            finally:
                del session.commit
            session.commit()
        return nb, resources


class _CompiledSchema(BaseMetadataValidator):
    def validate_cell(self, cell) -> None:
        if "nbgrader" not in cell.metadata:
            return
        if cell.metadata["nbgrader"].get("schema_version", 0) != self.schema_version:
            BaseMetadataValidator.validate_cell(self, cell)  # nbgrader's own error for an old or new schema
        self._compiled.validate(cell.metadata["nbgrader"])


class _Validator(MetadataValidator, _CompiledSchema):
    """nbgrader's metadata validator, its JSON schema compiled once rather than checked again for every cell."""

    def __init__(self) -> None:
        super().__init__()
        self._compiled = jsonschema.validators.validator_for(self.schema)(self.schema)


class CheckCellMetadataOnce(CheckCellMetadata):
    """nbgrader's cell-metadata check with a validator made once per process: ``jsonschema.validate`` checks the
    schema itself again for every cell, which cost a fifth of a student's grading time."""

    def preprocess(self, nb, resources):
        try:
            _validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources


@functools.cache
def _validator() -> _Validator:
    return _Validator()


class WorkedExplanations(NbGraderPreprocessor):
    """Put each item's explanation under its check in a feedback page, worked for the student: for a quiz with
    per-student variants, in their letters and with their numbers (``course_lib.grading.variants.explain``)."""

    specs = Dict(help="item id -> hidden variant spec (from the quiz's source notebook)").tag(config=True)
    explanations = Dict(help="item id -> the declared explanation, in the declared letters").tag(config=True)

    def preprocess(self, nb, resources):
        from course_lib.grading import variants

        student = resources["nbgrader"]["student"]
        worked = dict(self.explanations)
        for item, spec in self.specs.items():
            seen = variants.view(spec, student)
            member = spec["pool"][seen.pool] if seen.pool is not None else spec
            worked[item] = variants.explain(spec, seen, member.get("explanation", ""))
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            if is_grade(cell) and cell.cell_type == "code" and worked.get(grade_id):
                label = f"question {grade_id[1:]}" if grade_id[1:].isdigit() else grade_id
                cells.append(nbformat.v4.new_markdown_cell(f"**Why** ({label}): {worked[grade_id]}"))
        nb.cells = cells
        return nb, resources
