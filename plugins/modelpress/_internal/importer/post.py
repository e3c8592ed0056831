"""One imported post on its way to a review file, and the notes that point into it.

A converter cannot know the line a problem will have in the written file: the
front matter is assembled later, other passes add and remove lines. So it leaves
an invisible marker (two private-use characters around a number) where the
problem is, and :func:`place_notes` turns markers into ``line:col`` positions
in the final text and takes them out, just before the file is checked and
written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from modelpress._internal.diagnostics import Severity

__all__ = [
    "MARKER",
    "Draft",
    "Note",
    "PlacedNote",
    "outside_code",
    "place_notes",
    "strip_markers",
]

_OPEN, _CLOSE = "\ue000", "\ue001"
MARKER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_CODE = re.compile(r"(^```.*?^```[ \t]*$|^~~~.*?^~~~[ \t]*$|`[^`\n]+`)", re.M | re.S)


def outside_code(text: str, convert: Callable[[str], str]) -> str:
    """``convert`` applied to the text between code blocks and code spans, which stay as written."""
    parts = _CODE.split(text)
    return "".join(part if index % 2 else convert(part) for index, part in enumerate(parts))


@dataclass(frozen=True)
class Note:
    """Something the importer could not carry as it was, said to the writer."""

    code: str
    message: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class PlacedNote:
    note: Note
    line: int
    col: int


@dataclass
class Draft:
    """A post converted from one source: what goes into the front matter, and the body.

    ``meta`` holds the review's own keys (title, subtitle, date, …); ``imported``
    what the source said that has no place among them (kept, not dropped);
    ``comments`` YAML comment lines written under a key (or where it would be),
    for values left out and values to confirm, so a writer sees them where the
    warning points.
    """

    source: str
    """The source as shown in messages (a file, or ``export.zip:posts/1.x.html``)."""
    shape: str
    body: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    imported: dict[str, Any] = field(default_factory=dict)
    comments: dict[str, list[str]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)
    """Files to write beside the post (path relative to the post's folder → content)."""

    def mark(self, code: str, message: str, severity: Severity = Severity.WARNING) -> str:
        """A marker to put in the text where the writer should look."""
        self.notes.append(Note(code, message, severity))
        return f"{_OPEN}{len(self.notes) - 1}{_CLOSE}"

    def comment(self, key: str, text: str) -> None:
        self.comments.setdefault(key, []).append(text)

    def note(self, code: str, message: str, severity: Severity = Severity.WARNING) -> None:
        """A note about the post as a whole, shown at the top of the file."""
        self.notes.append(Note(code, message, severity))


def place_notes(text: str, notes: list[Note]) -> tuple[str, list[PlacedNote]]:
    """The text without markers, and each note at the line and column its marker had.

    A note whose marker was lost (its text removed by a later pass) is placed at
    the top of the file rather than dropped.
    """
    out: list[str] = []
    placed: list[PlacedNote] = []
    seen: set[int] = set()
    line, col, pos = 1, 1, 0
    for match in MARKER.finditer(text):
        chunk = text[pos : match.start()]
        out.append(chunk)
        newlines = chunk.count("\n")
        if newlines:
            line += newlines
            col = len(chunk) - chunk.rfind("\n")
        else:
            col += len(chunk)
        index = int(match.group(1))
        if index < len(notes) and index not in seen:
            seen.add(index)
            placed.append(PlacedNote(notes[index], line, col))
        pos = match.end()
    out.append(text[pos:])
    placed.extend(PlacedNote(n, 1, 1) for i, n in enumerate(notes) if i not in seen)
    return "".join(out), placed


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)
