"""Which number of a record a chart shows, when a record offers several.

Records keep every published figure (vendor and independent scores, several
price entries, dated arena readings). A chart shows one per model and says
which; the rules live here so that the check, the figure and the table agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from modelpress._internal.records.models import (
    ApiPrice,
    ArenaSnapshot,
    BenchmarkScore,
    ParamCount,
    Release,
)

__all__ = [
    "BLEND",
    "STATUS_ORDER",
    "arena_points",
    "blended_price",
    "default_board",
    "has_data",
    "pick_price",
    "pick_score",
]

BLEND = (3, 1)
"""Input:output token weights of the blended price (3 input tokens per output token)."""

STATUS_ORDER = {"confirmed": 0, "estimated": 1, "disputed": 2, "rumored": 3}
"""Surer values first when a record lists several for the same thing."""


def pick_score(release: Release, benchmark: str) -> BenchmarkScore | None:
    """The score to chart: one with a number, surest status first, then as listed.

    Returns an entry without a number only when no entry has one, so the chart can
    say *why* it is missing (``why_empty``).
    """
    entries = [s for s in release.benchmarks if s.benchmark == benchmark]
    numbered = [s for s in entries if s.score is not None]
    if numbered:
        return min(numbered, key=lambda s: STATUS_ORDER[s.status])
    return entries[0] if entries else None


def pick_price(release: Release) -> ApiPrice | None:
    """The list price to chart: untiered prices first, then the most recent one."""
    prices = release.pricing.api
    if not prices:
        return None
    return min(prices, key=lambda p: (p.tier is not None, -p.as_of.toordinal()))


def blended_price(price: ApiPrice) -> float:
    """USD per million tokens at 3 input tokens per output token (Artificial Analysis' mix)."""
    weight_in, weight_out = BLEND
    return (weight_in * price.input + weight_out * price.output) / (weight_in + weight_out)


def default_board(releases: Iterable[Release]) -> str | None:
    """The arena board most of the releases have readings on (ties: alphabetical)."""
    counts = Counter(s.board for r in releases for s in r.arena)
    if not counts:
        return None
    return min(counts, key=lambda b: (-counts[b], b))


def arena_points(release: Release, board: str) -> list[ArenaSnapshot]:
    """A release's overall readings on one board, oldest first."""
    return sorted(
        (s for s in release.arena if s.board == board and s.category == "overall"),
        key=lambda s: s.as_of,
    )


def total_params(release: Release) -> ParamCount | None:
    return release.params.total


def has_data(release: Release, kind: str, benchmark: str | None, board: str | None) -> bool:
    """Whether ``release`` has anything to plot for a chart ``kind``."""
    if kind in ("benchmarks", "price-performance") and benchmark is not None:
        score = pick_score(release, benchmark)
        return score is not None and score.score is not None
    if kind == "price":
        return pick_price(release) is not None
    if kind == "params":
        return release.params.total is not None or release.params.active is not None
    if kind == "arena":
        if board is None:
            return bool(release.arena)
        return any(s.board == board for s in release.arena)
    return release.date is not None
