"""What a check returns: Correct, Incorrect, NotAttempted or Noted, readable in JupyterLab and in a terminal.

The HTML box always pairs an icon with words (never colour alone) and carries ``role="status"`` so screen readers
announce it politely.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one answer; truthy only when it is Correct."""

    message: str = ""
    status: ClassVar[str] = "result"
    label: ClassVar[str] = "Result"
    icon: ClassVar[str] = "•"
    colour: ClassVar[str] = "#555555"  # border colour; the label and icon carry the meaning

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return f"{self.label}: {self.message}" if self.message else self.label

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return self.box_html()

    def box_html(self, announced: bool = True) -> str:
        """The box; ``announced=False`` leaves out role=status, for a widget that is itself the live region."""
        message = f" {html.escape(self.message)}" if self.message else ""
        role = ' role="status"' if announced else ""
        return (
            f'<div{role} class="course-check course-check-{self.status}" '
            f'style="border-left: 0.35em solid {self.colour}; padding: 0.4em 0.8em; margin: 0.3em 0;">'
            f'<span aria-hidden="true">{self.icon}</span> <strong>{self.label}.</strong>{message}</div>'
        )


@dataclass(frozen=True, repr=False)
class Correct(CheckResult):
    """The answer matches the key."""

    status: ClassVar[str] = "correct"
    label: ClassVar[str] = "Correct"
    icon: ClassVar[str] = "✔"
    colour: ClassVar[str] = "#009E73"  # Okabe–Ito bluish green

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True, repr=False)
class Incorrect(CheckResult):
    """The answer is wrong or unreadable; the message helps without giving the key away."""

    status: ClassVar[str] = "incorrect"
    label: ClassVar[str] = "Incorrect"
    icon: ClassVar[str] = "✘"
    colour: ClassVar[str] = "#D55E00"  # Okabe–Ito vermillion


@dataclass(frozen=True, repr=False)
class NotAttempted(CheckResult):
    """The answer is still the untouched placeholder."""

    status: ClassVar[str] = "not-attempted"
    label: ClassVar[str] = "Not attempted yet"
    icon: ClassVar[str] = "…"
    colour: ClassVar[str] = "#0072B2"  # Okabe–Ito blue


@dataclass(frozen=True, repr=False)
class Noted(CheckResult):
    """A reflection was written; reflections are not scored."""

    status: ClassVar[str] = "noted"
    label: ClassVar[str] = "Noted"
    icon: ClassVar[str] = "✎"
    colour: ClassVar[str] = "#56B4E9"  # Okabe–Ito sky blue
