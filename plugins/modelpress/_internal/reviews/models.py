"""The ``models:`` a review names must be releases in the catalog.

Reviews' own front-matter check (the page checks run it, and so does
:func:`modelpress._internal.reviews.coverage.reviews_by_release`); it needs only the
catalog, so the reviews package stays below the checks package.

A release whose record failed validation is reported as such (``invalid-release``,
pointing at its file), not as an unknown id with a misleading "did you mean".
"""

from __future__ import annotations

from collections.abc import Iterator

from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic, Severity, did_you_mean, quote
from modelpress._internal.records.catalog import Catalog

__all__ = ["check_review_models"]


def check_review_models(page: MarkdownPage, catalog: Catalog) -> Iterator[Diagnostic]:
    if "models" not in page.meta:
        return
    models = page.meta["models"]
    assert page.front_matter is not None
    if not isinstance(models, list):
        pos = page.front_matter.position(("models",))
        yield Diagnostic(
            page.display,
            pos.line,
            pos.col,
            Severity.ERROR,
            "wrong-type",
            "'models' must be a list of release ids, e.g. models: [grok-4]",
        )
        return
    for index, value in enumerate(models):
        if isinstance(value, str) and value in catalog.releases:
            continue
        pos = page.front_matter.position(("models", index))
        invalid = catalog.invalid_release(value)
        if invalid is not None:
            yield Diagnostic(
                page.display,
                pos.line,
                pos.col,
                Severity.ERROR,
                "invalid-release",
                invalid.message(value, "models"),
            )
            continue
        resolved = catalog.release_id(value) if isinstance(value, str) else None
        if resolved is not None:
            hint = f"; use the id {quote(resolved)}"
        else:
            suggestion = did_you_mean(str(value), list(catalog.releases))
            hint = f"{suggestion}; add a record under data/releases/"
        yield Diagnostic(
            page.display,
            pos.line,
            pos.col,
            Severity.ERROR,
            "unknown-id",
            f"unknown release {quote(value)} in 'models'{hint}",
        )
