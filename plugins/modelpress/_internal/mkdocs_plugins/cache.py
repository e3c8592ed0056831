"""The ``modelpress/cache`` plugin: render only the pages whose inputs changed.

How it works (the decisions are explained in the README's "Build cache" section):

1. ``on_config`` opens the cache of this site variant (``.cache/modelpress/build/``)
   and turns the catalog's tables into recording dicts, so the records each page
   reads are known.
2. ``on_nav``, once files, URLs, posts and navigation are settled, fingerprints the
   site as a whole (config, templates and overrides, versions, every file's URL,
   the navigation) and, per page, what decides it before it is rendered (its
   source, URL, neighbours; for a blog listing or the front page, the posts it
   shows and their front matter). What a listing showed of each post's text (its
   excerpt, read time) is recorded with it and checked when the post is rendered
   again (``Session.still_listed``): a save after ``<!-- more -->`` renders the post.
3. MkDocs renders each page in two steps, ``_populate_page`` (Markdown → HTML) and
   ``_build_page`` (template → file). While the cache is active both go through
   this module: a page whose fingerprint matches, and whose recorded records still
   have the values they had, is not rendered; the cache supplies its file and
   replays what other plugins would have collected from it (search entries, feed
   items, the checks' source map, log lines, anchors for MkDocs' link validation).
   Pages that are rendered are recorded for the next build.

Anything it cannot reason about turns it off for the build (a full build, never a
stale page): a plugin it does not know, another MkDocs major version, a post with
``links:``. MkDocs 1.6 is no longer developed, which is what makes wrapping its two
per-page steps (the same lever its own ``--dirty`` uses) a stable choice.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.metadata
import logging
import pickle
import re
import sys
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import mkdocs
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from modelpress._internal.cache import (
    CACHE_DIR,
    BuildCache,
    CacheEntry,
    Recorder,
    TableDigests,
    digest,
    record_tables,
    tree_digest,
)
from modelpress._internal.cache.access import ALL, Read, listening, replay
from modelpress._internal.checks import built
from modelpress._internal.checks.htmlscan import PageScan
from modelpress._internal.content import PAGE_CACHE, split_front_matter
from modelpress._internal.mkdocs_plugins.blogmeta import keep_blog_front_matter, keep_blog_posts
from modelpress._internal.mkdocs_plugins.checks import SOURCE_CHECKS
from modelpress._internal.mkdocs_plugins.excerpts import ExcerptMemo, KeptExcerpt
from modelpress._internal.mkdocs_plugins.reviews import ReviewsPlugin
from modelpress._internal.mkdocs_plugins.searchindex import keep_search_index
from modelpress._internal.mkdocs_plugins.shownpart import render_shown_part
from modelpress._internal.mkdocs_plugins.sitedir import SiteFolder
from modelpress._internal.mkdocs_plugins.themefiles import keep_theme_files
from modelpress._internal.reviews.excerpt import excerpt_text

__all__ = ["CacheConfig", "CachePlugin", "cache_warnings"]

PLUGIN_NAME = "modelpress/cache"
RECORDED_TABLES = ("releases", "incidents", "benchmarks", "orgs", "origins")
"""Catalog tables whose reads are recorded per page."""
NAME_TABLES = ("release_names", "benchmark_names", "invalid_releases")
"""Tables that resolve names and aliases, and (:data:`NAME_FIELDS`) the names themselves:
they are read once per build for every page (the mention index that links a review's
first mention of a release, the charts' fence parses), so a change here is treated as a
change to every page."""
NAME_FIELDS = {"releases": ("id", "name", "aliases"), "benchmarks": ("id", "name", "aliases")}
"""The fields of the records the name indexes are made of (a release's name, case and
all: ``release_names`` holds it lowercased)."""
VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-rss-plugin",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "markupsafe",
    "pyyaml",
    "plotly",
    "pydantic",
    "markdown-it-py",
    "mdit-py-plugins",
)
KNOWN_PLUGIN_MODULES = (
    "modelpress.",
    "material.plugins.search.",
    "material.plugins.blog.",
    "mkdocs_rss_plugin.",
    "mkdocs.contrib.search",
)
"""Plugins whose per-page effects the cache knows how to replay."""

HISTORY_FREE = frozenset(
    (
        "toc",
        "tables",
        "fenced_code",
        "abbr",
        "admonition",
        "attr_list",
        "md_in_html",
        "footnotes",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.smartsymbols",
    )
)
"""Markdown extensions whose output for a document does not depend on the documents the
same converter converted before, footnote reference ids aside (Material converts each
post's excerpt once per view with one converter, never reset)."""

_TITLE_FIELD = re.compile(r"(?m)^title[ \t]*:")
_PLAIN_HEADING = re.compile(r"# [\w ,.:;!?'()&/+-]+\Z")
log = logging.getLogger("mkdocs.plugins.modelpress.cache")
cache_warnings = logging.getLogger("modelpress.cache")
"""Warnings about the cache itself: outside MkDocs' loggers, so ``--strict`` does not
fail a build because an old cache was dropped."""
if not cache_warnings.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    cache_warnings.addHandler(_handler)
    cache_warnings.propagate = False


class CacheConfig(Config):
    enabled = c.Type(bool, default=True)
    """Reuse pages from earlier builds (``modelpress serve --no-cache`` or the environment
    variable ``MODELPRESS_NO_CACHE=1`` turn it off for one run)."""


@functools.cache
def environment() -> str:
    """A fingerprint of everything installed that decides how a page renders.

    Once per process: the code that renders is the code loaded when it started, even
    if its files change meanwhile (the next process sees them and drops the cache).
    """
    versions = []
    for name in VERSIONED:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    package = Path(__file__).parents[2]
    source = tree_digest(package, (".py", ".html", ".js", ".css", ".j2", ".json"))
    return digest(sys.version, mkdocs.__version__, *versions, source)


def overrides_digests(config: MkDocsConfig) -> list[str]:
    """Every template folder in front of the theme's own: ``custom_dir`` and the layout.

    The packaged layout (``modelpress/theme/``, put in ``theme.dirs`` by
    ``modelpress/reviews``) is not under ``custom_dir``; without it here, an edited
    layout template under ``modelpress serve`` left the cached pages as they were.
    The theme's own folders are versioned by :func:`environment` (reading
    Material's thousands of icons on every build would cost more than it saves).
    """
    installed = {(Path(mkdocs.__file__).parent / "templates").resolve()}
    if config.theme.name:
        installed.add(Path(utils.get_theme_dir(config.theme.name)).resolve())
    return [tree_digest(Path(d)) for d in config.theme.dirs if Path(d).resolve() not in installed]


_INHERIT = re.compile(rb"(?m)^INHERIT:[ \t]*['\"]?([^'\"\r\n#]+?)['\"]?[ \t]*(?:#.*)?$")


def _config_texts(path: Path, depth: int = 0) -> list[bytes]:
    """The config file and every file it inherits from (``INHERIT:``), as bytes."""
    try:
        text = path.read_bytes()
    except OSError:
        return [b"missing"]
    found = [text]
    match = _INHERIT.search(text)
    if match and depth < 10:
        parent = path.parent / match.group(1).decode("utf-8", "replace").strip()
        found += _config_texts(parent, depth + 1)
    return found


# -- what is replayed ------------------------------------------------------------------


@dataclass
class PopulateRecord:
    """What a page's Markdown step leaves behind for other pages and plugins."""

    markdown: str | None
    title_from_render: str | None
    meta: MutableMapping[str, Any]
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    feed_items: list[Any]
    logs: list[tuple[str, int, str]]
    readtime: Any = None
    """A post's read time: Material's blog computes it from the post's HTML while the
    post renders, and a listing that shows a replayed post shows it too."""
    inputs: str = ""
    """For a post, the digest of all a listing can take from this step (see
    :func:`post_inputs`): equal digests, equal excerpts."""


@dataclass(frozen=True)
class Shown:
    """What a listing page (a blog view, the front page) showed of one post.

    A post rendered again changes the listing only if this changes: a save after
    ``<!-- more -->`` re-renders the post, not the four or so listings that show it.
    """

    inputs: str
    """The post's :attr:`PopulateRecord.inputs` when this was made (equal: nothing to check)."""
    shown: str
    """Digest of what the listing showed of it (excerpt HTML, its "continue" link and
    table of contents, title, read time, metadata)."""
    start: int = 0
    """Charts drawn on the listing before this excerpt (they number its charts)."""
    charts: int = 0
    """Charts its excerpt's rendering drew (they number the next excerpt's)."""


@dataclass
class BuildRecord:
    """What a page's template step leaves behind besides its file (kept apart, see
    :attr:`CacheEntry.output`): search entries, log lines."""

    search_entries: list[Any]
    logs: list[tuple[str, int, str]]
    shown: dict[str, Shown] = field(default_factory=dict)
    """For a listing page, what it showed of each post, by the post's ``src_uri``."""


@dataclass
class Payload:
    populate: PopulateRecord
    build: BuildRecord


@dataclass
class Decision:
    fingerprint: str | None
    payload: Payload | None
    entry: CacheEntry | None = None
    """The cache's entry when ``payload`` came from it (it names the page's file)."""

    @property
    def hit(self) -> bool:
        return self.payload is not None


@dataclass
class Rendered:
    """A page rendered in this build, collected for the cache."""

    reads: set[Read] = field(default_factory=set)
    populate: PopulateRecord | None = None
    build: BuildRecord | None = None
    output: str = ""
    """The page's HTML, as MkDocs writes it (after every other plugin)."""


# -- the per-build session ------------------------------------------------------------


class Session:
    """One build's view of the cache: fingerprints, decisions, and what was rendered."""

    def __init__(self, plugin: CachePlugin, config: MkDocsConfig, cache: BuildCache) -> None:
        self.plugin = plugin
        self.config = config
        self.cache = cache
        self.history_free = history_free(config)
        """Every Markdown extension of the site is one of :data:`HISTORY_FREE`."""
        self.base = ""
        self.site = ""
        self.digests = TableDigests({})
        self.decisions: dict[str, Decision] = {}
        self.rendered: dict[str, Rendered] = {}
        self.files: Files | None = None
        self.populate_rest: tuple[Any, ...] = ()
        self.fronts: dict[str, str] = {}
        self.tokens: dict[str, str] = {}
        """Each post's :attr:`PopulateRecord.inputs` in this build."""
        self.post_views: dict[str, list[Any]] = {}
        """The blog views that show each post, in the order MkDocs builds them."""
        self.earlier_views: dict[tuple[str, int], str] = {}
        """For a post and a view that shows it (by ``id``): the fingerprint of the views
        that show it before that one, in build order (see :meth:`listed`)."""
        self.all_views: dict[str, str] = {}
        """For a post: the fingerprint of every view that shows it (for a view that does
        not, all of them come before it)."""
        self.view_groups: dict[tuple[int, int], str] = {}
        """Fingerprints of what a view's pages share, by the ``id`` of the shared list:
        its posts' addresses and its pages' sources (a blog of 2,000 posts has 200 index
        pages that share one list of 2,000 posts)."""
        self.page_positions: dict[int, dict[int, int]] = {}
        """Each paginated view's pages by identity → place, by the ``id`` of the list."""
        self.excerpt_renders: dict[int, tuple[Any, int]] = {}
        """How often each excerpt object was rendered in this build (by ``id``)."""
        self.shadows: dict[str, Any] = {}
        """Excerpts made only to check a listing (Material's own stay untouched)."""
        self.tracking: dict[str, Shown] | None = None
        self.excerpts: ExcerptMemo | None = None
        """The preview server's excerpts kept from the last build (:mod:`.excerpts`); None
        in a one-shot build."""
        self.charts: Any = None
        self.replayed: dict[str, Payload] = {}
        """The payloads this build loaded from the cache, by blob name."""
        self.sources_read: dict[bytes, tuple[str, tuple[str | None, str]]] = {}
        """What :meth:`_read` found in each source this build, by the SHA-256 of its bytes
        (kept by the preview server for its next build)."""
        self.outputs: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.splits: dict[str, tuple[str | None, str]] = {}
        self.posts: dict[str, Any] = {}
        self.post_set: set[str] = set()
        self.home: str | None = None
        self.reviews: ReviewsPlugin | None = None
        """The plugin whose front page ``home`` is (it says which posts that page shows)."""
        self.blog: Any = None
        self.search: Any = None
        self.feeds: list[Any] = []
        self.checks: Any = None
        self.hits = 0
        self.damaged = False

    # fingerprints

    def source(self, file: File) -> str:
        found = self.sources.get(file.src_uri)
        if found is None:
            self._read(file)
            found = self.sources[file.src_uri]
        return found

    def _read(self, file: File) -> None:
        """Read a page's source once a build: its fingerprint, and the front matter and
        first line of the body that its title and its place in listings come from.

        In the preview server these are kept by the SHA-256 of the bytes they were made
        from: a page the build's plugins already read and hashed (the page cache) is not
        read, decoded and split again when its hash is one the last build knew.
        """
        src = file.src_uri
        kept = self.plugin.sources_read
        content = PAGE_CACHE.content_hash(file.abs_src_path) if file.abs_src_path else None
        if kept is not None and content is not None and content in kept:
            found = self.sources_read[content] = kept[content]
            self.sources[src], self.splits[src] = found
            return
        try:
            data = file.content_bytes
        except OSError as exc:
            self.sources[src] = digest("unreadable", src, exc)
            self.splits[src] = (None, "")
            return
        self.sources[src] = digest(data)
        try:
            # As MkDocs' File.content_string reads it (text mode makes line ends "\n").
            text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
            front, body, _ = split_front_matter(text)
        except UnicodeDecodeError:
            front, body = None, ""
        first = next((line for line in body.splitlines() if line.strip()), "")
        self.splits[src] = (front, first)
        if kept is not None:  # by the bytes read here, whatever the page cache saw
            self.sources_read[hashlib.sha256(data).digest()] = (self.sources[src], (front, first))

    def split(self, file: File) -> tuple[str | None, str]:
        """A page's front matter (None without one) and the first line of its body."""
        found = self.splits.get(file.src_uri)
        if found is None:
            self._read(file)
            found = self.splits[file.src_uri]
        return found

    def title_key(self, page: Page) -> str:
        """What a page's title in the navigation is made from, before it is rendered."""
        found = self.titles.get(page.file.src_uri)
        if found is None:
            found = self.titles[page.file.src_uri] = self._title_key(page)
        return found

    def _title_key(self, page: Page) -> str:
        """A title set in front matter is decided by the front matter alone (a body edit
        leaves the neighbours' links alone); otherwise the first heading may be it."""
        front, first = self.split(page.file)
        if front and _TITLE_FIELD.search(front):
            return digest("front matter", front, page.title)
        # A page that opens with a plain "# Heading" is titled by that line alone (the
        # generated model index, timeline and incident log: a record edit changes their
        # text, not their place in the navigation). Anything fancier: the whole source.
        if _PLAIN_HEADING.match(first):
            return digest("heading", first, page.title)
        return digest("source", self.source(page.file), page.title)

    def nav_signature(self, items: list[Any]) -> str:
        parts: list[str] = []
        for item in items:
            if isinstance(item, Page):
                parts.append(digest("page", item.file.src_uri, item.url, self.title_key(item)))
                parts.append(self.nav_signature(list(getattr(item, "children", None) or [])))
            elif isinstance(item, Section):
                parts.append(digest("section", item.title, self.nav_signature(item.children)))
            elif isinstance(item, Link):
                parts.append(digest("link", item.title, item.url))
            else:
                parts.append(digest("other", type(item).__name__, repr(item)))
        return digest(*parts)

    def neighbour(self, page: Page | None) -> str:
        return "none" if page is None else digest(page.url, self.title_key(page))

    def plan(self, nav: Navigation, files: Files) -> None:
        """Fingerprint the site; note which blog views show each post, in build order.

        Material renders a post's excerpt once per view that shows it, with one Markdown
        converter that keeps state between conversions (footnote references are
        numbered ``fnref``, ``fnref2``… by how often it converted before): the n-th
        view of a post shows the n-th conversion, which :meth:`render_excerpt` keeps
        so whichever views are rendered.
        """
        self.files = files
        file_list = sorted(
            f"{f.src_uri}|{f.dest_uri}|{f.url}|{f.inclusion.name}|{f.is_documentation_page()}"
            for f in files
        )
        self.site = digest(self.base, *file_list, self.nav_signature(list(nav.items)))
        blog = self.blog
        if blog is not None and getattr(blog, "blog", None) is not None:
            for post in blog.blog.posts:
                self.posts[post.file.src_uri] = post
            self.post_set = set(self.posts)
        for file in files.documentation_pages():  # the order MkDocs builds pages in
            page = file.page
            if page is not None and self.is_view(page):
                for post in self.view_posts(page):
                    self.post_views.setdefault(post.file.src_uri, []).append(page)
        for src, views in self.post_views.items():
            earlier = digest("earlier views")
            for view in views:
                self.earlier_views.setdefault((src, id(view)), earlier)
                earlier = digest(earlier, view.file.url)
            self.all_views[src] = earlier

    def is_view(self, page: Page) -> bool:
        from material.plugins.blog.structure import View

        return isinstance(page, View)

    def view_posts(self, view: Any) -> list[Any]:
        """The posts a blog listing page shows (its slice of the paginated list)."""
        posts = list(view.posts)
        blog = self.blog
        if blog is not None and blog._config_pagination(view):
            at = self.page_position(view)
            if at is not None:
                step = blog._config_pagination_per_page(view)
                posts = posts[at * step : at * step + step]
        return posts

    def page_position(self, view: Any) -> int | None:
        """Where ``view`` is among its paginated pages (``view.pages.index(view)``, by
        identity first: Material's pages are the very objects MkDocs builds)."""
        positions = self.page_positions.get(id(view.pages))
        if positions is None:
            positions = {}
            for at, page in enumerate(view.pages):
                positions.setdefault(id(page), at)
            self.page_positions[id(view.pages)] = positions
        found = positions.get(id(view))
        if found is None and view in view.pages:  # an equal page, not the same object
            found = view.pages.index(view)
        return found

    def view_group(self, view: Any) -> str:
        """What all pages of a paginated view share: its posts' addresses and its pages'
        sources."""
        key = (id(view.posts), id(view.pages))
        found = self.view_groups.get(key)
        if found is None:
            found = self.view_groups[key] = digest(
                *(p.file.url for p in view.posts),
                "pages",
                *(self.source(v.file) for v in view.pages),
            )
        return found

    def fingerprint(self, page: Page) -> str | None:
        file = page.file
        if file.src_uri in self.post_set and page.meta.get("links"):
            return None  # related links name other pages' titles: not tracked
        parts: list[object] = [
            self.site,
            type(page).__name__,
            file.src_uri,
            file.dest_uri,
            file.url,
            page.canonical_url,
            file.inclusion.name,
            self.source(file),
            self.neighbour(page.previous_page),
            self.neighbour(page.next_page),
        ]
        if self.is_view(page):
            view: Any = page
            parts.append(self.view_group(view))
            parts += [self.listed(p, view) for p in self.view_posts(view)]
        if file.src_uri == self.home:
            # Which posts it shows follows from every post's place (their dates) and count.
            parts.append(digest("front page posts", *self.posts))
            parts += [self.listed(p, None) for p in self.listed_posts(page)]
        return digest(*parts)

    def listed(self, post: Any, view: Any) -> str:
        """What decides a post's place in a listing before anything is rendered: its
        address, its front matter (title, date, authors, categories, subtitle…) and,
        in a blog view, the views that convert its excerpt before this one.

        Its body is not here: what the listing showed of it is checked once the post
        is rendered (:meth:`still_listed`), so a save after ``<!-- more -->`` leaves
        the listings alone.
        """
        src = post.file.src_uri
        earlier = "front page"
        if view is not None:
            earlier = self.earlier_views.get((src, id(view))) or self.all_views.get(
                src, digest("earlier views")
            )
        return digest("listed", src, post.file.url, self.front(post.file), earlier)

    def front(self, file: File) -> str:
        """A post's front matter (the whole source when it cannot be split off)."""
        found = self.fronts.get(file.src_uri)
        if found is None:
            front, _ = self.split(file)
            found = digest("front", front) if front is not None else self.source(file)
            self.fronts[file.src_uri] = found
        return found

    # listings: the blog's views and the front page

    def is_listing(self, page: Page) -> bool:
        return page.file.src_uri == self.home or self.is_view(page)

    def listed_posts(self, page: Page) -> list[Any]:
        if page.file.src_uri == self.home:
            if self.reviews is not None:
                return self.reviews.front_page_posts()
            return list(self.posts.values())
        return self.view_posts(page)

    def listing_unsure(self, page: Page, decision: Decision) -> bool:
        """Whether a cached listing may show a post differently in this build: one of its
        posts is rendered again, or was not what the listing last showed. Such a
        listing's Markdown step runs for real, so it can be rendered if it changed."""
        if decision.payload is None or not self.is_listing(page):
            return False
        shown = decision.payload.build.shown
        for post in self.listed_posts(page):
            was = shown.get(post.file.src_uri)
            found = self.decide(post).payload
            if was is None or found is None or found.populate.inputs != was.inputs:
                return True
        return False

    def still_listed(self, page: Page, decision: Decision) -> bool:
        """At a cached listing's template step (every post has its Markdown step behind
        it): does it show each post as it did? Posts whose inputs changed are shown
        again, exactly as Material would; the listing is replayed only if every one
        shows the same, reads no record it did not read, and logs nothing."""
        src = page.file.src_uri
        entry = self.cache.entries.get(src)
        payload = decision.payload
        if entry is None or payload is None:
            return False
        record = payload.build.shown
        posts = self.listed_posts(page)
        if set(record) != {p.file.src_uri for p in posts}:
            return False
        changed = [
            p for p in posts if self.tokens.get(p.file.src_uri) != record[p.file.src_uri].inputs
        ]
        if not changed:
            return True
        updated = dict(record)
        with listening(Recorder()) as recorder, quiet_logs() as logs:
            for post in changed:
                was = record[post.file.src_uri]
                now = self.show_again(page, post, was)
                if now is None or (now.shown, now.charts) != (was.shown, was.charts):
                    return False
                updated[post.file.src_uri] = replace(
                    was, inputs=self.tokens.get(post.file.src_uri, "")
                )
        if logs:
            return False
        reads = self.digests.of_reads(recorder.reads)
        if not all(known_read(key, value, entry.reads) for key, value in reads.items()):
            return False
        self.restamp(src, entry, updated)
        return True

    def show_again(self, page: Page, post: Any, was: Shown) -> Shown | None:
        """What ``page`` would show of ``post`` now; None when that cannot be known."""
        token = self.tokens.get(post.file.src_uri, "")
        if page.file.src_uri == self.home:
            return Shown(token, front_page_shown(post))
        blog = self.blog
        counts = self.chart_counts()
        if blog is None or (self.charts is not None and counts is None):
            return None
        with self.charts_kept(page):
            if self.charts is not None and counts is not None:
                # What the charts plugin does when the view's template step starts; the
                # excerpt's charts are numbered after the ones shown before it.
                self.charts.on_page_context({}, page=page, config=self.config, nav=None)
                counts[page.file.src_uri] = was.start
            return self.render_excerpt(
                self.shadow_of(post), page, blog.config.post_excerpt_separator
            )

    def shadow_of(self, post: Any) -> Any:
        """An excerpt of ``post`` made by Material's own code path on a copy of the post,
        so checking a listing leaves the post's own excerpt as a clean build has it."""
        src = post.file.src_uri
        found = self.shadows.get(src)
        if found is None:
            twin = copy.copy(post)
            twin.authors = []  # Material appends the post's authors to this list
            twin.excerpt = None
            self.blog.on_page_markdown(
                twin.markdown, page=twin, config=self.config, files=self.files
            )
            found = self.shadows[src] = twin.excerpt
        return found

    def prepare_listing(self, page: Page) -> None:
        """Before a blog view renders for real: the posts replayed from the cache get
        what Material's blog gives a post in its Markdown step (authors, excerpt)."""
        if self.blog is None or not self.is_view(page):
            return
        for post in self.listed_posts(page):
            if getattr(post, "excerpt", None) is None:
                self.blog.on_page_markdown(
                    post.markdown, page=post, config=self.config, files=self.files
                )

    def render_excerpt(self, excerpt: Any, view: Any, separator: str) -> Shown:
        """Material's ``Excerpt.render``, converted as often before as a clean build does.

        The n-th view of a post (in build order) shows the excerpt's n-th conversion;
        conversions for views replayed from the cache are made up first (their charts
        are not counted on this view).
        """
        original = _ORIGINAL_EXCERPT_RENDER
        assert original is not None
        src = excerpt.post.file.src_uri
        views = self.post_views.get(src, [])
        at = next((i for i, v in enumerate(views) if v is view), None)
        _, done = self.excerpt_renders.get(id(excerpt), (excerpt, 0))
        history = self.history_matters(excerpt, separator)
        if at is not None and done < at and history:
            with self.charts_kept(view):
                for earlier in views[done:at]:
                    original(excerpt, earlier, separator)
            done = at
        before = self.chart_count(view)
        self.convert_excerpt(original, excerpt, view, separator, history=history, before=before)
        self.excerpt_renders[id(excerpt)] = (excerpt, done + 1)
        after = self.chart_count(view)
        shown = Shown(
            self.tokens.get(src, ""),
            excerpt_shown(excerpt),
            start=before,
            charts=after - before,
        )
        if self.tracking is not None:
            self.tracking[src] = shown
        return shown

    def convert_excerpt(
        self,
        original: Callable[..., None],
        excerpt: Any,
        view: Page,
        separator: str,
        *,
        history: bool,
        before: int,
    ) -> None:
        """Material's conversion of ``excerpt`` for ``view`` (``before`` charts drawn on it
        so far); in the preview server, the last build's instead when nothing it depends
        on changed (:mod:`.excerpts`)."""
        memo = self.excerpts
        if memo is None:
            original(excerpt, view, separator)
            return
        src, listing = excerpt.post.file.src_uri, view.file.src_uri
        key = None if history else self.excerpt_key(excerpt, view, separator, before)
        kept = memo.get(src, listing, key, self.digests.unchanged) if key else None
        if kept is not None:
            kept.apply(excerpt)
            replay(kept.reads)
            self.set_chart_count(view, before + kept.charts)
            return
        with listening(Recorder()) as recorder, captured_logs() as logs:
            original(excerpt, view, separator)
        memo.converted += 1
        if key is not None and not logs:
            reads = frozenset(recorder.reads)
            charts = self.chart_count(view) - before
            kept = KeptExcerpt.of(excerpt, key, charts, reads, self.digests.of_reads(reads))
            memo.keep(src, listing, kept)

    def excerpt_key(self, excerpt: Any, view: Page, separator: str, before: int) -> str | None:
        """What decides an excerpt's conversion for ``view`` with ``before`` charts drawn on
        it so far (see :mod:`.excerpts`); None when the post's Markdown step is not known
        in this build."""
        post = excerpt.post
        inputs = self.tokens.get(post.file.src_uri)
        if not inputs or not self.site:
            return None
        return digest(
            "excerpt",
            self.site,
            post.file.src_uri,
            post.url,
            inputs,
            view.file.src_uri,
            view.url,
            separator,
            before,
        )

    def set_chart_count(self, page: Page, count: int) -> None:
        counts = self.chart_counts()
        if counts is not None and (count or page.file.src_uri in counts):
            counts[page.file.src_uri] = count

    def history_matters(self, excerpt: Any, separator: str) -> bool:
        """Whether an excerpt's HTML may depend on how often it was converted before.

        With only the extensions of :data:`HISTORY_FREE`, the one state a conversion
        leaves that shows in the next one is the footnotes' reference ids, so an
        excerpt without a footnote above its (last) separator converts the same every
        time and needs no conversions made up. Any other extension: it may.
        """
        if not self.history_free:
            return True
        markdown = excerpt.post.markdown or ""
        return "[^" in (markdown.rsplit(separator, 1)[0] if separator in markdown else markdown)

    def chart_counts(self) -> dict[str, int] | None:
        """The charts plugin's count of charts drawn per page (it numbers chart ids)."""
        counts = getattr(self.charts, "_counts", None)
        return counts if isinstance(counts, dict) else None

    def chart_count(self, page: Page) -> int:
        counts = self.chart_counts()
        return int(counts.get(page.file.src_uri, 0)) if counts is not None else 0

    @contextmanager
    def charts_kept(self, page: Page) -> Iterator[None]:
        """Conversions that a clean build does not make here leave the charts plugin's
        page and count as they were."""
        counts = self.chart_counts()
        src = page.file.src_uri
        kept = (getattr(self.charts, "_page", None), getattr(self.charts, "_source", None))
        count = counts.get(src) if counts is not None else None
        try:
            yield
        finally:
            if counts is not None:
                if count is None:
                    counts.pop(src, None)
                else:
                    counts[src] = count
            if self.charts is not None and hasattr(self.charts, "_page"):
                self.charts._page, self.charts._source = kept

    def restamp(self, src: str, entry: CacheEntry, shown: dict[str, Shown]) -> None:
        """Keep a replayed listing's entry with its posts' new inputs (no check next time)."""
        fresh = self.unpickle(entry)  # its own copy: it is changed here
        if fresh is None:
            return
        fresh.build.shown = shown
        payload = self.cache.store(pickle.dumps(fresh, protocol=5))
        self.cache.put(src, replace(entry, payload=payload))

    def decide(self, page: Page) -> Decision:
        src = page.file.src_uri
        found = self.decisions.get(src)
        if found is not None:
            return found
        fingerprint = self.fingerprint(page)
        payload = None
        entry = self.cache.entries.get(src)
        if (
            fingerprint is not None
            and entry is not None
            and entry.fingerprint == fingerprint
            and self.digests.unchanged(entry.reads)
        ):
            payload = self.load(entry)
            if payload is not None and not self.output_at_hand(page, entry):
                payload = None
        decision = Decision(fingerprint, payload, entry if payload is not None else None)
        self.decisions[src] = decision
        if payload is None and log.isEnabledFor(logging.DEBUG):
            log.debug("modelpress: rendering %s (%s)", src, self.why(entry, fingerprint))
        return decision

    def why(self, entry: CacheEntry | None, fingerprint: str | None) -> str:
        """Why a page is rendered (for ``-v``): what the cache could not vouch for."""
        if fingerprint is None:
            return "not tracked"
        if entry is None:
            return "not in the cache"
        if entry.fingerprint != fingerprint:
            return "its source, address, neighbours, listing or the site changed"
        changed = self.digests.changed(entry.reads)
        return "records changed: " + ", ".join(changed[:5]) if changed else "payload unreadable"

    def load(self, entry: CacheEntry) -> Payload | None:
        """The entry's payload: in the preview server, the very object the last build
        replayed when it is the same blob (see :attr:`CachePlugin.replayed`)."""
        kept = self.plugin.replayed
        if kept is None or entry.payload in self.replayed:  # one page, one payload object
            return self.unpickle(entry)
        payload = kept.get(entry.payload)
        if payload is None:
            payload = self.unpickle(entry)
        if payload is not None:
            self.replayed[entry.payload] = payload
        return payload

    def unpickle(self, entry: CacheEntry) -> Payload | None:
        blob = self.cache.read(entry.payload)
        try:
            payload = pickle.loads(blob) if blob is not None else None
        except Exception:
            payload = None
        if not isinstance(payload, Payload):
            self.warn_damaged()
            return None
        return payload

    def output_at_hand(self, page: Page, entry: CacheEntry) -> bool:
        """Whether the page's file can be replayed: it is still in the site folder as the
        last build wrote it (the preview server's usual case, where the HTML is not even
        read), or its stored HTML is sound. Checked when the page is decided, so a damaged
        blob means rendering, never a page half-replayed."""
        if not entry.output:
            return True
        if self.plugin.site_folder.holds(page.file.abs_dest_path, entry.output_size):
            return True
        if self.cache.read(entry.output) is not None:
            return True
        self.warn_damaged()
        return False

    def warn_damaged(self) -> None:
        if not self.damaged:
            self.damaged = True
            cache_warnings.warning(
                "modelpress: a page in the build cache %s could not be read; rendering it again",
                self.cache.folder,
            )

    # the two per-page steps

    def populate(self, original: Callable[..., None], page: Page, files: Files, *rest: Any) -> None:
        decision = self.decide(page)
        self.populate_rest = rest
        if decision.payload is not None and not self.listing_unsure(page, decision):
            self.replay_populate(page, decision.payload.populate, files)
            return
        self.render_populate(original, page, files, *rest)

    def render_populate(
        self, original: Callable[..., None], page: Page, files: Files, *rest: Any
    ) -> None:
        src = page.file.src_uri
        rendered = self.rendered.setdefault(src, Rendered())
        feed_start = [len(feed.pages_to_filter) for feed in self.feeds]
        with listening(Recorder()) as recorder, captured_logs() as logs:
            original(page, self.config, files, *rest)
        rendered.reads |= recorder.reads
        links = page.links_to_anchors
        rendered.populate = PopulateRecord(
            markdown=page.markdown,
            title_from_render=page._title_from_render,
            meta=page.meta,
            anchors=page.present_anchor_ids,
            links_to_anchors=(
                {target.src_uri: dict(v) for target, v in links.items()} if links else None
            ),
            feed_items=[
                item
                for feed, start in zip(self.feeds, feed_start, strict=True)
                for item in feed.pages_to_filter[start:]
            ],
            logs=logs,
        )
        if src in self.post_set:
            record = rendered.populate
            record.readtime = getattr(getattr(page, "config", None), "readtime", None)
            record.inputs = self.tokens[src] = post_inputs(record)

    def replay_populate(self, page: Page, record: PopulateRecord, files: Files) -> None:
        page.markdown = record.markdown
        page._title_from_render = record.title_from_render
        page.meta = record.meta
        page.present_anchor_ids = record.anchors
        src = page.file.src_uri
        if src in self.post_set:
            self.tokens[src] = record.inputs
            post_config = getattr(page, "config", None)
            if post_config is not None:
                post_config.readtime = record.readtime
        if record.links_to_anchors is not None:
            page.links_to_anchors = {}
            for src_uri, links in record.links_to_anchors.items():
                target = files.src_uris.get(src_uri)  # as MkDocs stored it: no Path made
                if target is not None:
                    page.links_to_anchors[target] = links
        if self.feeds and record.feed_items:
            # Copies: the rss plugin stamps each item's ``pub_date`` as it writes a feed,
            # and the preview server replays the same payload again (see ``load``).
            self.feeds[0].pages_to_filter.extend(copy.copy(item) for item in record.feed_items)
        replay_logs(record.logs)

    def build(self, original: Callable[..., None], page: Page, *rest: Any, **options: Any) -> None:
        decision = self.decide(page)
        src = page.file.src_uri
        listing = self.is_listing(page)
        if decision.payload is not None and listing and not self.still_listed(page, decision):
            decision = self.decisions[src] = Decision(decision.fingerprint, None)
            found = self.rendered.get(src)
            if (found is None or found.populate is None) and self.files is not None:
                # Replayed, not populated (never expected: listing_unsure runs it).
                self.render_populate(_ORIGINAL_POPULATE, page, self.files, *self.populate_rest)
        if decision.payload is not None and decision.entry is not None:
            self.replay_build(page, decision.payload.build, decision.entry)
            return
        rendered = self.rendered.setdefault(src, Rendered())
        entries = self.search_entries()
        start = len(entries) if entries is not None else 0
        if listing:
            self.prepare_listing(page)
            self.tracking = {}
        try:
            with listening(Recorder()) as recorder, captured_logs() as logs:
                original(page, self.config, *rest, **options)
            shown = self.tracking or {}
        finally:
            self.tracking = None
        if listing and src == self.home:
            shown = {
                p.file.src_uri: Shown(self.tokens.get(p.file.src_uri, ""), front_page_shown(p))
                for p in self.listed_posts(page)
            }
        rendered.reads |= recorder.reads
        rendered.output = self.outputs.pop(src, "")
        rendered.build = BuildRecord(
            search_entries=list(entries[start:]) if entries is not None else [],
            logs=logs,
            shown=shown,
        )
        self.keep(src, rendered)

    def replay_build(self, page: Page, record: BuildRecord, entry: CacheEntry) -> None:
        self.hits += 1
        entries = self.search_entries()
        if entries is not None:
            entries.extend(record.search_entries)
        if self.checks is not None:
            self.checks.note_source(page, self.config)
        destination = page.file.abs_dest_path
        if entry.output and not self.plugin.site_folder.still_written(
            destination, entry.output_size
        ):
            data = self.cache.read(entry.output)
            if data is None:  # sound when the page was decided (output_at_hand)
                raise PluginError(
                    f"modelpress: the build cache {self.cache.folder} changed during the "
                    "build; run 'modelpress clean' and build again"
                )
            utils.write_file(data, destination)
        replay_logs(record.logs)

    def search_entries(self) -> list[Any] | None:
        index = getattr(self.search, "search_index", None)
        for name in ("entries", "_entries"):  # Material's index, MkDocs' own
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                return entries
        return None

    def keep(self, src: str, rendered: Rendered) -> None:
        """Store a page as soon as both its steps are done, and let go of its HTML."""
        decision = self.decisions.get(src)
        if decision is not None and decision.hit:
            return  # a post rendered only for a listing: its entry stands
        if (
            decision is None
            or decision.fingerprint is None
            or rendered.populate is None
            or rendered.build is None
        ):
            self.cache.drop(src)
        else:
            # As MkDocs writes it; a blank page gets no file (MkDocs: "Page skipped").
            output = rendered.output
            data = output.encode("utf-8", errors="xmlcharrefreplace") if output.strip() else b""
            entry = CacheEntry(
                fingerprint=decision.fingerprint,
                reads=self.digests.of_reads(rendered.reads),
                payload=self.cache.store(
                    pickle.dumps(Payload(rendered.populate, rendered.build), protocol=5)
                ),
                output=self.cache.store(data) if data else "",
                output_size=len(data),
            )
            self.cache.put(src, entry)
        self.rendered.pop(src, None)

    def finish(self, *, write: bool = True) -> None:
        """Forget pages that are gone (or were not stored); write the index and the
        checks' results unless told not to (see :meth:`CachePlugin.on_shutdown`)."""
        for src, decision in self.decisions.items():
            if not decision.hit and src in self.rendered:
                self.cache.drop(src)  # rendered but never finished: not kept
        for src in list(self.cache.entries):
            if src not in self.decisions:
                self.cache.drop(src)
        if write:
            save_check_results(self.cache)
            self.cache.save()

    def kept_replayed(self) -> dict[str, Payload]:
        """The payloads of the pages this build replayed whole, for the next build. A
        page rendered after all (a listing that showed a post differently) had its
        payload's metadata in a page that rendered: its payload is read afresh."""
        kept: dict[str, Payload] = {}
        for decision in self.decisions.values():
            entry = decision.entry
            if (
                decision.payload is not None
                and entry is not None
                and self.replayed.get(entry.payload) is decision.payload
            ):
                kept[entry.payload] = decision.payload
        return kept


def save_check_results(cache: BuildCache) -> None:
    """Keep the checks' results of this process beside the cache's pages (written by
    the next :meth:`BuildCache.save`)."""
    cache.save_extra("source-checks", SOURCE_CHECKS.export(), shared=True)
    cache.save_extra("built-scans", dict(built.SCANS))


def _restore_check_results(cache: BuildCache) -> None:
    """A new process starts with the checks' results of the last build of this site: the
    source checks' findings by page text and records, the built-site scans by HTML."""
    if len(SOURCE_CHECKS) or built.SCANS:
        return  # this process has its own, newer ones
    SOURCE_CHECKS.restore(cache.load_extra("source-checks"))
    built.SCANS = {
        key: scan
        for key, scan in cache.load_extra("built-scans").items()
        if isinstance(scan, PageScan)
    }


@contextmanager
def captured_logs() -> Iterator[list[tuple[str, int, str]]]:
    """Log lines of MkDocs and its plugins emitted inside the block (INFO and above)."""
    lines: list[tuple[str, int, str]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append((record.name, record.levelno, record.getMessage()))

    handler = Collect(logging.INFO)
    root = logging.getLogger("mkdocs")
    root.addHandler(handler)
    try:
        yield lines
    finally:
        root.removeHandler(handler)


def replay_logs(lines: list[tuple[str, int, str]]) -> None:
    for name, level, message in lines:
        logging.getLogger(name).log(level, "%s", message)


@contextmanager
def quiet_logs() -> Iterator[list[tuple[str, int, str]]]:
    """Log lines of MkDocs and its plugins inside the block, kept from every handler
    (a listing checked and then rendered logs its lines once, when it renders)."""
    lines: list[tuple[str, int, str]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append((record.name, record.levelno, record.getMessage()))

    root = logging.getLogger("mkdocs")
    handlers, propagate = root.handlers, root.propagate
    root.handlers, root.propagate = [Collect(logging.INFO)], False
    try:
        yield lines
    finally:
        root.handlers, root.propagate = handlers, propagate


# -- what a listing shows of a post ---------------------------------------------------------


def known_read(joined: str, value: str, stored: dict[str, str]) -> bool:
    """Whether a page's stored reads (all unchanged) already cover this read: the same
    one, or the whole entry or table it is part of (``"table\x00key\x00field"``)."""
    if joined in stored:
        return stored[joined] == value
    table, _, rest = joined.partition("\x00")
    key = rest.partition("\x00")[0]
    return any(f"{table}\x00{whole}\x00{ALL}" in stored for whole in (key, ALL))


def post_inputs(record: PopulateRecord) -> str:
    """All a listing takes from a post's Markdown step besides its front matter (which is
    in the listing's fingerprint): its final Markdown, rendered title, metadata, read time."""
    return digest(
        "post", record.markdown, record.title_from_render, repr(record.meta), repr(record.readtime)
    )


def _toc(items: Any) -> list[object]:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items or []]


def excerpt_shown(excerpt: Any) -> str:
    """What a blog view shows of a post once Material rendered its excerpt for the view:
    Material's ``partials/post.html`` and ours use the excerpt's HTML, whether there is
    more (the "continue" link), its table of contents (added to the view's), and the
    post's title, read time and metadata; the rest is in the view's fingerprint."""
    post = excerpt.post
    return digest(
        "excerpt",
        excerpt.content,
        bool(excerpt.more),
        repr(_toc(getattr(excerpt.toc, "items", None))),
        post.title,
        repr(getattr(post.config, "readtime", None)),
        repr(post.meta),
    )


def front_page_shown(post: Any) -> str:
    """What the front page (``modelpress/reviews``) shows of a post beside its front
    matter: its title, address and the plain text of its excerpt."""
    return digest(
        "front page", post.title, post.url, excerpt_text(post.markdown or ""), repr(post.meta)
    )


# -- MkDocs' two per-page steps, routed through the active session ------------------------

_ACTIVE: list[Session] = []
_ORIGINAL_POPULATE = mkdocs_build._populate_page
_ORIGINAL_BUILD = mkdocs_build._build_page
_ORIGINAL_EXCERPT_RENDER: Callable[..., None] | None = None


def _populate_page(page: Page, config: MkDocsConfig, files: Files, *rest: Any) -> None:
    session = _ACTIVE[-1] if _ACTIVE else None
    if session is None or session.config is not config:
        _ORIGINAL_POPULATE(page, config, files, *rest)
        return
    session.populate(_ORIGINAL_POPULATE, page, files, *rest)


def _build_page(page: Page, config: MkDocsConfig, *rest: Any, **options: Any) -> None:
    session = _ACTIVE[-1] if _ACTIVE else None
    if session is None or session.config is not config:
        _ORIGINAL_BUILD(page, config, *rest, **options)
        return
    session.build(_ORIGINAL_BUILD, page, *rest, **options)


def _render_excerpt(excerpt: Any, page: Page, separator: str) -> None:
    """Material's ``Excerpt.render``, through the active session (its
    :meth:`Session.render_excerpt`), leaving no scratch behind in the converter."""
    original = _ORIGINAL_EXCERPT_RENDER
    assert original is not None
    session = _ACTIVE[-1] if _ACTIVE else None
    try:
        if session is None:
            original(excerpt, page, separator)
        else:
            session.render_excerpt(excerpt, page, separator)
    finally:
        known = session is not None and session.history_free
        drop_conversion_scratch(getattr(excerpt, "md", None), stash=known)


def history_free(config: MkDocsConfig) -> bool:
    """Whether every Markdown extension of the site is one of :data:`HISTORY_FREE`."""
    names = [
        e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__name__}"
        for e in config.markdown_extensions
    ]
    return all(name.removeprefix("markdown.extensions.") in HISTORY_FREE for name in names)


def drop_conversion_scratch(md: Any, *, stash: bool) -> None:
    """Let go of what a finished conversion left in a converter that is kept.

    Material keeps one converter per post excerpt, alive to the end of the build, and
    converts with it once per view without resetting it. Each conversion leaves the
    post's lines (``md.lines``) and every raw HTML block it stashed (a chart's HTML
    and data, each code block), and the stash grows with every view. Both are
    scratch: the lines are replaced when the next conversion starts, and a stashed
    block's placeholder is replaced before its conversion returns. The stash is
    emptied (``stash``) only when the site's extensions are all of
    :data:`HISTORY_FREE`, none of which looks a block up in a later conversion.
    """
    if md is None or not hasattr(md, "htmlStash"):
        return
    md.lines = []
    if stash:
        md.htmlStash.reset()


def _install() -> None:
    global _ORIGINAL_EXCERPT_RENDER
    mkdocs_build._populate_page = _populate_page  # type: ignore[assignment]
    mkdocs_build._build_page = _build_page
    from material.plugins.blog.structure import Excerpt

    if Excerpt.render is not _render_excerpt:
        _ORIGINAL_EXCERPT_RENDER = functools.partial(render_shown_part, Excerpt.render)
        Excerpt.render = _render_excerpt


# -- the plugin ----------------------------------------------------------------------------


class CachePlugin(BasePlugin[CacheConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.session: Session | None = None
        self.memory: dict[Path, BuildCache] = {}
        """Caches of this process by folder: warm across the preview server's rebuilds."""
        self.last: Session | None = None
        self.site_folder = SiteFolder()
        self.built_folders: set[Path] = set()
        """Cache folders this process has finished a build with."""
        self.excerpts = ExcerptMemo()
        """The preview server's excerpts, kept from one build to the next."""
        self.replayed: dict[str, Payload] | None = None
        """In the preview server, the payloads its last build replayed, by blob name: the
        next build replays them again without unpickling (0.3–0.7 s a save at 2,000
        posts, most of it the posts' Markdown and search text). None in a one-shot build.
        Nothing a build does changes a replayed payload; the tests hold it to its blob."""
        self.sources_read: dict[bytes, tuple[str, tuple[str | None, str]]] | None = None
        """In the preview server, what the last build read of each page's source (its
        fingerprint, front matter and first line), by the SHA-256 of its bytes."""
        self.unsaved: set[Path] = set()
        """Cache folders whose index and checks' results this preview server has not
        written since its last build: written at its first build and when it stops."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Open the cache (after the records plugin has loaded the catalog)."""
        self._end()
        self.site_folder.restore()
        reason = self._unsupported(config)
        _install()  # listings convert only what they show, with the cache or without
        # The preview server's next rebuild reuses the posts parsed by this one (each
        # re-read unless its mtime, size and content hash are unchanged): a save then
        # costs one front-matter parse, not one per post per plugin.
        # Material's blog, likewise, parses only the posts' front matter that changed,
        # MkDocs lists the theme's static files again only when a folder changed, and
        # Material's search index encodes only the entries of pages rendered again.
        PAGE_CACHE.keep_between_builds = reason is None and self.command == "serve"
        keep_blog_front_matter(PAGE_CACHE.keep_between_builds)
        keep_blog_posts(PAGE_CACHE.keep_between_builds)
        keep_theme_files(PAGE_CACHE.keep_between_builds)
        keep_search_index(PAGE_CACHE.keep_between_builds)
        if reason is not None:
            log.info("modelpress: build cache off for this build: %s", reason)
            return config
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        root = config_file.parent
        # MkDocs' serve loads the config by the name given first, then by its full path.
        variant = digest(config_file, config.site_url, config.use_directory_urls)
        folder = root / CACHE_DIR / variant[:16]
        cache = self.memory.get(folder)
        if cache is None:
            cache = BuildCache.open(folder, environment())
            if cache.problem:
                cache_warnings.warning("modelpress: %s", cache.problem)
                cache.problem = None
            self.memory = {folder: cache}
            self.excerpts.clear()
            self.replayed = None
            self.sources_read = None
        if self.command == "serve" and self.replayed is None:  # both start together
            self.replayed, self.sources_read = {}, {}
        log.debug("modelpress: build cache %s, %d pages known", folder, len(cache.entries))
        session = Session(self, config, cache)
        if self.command == "serve":
            session.excerpts = self.excerpts
            self.excerpts.start()
        records = config.plugins.get("modelpress/records")
        catalog = getattr(records, "catalog", None)
        tables: dict[str, Any] = {}
        if catalog is not None:
            record_tables(catalog, RECORDED_TABLES)
            tables = {name: getattr(catalog, name) for name in RECORDED_TABLES + NAME_TABLES}
        session.digests = TableDigests(tables)
        session.base = digest(
            cache.environment,
            *_config_texts(config_file),
            config.site_url,
            config.site_dir,
            *overrides_digests(config),
            tree_digest(Path(config.docs_dir), (".yml", ".yaml")),
            *(session.digests.of(name, "*") for name in NAME_TABLES),
            *(session.digests.columns(name, fields) for name, fields in NAME_FIELDS.items()),
        )
        for plugin in config.plugins.values():
            module = type(plugin).__module__
            if module.startswith("material.plugins.blog."):
                session.blog = plugin
            elif module.startswith(("material.plugins.search.", "mkdocs.contrib.search")):
                session.search = plugin
            elif module.startswith("mkdocs_rss_plugin."):
                # The rss plugin fills this list from on_startup only, so the preview
                # server's rebuilds (which reuse plugins) listed every post once per save.
                plugin.pages_to_filter = []
                session.feeds.append(plugin)
        session.checks = config.plugins.get("modelpress/checks")
        session.charts = config.plugins.get("modelpress/charts")
        reviews = config.plugins.get("modelpress/reviews")
        if isinstance(reviews, ReviewsPlugin):
            session.reviews = reviews
            session.home = reviews.config.home
        self.session = session
        _restore_check_results(cache)
        _ACTIVE.append(session)
        return config

    def _unsupported(self, config: MkDocsConfig) -> str | None:
        import os

        if not self.config.enabled or os.environ.get("MODELPRESS_NO_CACHE", "") not in ("", "0"):
            return "turned off (--no-cache, MODELPRESS_NO_CACHE or 'enabled: false')"
        if not mkdocs.__version__.startswith("1.6."):
            return f"MkDocs {mkdocs.__version__} (the cache knows MkDocs 1.6)"
        for name, plugin in config.plugins.items():
            if not type(plugin).__module__.startswith(KNOWN_PLUGIN_MODULES):
                return f"the plugin {name!r} is not one whose pages it can replay"
        if len([p for p in config.plugins.values() if "rss" in type(p).__module__]) > 1:
            return "more than one rss plugin"
        return None

    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.session is not None:
            self.session.plan(nav, files)
        return nav

    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Remember the page's final HTML (after every other plugin) for the cache."""
        if self.session is not None:
            self.session.outputs[page.file.src_uri] = output
        return output

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In the preview server, write over the last build's files instead of emptying
        the folder first (see :mod:`.sitedir`)."""
        if self.session is not None and self.command == "serve":
            self.site_folder.keep(config.site_dir)

    @event_priority(50)
    def _prune_site_folder(self, *, config: MkDocsConfig) -> None:
        """Before anything reads the built site: remove what this build did not write."""
        removed = self.site_folder.prune()
        if removed:
            log.debug("modelpress: removed %d files of the last build", len(removed))

    @event_priority(-100)
    def _finish_session(self, *, config: MkDocsConfig) -> None:
        session = self.session
        if session is None:
            return
        folder = session.cache.folder
        # The preview server writes the index and the checks' results at its first build
        # and when it stops, not after every save (0.15 s and 11 MB at 2,000 posts). What
        # is on disk meanwhile stays sound: the blobs the older index names are removed
        # only when an index is written, and an entry that no longer fits its page is
        # rendered again; the checks' results are memos keyed by all they depend on.
        first = folder not in self.built_folders
        write = self.command != "serve" or first
        if not write:
            self.unsaved.add(folder)
        self.built_folders.add(folder)
        try:
            session.finish(write=write)
            if self.replayed is not None:
                self.replayed = session.kept_replayed()
            if self.sources_read is not None:
                self.sources_read = session.sources_read
            total = len(session.decisions)
            missed = sorted(src for src, d in session.decisions.items() if not d.hit)
            log.debug("modelpress: rendered %s", ", ".join(missed))
            if session.excerpts is not None:
                log.debug(
                    "modelpress: blog excerpts: %d converted, %d kept from the last build",
                    session.excerpts.converted,
                    session.excerpts.reused,
                )
            log.info(
                "modelpress: %d of %d pages from the build cache, %d rendered",
                session.hits,
                total,
                total - session.hits,
            )
        finally:
            self.last = session
            self._end()

    on_post_build = CombinedEvent(_prune_site_folder, _finish_session)

    def on_shutdown(self) -> None:
        """The preview server stops: write the checks' results its rebuilds left unsaved."""
        for folder in sorted(self.unsaved):
            cache = self.memory.get(folder)
            if cache is not None and cache.entries:
                save_check_results(cache)
                cache.save()
        self.unsaved = set()

    def on_build_error(self, *, error: Exception) -> None:
        self.site_folder.restore()
        if self.replayed is not None:
            self.replayed = {}  # a build that stopped half-way vouches for nothing it held
        self._end()

    def _end(self) -> None:
        if self.session is not None and self.session in _ACTIVE:
            _ACTIVE.remove(self.session)
        self.session = None
