"""The closing line of an import: what was written where, and how many problems."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from modelpress.diagnostics import Severity

if TYPE_CHECKING:
    from modelpress.importer.pipeline import ImportReport

__all__ = ["summary"]


def summary(report: ImportReport, into: str) -> str:
    """One line for standard error, e.g. ``modelpress: imported 3 posts … into content/…``."""
    diagnostics = report.diagnostics
    counts = Counter(d.severity for d in diagnostics)
    problems = ", ".join(
        f"{n} {kind.value}{'s' if n != 1 else ''}"
        for kind in (Severity.ERROR, Severity.WARNING)
        if (n := counts[kind])
    )
    shapes = Counter(p.shape for p in report.posts)
    by_shape = ", ".join(f"{n} {shape}" for shape, n in sorted(shapes.items()))
    if report.aborted:
        return (
            f"modelpress: nothing imported: a source could not be read ({problems}); "
            "fix or leave out the sources named above"
        )
    if report.dry_run:
        done = (
            f"dry run: would write {len(report.posts)} post{'s' if len(report.posts) != 1 else ''}"
        )
    else:
        written = sum(p.written for p in report.posts)
        done = (
            f"imported {written} of {len(report.posts)} post{'s' if len(report.posts) != 1 else ''}"
        )
    detail = f" ({by_shape})" if by_shape else ""
    return f"modelpress: {done}{detail} into {into}" + (f"; {problems}" if problems else "")
