"""A figure as HTML: the plot container, its numbers as a table, and a text alternative.

The output is deterministic (sorted JSON keys, ids derived from the page and
the fence's position on it), so two builds of the same input are
byte-identical. Every string is escaped here, once, for the place it goes: the
figure JSON into an attribute, names and titles into text.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from modelpress._internal.charts.figures import Figure

__all__ = ["chart_id", "figure_json", "render_error", "render_figure"]


def chart_id(page_uri: str, index: int) -> str:
    """A stable, HTML-safe id for the ``index``-th chart (0-based) of a page."""
    digest = hashlib.sha1(f"{page_uri}\0{index}".encode(), usedforsecurity=False).hexdigest()
    return f"mp-chart-{digest[:10]}"


def figure_json(figure: Figure, link: tuple[str, str] | None) -> str:
    """The compact JSON the browser loader reads: data, layout and how to link a model."""
    payload: dict[str, Any] = {"data": figure.traces, "layout": figure.layout, **figure.shared}
    if link is not None:
        payload["link"] = list(link)
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def render_figure(figure: Figure, element_id: str, link: tuple[str, str] | None) -> str:
    """``<figure>`` with the plot container, notes on what is missing, and the data table."""
    title = escape(figure.title)
    alt = escape(figure.alt)
    data = escape(figure_json(figure, link))
    parts = [
        f'<figure class="modelpress-chart" id="{element_id}">',
        f'<figcaption class="modelpress-chart__title">{title}</figcaption>',
        f'<div class="modelpress-chart__plot" role="img" aria-label="{alt}" '
        f'data-modelpress-chart="{data}"></div>',
    ]
    if figure.notes:
        notes = "; ".join(str(escape(n)) for n in figure.notes)
        parts.append(f'<p class="modelpress-chart__notes">Not shown: {notes}.</p>')
    if figure.key:
        parts.append(f'<p class="modelpress-chart__notes">{escape(figure.key)}.</p>')
    parts.append(
        f'<details class="modelpress-chart__data" open><summary>The numbers: {title}</summary>'
    )
    parts.append(_table(figure, alt=str(alt), link=link))
    parts.append("</details>")
    parts.append("</figure>")
    return "\n".join(parts)


def _table(figure: Figure, *, alt: str, link: tuple[str, str] | None) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in figure.table.headers)
    ids: list[str | None] = list(figure.table.ids) or [None] * len(figure.table.rows)
    rows = []
    for row, release_id in zip(figure.table.rows, ids, strict=True):
        first, *rest = row
        name = escape(first)
        if link is not None and release_id is not None:
            href = escape(f"{link[0]}{quote(release_id, safe='')}{link[1]}")
            name = Markup(f'<a href="{href}">{name}</a>')
        cells = "".join(f"<td>{escape(cell)}</td>" for cell in rest)
        rows.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
    return (
        f"<table><caption>{alt}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def render_error(messages: list[str]) -> str:
    """What a reader sees instead of a chart whose fence has errors: never a blank box."""
    items = "".join(f"<li>{escape(m)}</li>" for m in messages)
    return (
        '<div class="admonition failure modelpress-chart-error">'
        '<p class="admonition-title">This chart could not be drawn</p>'
        f"<ul>{items}</ul></div>"
    )
