"""Checks on a site's sources (Markdown, front matter, chart fences) and on the built site.

:func:`check_site_sources` is what ``modelpress check`` and the MkDocs checks
plugin run: each page is read once and handed to every page check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from modelpress._internal.checks.built import SourceRef, check_built_site
from modelpress._internal.checks.charts import check_charts
from modelpress._internal.checks.context import CheckContext
from modelpress._internal.checks.footnotes import check_footnotes
from modelpress._internal.checks.links import check_links
from modelpress._internal.content import MarkdownPage, iter_markdown_pages
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.facts.check import check_facts
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.reviews.models import check_review_models
from modelpress._internal.siteconfig import SiteConfig

__all__ = [
    "PAGE_CHECKS",
    "CheckContext",
    "SourceRef",
    "check_built_site",
    "check_page",
    "check_site_sources",
]

PageCheck = Callable[[MarkdownPage, CheckContext], Iterable[Diagnostic]]


def check_front_matter(page: MarkdownPage, context: CheckContext) -> Iterable[Diagnostic]:
    """The reviews' ``models:`` check, with the page checks' signature."""
    return check_review_models(page, context.catalog)


PAGE_CHECKS: list[PageCheck] = [
    check_front_matter,
    check_footnotes,
    check_links,
    check_charts,
    check_facts,
]
"""Every check that runs on one Markdown page; each gets the page already parsed."""


def check_page(page: MarkdownPage, context: CheckContext) -> list[Diagnostic]:
    found = list(page.diagnostics)
    for check in PAGE_CHECKS:
        found.extend(check(page, context))
    return context.filter(page, found)


def check_site_sources(
    site: SiteConfig, catalog: Catalog, pages: Sequence[MarkdownPage] | None = None
) -> list[Diagnostic]:
    """Check every Markdown page of the site against the catalog and each other.

    ``pages``: the site's pages (:func:`iter_markdown_pages`) when the caller has read
    them already, so each file is read and its front matter parsed once.
    """
    if not site.docs_dir.is_dir():
        return []
    if pages is None:
        pages = list(iter_markdown_pages(site.docs_dir, site.root))
    context = CheckContext.for_site(site, catalog, [p.src_uri for p in pages])
    found: list[Diagnostic] = []
    for page in pages:
        found.extend(check_page(page, context))
    return sorted(found)
