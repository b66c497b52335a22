"""``OwnKeys``: before a submission runs, each varying item's hidden test gets the student's own key.

The source notebook's hidden test of a varying item carries the item's whole variant (every pool member's key, the
key's formula). Left as it is, the kernel would pick the version from the ID the notebook holds, which an answer cell
could change. This preprocessor runs in the grader's own process, after nbgrader has put the source's test cells back
(``OverwriteCells``) and before anything executes: it derives the version from the ID nbgrader grades the student
under and writes their key as a literal, dropping the variant. Each show cell gets that student's version as its
output, written here (its source emptied, so the kernel does not run it): the graded notebook and its feedback show
the student their own numbers and options. The kernel never sees another student's key.
"""

from __future__ import annotations

import ast
import json
import re

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from course_lib.grading import quiz, variants
from course_lib.instructor.quizzes.keylines import HIDDEN_BEGIN, HIDDEN_END
from course_lib.instructor.quizzes.variant_keys import grade_call, spec_of

_SHOW = re.compile(r'^quiz\.show\("(q[1-9][0-9]*)", r\'\'\'([^\']*)\'\'\'\)$', re.MULTILINE)


def own_grade_line(line: str, student: str) -> str:
    """A hidden-test line with the student's own key in place of the variant; other lines unchanged."""
    call = grade_call(line)
    spec = spec_of(call) if call else None
    if spec is None:
        return line
    key = variants.key(spec, variants.view(spec, student))
    literal = ast.parse(repr(sorted(key) if isinstance(key, set) else key), mode="eval").body
    if isinstance(key, set):
        literal = ast.Set(elts=literal.elts)
    call.keywords = [ast.keyword(arg="key", value=literal) if k.arg == "key" else k
                     for k in call.keywords if k.arg != "variant"]
    indent = line[: len(line) - len(line.lstrip())]
    return indent + ast.unparse(call)


def own_source(source: str, student: str) -> str:
    """A cell's source with the student's keys in its hidden tests."""
    lines, hidden = [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN.lstrip("# ") in line:
            hidden = True
        elif HIDDEN_END.lstrip("# ") in line:
            hidden = False
        elif hidden:
            line = own_grade_line(line, student)
        lines.append(line)
    return "\n".join(lines)


def shown(source: str, student: str) -> list | None:
    """A show cell's output for ``student``, made here rather than by the kernel; None for any other cell."""
    found = _SHOW.search(source)
    if found is None:
        return None
    bundle = quiz.variant_display(found.group(1), json.loads(found.group(2)), student)
    return [nbformat.v4.new_output("display_data", data=bundle)]


class OwnKeys(NbGraderPreprocessor):
    """Give every varying item the key of the student being graded (see the module's docstring)."""

    student_id = Unicode("", help="Grade on this ID's version instead of nbgrader's student id "
                                  "(course selfcheck: the learner's own ID)").tag(config=True)

    def preprocess(self, nb, resources):
        self.student = self.student_id or resources["nbgrader"]["student"]
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        outputs = shown(cell.source, self.student) if "quiz.show(" in cell.source else None
        if outputs is not None:
            # Its output written here and its source emptied, so the executor skips it: 17 fewer cells for the kernel
            # in quiz 3, the cost that took variants past 10% of a student's grading time.
            cell.outputs, cell.source = outputs, ""
        elif "variant=" in cell.source:
            cell.source = own_source(cell.source, self.student)
        return cell, resources
