"""Chart fences checked without building: the same reading the charts plugin does."""

from __future__ import annotations

from collections.abc import Iterator

from modelpress._internal.charts import chart_fences
from modelpress._internal.checks.context import CheckContext
from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic

__all__ = ["check_charts"]


def check_charts(page: MarkdownPage, context: CheckContext) -> Iterator[Diagnostic]:
    for fence in chart_fences(page, context.catalog):
        yield from fence.diagnostics
