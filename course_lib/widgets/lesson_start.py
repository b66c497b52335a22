"""What a lesson shows when it starts: its objectives, a notice about the progress record, the course map."""

from __future__ import annotations

import html
from pathlib import Path

from course_lib.content.lessons import NOTEBOOKS_DIR, Lesson, lesson, lessons


class ObjectivesView:
    """A lesson's objectives, shown as a list (rich in JupyterLab, plain text elsewhere)."""

    def __init__(self, item: Lesson, notice: str = ""):
        self.lesson = item
        self.notice = notice  # about the learner's progress record, when something needs saying

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(o.text)}</li>" for o in self.lesson.objectives)
        notice = f'<p role="status"><em>{html.escape(self.notice)}</em></p>' if self.notice else ""
        return f"<p><strong>By the end of this lesson you will be able to:</strong></p><ol>{items}</ol>{notice}"

    def __repr__(self) -> str:
        lines = [f"{i}. {o.text}" for i, o in enumerate(self.lesson.objectives, start=1)]
        return "By the end of this lesson you will be able to:\n" + "\n".join(lines) + (
            f"\n\n{self.notice}" if self.notice else "")


def objectives(lesson_id: str) -> ObjectivesView:
    """Display a lesson's learning objectives (and record the lesson run in the learner's progress)."""
    from course_lib.record.recorder import record_lesson_run

    item = lesson(lesson_id)
    return ObjectivesView(item, record_lesson_run(item.id))


class LessonNotice:
    """What the learner should know about their progress record when a lesson starts; shows nothing when all is well."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str | None:
        return f'<p role="status"><em>{html.escape(self.text)}</em></p>' if self.text else None

    def __repr__(self) -> str:
        return self.text


def start_lesson(lesson_id: str) -> LessonNotice | None:
    """Record that a lesson was run (the objectives themselves are markdown, readable without running anything)."""
    from course_lib.record.recorder import record_lesson_run

    notice = record_lesson_run(lesson(lesson_id).id)
    return LessonNotice(notice) if notice else None


class CourseMap:
    """Every lesson with its objectives: a link where the notebook exists, else the title alone."""

    def __init__(self, notebooks_dir: Path = NOTEBOOKS_DIR):
        self.notebooks_dir = notebooks_dir

    def available(self, item: Lesson) -> bool:
        return (self.notebooks_dir / item.filename).exists()

    def _repr_html_(self) -> str:
        parts = ['<ol start="0" class="course-map">']
        for item in lessons():
            title = html.escape(item.title)
            if self.available(item):
                head = f'<a href="{html.escape(item.filename)}">{title}</a>'
            else:
                head = f"{title} <em>(coming soon)</em>"
            goals = "".join(f"<li>{html.escape(o.text)}</li>" for o in item.objectives)
            goals_html = f"<ul>{goals}</ul>" if goals else ""
            parts.append(f"<li><strong>{head}</strong><br>{html.escape(item.summary)}{goals_html}</li>")
        parts.append("</ol>")
        return "".join(parts)

    def __repr__(self) -> str:
        lines = []
        for item in lessons():
            status = item.filename if self.available(item) else "coming soon"
            lines.append(f"{item.number}. {item.title}  [{status}]")
            lines.extend(f"      - {o.text}" for o in item.objectives)
        return "\n".join(lines)


def course_map() -> CourseMap:
    """Display the course map."""
    return CourseMap()
