"""What each graded item asks and which lesson objectives it assesses, for the report.

The question is the prompt in the quiz's data (``quizzes/<quiz>.toml`` beside the course, read by
:func:`.quiz_build.load_quiz`, the data the source notebook is rendered from); the objectives are the item's ids in
``alignment.toml`` (:func:`course_lib.content.quiz_data.item_objectives`) with their text from the course map
(:func:`content.lessons.lessons`). A file that is missing gives no text; one that cannot be read gives no text and
a note saying why, so the report is still written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from course_lib.content import quiz_data
from course_lib.content.lessons import lessons
from course_lib.instructor.quizzes import build as quiz_build


@dataclass
class ItemInfo:
    questions: dict[str, str] = field(default_factory=dict)  # grade id -> question
    objectives: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # grade id -> [(id, text)]
    notes: list[str] = field(default_factory=list)  # why some text is missing

    def question(self, item: str) -> str:
        return self.questions.get(item.rsplit(":", 1)[-1], "")

    def objectives_of(self, item: str) -> list[tuple[str, str]]:
        return self.objectives.get(item.rsplit(":", 1)[-1], [])


def item_info(course_dir: Path, quiz: str) -> ItemInfo:
    info = ItemInfo()
    data = course_dir / "quizzes" / f"{quiz}.toml"
    if data.is_file():
        try:
            info.questions = {item.id: item.prompt.strip() for item in quiz_build.load_quiz(data).items}
        except (ValueError, KeyError, TypeError, OSError) as error:  # QuizDataError and TOMLDecodeError too
            info.notes.append(f"question text not shown: {data} cannot be read ({error})")
    try:
        aligned = quiz_data.item_objectives(course_dir, quiz)
    except quiz_data.QuizDataError as error:
        info.notes.append(f"objectives not shown: {error}")
        aligned = {}
    texts = {objective.id: objective.text for lesson in lessons() for objective in lesson.objectives}
    info.objectives = {item: [(o, texts.get(o, "")) for o in ids] for item, ids in aligned.items()}
    return info


def shortened(text: str, limit: int = 90) -> str:
    """The first line of ``text``, cut at a word before ``limit`` characters with an ellipsis."""
    first = " ".join(text.split("\n\n", 1)[0].split())
    if len(first) <= limit and first == " ".join(text.split()):
        return first
    cut = first[:limit].rsplit(" ", 1)[0] if len(first) > limit else first
    return cut.rstrip(",;:") + " …"
