"""Bar charts: benchmark scores (models × benchmarks) and parameter counts."""

from __future__ import annotations

from typing import Any

from modelpress._internal.charts.data import pick_score
from modelpress._internal.charts.figure import (
    UNIT_SUFFIX,
    Context,
    Figure,
    Strings,
    Table,
    esc,
    join,
    log_axis,
    num,
    round_value,
    score_cell,
    source_name,
    sourced,
    status_suffix,
)
from modelpress._internal.records.models import ParamCount, Release

__all__ = ["benchmarks_figure", "params_figure"]

PATTERNS = {"confirmed": "", "estimated": "/", "disputed": ".", "rumored": "x"}
"""Bar fill by status, so rumored and estimated values never look like confirmed ones."""
OPACITY = {"confirmed": 1.0, "estimated": 0.75, "disputed": 0.6, "rumored": 0.5}
PATTERN_WORDS = {"estimated": "diagonal lines", "disputed": "dots", "rumored": "crosses"}


def benchmarks_figure(ctx: Context) -> Figure:
    spec, catalog = ctx.spec, ctx.catalog
    first = spec.benchmarks[0]

    def value(release: Release) -> float | None:
        score = pick_score(release, first)
        return score.score if score else None

    releases = ctx.releases(value)
    strings = Strings()
    traces: list[dict[str, Any]] = []
    missing: dict[str, list[str]] = {}
    rows = [[r.name] for r in releases]
    for bench_id in spec.benchmarks:
        bench = catalog.benchmarks[bench_id]
        ys: list[float | None] = []
        hover: list[list[int] | None] = []
        for row, release in zip(rows, releases, strict=True):
            score = pick_score(release, bench_id)
            row.append(score_cell(score))
            if score is None or score.score is None:
                ys.append(None)
                hover.append(None)
                missing.setdefault(release.id, []).append(bench.name)
                continue
            ys.append(round_value(score.score))
            hover.append(
                strings.ids(
                    score.setting,
                    score.variant,
                    *sourced(score.status, source_name(release, score.source), score.reported_by),
                )
            )
        trace: dict[str, Any] = {"type": "bar", "name": esc(bench.name), "y": ys, "h": hover}
        trace["meta"] = UNIT_SUFFIX.get(bench.unit, "")
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
    alt = f"Bar chart of {join(bench_names)} scores for {join(model_names)}." + (
        f" Highest {bench_names[0]}: {lead[1].name} ({num(lead[0])})." if lead else ""
    )
    return Figure(
        title=spec.title or f"{join(bench_names)}: {join(model_names)}",
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


def params_cell(count: ParamCount | None) -> str:
    if count is None:
        return "—"
    return f"{num(count.value / 1e9)}B{status_suffix(count.status)}"


def params_figure(ctx: Context) -> Figure:
    spec = ctx.spec

    def value(release: Release) -> float | None:
        total = release.params.total
        return total.value if total else None

    releases = ctx.releases(value)
    strings = Strings()
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
            ys.append(round_value(count.value / 1e9))
            hover.append(
                strings.ids(count.note, *sourced(count.status, source_name(release, count.source)))
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
        layout["yaxis"].update(log_axis(values))
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
            f"{s} ({PATTERN_WORDS[s]})" for s in unsure
        )
    model_names = [r.name for r in releases]
    alt = f"Bar chart of parameter counts for {join(model_names)}" + (
        f"; {', '.join(unsure)} values are hatched." if unsure else "."
    )
    return Figure(
        title=spec.title or "Parameter counts",
        alt=alt,
        traces=traces,
        layout=layout,
        table=Table(
            ["Model", "Total parameters", "Active parameters"],
            [[r.name, params_cell(r.params.total), params_cell(r.params.active)] for r in releases],
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
