"""The verdicts on one built page's links, and what each verdict depended on.

A page's problems are a function of its own scan (its links and ids), of a few
site-wide settings (:class:`ResolverSettings`), of which of the paths its links
name exist among the site's files, and of the ids of the other pages its
fragments point into. :class:`Resolver` records the last two with every
verdict, so :mod:`~.builtmemo` can tell whether a page's verdict still stands
after the site changed without resolving its links again.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from modelpress._internal.checks.htmlscan import IMAGE_TAGS, LinkRef, PageScan
from modelpress._internal.checks.urlsyntax import unsafe_url_problem
from modelpress._internal.diagnostics import quote

__all__ = ["PageVerdict", "Problem", "Resolver", "ResolverSettings", "probed_by"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INDEX = "index.html"


@dataclass(frozen=True)
class Problem:
    page: str
    link: LinkRef
    code: str
    message: str


@dataclass(frozen=True)
class PageVerdict:
    """One page's problems (before ``ignore_codes``) and what they were decided by,
    besides the page's own HTML and the :class:`ResolverSettings`."""

    problems: tuple[Problem, ...]
    probed: frozenset[str]
    """Normalised link paths whose presence among the site's files decided a link: the
    path itself, or the ``index.html`` in it (:func:`probed_by` maps files to these)."""
    anchored: frozenset[str]
    """Other pages whose ids decided whether a link's fragment exists."""


@dataclass(frozen=True)
class ResolverSettings:
    """What every page's verdict depends on: how absolute URLs map into the site, and
    which URLs are not checked."""

    site_origin: str
    base_path: str
    ignore_urls: tuple[tuple[str, int], ...]
    """Pattern and flags of each ``ignore_urls`` expression (compiled patterns compare
    by identity in general; these compare by what they match)."""

    @classmethod
    def of(cls, site_url: str | None, ignore_urls: list[re.Pattern[str]]) -> ResolverSettings:
        parts = urlsplit(site_url or "")
        return cls(
            site_origin=f"{parts.scheme}://{parts.netloc}" if parts.netloc else "",
            base_path=parts.path if parts.path.endswith("/") else parts.path + "/",
            ignore_urls=tuple((p.pattern, p.flags) for p in ignore_urls),
        )


def probed_by(files: Set[str]) -> set[str]:
    """The probed paths (see :attr:`PageVerdict.probed`) whose verdict a change to any of
    ``files`` (added or removed) can change: the file's own path, and the folder of an
    ``index.html``, which a link to the folder resolves to."""
    paths = set(files)
    for name in files:
        if name == _INDEX:
            paths.add("")
        elif name.endswith("/" + _INDEX):
            paths.add(name[: -len(_INDEX) - 1])
    return paths


class Resolver:
    """Resolves links against one build's files and scans; resolutions of the same path
    from the same folder are shared between pages (navigation repeats on every page)."""

    def __init__(
        self, files: Set[str], scans: Mapping[str, PageScan], settings: ResolverSettings
    ) -> None:
        self.files = files
        self.scans = scans
        self.settings = settings
        self._ignore_urls = [re.compile(pattern, flags) for pattern, flags in settings.ignore_urls]
        self._resolved: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._paths: dict[str, str] = {}
        """One string per probed path: every page's verdict keeps the paths it probed, and
        pages in different folders probe the same ones (the navigation)."""

    def check_page(self, page: str) -> PageVerdict:
        scan = self.scans[page]
        problems: list[Problem] = []
        probed: set[str] = set()
        anchored: set[str] = set()
        if scan.unread_from is not None:
            problems.append(
                Problem(
                    page,
                    LinkRef("", scan.unread_from, ""),
                    "unreadable-page",
                    f"the HTML parser stopped here ({scan.unread_because}), so the rest of "
                    "the page was not checked; simplify the raw HTML that makes it so",
                )
            )
        for link in scan.links:
            problem = self._check(page, link, probed, anchored)
            if problem is not None:
                problems.append(Problem(page, link, *problem))
        return PageVerdict(tuple(problems), frozenset(probed), frozenset(anchored))

    def _check(
        self, page: str, link: LinkRef, probed: set[str], anchored: set[str]
    ) -> tuple[str, str] | None:
        unsafe = unsafe_url_problem(link.url, image=link.tag in IMAGE_TAGS)
        if unsafe is not None:
            # Before ignore_urls: a pattern meant to skip a flaky host must not let a script
            # through. A page that truly needs one can ignore the code (ignore_codes).
            return "unsafe-url", f"{quote(link.url)}: {unsafe}"
        url = link.url.strip()
        if not url or url == "#" or any(p.search(url) for p in self._ignore_urls):
            return None
        origin = self.settings.site_origin
        if origin and url.startswith(origin + "/"):
            url = url[len(origin) :]
        elif url.startswith("//") or _SCHEME.match(url):
            return None
        path, _, fragment = url.partition("#")
        path = unquote(path.partition("?")[0])
        if not path:
            target = page
        else:
            key = (posixpath.dirname(page), path)
            known = self._resolved.get(key)
            if known is None:
                known = self._resolved[key] = self._resolve(page, path)
            resolved, probe = known
            if probe is not None:
                probed.add(probe)
            if resolved is None:
                return (
                    "broken-link",
                    f"{quote(link.url)} points to no file in the built site; fix the link or "
                    "add the page or file it points to",
                )
            target = resolved
        fragment = unquote(fragment)
        if not fragment or not target.endswith(".html"):
            return None
        if target != page:
            anchored.add(target)
        ids = self.scans[target].ids if target in self.scans else None
        if ids is None or fragment in ids:
            return None
        footnote = fragment.startswith(("fnref", "fn:", "fn-"))
        where = "this page" if target == page else quote(target)
        return (
            "broken-footnote" if footnote else "broken-anchor",
            f"{quote(link.url)}: no element with id {quote(fragment)} on {where}"
            + (
                "; a footnote back-link to a reference that is not on the page"
                if footnote
                else "; link a heading that exists (headings get ids from their text)"
            ),
        )

    def _resolve(self, page: str, path: str) -> tuple[str | None, str | None]:
        """The file a link's path names (or None), and the normalised path whose presence
        decided it (None when the path cannot name a file of the site at all)."""
        if path.startswith("/"):
            base_path = self.settings.base_path
            if not path.startswith(base_path) and path + "/" != base_path:
                return None, None
            joined = path[len(base_path) :]
        else:
            joined = posixpath.join(posixpath.dirname(page), path)
        target = posixpath.normpath(joined) if joined else "."
        if target.startswith(".."):
            return None, None
        if target == ".":
            target = ""
        target = self._paths.setdefault(target, target)
        if target in self.files:
            return target, target
        index = f"{target}/{_INDEX}" if target else _INDEX
        if index in self.files:
            return index, target
        return None, target
