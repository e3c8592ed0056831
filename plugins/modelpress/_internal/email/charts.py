"""Chart fences in an email: each becomes a table of its numbers and a link to the chart.

Email clients run no scripts, so the interactive chart cannot travel. The
table is the one the charts core builds for screen readers (the same numbers,
the same order), and the link points at the chart's anchor on the site.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from markupsafe import Markup

from modelpress._internal.charts import Table, build_figure, chart_fences, chart_id, fence_key
from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.records.catalog import Catalog

__all__ = ["ChartTables", "replace_chart_fences"]

_FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*chart\b[^\n]*\n(?P<body>.*?)(?:\n)?^(?P=fence)[ \t]*$",
    re.M | re.S,
)


@dataclass(frozen=True)
class ChartTables:
    markdown: str
    """The page body with every chart fence replaced by an HTML block."""
    diagnostics: list[Diagnostic]
    count: int


def replace_chart_fences(page: MarkdownPage, catalog: Catalog, page_url: str) -> ChartTables:
    fences = {fence_key(f.body): f for f in chart_fences(page, catalog)}
    problems: list[Diagnostic] = []
    for fence in fences.values():
        problems.extend(fence.diagnostics)
    counter = itertools.count()

    def table_block(match: re.Match[str]) -> str:
        index = next(counter)
        fence = fences.get(fence_key(match.group("body")))
        if fence is None or fence.spec is None:
            return match.group(0)
        figure = build_figure(fence.spec, catalog)
        link = f"{page_url}#{chart_id(page.src_uri, index)}"
        table = _table_html(figure.title, figure.table, figure.notes, link)
        return f"\n\n{table}\n\n"

    markdown = _FENCE.sub(table_block, page.body)
    return ChartTables(markdown, problems, len(fences))


def _table_html(title: str, table: Table, notes: list[str], link: str) -> Markup:
    head = Markup("").join(Markup("<th>{}</th>").format(h) for h in table.headers)
    body = Markup("").join(_row(row) for row in table.rows)
    note = (
        Markup('<p class="chart-notes">Not shown: {}.</p>').format("; ".join(notes))
        if notes
        else Markup("")
    )
    return Markup(
        '<div class="chart"><p class="chart-title">{title}</p>'
        '<table class="chart-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        '{note}<p class="chart-link"><a href="{link}">See the interactive chart on the site</a>'
        "</p></div>"
    ).format(title=title, head=head, body=body, note=note, link=link)


def _row(cells: list[str]) -> Markup:
    first, *rest = cells or [""]
    return Markup("<tr><th>{}</th>{}</tr>").format(
        first, Markup("").join(Markup("<td>{}</td>").format(c) for c in rest)
    )
