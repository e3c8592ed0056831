"""Built-site checks: every internal ``href``/``src`` resolves to a file, and to an ``id``;
no link runs a script.

Runs on the folder ``mkdocs build`` wrote, so it sees what readers get: pages
generated from the records, the blog's archive and category pages, the theme's
navigation. Each HTML page is parsed once (:mod:`htmlscan`); links are resolved
against the set of files and the ids collected in the same pass. A link whose
scheme is unsafe (``javascript:``…, :func:`~.urlsyntax.unsafe_url_problem`)
is an error wherever it came from: a record, a template, another plugin.

A problem is reported at the source Markdown when the page has one and the
link can be found in it (``content/reviews/posts/x.md:12:5``); otherwise at
the built page and the line of the link in its HTML.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from modelpress._internal.checks.htmlscan import IMAGE_TAGS, LinkRef, PageScan, locate, scan_html
from modelpress._internal.checks.urlsyntax import unsafe_url_problem
from modelpress._internal.diagnostics import Diagnostic, Severity, quote

__all__ = ["SourceRef", "check_built_site", "infer_site_url"]

_UNKNOWN = "\0unknown"
"""Marks a (folder, path) not resolved yet; links repeat across pages (navigation)."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SKIPPED_FOLDERS = ("assets/javascripts/", "assets/stylesheets/", "search/")
"""Material's bundled scripts, styles and search index: not pages, nothing to resolve."""


@dataclass(frozen=True)
class SourceRef:
    """The Markdown a built page came from."""

    display: str
    """As shown in messages, e.g. ``content/reviews/posts/grok-4.md``."""
    path: Path | None = None
    """The file, to find the link's line in it."""
    src_uri: str = ""
    """Relative to the docs folder, for ``ignore_codes`` globs."""


@dataclass(frozen=True)
class _Problem:
    page: str
    link: LinkRef
    code: str
    message: str


def check_built_site(
    site_dir: Path,
    sources: Mapping[str, SourceRef] | None = None,
    site_url: str | None = None,
    ignore_urls: list[re.Pattern[str]] | None = None,
    ignore_codes: Mapping[str, list[str]] | None = None,
) -> list[Diagnostic]:
    """Check every HTML page under ``site_dir``.

    ``sources`` maps a built page (``reviews/grok-4/index.html``) to its Markdown;
    ``site_url`` lets absolute links (``/modelpress/models/``, or the full site URL)
    be resolved inside the site when the site is served from a sub-path. Without it,
    the home page's canonical link (which MkDocs themes write from ``site_url``) is used.
    """
    files = _all_files(site_dir)
    if site_url is None:
        site_url = infer_site_url(site_dir)
    pages = sorted(f for f in files if f.endswith(".html") and not f.startswith(SKIPPED_FOLDERS))
    global SCANS
    known, SCANS = SCANS, {}
    scans = {page: _scan(site_dir / page, known) for page in pages}
    resolver = _Resolver(files, scans, site_url, ignore_urls or [])
    sources = sources or {}
    problems = [
        problem
        for page in pages
        for problem in resolver.check_page(page)
        if problem.code not in _ignored(page, sources.get(page), ignore_codes or {})
    ]
    lines: dict[Path, list[str] | None] = {}
    page_lines: dict[str, list[str]] = {}
    return sorted(_diagnostic(p, site_dir, page_lines, sources, lines) for p in problems)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


SCANS: dict[str, PageScan] = {}
"""The last check's scans by the page's text: after a save the preview server re-renders a
few pages, and only those are parsed again (a scan depends on nothing but the text). The
``modelpress/cache`` plugin keeps it on disk with the build cache."""


def _scan(path: Path, known: dict[str, PageScan]) -> PageScan:
    text = _read(path)
    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    scan = known.get(key) or scan_html(text)
    SCANS[key] = scan
    return scan


def _ignored(
    page: str, source: SourceRef | None, ignore_codes: Mapping[str, list[str]]
) -> set[str]:
    """Codes ignored on this page: globs match the Markdown's path, or the built page's."""
    name = source.src_uri if source is not None and source.src_uri else page
    ignored: set[str] = set()
    for pattern, codes in ignore_codes.items():
        if fnmatch.fnmatch(name, str(pattern)):
            ignored.update(str(code) for code in codes or [])
    return ignored


_CANONICAL = re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']""")


def infer_site_url(site_dir: Path) -> str | None:
    """The ``site_url`` a site was built with, read from its home page's canonical link."""
    try:
        with (site_dir / "index.html").open(encoding="utf-8", errors="replace") as stream:
            head = stream.read(65536)
    except OSError:
        return None
    match = _CANONICAL.search(head)
    return match.group(1) if match else None


def _all_files(site_dir: Path) -> set[str]:
    found: set[str] = set()
    root = str(site_dir)
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.update(prefix + name for name in names)
    return found


class _Resolver:
    def __init__(
        self,
        files: set[str],
        scans: Mapping[str, PageScan],
        site_url: str | None,
        ignore_urls: list[re.Pattern[str]],
    ) -> None:
        self.files = files
        self.folders = {posixpath.dirname(f) for f in files}
        self.scans = scans
        self._resolved: dict[tuple[str, str], str | None] = {}
        self.ignore_urls = ignore_urls
        parts = urlsplit(site_url or "")
        self.site_origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"

    def check_page(self, page: str) -> Iterator[_Problem]:
        scan = self.scans[page]
        if scan.unread_from is not None:
            yield _Problem(
                page,
                LinkRef("", scan.unread_from, ""),
                "unreadable-page",
                f"the HTML parser stopped here ({scan.unread_because}), so the rest of the "
                "page was not checked; simplify the raw HTML that makes it so",
            )
        for link in scan.links:
            problem = self._check(page, link)
            if problem is not None:
                yield _Problem(page, link, *problem)

    def _check(self, page: str, link: LinkRef) -> tuple[str, str] | None:
        unsafe = unsafe_url_problem(link.url, image=link.tag in IMAGE_TAGS)
        if unsafe is not None:
            # Before ignore_urls: a pattern meant to skip a flaky host must not let a script
            # through. A page that truly needs one can ignore the code (ignore_codes).
            return "unsafe-url", f"{quote(link.url)}: {unsafe}"
        url = link.url.strip()
        if not url or url == "#" or any(p.search(url) for p in self.ignore_urls):
            return None
        if self.site_origin and url.startswith(self.site_origin + "/"):
            url = url[len(self.site_origin) :]
        elif url.startswith("//") or _SCHEME.match(url):
            return None
        path, _, fragment = url.partition("#")
        path = unquote(path.partition("?")[0])
        if not path:
            target = page
        else:
            key = (posixpath.dirname(page), path)
            resolved = self._resolved.get(key, _UNKNOWN)
            if resolved is _UNKNOWN:
                resolved = self._resolved[key] = self._resolve(page, path)
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

    def _resolve(self, page: str, path: str) -> str | None:
        if path.startswith("/"):
            if not path.startswith(self.base_path) and path + "/" != self.base_path:
                return None
            joined = path[len(self.base_path) :]
        else:
            joined = posixpath.join(posixpath.dirname(page), path)
        target = posixpath.normpath(joined) if joined else "."
        if target.startswith(".."):
            return None
        if target == ".":
            target = ""
        if target in self.files:
            return target
        index = f"{target}/index.html" if target else "index.html"
        if index in self.files:
            return index
        return None


def _diagnostic(
    problem: _Problem,
    site_dir: Path,
    page_lines: dict[str, list[str]],
    sources: Mapping[str, SourceRef],
    lines: dict[Path, list[str] | None],
) -> Diagnostic:
    source = sources.get(problem.page)
    if source is not None and problem.link.url:
        place = _find_in_source(source, problem.link.url, lines)
        if place is not None:
            return Diagnostic(source.display, *place, Severity.ERROR, problem.code, problem.message)
    if problem.page not in page_lines:
        # Read again only for the few pages with a problem: the scan keeps no text.
        page_lines[problem.page] = _read(site_dir / problem.page).split("\n")
    line, col = locate(page_lines[problem.page], problem.link)
    shown = (site_dir.name + "/" + problem.page) if source is None else source.display
    if source is not None:
        # The link is on a page written in Markdown but not in its text (theme, nav):
        # say which built file holds it.
        message = f"{problem.message} (in the built page {problem.page}, line {line})"
        return Diagnostic(shown, 1, 1, Severity.ERROR, problem.code, message)
    return Diagnostic(shown, line, col, Severity.ERROR, problem.code, problem.message)


_LOCAL_TARGET = (
    r"""(?:\]\(\s*<?|\]:\s*<?|(?:href|src)\s*=\s*["']?)"""
    r"""(?![a-z][a-z0-9+.-]*:)[^()\[\]\s"'>]*?"""
)
"""The start of a link target that is not an absolute URL: ``](``, ``]: `` or ``href=``.

A needle counts only inside such a target, so a footnote's external URL that happens
to contain the page's name is not taken for the broken link."""


def _find_in_source(
    source: SourceRef, url: str, cache: dict[Path, list[str] | None]
) -> tuple[int, int] | None:
    """Where the Markdown writes the link that became ``url`` (MkDocs rewrites ``.md``
    targets to URLs, so the fragment or the last path segment is searched too).

    A source that cannot be read (deleted since the build) is not an error here: the
    problem is then reported at the built page instead."""
    if source.path is None:
        return None
    if source.path not in cache:
        try:
            cache[source.path] = source.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[source.path] = None
    lines = cache[source.path]
    if lines is None:
        return None
    path, _, fragment = url.partition("#")
    stem = posixpath.splitext(posixpath.basename(path.rstrip("/")))[0]
    needles = [url]
    if fragment:
        needles += [f"#{fragment}", f"#{unquote(fragment)}"]
    if stem and stem not in ("index", "..", "."):
        needles.append(stem)
    for needle in needles:
        pattern = re.compile(_LOCAL_TARGET + re.escape(needle))
        for number, line in enumerate(lines, start=1):
            match = pattern.search(line)
            if match:
                return number, match.end() - len(needle) + 1
    return None
