"""Figures for each chart type: Plotly traces, the same numbers as a table, and a text alternative.

Figures are plain dicts, not ``plotly.graph_objects``: those embed Plotly's
default template (about 9 KB per chart) and cost a second to import. Styling
(colours, fonts, grid) is one shared theme in ``assets/charts.js``, so it can
follow the light/dark palette; the JSON here holds only data and what differs
per chart. Every record string is HTML-escaped because Plotly renders a subset
of HTML tags (including links) in labels and hover text.

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

from modelpress.charts.data import (
    arena_points,
    blended_price,
    default_board,
    pick_price,
    pick_score,
)
from modelpress.charts.spec import ChartSpec
from modelpress.records.catalog import Catalog
from modelpress.records.models import BenchmarkScore, ParamCount, Release, Source

__all__ = ["Figure", "Table", "build_figure"]

PATTERNS = {"confirmed": "", "estimated": "/", "disputed": ".", "rumored": "x"}
"""Bar fill by status, so rumored and estimated values never look like confirmed ones."""
OPACITY = {"confirmed": 1.0, "estimated": 0.75, "disputed": 0.6, "rumored": 0.5}
_MAX_SOURCE = 40


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


class _Strings:
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


def build_figure(spec: ChartSpec, catalog: Catalog) -> Figure:
    """The figure for a validated spec."""
    builder = _BUILDERS[spec.type]
    return builder(_Context(spec, catalog))


@dataclass
class _Context:
    spec: ChartSpec
    catalog: Catalog

    def releases(self, value: Callable[[Release], float | None] | None = None) -> list[Release]:
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


def _source(release: Release, key: str) -> str:
    source: Source | None = release.sources.get(key)
    if source is None:
        return key
    text = source.publisher or source.title
    return text if len(text) <= _MAX_SOURCE else text[: _MAX_SOURCE - 1] + "…"


def _num(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"


def _with_unit(value: float, unit: str | None) -> str:
    if unit == "percent":
        return f"{_num(value)} %"
    if unit == "usd":
        return f"${value:,.2f}"
    return _num(value)


def _status(status: str) -> str:
    return "" if status == "confirmed" else f" ({status})"


def _score_cell(score: BenchmarkScore | None) -> str:
    if score is None:
        return "— (not reported)"
    if score.score is None:
        return f"— ({score.why_empty})"
    return _with_unit(score.score, score.unit) + _status(score.status)


def _round(value: float | None) -> float | None:
    """Four decimals at most, and ``56`` rather than ``56.0``: every byte is sent per chart."""
    if value is None:
        return None
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


def _log_axis(values: list[float]) -> dict[str, Any]:
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
        "tickvals": [_round(t) for t in ticks],
        "ticktext": [f"{t:g}" for t in ticks],
    }


def _label_positions(xs: list[float], *, log: bool) -> str | list[str]:
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


def _sourced(status: str, source: str, by: str | None = None) -> list[str]:
    first = f"{by}, {status}" if by else f"status: {status}"
    return [first, f"source: {source}"]


_UNIT_SUFFIX = {"percent": " %", "usd": " USD"}


# -- benchmarks ---------------------------------------------------------------


def _benchmarks(ctx: _Context) -> Figure:
    spec, catalog = ctx.spec, ctx.catalog
    first = spec.benchmarks[0]

    def value(release: Release) -> float | None:
        score = pick_score(release, first)
        return score.score if score else None

    releases = ctx.releases(value)
    strings = _Strings()
    traces: list[dict[str, Any]] = []
    missing: dict[str, list[str]] = {}
    rows = [[r.name] for r in releases]
    for bench_id in spec.benchmarks:
        bench = catalog.benchmarks[bench_id]
        ys: list[float | None] = []
        hover: list[list[int] | None] = []
        for row, release in zip(rows, releases, strict=True):
            score = pick_score(release, bench_id)
            row.append(_score_cell(score))
            if score is None or score.score is None:
                ys.append(None)
                hover.append(None)
                missing.setdefault(release.id, []).append(bench.name)
                continue
            ys.append(_round(score.score))
            hover.append(
                strings.ids(
                    score.setting,
                    score.variant,
                    *_sourced(score.status, _source(release, score.source), score.reported_by),
                )
            )
        trace: dict[str, Any] = {"type": "bar", "name": esc(bench.name), "y": ys, "h": hover}
        trace["meta"] = _UNIT_SUFFIX.get(bench.unit, "")
        marker = ctx.marker(releases)
        if marker:
            trace["marker"] = marker
        traces.append(trace)
    units = {catalog.benchmarks[b].unit for b in spec.benchmarks}
    layout: dict[str, Any] = {
        "barmode": "group",
        "yaxis": {"title": {"text": "%" if units == {"percent"} else "score"}},
    }
    notes = [
        f"{catalog.releases[rid].name}: no {', '.join(names)} score"
        for rid, names in missing.items()
    ]
    empty = [rid for rid, names in missing.items() if len(names) == len(spec.benchmarks)]
    if empty:
        layout["annotations"] = [
            {"x": ctx.label(catalog.releases[rid]), "y": 0, "text": "n/a", "showarrow": False}
            for rid in empty
        ]
    bench_names = [catalog.benchmarks[b].name for b in spec.benchmarks]
    model_names = [r.name for r in releases]
    best = [(s, r) for r in releases if (s := value(r)) is not None]
    lead = max(best, key=lambda t: t[0]) if best else None
    alt = f"Bar chart of {_join(bench_names)} scores for {_join(model_names)}." + (
        f" Highest {bench_names[0]}: {lead[1].name} ({_num(lead[0])})." if lead else ""
    )
    return Figure(
        title=spec.title or f"{_join(bench_names)}: {_join(model_names)}",
        alt=alt,
        traces=traces,
        layout=layout,
        table=Table(["Model", *bench_names], rows, [r.id for r in releases]),
        notes=notes,
        shared={
            "x": [ctx.label(r) for r in releases],
            "ids": [r.id for r in releases],
            "s": strings.table,
            "ht": "%{x}: <b>%{y}%{meta}</b><br>%{hovertext}<extra>%{fullData.name}</extra>",
        },
    )


# -- price-performance --------------------------------------------------------


def _price_performance(ctx: _Context) -> Figure:
    spec, catalog = ctx.spec, ctx.catalog
    bench = catalog.benchmarks[spec.benchmarks[0]]

    def value(release: Release) -> float | None:
        score = pick_score(release, bench.id)
        return score.score if score else None

    releases = ctx.releases(value)
    strings = _Strings()
    xs: list[float | None] = []
    ys: list[float | None] = []
    names: list[str] = []
    ids: list[str] = []
    hover: list[list[int]] = []
    sizes: list[int] = []
    rows: list[list[str]] = []
    notes: list[str] = []
    for release in releases:
        score = pick_score(release, bench.id)
        price = pick_price(release)
        blended = blended_price(price) if price else None
        rows.append(
            [
                release.name,
                _score_cell(score),
                f"${blended:,.2f}" if blended is not None else "— (no API price)",
                f"${price.input:,.2f} / ${price.output:,.2f}" if price else "—",
            ]
        )
        if score is None or score.score is None or price is None or blended is None:
            lacking = [f"{bench.name} score"] if score is None or score.score is None else []
            lacking += ["API price"] if price is None else []
            notes.append(f"{release.name}: no {' or '.join(lacking)}")
            continue
        xs.append(_round(blended))
        ys.append(_round(score.score))
        names.append(ctx.label(release))
        ids.append(release.id)
        sizes.append(16 if release.id == spec.highlight else 10)
        hover.append(
            strings.ids(
                score.setting,
                f"{score.reported_by}, {score.status}; source: {_source(release, score.source)}",
                f"${price.input:g} in / ${price.output:g} out ({price.provider}, "
                f"{price.as_of.isoformat()}; source: {_source(release, price.source)})",
            )
        )
    trace: dict[str, Any] = {
        "type": "scatter",
        "mode": "markers+text",
        "x": xs,
        "y": ys,
        "text": names,
        "customdata": ids,
        "h": hover,
        "meta": esc(f"{_UNIT_SUFFIX.get(bench.unit, '')} {bench.name}"),
    }
    if spec.highlight is not None:
        trace["marker"] = {"size": sizes}
    numbers = [x for x in xs if x is not None]
    log = bool(numbers) and min(numbers) > 0 and max(numbers) / min(numbers) >= 10
    trace["textposition"] = _label_positions(numbers, log=log)
    layout: dict[str, Any] = {
        "showlegend": False,
        "xaxis": {"title": {"text": "USD per 1M tokens, 3:1 input:output"}},
        "yaxis": {"title": {"text": esc(bench.name)}},
    }
    if log:
        layout["xaxis"].update(_log_axis(numbers))
    model_names = [r.name for r in releases]
    alt = (
        f"Scatter plot of {bench.name} score against blended API price for "
        f"{_join(model_names)}" + (" (price on a log scale)." if log else ".")
    )
    return Figure(
        title=spec.title or f"{bench.name} against price",
        alt=alt,
        traces=[trace],
        layout=layout,
        table=Table(
            ["Model", bench.name, "Blended price (USD / 1M tokens, 3:1)", "Input / output"],
            rows,
            [r.id for r in releases],
        ),
        notes=notes,
        shared={
            "s": strings.table,
            "ht": "%{text}: <b>%{y}%{meta}</b>, <b>$%{x}</b> blended"
            "<br>%{hovertext}<extra></extra>",
        },
    )


# -- timeline -----------------------------------------------------------------


def _timeline(ctx: _Context) -> Figure:
    spec, catalog = ctx.spec, ctx.catalog
    releases = ctx.releases(lambda r: float(r.date.toordinal()) if r.date else None)
    strings = _Strings()
    by_org: dict[str, dict[str, list[Any]]] = {}
    rows: list[list[str]] = []
    notes: list[str] = []
    for release in releases:
        org = catalog.orgs[release.org].name if release.org in catalog.orgs else release.org
        date = release.date
        rows.append([release.name, org, date.isoformat() if date else "—", release.status])
        if date is None:
            notes.append(f"{release.name}: no date")
            continue
        series = by_org.setdefault(org, {"x": [], "text": [], "customdata": [], "h": []})
        series["x"].append(date.isoformat())
        series["text"].append(ctx.label(release))
        series["customdata"].append(release.id)
        source = _source(release, release.dates_source) if release.dates_source else None
        series["h"].append(strings.ids(release.status, f"source: {source}" if source else None))
    traces = []
    for org, series in sorted(by_org.items()):
        trace: dict[str, Any] = {"name": esc(org), **series}
        trace["yrep"] = esc(org)
        if spec.highlight in series["customdata"]:
            trace["marker"] = {
                "size": [16 if i == spec.highlight else 10 for i in series["customdata"]]
            }
        traces.append(trace)
    layout: dict[str, Any] = {"showlegend": False, "xaxis": {"type": "date"}}
    dated = [r.date for r in releases if r.date]
    alt = f"Timeline of {len(dated)} releases by {len(by_org)} organizations" + (
        f", {min(dated).isoformat()} to {max(dated).isoformat()}." if dated else "."
    )
    return Figure(
        title=spec.title or "Releases over time",
        alt=alt,
        traces=traces,
        layout=layout,
        table=Table(["Model", "Organization", "Date", "Status"], rows, [r.id for r in releases]),
        notes=notes,
        shared={
            "s": strings.table,
            "ht": "%{text}: <b>%{x}</b><br>%{hovertext}<extra>%{fullData.name}</extra>",
            "td": {"type": "scatter", "mode": "markers"},
        },
    )


# -- params -------------------------------------------------------------------


def _params_cell(count: ParamCount | None) -> str:
    if count is None:
        return "—"
    return f"{_num(count.value / 1e9)}B{_status(count.status)}"


def _params(ctx: _Context) -> Figure:
    spec = ctx.spec

    def value(release: Release) -> float | None:
        total = release.params.total
        return total.value if total else None

    releases = ctx.releases(value)
    strings = _Strings()
    traces: list[dict[str, Any]] = []
    values: list[float] = []
    for part in ("total", "active"):
        ys: list[float | None] = []
        hover: list[list[int] | None] = []
        shapes: list[str] = []
        opacity: list[float] = []
        for release in releases:
            count: ParamCount | None = getattr(release.params, part)
            if count is None:
                ys.append(None)
                hover.append(None)
                shapes.append("")
                opacity.append(1)
                continue
            values.append(count.value / 1e9)
            ys.append(_round(count.value / 1e9))
            hover.append(
                strings.ids(count.note, *_sourced(count.status, _source(release, count.source)))
            )
            shapes.append(PATTERNS[count.status])
            opacity.append(OPACITY[count.status])
        if all(y is None for y in ys):
            continue
        trace: dict[str, Any] = {"type": "bar", "name": part, "y": ys, "h": hover, "meta": "B"}
        extra: dict[str, Any] = {}
        if any(shapes):
            extra = {"opacity": opacity, "pattern": {"shape": shapes}}
        marker = ctx.marker(releases, **extra)
        if marker:
            trace["marker"] = marker
        traces.append(trace)
    layout: dict[str, Any] = {
        "barmode": "group",
        "yaxis": {"title": {"text": "billions of parameters"}},
    }
    if values and min(values) > 0 and max(values) / min(values) >= 100:
        layout["yaxis"].update(_log_axis(values))
    notes = [
        f"{r.name}: no published parameter count"
        for r in releases
        if r.params.total is None and r.params.active is None
    ]
    unsure = sorted(
        {
            c.status
            for r in releases
            for c in (r.params.total, r.params.active)
            if c is not None and c.status != "confirmed"
        }
    )
    key = None
    if unsure:
        key = "Hatched, paler bars are not confirmed: " + ", ".join(
            f"{s} ({_PATTERN_WORDS[s]})" for s in unsure
        )
    model_names = [r.name for r in releases]
    alt = f"Bar chart of parameter counts for {_join(model_names)}" + (
        f"; {', '.join(unsure)} values are hatched." if unsure else "."
    )
    return Figure(
        title=spec.title or "Parameter counts",
        alt=alt,
        traces=traces,
        layout=layout,
        table=Table(
            ["Model", "Total parameters", "Active parameters"],
            [
                [r.name, _params_cell(r.params.total), _params_cell(r.params.active)]
                for r in releases
            ],
            [r.id for r in releases],
        ),
        notes=notes,
        shared={
            "x": [ctx.label(r) for r in releases],
            "ids": [r.id for r in releases],
            "s": strings.table,
            "ht": "%{x}: <b>%{y}%{meta}</b> %{fullData.name}<br>%{hovertext}<extra></extra>",
        },
        key=key,
    )


_PATTERN_WORDS = {"estimated": "diagonal lines", "disputed": "dots", "rumored": "crosses"}


# -- arena --------------------------------------------------------------------


def _arena(ctx: _Context) -> Figure:
    spec = ctx.spec
    chosen = [ctx.catalog.releases[m] for m in spec.models]
    board = spec.board or default_board(chosen) or ""

    def value(release: Release) -> float | None:
        points = arena_points(release, board)
        return points[-1].score if points else None

    releases = ctx.releases(value)
    strings = _Strings()
    traces: list[dict[str, Any]] = []
    rows: list[list[str]] = []
    row_ids: list[str] = []
    notes: list[str] = []
    for release in releases:
        points = arena_points(release, board)
        if not points:
            notes.append(f"{release.name}: no reading on {board}")
            rows.append([release.name, "—", "— (no reading)", "—", "—"])
            row_ids.append(release.id)
            continue
        plus: list[float | None] = []
        minus: list[float | None] = []
        hover: list[list[int]] = []
        for point in points:
            low, high = point.ci95 if point.ci95 else (point.score, point.score)
            plus.append(_round(high - point.score))
            minus.append(_round(point.score - low))
            ci = f"95% CI {_num(low)}–{_num(high)}" if point.ci95 else None
            hover.append(
                strings.ids(
                    ci,
                    f"{point.votes:,} votes" if point.votes else None,
                    *_sourced(point.status, _source(release, point.source)),
                )
            )
            row_ids.append(release.id)
            rows.append(
                [
                    release.name,
                    point.as_of.isoformat(),
                    _num(point.score) + _status(point.status),
                    f"{_num(low)}–{_num(high)}" if point.ci95 else "—",
                    f"{point.votes:,}" if point.votes else "—",
                ]
            )
        trace: dict[str, Any] = {
            "name": ctx.label(release),
            "x": [p.as_of.isoformat() for p in points],
            "y": [_round(p.score) for p in points],
            "customdata": [release.id] * len(points),
            "h": hover,
        }
        if release.id == spec.highlight:
            trace["line"] = {"width": 4}
        if any(p.ci95 for p in points):
            trace["error_y"] = {"array": plus, "arrayminus": minus}
        traces.append(trace)
    layout: dict[str, Any] = {
        "xaxis": {"type": "date"},
        "yaxis": {"title": {"text": esc(f"{board} score")}},
    }
    with_ci = any("error_y" in t for t in traces)
    alt = f"Line chart of {board} arena scores over time for {_join([r.name for r in releases])}"
    alt += ", with 95% confidence intervals as error bars." if with_ci else "."
    return Figure(
        title=spec.title or f"Arena scores ({board})",
        alt=alt,
        traces=traces,
        layout=layout,
        table=Table(["Model", "As of", "Score", "95% CI", "Votes"], rows, row_ids),
        notes=notes,
        shared={
            "s": strings.table,
            "ht": "%{fullData.name}: <b>%{y}</b> on %{x}<br>%{hovertext}<extra></extra>",
            "td": {"type": "scatter", "mode": "lines+markers"},
        },
    )


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_BUILDERS: dict[str, Callable[[_Context], Figure]] = {
    "benchmarks": _benchmarks,
    "price-performance": _price_performance,
    "timeline": _timeline,
    "params": _params,
    "arena": _arena,
}
