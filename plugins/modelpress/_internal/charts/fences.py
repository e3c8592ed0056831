"""Finding ``chart`` fences in a page and reading each one: shared by the check and the plugin.

Fences are found in the markdown-it tokens the other page checks use (or, when
nothing parsed the page, in a parse of its blocks alone); a token's ``map`` gives
its line, so every diagnostic names the line of the file.
The body markdown-it hands over has lost what its container put before each line
(``> `` in a block quote, the indentation of a list item), so that width is added
back to every column: the writer is sent to the character they typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it.token import Token

from modelpress._internal.charts.spec import ChartSpec, parse_chart
from modelpress._internal.content import PAGE_CACHE, MarkdownPage
from modelpress._internal.diagnostics import Diagnostic, Severity, quote
from modelpress._internal.records.catalog import Catalog

__all__ = ["FENCE_NAME", "ChartFence", "chart_fences", "fence_key"]

FENCE_NAME = "chart"

_CONTAINER_PREFIX = re.compile(r"^[ \t>]*")
"""What may stand before a closing fence on its line: indentation and block-quote markers."""


@dataclass(frozen=True)
class ChartFence:
    body: str
    line: int
    """1-based line of the opening fence in the file."""
    spec: ChartSpec | None
    diagnostics: list[Diagnostic]


_MAY_OPEN_A_CHART = re.compile(rf"(?:`{{3,}}|~{{3,}})[ \t]*{re.escape(FENCE_NAME)}")
"""What every opening line of a chart fence contains: three backticks or tildes, then
the info string (after spaces), wherever the fence is nested."""


def fence_key(body: str) -> str:
    """How the plugin matches a fence seen by markdown-it to the one superfences renders."""
    return body.strip()


def chart_fences(page: MarkdownPage, catalog: Catalog) -> list[ChartFence]:
    """Every top-level or nested ``chart`` fence markdown-it sees, read and checked.

    A fence that is never closed is reported where it opens and not read: markdown-it
    runs it to the end of the page (or of its block quote or list item), so reading it
    as YAML would blame whatever prose follows, while Python-Markdown's superfences
    does not take it for a fence at all and publishes it as text.
    """
    if not _MAY_OPEN_A_CHART.search(page.body):
        PAGE_CACHE.drop_tokens(page.body)  # no chart: this reader needs no tokens
        return []
    found = []
    lines: list[str] = []
    for token in page.block_tokens:
        if token.type != "fence" or token.map is None:
            continue
        words = token.info.split()
        if not words or words[0] != FENCE_NAME:
            continue
        line = page.file_line(token.map[0])
        if not lines:
            lines = page.body.split("\n")
        if not _closed(lines, token):
            unclosed = Diagnostic(
                page.display,
                line,
                _column(lines, token.map[0]),
                Severity.ERROR,
                "chart-fence-not-closed",
                f"chart fence opened at line {line} is not closed; end the chart with a line "
                f"{quote(token.markup)} (nothing below it is read as the chart, and the page "
                "would show the fence as text)",
            )
            found.append(ChartFence(token.content, line, None, [unclosed]))
            continue
        spec, diagnostics = parse_chart(token.content, page.display, line + 1, catalog)
        placed = [_in_file(d, lines, token, line) for d in diagnostics]
        found.append(ChartFence(token.content, line, spec, placed))
    return found


def _line(lines: list[str], index: int) -> str:
    return lines[index].rstrip("\r") if 0 <= index < len(lines) else ""


def _closed(lines: list[str], token: Token) -> bool:
    """Whether the fence's last line is a closing fence (markdown-it ends an unclosed one
    at the end of its container without saying so)."""
    assert token.map is not None
    start, end = token.map
    if end - start < 2:
        return False
    last = _CONTAINER_PREFIX.sub("", _line(lines, end - 1)).rstrip()
    marker = token.markup[:1]
    return bool(marker) and len(last) >= len(token.markup) and last == marker * len(last)


def _column(lines: list[str], index: int) -> int:
    """1-based column of the fence's opening marker (after indentation and ``>``)."""
    prefix = _CONTAINER_PREFIX.match(_line(lines, index))
    return (prefix.end() if prefix else 0) + 1


def _in_file(diagnostic: Diagnostic, lines: list[str], token: Token, line: int) -> Diagnostic:
    """``diagnostic`` (placed in the fence body as if it began at column 1) moved to the
    column of the file: past the ``>`` markers and indentation of its own line."""
    assert token.map is not None
    width = _prefix_width(lines, token, token.map[0] + diagnostic.line - line)
    return replace(diagnostic, col=diagnostic.col + width) if width else diagnostic


def _prefix_width(lines: list[str], token: Token, index: int) -> int:
    """Characters before the fence's own text on body line ``index`` (0-based in the page).

    A body line is the file line with the container's prefix cut off, so the prefix is
    what the file line has in front of it. On a fence line (a blank fence is reported at
    its opening line) the indentation and ``>`` markers are counted instead.
    """
    assert token.map is not None
    text = _line(lines, index)
    body = token.content.split("\n")
    at = index - token.map[0] - 1
    if 0 <= at < len(body) and index < token.map[1] - 1 and text.endswith(body[at].lstrip()):
        # Compared without leading blanks: markdown-it may turn a tab of the prefix into
        # spaces of the body; the text after them is the writer's, character for character.
        return max(len(text) - len(body[at]), 0)
    return _column(lines, index) - 1
