"""What each generated page shows, prepared for its template.

The views do the lookups and formatting (org names, links between pages,
footnote references, a value's status) so that templates stay layout only and
a site that overrides one cannot get the provenance wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from modelpress._internal import format as fmt
from modelpress._internal.pages.cells import Citations, source_line, unknown, value
from modelpress._internal.pages.escape import md_text, url_attr
from modelpress._internal.pages.urls import (
    INCIDENTS,
    MODELS_INDEX,
    TIMELINE,
    md_link,
    model_index_uri,
    relative_url,
    release_uri,
)
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.models import ApiPrice, Incident, Release, SpecField
from modelpress._internal.reviews.coverage import ReviewLink

__all__ = ["catalog_links", "incidents_view", "index_view", "release_view", "timeline_view"]

CHANNELS = {
    "api": "API",
    "app": "App",
    "web": "Web",
    "chat": "Chat",
    "open-weights": "Open weights",
    "cloud": "Cloud",
    "enterprise": "Enterprise",
}


@dataclass
class Row:
    """One table row: cells already escaped and marked up."""

    cells: list[Markup]
    data: dict[str, str] = field(default_factory=dict)


def _org_name(catalog: Catalog, org_id: str) -> str:
    org = catalog.orgs.get(org_id)
    return org.name if org else org_id


def _release_link(catalog: Catalog, from_uri: str, release_id: str) -> Markup:
    release = catalog.releases.get(release_id)
    if release is None:
        return md_text(release_id)
    return Markup("[{}]({})").format(
        md_text(release.name), md_link(from_uri, release_uri(release_id))
    )


def _cheapest(prices: Sequence[ApiPrice]) -> ApiPrice | None:
    usd = [p for p in prices if p.currency == "USD" and p.tier is None] or [
        p for p in prices if p.currency == "USD"
    ]
    return min(usd, key=lambda p: (p.input, p.output, p.provider)) if usd else None


def _empty(release: Release, key: SpecField, label: str = "Not published") -> Markup:
    """An empty spec fact: the record's reason when it gives one, else the bare label."""
    reason = release.why_empty.get(key)
    return unknown(f"{label}: {reason}") if reason else unknown(label)


def _empty_cell(release: Release, key: SpecField, label: str) -> Markup:
    """An empty cell of the models index: a short label, the reason as its tooltip."""
    reason = release.why_empty.get(key)
    if not reason:
        return unknown(label)
    return Markup('<span class="mp-unknown" title="{}">{}</span>').format(
        md_text(reason), md_text(label)
    )


def release_view(
    release: Release,
    catalog: Catalog,
    reviews: Sequence[ReviewLink],
    successors: Sequence[Release] = (),
    incidents: Sequence[Incident] = (),
) -> dict[str, Any]:
    """The context of a release page; ``successors`` and ``incidents`` come from one index
    of the whole catalog (see :func:`catalog_links`), so a build stays linear."""
    here = release_uri(release.id)
    cite = Citations.of(release)

    spec: list[tuple[str, Markup]] = []
    for kind, label in (("total", "Parameters (total)"), ("active", "Parameters (active)")):
        count = getattr(release.params, kind)
        spec.append(
            (
                label,
                value(fmt.parameters(count.value), count.status, count.note, cite.ref(count.source))
                if count
                else _empty(release, "params.total" if kind == "total" else "params.active"),
            )
        )
    window = release.context_window
    spec.append(
        (
            "Context window",
            value(
                f"{fmt.tokens(window.value)} tokens",
                window.status,
                window.note,
                cite.ref(window.source),
            )
            if window
            else _empty(release, "context_window"),
        )
    )
    modes = release.modalities
    spec.append(
        (
            "Modalities",
            value(
                f"{', '.join(modes.input)} in; {', '.join(modes.output)} out",
                modes.status,
                modes.note,
                cite.ref(modes.source),
            )
            if modes
            else _empty(release, "modalities"),
        )
    )
    weights = release.weights
    if weights:
        shown = "Open" if weights.type == "open" else "Closed"
        if weights.license:
            shown += f" ({weights.license})"
        spec.append(
            ("Weights", value(shown, weights.status, weights.note, cite.ref(weights.source)))
        )
    else:
        spec.append(("Weights", _empty(release, "weights")))

    api = [
        Row(
            [
                md_text(p.provider),
                value(fmt.money(p.input, p.currency), p.status, p.note),
                value(fmt.money(p.cached_input, p.currency), p.status)
                if p.cached_input is not None
                else unknown("—"),
                value(fmt.money(p.output, p.currency), p.status),
                md_text(p.tier or "all requests"),
                md_text(p.as_of.isoformat()),
                cite.ref(p.source),
            ]
        )
        for p in release.pricing.api
    ]
    plans = [
        Row(
            [
                md_text(plan.name),
                value(f"{fmt.money(plan.price, plan.currency)} per {plan.period}", plan.status),
                Markup(", ").join(_release_link(catalog, here, r) for r in plan.includes)
                if plan.includes
                else unknown("—"),
                md_text(plan.note or ""),
                cite.ref(plan.source),
            ]
        )
        for plan in release.pricing.plans
    ]
    benchmarks = []
    for result in release.benchmarks:
        registry = catalog.benchmarks.get(result.benchmark)
        name = (
            Markup('<a href="{}">{}</a>').format(url_attr(registry.url), md_text(registry.name))
            if registry
            else md_text(result.benchmark)
        )
        score = (
            value(fmt.score(result.score, result.unit), result.status, result.note)
            if result.score is not None
            else unknown("No number")
        )
        benchmarks.append(
            Row(
                [
                    name,
                    score,
                    md_text(" · ".join(x for x in (result.setting, result.variant) if x) or "—"),
                    md_text(result.reported_by),
                    md_text(result.why_empty or result.note or ""),
                    cite.ref(result.source),
                ]
            )
        )
    arena = [
        Row(
            [
                md_text(s.board),
                md_text(s.category),
                value(f"{s.score:.0f}", s.status, s.note),
                md_text(f"{s.ci95[0]:g} – {s.ci95[1]:g}") if s.ci95 else unknown("—"),
                md_text(fmt.count(s.votes)) if s.votes is not None else unknown("—"),
                md_text(s.rank) if s.rank is not None else unknown("—"),
                md_text(s.as_of.isoformat()),
                cite.ref(s.source),
            ]
        )
        for s in sorted(release.arena, key=lambda s: (s.as_of, s.board), reverse=True)
    ]
    availability = [
        Row(
            [
                md_text(CHANNELS.get(a.channel, a.channel)),
                md_text(a.provider),
                md_text(a.status),
                md_text(a.since.isoformat() if a.since else "—"),
                md_text(a.audience or a.note or ""),
                cite.ref(a.source),
            ]
        )
        for a in release.availability
    ]
    incident_items = [
        {
            "date": incident.date.isoformat(),
            "title": md_text(incident.title),
            "link": md_link(here, INCIDENTS, incident.id),
            "role": next(x.role for x in incident.releases if x.release == release.id),
        }
        for incident in incidents
    ]
    predecessor = (
        _release_link(catalog, here, release.predecessor)
        if release.predecessor in catalog.releases
        else None
    )
    successor_links = [_release_link(catalog, here, s.id) for s in successors]
    dates = []
    if release.announced:
        dates.append(("Announced", release.announced.isoformat()))
    if release.released:
        dates.append(("Released", release.released.isoformat()))
    return {
        "release": release,
        "org": _org_name(catalog, release.org),
        "dates": dates,
        "dates_cite": cite.ref(release.dates_source),
        "spec": spec,
        "api_prices": api,
        "api_why_empty": md_text(release.why_empty.get("pricing.api", "")),
        "plans": plans,
        "benchmarks": benchmarks,
        "arena": arena,
        "availability": availability,
        "incidents": incident_items,
        "predecessor": predecessor,
        "successors": successor_links,
        "reviews": [
            {"title": r.title, "link": md_link(here, r.src_uri), "date": fmt.date(r.date)}
            for r in reviews
        ],
        "models_link": md_link(here, MODELS_INDEX),
        "model_index_link": md_link(here, model_index_uri(release.id)),
        "citations": cite,
    }


def catalog_links(
    catalog: Catalog,
) -> tuple[dict[str, list[Release]], dict[str, list[Incident]]]:
    """Successors and incidents (newest first) of every release, found in one pass each."""
    successors: dict[str, list[Release]] = {}
    for release in catalog.chronological():
        if release.predecessor is not None:
            successors.setdefault(release.predecessor, []).append(release)
    incidents: dict[str, list[Incident]] = {}
    for incident in sorted(catalog.incidents.values(), key=lambda i: (i.date, i.id), reverse=True):
        for involved in dict.fromkeys(x.release for x in incident.releases):
            incidents.setdefault(involved, []).append(incident)
    return successors, incidents


def index_view(catalog: Catalog, *, directory_urls: bool) -> dict[str, Any]:
    rows = []
    for release in sorted(
        catalog.releases.values(),
        key=lambda r: (r.date.isoformat() if r.date else "", r.id),
        reverse=True,
    ):
        org = _org_name(catalog, release.org)
        href = relative_url(MODELS_INDEX, release_uri(release.id), directory_urls)
        window = release.context_window
        total = release.params.total
        price = _cheapest(release.pricing.api)
        weights = release.weights
        rows.append(
            {
                "id": release.id,
                "name": release.name,
                "href": href,
                "org_id": release.org,
                "org": org,
                "status": release.status,
                "date": release.date.isoformat() if release.date else "",
                "year": str(release.date.year) if release.date else "",
                "open": "true" if weights and weights.type == "open" else "false",
                "weights": (
                    value(
                        "Open" if weights.type == "open" else "Closed",
                        weights.status,
                        weights.license,
                    )
                    if weights
                    else _empty_cell(release, "weights", "Unknown")
                ),
                "context": str(window.value) if window else "",
                "context_cell": value(fmt.tokens(window.value), window.status, window.note)
                if window
                else _empty_cell(release, "context_window", "Unknown"),
                "params": format(total.value, ".0f") if total else "",
                "params_cell": value(fmt.parameters(total.value), total.status, total.note)
                if total
                else _empty_cell(release, "params.total", "Unknown"),
                "price": repr(price.input) if price else "",
                "price_cell": value(
                    f"{fmt.money(price.input)} / {fmt.money(price.output)}",
                    price.status,
                    price.provider + (f", {price.tier}" if price.tier else ""),
                )
                if price
                else _empty_cell(release, "pricing.api", "No API price"),
                "search": " ".join([release.name, release.id, org, *release.aliases]).lower(),
            }
        )
    orgs = sorted({(r["org_id"], r["org"]) for r in rows}, key=lambda o: o[1].lower())
    statuses = sorted({r["status"] for r in rows})
    years = sorted({r["year"] for r in rows if r["year"]})
    return {
        "rows": rows,
        "orgs": orgs,
        "statuses": statuses,
        "years": years,
        "total": len(rows),
    }


def timeline_view(catalog: Catalog, *, chart: bool) -> dict[str, Any]:
    years: dict[str, list[dict[str, Any]]] = {}
    undated = []
    for release in catalog.chronological():
        item = {
            "link": _release_link(catalog, TIMELINE, release.id),
            "org": _org_name(catalog, release.org),
            "date": release.date.isoformat() if release.date else "",
            "status": release.status,
        }
        if release.date is None:
            undated.append(item)
        else:
            years.setdefault(str(release.date.year), []).append(item)
    return {
        "chart": chart,
        "chart_models": Markup(", ").join(
            Markup(r.id) for r in catalog.chronological() if r.date is not None
        ),
        "years": sorted(years.items(), reverse=True),
        "undated": undated,
    }


def incidents_view(catalog: Catalog) -> dict[str, Any]:
    entries = []
    for incident in sorted(catalog.incidents.values(), key=lambda i: (i.date, i.id), reverse=True):
        entries.append(
            {
                "incident": incident,
                "anchor": Markup("{#%s}") % incident.id,
                "releases": [
                    {"link": _release_link(catalog, INCIDENTS, x.release), "role": x.role}
                    for x in incident.releases
                ],
                "sources": [source_line(s) for s in incident.sources.values()],
            }
        )
    return {"entries": entries}
