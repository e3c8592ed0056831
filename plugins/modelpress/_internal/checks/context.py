"""What a page check needs to know about the rest of the site."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from modelpress._internal.checks.rendering import MarkdownSettings
from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.siteconfig import SiteConfig

__all__ = ["CheckContext"]


@dataclass
class CheckContext:
    catalog: Catalog
    page_uris: frozenset[str]
    """Every Markdown page's ``src_uri`` (relative to the docs folder)."""
    options: dict[str, Any] = field(default_factory=dict)
    """The ``modelpress/checks`` plugin's options from mkdocs.yml."""
    site: SiteConfig | None = None
    memo: dict[str, Any] = field(default_factory=dict)
    """What a check computes once per run and reuses on every page (e.g. the site's paths)."""
    markdown: MarkdownSettings = field(default_factory=MarkdownSettings)
    """How the site renders Markdown: footnote verdicts are asked of the renderer."""

    @classmethod
    def for_site(cls, site: SiteConfig, catalog: Catalog, page_uris: Iterable[str]) -> CheckContext:
        return cls(
            catalog,
            frozenset(page_uris),
            dict(site.plugin("modelpress/checks")),
            site,
            markdown=MarkdownSettings.from_config_file(site.config_file),
        )

    def filter(self, page: MarkdownPage, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Drop the codes a site or page chose to ignore.

        ``ignore_codes`` in the checks plugin's options maps a glob of page paths to
        codes; a page's own front matter may list ``modelpress_ignore: [code, ...]``.
        """
        ignored: set[str] = set()
        for pattern, codes in (self.options.get("ignore_codes") or {}).items():
            if fnmatch.fnmatch(page.src_uri, str(pattern)):
                ignored.update(str(c) for c in (codes or []))
        page_ignores = page.meta.get("modelpress_ignore")
        if isinstance(page_ignores, list):
            ignored.update(str(c) for c in page_ignores)
        return [d for d in found if d.code not in ignored]
