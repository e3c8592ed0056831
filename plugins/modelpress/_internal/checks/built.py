"""Built-site checks: every internal ``href``/``src`` resolves to a file, and to an ``id``;
no link runs a script.

Runs on the folder ``mkdocs build`` wrote, so it sees what readers get: pages
generated from the records, the blog's archive and category pages, the theme's
navigation. Each HTML page is parsed once (:mod:`htmlscan`); links are resolved
against the set of files and the ids collected in the same pass (:mod:`.builtlinks`),
and, given the last check's memo, only where the answer may have changed
(:mod:`.builtmemo`). A link whose
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
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from modelpress._internal.checks.builtlinks import Problem, Resolver, ResolverSettings
from modelpress._internal.checks.builtmemo import BuiltCheckMemo, ScannedPage
from modelpress._internal.checks.htmlscan import PageScan, locate, scan_html
from modelpress._internal.diagnostics import Diagnostic, Severity

__all__ = ["SourceRef", "check_built_site", "infer_site_url"]

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


def check_built_site(
    site_dir: Path,
    sources: Mapping[str, SourceRef] | None = None,
    site_url: str | None = None,
    ignore_urls: list[re.Pattern[str]] | None = None,
    ignore_codes: Mapping[str, list[str]] | None = None,
    memo: BuiltCheckMemo | None = None,
) -> list[Diagnostic]:
    """Check every HTML page under ``site_dir``.

    ``sources`` maps a built page (``reviews/grok-4/index.html``) to its Markdown;
    ``site_url`` lets absolute links (``/modelpress/models/``, or the full site URL)
    be resolved inside the site when the site is served from a sub-path. Without it,
    the home page's canonical link (which MkDocs themes write from ``site_url``) is used.
    With a ``memo`` of the last check, only the pages whose verdict may have changed
    have their links resolved again (:mod:`~.builtmemo`); the result is the same.
    """
    files = _all_files(site_dir)
    if site_url is None:
        site_url = infer_site_url(site_dir)
    pages = sorted(f for f in files if f.endswith(".html") and not f.startswith(SKIPPED_FOLDERS))
    global SCANS
    known, SCANS = SCANS, {}
    root = str(site_dir)
    scanned = {page: _scan(os.path.join(root, page), known) for page in pages}
    settings = ResolverSettings.of(site_url, ignore_urls or [])
    resolver = Resolver(files, {page: s.scan for page, s in scanned.items()}, settings)
    if memo is None:
        verdicts = {page: resolver.check_page(page) for page in pages}
    else:
        run = (str(site_dir.resolve()), settings)
        verdicts = memo.verdicts(run, frozenset(files), scanned, resolver)
    sources = sources or {}
    problems = [
        problem
        for page in pages
        for problem in verdicts[page].problems
        if problem.code not in _ignored(page, sources.get(page), ignore_codes or {})
    ]
    lines: dict[Path, list[str] | None] = {}
    page_lines: dict[str, list[str]] = {}
    return sorted(_diagnostic(p, site_dir, page_lines, sources, lines) for p in problems)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


SCANS: dict[str, PageScan] = {}
"""The last check's scans by the SHA-256 of the page's bytes: after a save the preview
server re-renders a few pages, and only those are parsed again (a scan depends on nothing
but the bytes). The ``modelpress/cache`` plugin keeps it on disk with the build cache. (For
a page in UTF-8 with ``\\n`` line ends, this is the hash of its text that older caches used.)"""


HASHED: dict[str, tuple[tuple[int, int, int, int], str]] = {}
"""Each page's SHA-256 by its path and file identity (inode, size, mtime, ctime), for the
process: after a save the preview server leaves most pages of the site folder untouched,
and reading and hashing all of them again was most of a check's cost at 2,000 reviews."""

SETTLED_NS = 2_000_000_000
"""How old a file's last change must be before its identity vouches for its bytes. The
kernel stamps files with a coarse clock, so a rewrite of the same size within one tick
of a hash would keep the identity (git calls such entries "racy"); a file changed this
recently is hashed again next time instead."""


def _scan(path: str, known: dict[str, PageScan]) -> ScannedPage:
    stat = os.stat(path)
    identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    hashed = HASHED.get(path)
    if hashed is not None and hashed[0] == identity:
        unchanged = known.get(hashed[1])
        if unchanged is not None:
            SCANS[hashed[1]] = unchanged
            return ScannedPage(hashed[1], unchanged)
    with open(path, "rb") as stream:  # not Path.read_bytes: its path parsing costs more here
        data = stream.read()
    key = hashlib.sha256(data).hexdigest()
    if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > SETTLED_NS:
        HASHED[path] = (identity, key)
    else:
        HASHED.pop(path, None)
    scan = known.get(key)
    if scan is None:
        scan = scan_html(_text(data))
    SCANS[key] = scan
    return ScannedPage(key, scan)


def _text(data: bytes) -> str:
    """The page as :func:`_read` gives it (line ends made ``\\n``), so the lines the
    parser counts are the lines a message shows."""
    text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


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
    """Every file's path relative to ``site_dir``, as ``os.walk`` finds them (links to
    folders are not followed, unreadable folders are skipped), built without its
    per-folder ``relpath``: a third of the time on a site of a folder per page."""
    found: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                found.add(prefix + entry.name)
            elif not entry.is_symlink():
                walk(entry.path, prefix + entry.name + "/")

    walk(str(site_dir), "")
    return found


def _diagnostic(
    problem: Problem,
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
