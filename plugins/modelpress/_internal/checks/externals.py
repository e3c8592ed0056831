"""Every external URL a site links to, with each place that uses it.

The online check asks each URL once but reports every ``file:line`` that uses
it, so a dead source cited in five reviews is fixed in all five. Markdown pages
are read for their own links (with their lines); pages without Markdown
(generated from the records) are read from the built site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from modelpress._internal.checks.built import SKIPPED_FOLDERS, SourceRef
from modelpress._internal.checks.htmlscan import scan_html
from modelpress._internal.checks.links import iter_links
from modelpress._internal.checks.urlsyntax import classify
from modelpress._internal.content import MarkdownPage

__all__ = ["external_uses"]

_THEME_TAGS = frozenset({"link", "script"})
"""Stylesheets, scripts and canonical links come from the theme, not from a writer."""


def external_uses(
    pages: Iterable[MarkdownPage],
    site_dir: Path | None,
    sources: Mapping[str, SourceRef],
    site_url: str | None,
    ignore_urls: list[re.Pattern[str]],
) -> dict[str, list[str]]:
    """URL → every ``path:line`` that links it, in a stable order."""
    uses: dict[str, list[str]] = {}

    def add(url: str, place: str, extra: list[re.Pattern[str]] | None = None) -> None:
        if any(pattern.search(url) for pattern in [*ignore_urls, *(extra or [])]):
            return
        places = uses.setdefault(url, [])
        if place not in places:
            places.append(place)

    for page in pages:
        own_ignores = page.meta.get("modelpress_ignore_urls")
        extra = [re.compile(str(p)) for p in own_ignores] if isinstance(own_ignores, list) else []
        for link in iter_links(page):
            if classify(link.target).kind == "external":
                add(link.target.strip(), f"{page.display}:{link.line}", extra)
    if site_dir is None or not site_dir.is_dir():
        return uses
    own = (site_url or "").rstrip("/") + "/" if site_url else None
    for html_path in sorted(site_dir.rglob("*.html")):
        built = html_path.relative_to(site_dir).as_posix()
        if built in sources or built.startswith(SKIPPED_FOLDERS):
            continue
        text = html_path.read_text(encoding="utf-8", errors="replace")
        for ref in scan_html(text).links:
            if ref.tag in _THEME_TAGS or classify(ref.url).kind != "external":
                continue
            if own and ref.url.startswith(own):
                continue
            add(ref.url.strip(), f"{site_dir.name}/{built}:{ref.line}")
    return uses
