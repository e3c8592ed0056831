"""Turning core diagnostics into MkDocs log lines and errors."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from mkdocs.exceptions import PluginError

from modelpress._internal.diagnostics import Diagnostic, Severity

__all__ = ["log", "report", "report_or_abort"]

log = logging.getLogger("mkdocs.plugins.modelpress")


def report(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Log each problem; MkDocs counts them and ``--strict`` fails the build (errors and
    warnings: suggestions are logged at INFO level, which never fails it)."""
    items = sorted(diagnostics)
    for diagnostic in items:
        level = {Severity.ERROR: logging.ERROR, Severity.INFO: logging.INFO}.get(
            diagnostic.severity, logging.WARNING
        )
        log.log(level, diagnostic.format())
    return items


def report_or_abort(diagnostics: Iterable[Diagnostic], what: str) -> None:
    """Log every problem, then stop the build before anything is written if any is an error."""
    items = report(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in items)
    if errors:
        raise PluginError(
            f"modelpress: {errors} error{'s' if errors != 1 else ''} in {what} (listed above); "
            "fix them and build again"
        )
