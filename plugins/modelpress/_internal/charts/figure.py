"""What every chart type builds: traces, the same numbers as a table, a text alternative.

Figures are plain dicts, not ``plotly.graph_objects``: those embed Plotly's
default template (about 9 KB per chart) and cost a second to import. Styling
(colours, fonts, grid) is one shared theme in ``assets/charts.js``, so it can
follow the light/dark palette; the JSON holds only data and what differs per
chart. Every record string is HTML-escaped (:func:`esc`) because Plotly renders
a subset of HTML tags (including links) in labels and hover text.

To stay near a kilobyte per chart, what repeats is written once and expanded by
the loader: hover lines are interned in a string table ``s`` and each point
lists their indexes (``h``); bars share ``x`` (model names) and ``ids``; ``ht``
is the hover template of every trace that has none; ``td`` holds keys every trace
shares (``type``, ``mode``); ``yrep`` repeats one value as a trace's ``y``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from modelpress._internal.charts.spec import ChartSpec
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.models import BenchmarkScore, Release, Source

__all__ = [
    "UNIT_SUFFIX",
    "Context",
    "Figure",
    "Strings",
    "Table",
    "esc",
    "join",
    "label_positions",
    "log_axis",
    "num",
    "round_value",
    "score_cell",
    "source_name",
    "sourced",
    "status_suffix",
    "with_unit",
]

MAX_SOURCE = 40


@dataclass
class Table:
    """The chart's numbers for screen readers, no-JS readers and email (plain text cells)."""

    headers: list[str]
    rows: list[list[str]]
    ids: list[str] = field(default_factory=list)
    """The release of each row: its first cell links to the model's page (keyboard and
    screen-reader users cannot click a point)."""


@dataclass
class Figure:
    """One chart, ready to render: Plotly data and layout plus what readers without it get."""

    title: str
    alt: str
    traces: list[dict[str, Any]]
    layout: dict[str, Any]
    table: Table
    notes: list[str] = field(default_factory=list)
    """What could not be drawn (missing values), shown under the chart."""
    shared: dict[str, Any] = field(default_factory=dict)
    """Figure-level values the loader expands into the traces (see the module docstring)."""
    key: str | None = None
    """How to read the marks (e.g. hatched bars), shown under the chart."""


class Strings:
    """Hover lines interned per figure: points refer to them by index."""

    def __init__(self) -> None:
        self.table: list[str] = []
        self._index: dict[str, int] = {}

    def ids(self, *lines: str | None) -> list[int]:
        found = []
        for line in lines:
            if not line:
                continue
            text = esc(line)
            if text not in self._index:
                self._index[text] = len(self.table)
                self.table.append(text)
            found.append(self._index[text])
        return found


@dataclass
class Context:
    """What a builder needs: the checked spec and the catalog it refers to."""

    spec: ChartSpec
    catalog: Catalog

    def releases(self, value: Callable[[Release], float | None] | None = None) -> list[Release]:
        """The chosen releases in the spec's ``sort`` order; ``value`` ranks them for
        ``sort: value`` (highest first, those without a value last, ties as written)."""
        chosen = [self.catalog.releases[m] for m in self.spec.models]
        sort = self.spec.sort
        if sort == "name":
            return sorted(chosen, key=lambda r: r.name.casefold())
        if sort == "date":
            return sorted(chosen, key=lambda r: (r.date is None, r.date or 0, r.id))
        if sort == "value" and value is not None:
            keyed = [(value(r), i, r) for i, r in enumerate(chosen)]
            keyed.sort(key=lambda t: (t[0] is None, -(t[0] or 0.0), t[1]))
            return [r for _, _, r in keyed]
        return chosen

    def label(self, release: Release) -> str:
        """A model's name for Plotly: escaped, bold when highlighted."""
        name = esc(release.name)
        return f"<b>{name}</b>" if release.id == self.spec.highlight else name

    def marker(self, releases: list[Release], **extra: Any) -> dict[str, Any]:
        """Bar markers: the highlighted model's bar outlined (the loader colours the line)."""
        marker = dict(extra)
        if self.spec.highlight is not None:
            marker["line"] = {"width": [3 if r.id == self.spec.highlight else 0 for r in releases]}
        return marker


def esc(text: str) -> str:
    """Escape a record string for Plotly's label markup."""
    return html.escape(" ".join(text.split()), quote=False)


def source_name(release: Release, key: str) -> str:
    source: Source | None = release.sources.get(key)
    if source is None:
        return key
    text = source.publisher or source.title
    return text if len(text) <= MAX_SOURCE else text[: MAX_SOURCE - 1] + "…"


def num(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"


def with_unit(value: float, unit: str | None) -> str:
    if unit == "percent":
        return f"{num(value)} %"
    if unit == "usd":
        return f"${value:,.2f}"
    return num(value)


def status_suffix(status: str) -> str:
    return "" if status == "confirmed" else f" ({status})"


def score_cell(score: BenchmarkScore | None) -> str:
    if score is None:
        return "— (not reported)"
    if score.score is None:
        return f"— ({score.why_empty})"
    return with_unit(score.score, score.unit) + status_suffix(score.status)


def round_value(value: float | None) -> float | None:
    """Four decimals at most, and ``56`` rather than ``56.0``: every byte is sent per chart."""
    if value is None:
        return None
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


def log_axis(values: list[float]) -> dict[str, Any]:
    """A log axis labelled 1-2-5 (0.2, 0.5, 1, 2, 5, …): Plotly's own labels on a short log
    range are single digits (3 4 5 … 1 2), which read badly on a phone."""
    low, high = min(values), max(values)
    ticks: list[float] = []
    decade = 10.0 ** math.floor(math.log10(low))
    while decade <= high * 10:
        ticks.extend(v for m in (1, 2, 5) if low / 2 <= (v := decade * m) <= high * 2)
        decade *= 10
    return {
        "type": "log",
        "tickvals": [round_value(t) for t in ticks],
        "ticktext": [f"{t:g}" for t in ticks],
    }


def label_positions(xs: list[float], *, log: bool) -> str | list[str]:
    """Labels of points near the left or right edge point inwards, so a narrow (phone)
    chart does not cut them off."""
    if len(xs) < 2:
        return "top center"
    scaled = [math.log10(x) for x in xs] if log else list(xs)
    low, high = min(scaled), max(scaled)
    span = (high - low) or 1.0
    positions = [
        "top right"
        if (v - low) / span < 0.2
        else "top left"
        if (v - low) / span > 0.8
        else "top center"
        for v in scaled
    ]
    return positions if len(set(positions)) > 1 else positions[0]


def sourced(status: str, source: str, by: str | None = None) -> list[str]:
    first = f"{by}, {status}" if by else f"status: {status}"
    return [first, f"source: {source}"]


UNIT_SUFFIX = {"percent": " %", "usd": " USD"}


def join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
