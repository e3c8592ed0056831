"""Point charts: score against price, releases over time, arena scores over time."""

from __future__ import annotations

from typing import Any

from modelpress._internal.charts.data import (
    arena_points,
    blended_price,
    default_board,
    pick_price,
    pick_score,
)
from modelpress._internal.charts.figure import (
    UNIT_SUFFIX,
    Context,
    Figure,
    Strings,
    Table,
    esc,
    join,
    label_positions,
    log_axis,
    num,
    round_value,
    score_cell,
    source_name,
    sourced,
    status_suffix,
)
from modelpress._internal.records.models import Release

__all__ = ["arena_figure", "price_performance_figure", "timeline_figure"]


def price_performance_figure(ctx: Context) -> Figure:
    spec, catalog = ctx.spec, ctx.catalog
    bench = catalog.benchmarks[spec.benchmarks[0]]

    def value(release: Release) -> float | None:
        score = pick_score(release, bench.id)
        return score.score if score else None

    releases = ctx.releases(value)
    strings = Strings()
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
                score_cell(score),
                f"${blended:,.2f}" if blended is not None else "— (no API price)",
                f"${price.input:,.2f} / ${price.output:,.2f}" if price else "—",
            ]
        )
        if score is None or score.score is None or price is None or blended is None:
            lacking = [f"{bench.name} score"] if score is None or score.score is None else []
            lacking += ["API price"] if price is None else []
            notes.append(f"{release.name}: no {' or '.join(lacking)}")
            continue
        xs.append(round_value(blended))
        ys.append(round_value(score.score))
        names.append(ctx.label(release))
        ids.append(release.id)
        sizes.append(16 if release.id == spec.highlight else 10)
        hover.append(
            strings.ids(
                score.setting,
                f"{score.reported_by}, {score.status}; "
                f"source: {source_name(release, score.source)}",
                f"${price.input:g} in / ${price.output:g} out ({price.provider}, "
                f"{price.as_of.isoformat()}; source: {source_name(release, price.source)})",
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
        "meta": esc(f"{UNIT_SUFFIX.get(bench.unit, '')} {bench.name}"),
    }
    if spec.highlight is not None:
        trace["marker"] = {"size": sizes}
    numbers = [x for x in xs if x is not None]
    log = bool(numbers) and min(numbers) > 0 and max(numbers) / min(numbers) >= 10
    trace["textposition"] = label_positions(numbers, log=log)
    layout: dict[str, Any] = {
        "showlegend": False,
        "xaxis": {"title": {"text": "USD per 1M tokens, 3:1 input:output"}},
        "yaxis": {"title": {"text": esc(bench.name)}},
    }
    if log:
        layout["xaxis"].update(log_axis(numbers))
    model_names = [r.name for r in releases]
    alt = (
        f"Scatter plot of {bench.name} score against blended API price for "
        f"{join(model_names)}" + (" (price on a log scale)." if log else ".")
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


def timeline_figure(ctx: Context) -> Figure:
    spec, catalog = ctx.spec, ctx.catalog
    releases = ctx.releases(lambda r: float(r.date.toordinal()) if r.date else None)
    strings = Strings()
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
        source = source_name(release, release.dates_source) if release.dates_source else None
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


def arena_figure(ctx: Context) -> Figure:
    spec = ctx.spec
    chosen = [ctx.catalog.releases[m] for m in spec.models]
    board = spec.board or default_board(chosen) or ""

    def value(release: Release) -> float | None:
        points = arena_points(release, board)
        return points[-1].score if points else None

    releases = ctx.releases(value)
    strings = Strings()
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
            plus.append(round_value(high - point.score))
            minus.append(round_value(point.score - low))
            ci = f"95% CI {num(low)}–{num(high)}" if point.ci95 else None
            hover.append(
                strings.ids(
                    ci,
                    f"{point.votes:,} votes" if point.votes else None,
                    *sourced(point.status, source_name(release, point.source)),
                )
            )
            row_ids.append(release.id)
            rows.append(
                [
                    release.name,
                    point.as_of.isoformat(),
                    num(point.score) + status_suffix(point.status),
                    f"{num(low)}–{num(high)}" if point.ci95 else "—",
                    f"{point.votes:,}" if point.votes else "—",
                ]
            )
        trace: dict[str, Any] = {
            "name": ctx.label(release),
            "x": [p.as_of.isoformat() for p in points],
            "y": [round_value(p.score) for p in points],
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
    alt = f"Line chart of {board} arena scores over time for {join([r.name for r in releases])}"
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
