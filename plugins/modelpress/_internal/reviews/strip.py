"""The "models in this review" strip: each covered release's key facts at a glance.

A reader arriving from an email wants the numbers before the prose: what the
model is, whether it is out, what it costs and one score. The facts come from
the records, never from the review's text, so they match the model pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from modelpress._internal import format as fmt
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.models import Release

__all__ = ["ModelFacts", "model_facts", "strip_html"]


@dataclass(frozen=True)
class ModelFacts:
    """What the strip shows for one release; empty strings mean "not in the records"."""

    release_id: str
    name: str
    org: str
    status: str
    released: str
    """The status with its date: ``Released 2025-07-09``, ``Preview, released 2025-02-27``."""
    price: str
    benchmark: str
    """The headline score, e.g. ``GPQA Diamond 84.6%``, with its status when not confirmed."""


def model_facts(release_ids: Iterable[str], catalog: Catalog) -> list[ModelFacts]:
    """Facts for each known id, in the review's order; unknown ids are reported elsewhere.

    The checks plugin (and :func:`modelpress._internal.reviews.coverage.reviews_by_release`)
    report an unknown id with its file and line; the strip only shows what exists.
    """
    facts = []
    for release_id in dict.fromkeys(release_ids):
        release = catalog.releases.get(release_id)
        if release is None:
            continue
        org = catalog.orgs[release.org].name if release.org in catalog.orgs else release.org
        facts.append(
            ModelFacts(
                release_id=release.id,
                name=release.name,
                org=org,
                status=release.status,
                released=_when(release),
                price=_price(release),
                benchmark=_headline_score(release, catalog),
            )
        )
    return facts


def _when(release: Release) -> str:
    """``Released 2025-07-09``; a status without its own date says which date is known."""
    status = release.status.capitalize()
    if release.released is not None and release.status == "released":
        return f"{status} {fmt.date(release.released)}"
    if release.released is not None:
        return f"{status}, released {fmt.date(release.released)}"
    if release.announced is not None:
        return f"{status}, announced {fmt.date(release.announced)}"
    return status


def _price(release: Release) -> str:
    """The first API price (per 1M tokens), else the first consumer plan."""
    if release.pricing.api:
        price = release.pricing.api[0]
        return (
            f"{fmt.money(price.input, price.currency)} in / "
            f"{fmt.money(price.output, price.currency)} out per 1M tokens"
        )
    if release.pricing.plans:
        plan = release.pricing.plans[0]
        return f"{fmt.money(plan.price, plan.currency)}/{plan.period} ({plan.name})"
    return ""


def _headline_score(release: Release, catalog: Catalog) -> str:
    """The scored benchmark that comes first in the registry's order.

    The registry's order is an editorial choice (hard, widely reported tests
    first), so the strip shows the same benchmark for models that share it and
    readers can compare across the strip.
    """
    order = {b.id: i for i, b in enumerate(catalog.benchmarks.values())}
    scored = [b for b in release.benchmarks if b.score is not None]
    if not scored:
        return ""
    best = min(scored, key=lambda b: order.get(b.benchmark, len(order)))
    registered = catalog.benchmarks.get(best.benchmark)
    assert best.score is not None
    name = registered.name if registered else best.benchmark
    unit = best.unit or (registered.unit if registered else None)
    text = f"{name} {fmt.score(best.score, unit)}"
    if best.status != "confirmed":
        text += f" ({best.status})"
    return text


def strip_html(facts: Sequence[ModelFacts], href: Callable[[str], str]) -> Markup:
    """The strip as HTML; every value is escaped, ``href`` maps a release id to a URL."""
    if not facts:
        return Markup("")
    cards = Markup("").join(_card(item, href(item.release_id)) for item in facts)
    return Markup(
        '<aside class="mp-strip" aria-label="Models in this review">'
        '<h2 class="mp-strip__title">Models in this review</h2>'
        '<ul class="mp-strip__list">{}</ul></aside>'
    ).format(cards)


def _card(item: ModelFacts, url: str) -> Markup:
    rows = [
        ("Status", item.released),
        ("Price", item.price or "not published"),
        ("Headline score", item.benchmark or "no published score"),
    ]
    details = Markup("").join(
        Markup('<div class="mp-strip__fact"><dt>{}</dt><dd>{}</dd></div>').format(k, v)
        for k, v in rows
    )
    return Markup(
        '<li class="mp-strip__card mp-strip__card--{status}">'
        '<a class="mp-strip__name" href="{url}">{name}</a>'
        '<span class="mp-strip__org">{org}</span>'
        "<dl>{details}</dl></li>"
    ).format(
        status=escape(item.status),
        url=url,
        name=item.name,
        org=item.org,
        details=details,
    )
