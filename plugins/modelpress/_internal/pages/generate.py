"""Everything the records add to a site build, decided in one place without MkDocs.

The MkDocs adapter hands over the site's own files (paths and the Markdown
pages' front matter) and gets back the files to add and the problems to
report: it stays a thin adapter, and the same decisions can be tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.pages.downloads import build_downloads
from modelpress._internal.pages.memo import GeneratedMemo, catalog_key
from modelpress._internal.pages.site import PageOptions, Remember, build_pages, page_conflicts
from modelpress._internal.pages.urls import release_uri
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.reviews.coverage import reviews_by_release

__all__ = ["ASSETS", "EXTRA_CSS", "EXTRA_JAVASCRIPT", "Generated", "generate"]

ASSET_DIR = Path(__file__).parent / "assets"
EXTRA_CSS = "assets/modelpress/models.css"
EXTRA_JAVASCRIPT = "assets/modelpress/models-table.js"
ASSETS = {
    EXTRA_CSS: ASSET_DIR / "models.css",
    EXTRA_JAVASCRIPT: ASSET_DIR / "models-table.js",
}
"""Stylesheet and script of the generated pages; a site's file at the same path wins."""


@dataclass
class Generated:
    pages: dict[str, str] = field(default_factory=dict)
    """``src_uri`` → Markdown."""
    downloads: dict[str, bytes] = field(default_factory=dict)
    unlisted: set[str] = field(default_factory=set)
    """Pages meant to be reached from the models index, not from the navigation."""
    assets: dict[str, Path] = field(default_factory=dict)
    """``src_uri`` → packaged file to copy."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Problems that must stop the build."""
    review_problems: list[Diagnostic] = field(default_factory=list)
    """Unknown releases in reviews' ``models:`` (also reported by the checks plugin)."""


def generate(
    catalog: Catalog,
    existing: Iterable[str],
    review_pages: Iterable[MarkdownPage],
    options: PageOptions | None = None,
    memo: GeneratedMemo | None = None,
    remember: Remember | None = None,
    remember_downloads: Remember | None = None,
) -> Generated:
    """The pages, downloads and assets to add to a site whose files are ``existing``.

    With a ``memo`` (the preview server keeps one), pages and downloads whose inputs
    are those of the memo's last call are not rendered again; with ``remember``, nor
    are the model pages whose own inputs are unchanged (:data:`~.site.Remember`), and
    with ``remember_downloads`` the model-index files (a memo of their own: when the
    downloads come whole from ``memo``, it is asked nothing and forgets nothing).
    """
    existing = set(existing)
    reviews, review_problems = reviews_by_release(review_pages, catalog)
    if memo is None:
        pages = build_pages(catalog, reviews, options, remember)
        downloads = build_downloads(catalog, remember_downloads)
    else:
        key = catalog_key(catalog)
        pages = memo.pages(catalog, reviews, options or PageOptions(), key=key, remember=remember)
        downloads = memo.downloads(catalog, key=key, remember=remember_downloads)
    problems = page_conflicts(catalog, existing, [*pages, *downloads])
    return Generated(
        pages={uri: text for uri, text in pages.items() if uri not in existing},
        downloads={uri: data for uri, data in downloads.items() if uri not in existing},
        unlisted={release_uri(r) for r in catalog.releases} & set(pages),
        assets={uri: path for uri, path in ASSETS.items() if uri not in existing},
        problems=problems,
        review_problems=review_problems,
    )
