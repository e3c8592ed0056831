"""Where in the file an inline token was written.

markdown-it maps block tokens to lines but not inline ones (a footnote
reference, a link), and it normalizes link targets (``http://a b`` becomes
``http://a%20b``). A writer needs the line and column of the mistake itself,
so each block's source is searched, left to right, for what the token was
written as.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from markdown_it.token import Token

from modelpress.content import MarkdownPage

__all__ = ["InlineLocator", "line_starts"]


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
        before = self._text[:index]
        line = before.count("\n")
        col = index - (before.rfind("\n") + 1) + 1
        return self._page.file_line(self._start + line), col
