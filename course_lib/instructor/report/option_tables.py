"""The report's option-count tables, one per choice item, as accessible HTML (caption, ``scope`` headers, the key
marked in words as well as in bold), every text escaped."""

from __future__ import annotations

from html import escape

from course_lib.instructor.report.option_counts import NO_ANSWER, UNREADABLE, WHOLE, ChoiceItem

KEY_MARK = " <strong>(key)</strong>"


def _caption(item: ChoiceItem) -> str:
    who = f"the {item.students} analysed student{'s' if item.students != 1 else ''}"
    what = {"single": f"option chosen by {who}",
            "multiple": f"options ticked by {who} (a student may tick several)",
            "matching": f"for each {item.meta.get('item_noun', 'Item').lower()}, the option {who} paired with it",
            "ordering": f"for each position, the option {who} put there"}[item.kind]
    label = item.meta.get("question", "")
    return f"{escape(item.name)}{f' ({escape(label)})' if label else ''}: {what}"


def _cell(item: ChoiceItem, part: str, choice: str) -> str:
    mark = KEY_MARK if (part, choice) in item.key else ""
    return f"<td>{item.counts[(part, choice)]}{mark}</td>"


def _list_table(item: ChoiceItem) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(choice)}</th><td>{escape(item.option_text(choice))}</td>'
        f"{_cell(item, WHOLE, choice)}</tr>" for choice in [*item.letters, NO_ANSWER, UNREADABLE])
    return (f"<table><caption>{_caption(item)}</caption><thead><tr><th scope=\"col\">Option</th>"
            f"<th scope=\"col\">Text</th><th scope=\"col\">Students</th></tr></thead><tbody>{rows}</tbody></table>")


def _matrix_table(item: ChoiceItem) -> str:
    choices = [*item.letters, NO_ANSWER, UNREADABLE]
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in choices)
    corner = item.meta.get("item_noun", "Item") if item.kind == "matching" else "Position"
    rows = ""
    for part in item.parts:
        text = item.part_text(part)
        label = escape(item.part_label(part)) + (f": {escape(text)}" if text else "")
        rows += f'<tr><th scope="row">{label}</th>' + "".join(_cell(item, part, c) for c in choices) + "</tr>"
    legend = "".join(f"<li>{escape(letter)}: {escape(item.option_text(letter))}</li>" for letter in item.letters)
    return (f'<table><caption>{_caption(item)}</caption><thead><tr><th scope="col">{escape(corner)}</th>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table><p>Options of {escape(item.name)}:</p><ul>{legend}</ul>")


def option_table(item: ChoiceItem) -> str:
    """The counts of one item: a list of options, or a grid of prompts (or positions) by options."""
    return _list_table(item) if item.parts == [WHOLE] else _matrix_table(item)
