"""Option text for the quiz forms, as a student reads it in the prompt.

The prompt is markdown, so `keefe2014` renders as code and **not** as bold; the answer form draws its labels as plain
text, where the same markup would show as raw backticks and asterisks. Converting at build time keeps the JupyterLab
extension unchanged: it receives labels that are already readable.
"""

import re

# Order matters: code spans first, so that markup characters inside them are kept as written.
_CODE = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
# Underscores mark emphasis only at word edges in CommonMark, so row ids like driessen2010_post stay intact.
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_SPACES = re.compile(r"\s+")


def form_text(markdown: str) -> str:
    """``markdown`` as the reader sees it rendered: code ticks, emphasis, links and escapes removed, one line."""
    spans: list[str] = []

    def keep(match: re.Match) -> str:
        spans.append(match.group(2).strip())
        return f"\0{len(spans) - 1}\0"

    text = _CODE.sub(keep, markdown)
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = re.sub(r"\0(\d+)\0", lambda m: spans[int(m.group(1))], text)
    return _SPACES.sub(" ", text).strip()
