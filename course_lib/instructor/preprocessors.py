"""Two small nbgrader preprocessors the pipeline adds to nbgrader's own lists."""

from __future__ import annotations

import re

from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import is_grade, is_solution
from traitlets import List, Unicode

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
    line that contains a hidden-test line is replaced by a short notice, and an error message that
    quotes one is replaced as well.
    """

    hidden_lines = List(Unicode(), help="Stripped hidden-test lines of the quiz's source").tag(config=True)
    notice = Unicode("[hidden test line removed]").tag(config=True)

    def _leaks(self, text: str) -> bool:
        plain = _ANSI.sub("", text)
        return any(line in plain for line in self.hidden_lines)

    def _clean(self, text: str) -> str:
        return "\n".join(self.notice if self._leaks(line) else line for line in text.split("\n"))

    def preprocess_cell(self, cell, resources, index):
        if not self.hidden_lines:
            return cell, resources
        cell.source = "\n".join(line for line in cell.source.split("\n") if not self._leaks(line))
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                output.traceback = [self._clean(frame) for frame in output.traceback]
                if self._leaks(output.evalue):
                    output.evalue = self.notice
            elif output.output_type == "stream":
                output.text = self._clean(output.text)
            elif "data" in output:
                for mime, value in list(output.data.items()):
                    if isinstance(value, str) and self._leaks(value):
                        output.data[mime] = self._clean(value)
        return cell, resources
