"""The last built-site check's verdicts, so the preview server's next check resolves only
the links whose answer may have changed.

After a save, ``modelpress serve`` rewrites every page of the site, but only the
few whose inputs changed have different HTML. Resolving every link of every page
again cost ~0.35 s of CPU per save on the 500-review bench site (61,500 links);
the verdicts of the other pages are taken from here instead, and the result is
the same as a full check's, problem for problem.

A page's verdict (:class:`~.builtlinks.PageVerdict`) is kept with the SHA-256 of
its HTML and is used again only when all it depended on is unchanged:

- the page's HTML (so its links, its own ids and whether it could be read);
- the settings (site folder, ``site_url``, ``ignore_urls``): any change drops
  every verdict;
- the presence of each path its links resolved against: a file added or removed
  anywhere re-checks exactly the pages that probed that path;
- the ids of every other page its fragments pointed into: a page whose ids
  changed (or that appeared or went away) re-checks the pages that link into it.

Nothing else goes into a verdict (:meth:`~.builtlinks.Resolver.check_page`), so
nothing else can make one stale. What is true of the pages after a verdict is
taken (the ``ignore_codes`` of their Markdown, where a link is in it) is worked
out again by every check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from modelpress._internal.checks.builtlinks import PageVerdict, Resolver, probed_by
from modelpress._internal.checks.htmlscan import PageScan

__all__ = ["PREVIEW_MEMO", "BuiltCheckMemo", "ScannedPage"]


@dataclass(frozen=True)
class ScannedPage:
    digest: str
    """SHA-256 of the page's bytes."""
    scan: PageScan


@dataclass(frozen=True)
class _Kept:
    page: ScannedPage
    verdict: PageVerdict


class BuiltCheckMemo:
    """One site's verdicts from its last check; a check of another site (or with other
    settings) starts again from nothing."""

    def __init__(self) -> None:
        self._settings: object = None
        self._files: frozenset[str] = frozenset()
        self._kept: dict[str, _Kept] = {}
        self.rechecked: frozenset[str] = frozenset()
        """The pages whose links the last check resolved (the others' verdicts were kept);
        tests read it to see that the memo is used at all."""

    def verdicts(
        self,
        settings: object,
        files: frozenset[str],
        pages: Mapping[str, ScannedPage],
        resolver: Resolver,
    ) -> dict[str, PageVerdict]:
        """Every page's verdict, as ``resolver.check_page`` would give it: kept ones where
        nothing they depended on changed, fresh ones elsewhere. ``settings`` is anything
        comparable that decides how links resolve besides the files and the scans."""
        kept = self._kept if settings == self._settings else {}
        changed_files = probed_by(files ^ self._files) if kept else set()
        changed_ids = {
            page
            for page in pages.keys() | kept.keys()
            if page not in kept
            or page not in pages
            or (
                kept[page].page.digest != pages[page].digest
                and kept[page].page.scan.ids != pages[page].scan.ids
            )
        }
        verdicts: dict[str, PageVerdict] = {}
        rechecked: set[str] = set()
        for page, scanned in pages.items():
            old = kept.get(page)
            if (
                old is not None
                and old.page.digest == scanned.digest
                and old.verdict.probed.isdisjoint(changed_files)
                and old.verdict.anchored.isdisjoint(changed_ids)
            ):
                verdicts[page] = old.verdict
            else:
                verdicts[page] = resolver.check_page(page)
                rechecked.add(page)
        # Only once every page has its verdict: a check that fails half-way (a page that
        # cannot be read) leaves the last complete memo, which the next check verifies again.
        self._settings = settings
        self._files = files
        self._kept = {page: _Kept(pages[page], verdicts[page]) for page in pages}
        self.rechecked = frozenset(rechecked)
        return verdicts


PREVIEW_MEMO = BuiltCheckMemo()
"""The one the MkDocs checks plugin passes: it lives as long as the process, which for
``modelpress serve`` is every build of the session (MkDocs makes new plugin objects
for each build, so the memo cannot live on the plugin)."""
