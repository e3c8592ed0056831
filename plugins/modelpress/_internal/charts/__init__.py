"""Interactive charts in reviews: ``chart`` fences read, checked and drawn from the catalog.

The core knows nothing of MkDocs: :func:`parse_chart` reads a fence body,
:func:`build_figure` turns a spec into traces and a table, :func:`render_figure`
writes the HTML. ``modelpress._internal.mkdocs_plugins.charts`` and the page check in
``modelpress._internal.checks.charts`` are thin users of these.
"""

from __future__ import annotations

from pathlib import Path

from modelpress._internal.charts.fences import FENCE_NAME, ChartFence, chart_fences, fence_key
from modelpress._internal.charts.figures import Figure, Table, build_figure
from modelpress._internal.charts.render import chart_id, figure_json, render_error, render_figure
from modelpress._internal.charts.spec import CHART_TYPES, OPTIONS, ChartSpec, parse_chart

__all__ = [
    "ASSETS",
    "CHART_TYPES",
    "FENCE_NAME",
    "OPTIONS",
    "ChartFence",
    "ChartSpec",
    "Figure",
    "Table",
    "build_figure",
    "chart_fences",
    "chart_id",
    "fence_key",
    "figure_json",
    "parse_chart",
    "render_error",
    "render_figure",
]

ASSETS = Path(__file__).parent / "assets"
"""The browser loader (``charts.js``) and its stylesheet."""
