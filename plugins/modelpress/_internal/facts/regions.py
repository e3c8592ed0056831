"""Where in a page's Markdown prose is: code spans, fenced code and chart fences told apart.

Bound values, name checks and model links must never touch code: a review that
documents ``{{ grok-4.context_window }}`` in backticks shows it literally. Nor HTML
comments, which the site does not show: a binding to a release not yet out in a
commented-out sentence is no error, and a model's first mention is linked where
the reader sees it. Block
structure comes from markdown-it's token maps (the parse the checks share);
code spans inside a block are found with CommonMark's rule (a run of N
backticks closes at the next run of exactly N), which markdown-it's inline
tokens cannot give because they carry no offsets. Indented code is *not* taken
for code: Material's admonitions (``!!! note`` and an indented body) read as
indented code to markdown-it and are prose on the site.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from markdown_it.token import Token

__all__ = ["Place", "Prose", "Region", "line_starts"]

_TICKS = re.compile(r"`+")
_LINK_REST = r"(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
_LINK = re.compile(
    rf"[!\[<](?:(?<=!)\[{_LINK_REST}|(?<=\[){_LINK_REST}|(?<=<)a\b[^>]*>.*?</a>)",
    re.S | re.I,
)
"""An inline link or image (text and target), or a raw ``<a>`` element: no link goes inside.

Written to start with one character class (``!``, ``[`` or ``<``, the branch chosen by
looking back at it) rather than as ``!?[…|<a…``: the regex engine then skips straight to
those characters instead of trying every offset of the body (four times faster)."""
_BLANK = re.compile(r"\n[ \t]*\n")


class Region(Enum):
    PROSE = "prose"
    CODE = "code"
    CHART = "chart"
    """A ``chart`` fence: its YAML (titles) takes plain text, never markup."""


@dataclass(frozen=True)
class Place:
    line: int
    """0-based line of the body."""
    col: int
    """1-based column."""


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


class Prose:
    """One body's regions, computed once and asked per offset."""

    def __init__(self, body: str, tokens: Sequence[Token]) -> None:
        self.body = body
        self.starts = line_starts(body)
        self._fence_lines: dict[int, Region] = {}
        self.headings: set[int] = set()
        self.footnote_lines: set[int] = set()
        for token in tokens:
            if token.type == "fence" and token.map:
                info = token.info.strip().split(maxsplit=1)
                kind = Region.CHART if info and info[0] == "chart" else Region.CODE
                for line in range(token.map[0], token.map[1]):
                    self._fence_lines[line] = kind
            elif token.type == "heading_open" and token.map:
                self.headings.update(range(token.map[0], token.map[1]))
            elif token.type == "footnote_reference_open" and token.map:
                self.footnote_lines.update(range(token.map[0], token.map[1]))
        code = self._code_spans()
        self._spans = _merged(code + self._comments(code))
        self._links = [(m.start(), m.end()) for m in _LINK.finditer(body)]

    def in_link(self, offset: int) -> bool:
        """Inside a link's text or target, or an image's (where a nested link would break)."""
        at = bisect.bisect_right(self._links, (offset, float("inf"))) - 1
        return at >= 0 and self._links[at][1] > offset

    def _code_spans(self) -> list[tuple[int, int]]:
        """(start, end) offsets of code spans, outside fences, never across a blank line."""
        spans: list[tuple[int, int]] = []
        body = self.body
        # One pass over the body, then each block's runs as a slice: no run of backticks
        # crosses a line, let alone the blank lines between blocks.
        every = [m for m in _TICKS.finditer(body) if not self._fenced_at(m.start())]
        starts = [m.start() for m in every]
        for block in _blocks(body):
            runs = every[
                bisect.bisect_left(starts, block[0]) : bisect.bisect_left(starts, block[1])
            ]
            index = 0
            while index < len(runs):
                opening = runs[index]
                width = len(opening.group())
                closing = next(
                    (j for j in range(index + 1, len(runs)) if len(runs[j].group()) == width),
                    None,
                )
                if closing is None:
                    index += 1
                    continue
                spans.append((opening.start(), runs[closing].end()))
                index = closing + 1
        return spans

    def _comments(self, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(start, end) offsets of HTML comments outside code: text the site does not show
        (a draft sentence, a tag an import kept), so nothing in them is bound, linked or
        checked. A comment opened and never closed is left as text."""
        found: list[tuple[int, int]] = []
        body, at = self.body, 0
        while (start := body.find("<!--", at)) >= 0:
            if self._fenced_at(start) or _inside(code, start):
                at = start + 4
                continue
            end = body.find("-->", start + 4)
            if end < 0:
                break
            found.append((start, end + 3))
            at = end + 3
        return found

    @property
    def code_spans(self) -> list[tuple[int, int]]:
        """Code spans and HTML comments: spans of a line that are not prose."""
        return list(self._spans)

    @property
    def fenced_lines(self) -> list[int]:
        """0-based lines of fenced code and chart fences."""
        return sorted(self._fence_lines)

    def _fenced_at(self, offset: int) -> bool:
        return self.line_of(offset) in self._fence_lines

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def place(self, offset: int) -> Place:
        line = self.line_of(offset)
        return Place(line, offset - self.starts[line] + 1)

    def region(self, start: int, end: int | None = None) -> Region:
        """What ``body[start:end]`` is in: prose, code, or a chart fence's YAML."""
        fenced = self._fence_lines.get(self.line_of(start))
        if fenced is not None:
            return fenced
        stop = start if end is None else end
        at = bisect.bisect_right(self._spans, (start, float("inf"))) - 1
        if at >= 0 and self._spans[at][1] > start:
            return Region.CODE
        nxt = at + 1
        if nxt < len(self._spans) and self._spans[nxt][0] < stop:
            return Region.CODE
        return Region.PROSE


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, not overlapping)."""
    at = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return at >= 0 and spans[at][1] > offset


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (a code span inside a comment)."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _blocks(body: str) -> list[tuple[int, int]]:
    """Offsets of the runs of text between blank lines: a code span never crosses one."""
    blocks, start = [], 0
    for match in _BLANK.finditer(body):
        blocks.append((start, match.start() + 1))
        start = match.end() - 1
    blocks.append((start, len(body)))
    return blocks
