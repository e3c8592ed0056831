"""Modelpress: sourced release records and reviews of AI models, built into a site with MkDocs.

This module is the public API. Everything under ``modelpress._internal`` may be
moved or renamed between releases without notice (the convention mkdocstrings
and griffe follow), so import from here: the records and their loader, the
diagnostics every check returns, the source checks, the CLI entry point and the
MkDocs plugins (``mkdocs.yml`` names them ``modelpress/records`` and so on).

Names are loaded on first use (PEP 562), so ``import modelpress`` stays cheap
and importing the core never drags MkDocs in.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from modelpress._internal.version import __version__

if TYPE_CHECKING:
    from modelpress._internal.checks import check_site_sources
    from modelpress._internal.cli import main
    from modelpress._internal.diagnostics import Diagnostic, DiagnosticsError, Severity
    from modelpress._internal.mkdocs_plugins.cache import CachePlugin
    from modelpress._internal.mkdocs_plugins.charts import ChartsPlugin
    from modelpress._internal.mkdocs_plugins.checks import ChecksPlugin
    from modelpress._internal.mkdocs_plugins.records import RecordsPlugin
    from modelpress._internal.mkdocs_plugins.reviews import ReviewsPlugin
    from modelpress._internal.records import (
        Benchmark,
        BenchmarkScore,
        Catalog,
        Incident,
        Org,
        Release,
        Source,
        Status,
        load_catalog,
    )

_HOMES = {
    "Benchmark": "records",
    "BenchmarkScore": "records",
    "Catalog": "records",
    "Incident": "records",
    "Org": "records",
    "Release": "records",
    "Source": "records",
    "Status": "records",
    "load_catalog": "records",
    "Diagnostic": "diagnostics",
    "DiagnosticsError": "diagnostics",
    "Severity": "diagnostics",
    "check_site_sources": "checks",
    "main": "cli",
    "CachePlugin": "mkdocs_plugins.cache",
    "ChartsPlugin": "mkdocs_plugins.charts",
    "ChecksPlugin": "mkdocs_plugins.checks",
    "RecordsPlugin": "mkdocs_plugins.records",
    "ReviewsPlugin": "mkdocs_plugins.reviews",
}

__all__ = [
    "Benchmark",
    "BenchmarkScore",
    "CachePlugin",
    "Catalog",
    "ChartsPlugin",
    "ChecksPlugin",
    "Diagnostic",
    "DiagnosticsError",
    "Incident",
    "Org",
    "RecordsPlugin",
    "Release",
    "ReviewsPlugin",
    "Severity",
    "Source",
    "Status",
    "__version__",
    "check_site_sources",
    "load_catalog",
    "main",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'modelpress' has no attribute {name!r}")
    value = getattr(import_module(f"modelpress._internal.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
