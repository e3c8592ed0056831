"""Finding ``chart`` fences in a page and reading each one: shared by the check and the plugin.

Fences are found in the markdown-it tokens the other page checks use; a
token's ``map`` gives its line, so every diagnostic names the line of the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from modelpress.charts.spec import ChartSpec, parse_chart
from modelpress.content import MarkdownPage
from modelpress.diagnostics import Diagnostic
from modelpress.records.catalog import Catalog

__all__ = ["FENCE_NAME", "ChartFence", "chart_fences", "fence_key"]

FENCE_NAME = "chart"


@dataclass(frozen=True)
class ChartFence:
    body: str
    line: int
    """1-based line of the opening fence in the file."""
    spec: ChartSpec | None
    diagnostics: list[Diagnostic]


def fence_key(body: str) -> str:
    """How the plugin matches a fence seen by markdown-it to the one superfences renders."""
    return body.strip()


def chart_fences(page: MarkdownPage, catalog: Catalog) -> list[ChartFence]:
    """Every top-level or nested ``chart`` fence markdown-it sees, read and checked."""
    found = []
    for token in page.tokens:
        if token.type != "fence" or token.map is None:
            continue
        words = token.info.split()
        if not words or words[0] != FENCE_NAME:
            continue
        line = page.file_line(token.map[0])
        spec, diagnostics = parse_chart(token.content, page.display, line + 1, catalog)
        found.append(ChartFence(token.content, line, spec, diagnostics))
    return found
