"""The figure for a chart spec: one builder per chart type."""

from __future__ import annotations

from collections.abc import Callable

from modelpress._internal.charts.bars import benchmarks_figure, params_figure
from modelpress._internal.charts.figure import Context, Figure, Table
from modelpress._internal.charts.points import (
    arena_figure,
    price_performance_figure,
    timeline_figure,
)
from modelpress._internal.charts.spec import ChartSpec
from modelpress._internal.records.catalog import Catalog

__all__ = ["Figure", "Table", "build_figure"]

_BUILDERS: dict[str, Callable[[Context], Figure]] = {
    "benchmarks": benchmarks_figure,
    "price-performance": price_performance_figure,
    "timeline": timeline_figure,
    "params": params_figure,
    "arena": arena_figure,
}


def build_figure(spec: ChartSpec, catalog: Catalog) -> Figure:
    """The figure for a validated spec."""
    return _BUILDERS[spec.type](Context(spec, catalog))
