"""Where in the file an inline token was written.

markdown-it maps block tokens to lines but not inline ones (a footnote
reference, a link), and it normalizes link targets (``http://a b`` becomes
``http://a%20b``). A writer needs the line and column of the mistake itself,
so each block's source is searched, left to right, for what the token was
written as.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from markdown_it.token import Token

from modelpress._internal.checks.htmlscan import LinkRef, locate, scan_html
from modelpress._internal.content import MarkdownPage

__all__ = ["InlineLocator", "SourcePlaces", "line_starts"]


@lru_cache(maxsize=8)
def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each line of ``text`` starts, plus its length: computed once per page
    (every inline token of a page needs them; splitting per token would be quadratic)."""
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    if starts[-1] != len(text):
        starts.append(len(text))
    return tuple(starts)


class InlineLocator:
    """Finds successive inline tokens within one block's source lines."""

    def __init__(self, page: MarkdownPage, token: Token) -> None:
        start, end = token.map or (0, 1)
        self._page = page
        self._start = start
        starts = line_starts(page.body)
        last = len(starts) - 1
        self._text = page.body[starts[min(start, last)] : starts[min(end, last)]]
        self._cursor = 0

    def find(self, needles: Iterable[str], skip: str = "") -> tuple[int, int]:
        """(1-based file line, 1-based column) of the first needle found after the last hit.

        A needle starting with ``skip`` (such as ``](`` before a link target) reports the
        column just after it. Falls back to the block's first line when the token was
        written in a way no needle matches (a reference-style link, an entity in the target).
        """
        for needle in needles:
            if not needle:
                continue
            index = self._text.find(needle, self._cursor)
            if index < 0:
                index = self._text.find(needle)
            if index >= 0:
                self._cursor = index + len(needle)
                if skip and needle.startswith(skip):
                    index += len(skip)
                return self._position(index)
        return self._page.file_line(self._start), 1

    def _position(self, index: int) -> tuple[int, int]:
        # Bisect the block's line starts: counting newlines before each hit would make a
        # block with thousands of links (or footnotes) on one line quadratic.
        starts = line_starts(self._text)
        line = bisect_right(starts, index) - 1
        col = index - starts[line] + 1
        return self._page.file_line(self._start + line), col


_FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\n]*)\](:?)")
_DEFINITION_PREFIX = re.compile(r"(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*")
"""What may stand before a footnote definition on its line: indentation, ``>``, list markers.
Each character has one way to match (no nested repeats), so a long line that almost
matches fails in linear time instead of backtracking exponentially."""


class SourcePlaces:
    """Where each footnote label is written, for verdicts that come from the renderer.

    The renderer (Python-Markdown) says *which* labels are defined or referenced, not
    where. References are placed where markdown-it saw them, in order; the ones it did
    not see (deeper than its nesting limit, inside an admonition it takes for code, a
    reading it does not share) and every definition are placed by one scan of the
    source that skips fenced code and code spans. Each call hands out the label's next
    place; when the source has no more, the first one again (or the body's first line).
    """

    def __init__(self, page: MarkdownPage, markdown_it: Iterable[tuple[str, int, int]]) -> None:
        self._page = page
        self._definitions: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._references: dict[str, list[tuple[int, int]]] = defaultdict(list)
        seen = {(label, line, col) for label, line, col in markdown_it}
        for label, line, col in markdown_it:
            self._references[label].append((line, col))
        self._extra: list[tuple[str, int, int]] = []
        self._scan(seen)
        self._used: dict[tuple[str, str], int] = defaultdict(int)

    def _scan(self, seen: set[tuple[str, int, int]]) -> None:
        body = self._page.body
        code_lines = _fenced_lines(self._page)
        starts = line_starts(body)
        line = 0
        ticks, counted = 0, 0  # backticks on this line so far: odd means inside a code span
        for match in _FOOTNOTE_LABEL.finditer(body):
            at = match.start()
            while line + 1 < len(starts) and starts[line + 1] <= at:
                line += 1
            if counted < starts[line]:
                ticks, counted = 0, starts[line]
            ticks += body.count("`", counted, at)
            counted = at
            if line in code_lines or ticks % 2:
                continue
            label = match.group(1)
            place = (self._page.file_line(line), at - starts[line] + 1)
            if match.group(2) and _DEFINITION_PREFIX.fullmatch(body, starts[line], at):
                self._definitions[label].append(place)
            elif (label, *place) not in seen:
                self._references[label].append(place)
                self._extra.append((label, *place))

    def extra_references(self) -> list[tuple[str, int, int]]:
        """References the scan found where markdown-it saw none: (label, line, column)."""
        return list(self._extra)

    def unread_definitions(self, known: set[str]) -> list[tuple[str, int, int]]:
        """The first definition of each label not in ``known``: (label, line, column)."""
        return [
            (label, *places[0]) for label, places in self._definitions.items() if label not in known
        ]

    def definition(self, label: str) -> tuple[int, int]:
        """The place of the label's next definition."""
        return self._next("definition", label, self._definitions.get(label, []))

    def reference(self, label: str) -> tuple[int, int]:
        """The place of the label's next reference."""
        return self._next("reference", label, self._references.get(label, []))

    def _next(self, kind: str, label: str, places: list[tuple[int, int]]) -> tuple[int, int]:
        if not places:
            return self._page.body_line, 1
        index = self._used[kind, label]
        self._used[kind, label] = index + 1
        return places[index] if index < len(places) else places[0]


def _fenced_lines(page: MarkdownPage) -> frozenset[int]:
    """0-based body lines inside fenced code, as markdown-it reads fences."""
    lines: set[int] = set()
    for token in page.tokens:
        if token.type == "fence" and token.map:
            lines.update(range(token.map[0], token.map[1]))
    return frozenset(lines)


_VALUE_START = re.compile(r"""\s*=\s*["']?""")


def raw_html_links(content: str, locator: InlineLocator) -> Iterator[tuple[LinkRef, int, int]]:
    """Each ``href``/``src`` of a piece of raw HTML with the file line and column where its
    value starts, read by the HTML parser the built-site check uses (so unquoted values and
    upper-case names are links, comments are not, entities are decoded)."""
    scan = scan_html(content)
    if not scan.links:
        return
    lines = content.split("\n")
    for link in scan.links:
        if not link.attribute:
            continue
        line_in, col_in = locate(lines, link)
        text = lines[line_in - 1]
        if col_in > 1 or text.lower().startswith(link.attribute):
            # From the attribute's name to its value, where the target starts.
            value = _VALUE_START.match(text, col_in - 1 + len(link.attribute))
            col_in = value.end() + 1 if value else col_in
        # Where that line of raw HTML is in the file; the block may be indented or quoted.
        line, col = locator.find([text] if text.strip() else [])
        yield link, line, col + col_in - 1
