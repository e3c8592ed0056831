"""Every sourced value of every release as one flat row: the CSV download.

A spreadsheet cannot hold a nested record, and a wide "one row per release"
table would drop what makes the numbers trustworthy. So the CSV is long: one
row per fact, each with its status and its source (key, title and URL). The
JSON download carries the full records; this carries every fact's main value.
:func:`read_facts` reads the file back, so a round trip can be checked.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, fields

from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.models import Release

__all__ = ["CSV_COLUMNS", "Fact", "format_number", "read_facts", "release_facts", "write_facts"]


@dataclass(frozen=True)
class Fact:
    """One value of one release. Empty strings mean "does not apply"."""

    release: str
    name: str
    org: str
    field: str
    """``params.total``, ``context_window``, ``price.input``, ``benchmark``, ``arena`` …"""
    key: str = ""
    """Which one: the benchmark id, plan name, arena board, availability channel."""
    provider: str = ""
    value: str = ""
    unit: str = ""
    status: str = ""
    """Certainty (confirmed, estimated, rumored, disputed) or, for availability, the rollout."""
    reported_by: str = ""
    setting: str = ""
    """A benchmark's setting, an arena category, or the tier a price applies to."""
    variant: str = ""
    as_of: str = ""
    why_empty: str = ""
    note: str = ""
    source: str = ""
    source_title: str = ""
    source_url: str = ""


CSV_COLUMNS = tuple(f.name for f in fields(Fact))


def format_number(value: float | int) -> str:
    """Exact text for a number: ``repr`` of a float reads back to the same float."""
    return repr(value) if isinstance(value, float) else str(value)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def release_facts(release: Release, catalog: Catalog) -> Iterator[Fact]:
    org = catalog.orgs[release.org].name if release.org in catalog.orgs else release.org

    def fact(field: str, source: str | None, **values: object) -> Fact:
        cited = release.sources.get(source) if source else None
        return Fact(
            release=release.id,
            name=release.name,
            org=org,
            field=field,
            source=source or "",
            source_title=cited.title if cited else "",
            source_url=str(cited.url) if cited else "",
            **{k: _text(v) for k, v in values.items()},
        )

    for name in ("announced", "released"):
        day = getattr(release, name)
        if day is not None:
            yield fact(name, release.dates_source, value=day.isoformat())
    for kind in ("total", "active"):
        count = getattr(release.params, kind)
        if count is not None:
            yield fact(
                f"params.{kind}",
                count.source,
                value=count.value,
                unit="parameters",
                status=count.status,
                note=count.note,
            )
    if (window := release.context_window) is not None:
        yield fact(
            "context_window",
            window.source,
            value=window.value,
            unit=window.unit,
            status=window.status,
            note=window.note,
        )
    if (modes := release.modalities) is not None:
        for direction in ("input", "output"):
            yield fact(
                f"modalities.{direction}",
                modes.source,
                value=" ".join(getattr(modes, direction)),
                status=modes.status,
                note=modes.note,
            )
    if (weights := release.weights) is not None:
        yield fact(
            "weights",
            weights.source,
            value=weights.type,
            key=weights.license,
            status=weights.status,
            note=weights.note,
        )
    for price in release.pricing.api:
        for part in ("input", "cached_input", "output"):
            amount = getattr(price, part)
            if amount is None:
                continue
            yield fact(
                f"price.{part}",
                price.source,
                provider=price.provider,
                value=amount,
                unit=f"{price.currency} per 1M tokens",
                status=price.status,
                setting=price.tier,
                as_of=price.as_of.isoformat(),
                note=price.note,
            )
    for plan in release.pricing.plans:
        yield fact(
            "plan",
            plan.source,
            key=plan.name,
            value=plan.price,
            unit=f"{plan.currency} per {plan.period}",
            status=plan.status,
            note=plan.note,
        )
    for result in release.benchmarks:
        yield fact(
            "benchmark",
            result.source,
            key=result.benchmark,
            value=result.score,
            unit=result.unit,
            status=result.status,
            reported_by=result.reported_by,
            setting=result.setting,
            variant=result.variant,
            why_empty=result.why_empty,
            note=result.note,
        )
    for snapshot in release.arena:
        yield fact(
            "arena",
            snapshot.source,
            key=snapshot.board,
            value=snapshot.score,
            unit="elo",
            status=snapshot.status,
            setting=snapshot.category,
            as_of=snapshot.as_of.isoformat(),
            note=snapshot.note,
        )
    for channel in release.availability:
        yield fact(
            "availability",
            channel.source,
            key=channel.channel,
            provider=channel.provider,
            value=channel.status,
            setting=channel.audience,
            as_of=channel.since.isoformat() if channel.since else "",
            note=channel.note,
        )


def write_facts(catalog: Catalog) -> str:
    """The CSV text of every release's facts, in catalog order (oldest release first)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for release in catalog.releases.values():
        for row in release_facts(release, catalog):
            # The fields are flat strings: read them directly (asdict() deep-copies each one).
            writer.writerow({name: getattr(row, name) for name in CSV_COLUMNS})
    return out.getvalue()


def read_facts(text: str) -> list[Fact]:
    """Read a CSV written by :func:`write_facts` (ignoring columns added in later versions)."""
    reader = csv.DictReader(io.StringIO(text))
    return [Fact(**{name: row.get(name) or "" for name in CSV_COLUMNS}) for row in reader]
