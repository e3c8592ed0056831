"""The ``modelpress/checks`` plugin: source checks on every page during ``mkdocs build``,
and built-site checks (internal links and anchors) once the site is written."""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from modelpress._internal.cache import TableDigests, digest
from modelpress._internal.cache.memo import (
    CapturingMemo,
    ReadMemo,
    recorded_tables,
    unrecorded_digest,
)
from modelpress._internal.checks import CheckContext, SourceRef, check_built_site, check_page
from modelpress._internal.checks.builtmemo import PREVIEW_MEMO
from modelpress._internal.checks.builtsources import write_sources
from modelpress._internal.checks.online import LINK_CACHE, LINK_CACHE_MAX_AGE, ONLINE_DEFAULTS
from modelpress._internal.checks.rendering import MarkdownSettings
from modelpress._internal.content import PAGE_CACHE, cached_markdown_page
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.mkdocs_plugins.records import catalog_of
from modelpress._internal.mkdocs_plugins.report import report, report_or_abort

__all__ = ["SOURCE_CHECKS", "ChecksConfig", "ChecksPlugin"]

log = logging.getLogger("mkdocs.plugins.modelpress.checks")


class ChecksConfig(Config):
    ignore_codes = c.Type(dict, default={})
    """Glob of page paths → list of codes to ignore on those pages."""
    ignore_urls = c.ListOfItems(c.Type(str), default=[])
    """Regular expressions of URLs the link checks skip."""
    footnotes_need_links = c.Type(bool, default=False)
    """Every footnote must cite something: a link in its text."""
    ignore_words = c.ListOfItems(c.Type(str), default=[])
    """Words the misspelled-name check accepts on every page (deliberate spellings)."""
    built_site = c.Type(bool, default=True)
    """Check internal links and anchors of the built site after the build."""
    # Options of the online check (``modelpress links --online``); never used by a build.
    # Their defaults are the online check's own (ONLINE_DEFAULTS), written once there.
    online_cache = c.Type(str, default=LINK_CACHE)
    """Where results of the online check are kept, relative to mkdocs.yml."""
    online_max_age = c.Type((int, float), default=LINK_CACHE_MAX_AGE)
    """Seconds a good result is trusted before the URL is asked again."""
    online_blocked_hosts = c.ListOfItems(c.Type(str), default=list(ONLINE_DEFAULTS.blocked_hosts))
    """Hosts that refuse automated requests: their 403/429 is "blocked", not "broken"."""
    online_host_concurrency = c.Type(int, default=ONLINE_DEFAULTS.host_concurrency)
    """At most this many requests to one host at a time."""
    online_host_interval = c.Type((int, float), default=ONLINE_DEFAULTS.host_interval)
    """Seconds between the starts of two requests to one host."""
    online_timeout = c.Type((int, float), default=ONLINE_DEFAULTS.timeout)
    """Seconds to wait for a response."""
    online_retries = c.Type(int, default=ONLINE_DEFAULTS.retries)
    """Extra attempts after a 429, a 5xx, a timeout or a reset connection."""
    online_backoff = c.Type((int, float), default=ONLINE_DEFAULTS.backoff)
    """Seconds before the first retry when the server sends no Retry-After; doubles."""


SOURCE_CHECKS: ReadMemo[list[Diagnostic]] = ReadMemo()
"""Each page's source-check findings, by everything they depend on (see ``_run_key``)
and, for the records, by the fields the page's check read (``ReadMemo``)."""


SOURCE_REFS: dict[tuple[str, str, str], SourceRef] = {}
"""Each source's reference, by (source, docs folder, config file), for the process (MkDocs
makes this plugin anew for each of the preview server's builds): making one costs path
parsing and a few system calls, on every page of every rebuild."""


def _run_key(config: MkDocsConfig, files: Files, context: CheckContext) -> str:
    """What every page's findings share besides their record reads: the config file, the
    catalog's unrecorded parts, every file of the site (links and images are checked
    against them) and the pages' addresses."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    return digest(
        config_file.read_bytes() if config_file.is_file() else "",
        repr(sorted(context.options.items())),
        unrecorded_digest(context.catalog),
        *sorted(context.page_uris),
        *sorted(f"{f.src_uri}>{f.dest_uri}" for f in files),
    )


class ChecksPlugin(BasePlugin[ChecksConfig]):
    def __init__(self) -> None:
        self._sources: dict[str, SourceRef] = {}

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Check every Markdown source before any page is rendered, so errors stop the build
        before anything is written."""
        self._sources = {}
        docs_dir = Path(config.docs_dir)
        root = _root(config)
        documents = [f for f in files.documentation_pages() if f.abs_src_path]
        options: dict[str, Any] = dict(self.config)
        catalog = catalog_of(config)
        tables = recorded_tables(catalog)
        # What a check computes once and shares with the next page (an index of every
        # name) carries the reads that built it: each page that uses it depends on them.
        memo = CapturingMemo(tables)
        context = CheckContext(
            catalog,
            frozenset(f.src_uri for f in documents),
            options,
            memo=memo,
            markdown=_markdown_settings(config),
        )
        found = []
        # A page's findings depend on its text, the record fields its check read, the
        # rest of the catalog, the site's files and the options: kept by all of those, a
        # page is not checked again by the preview server's next rebuild (nor by a second
        # build in the same process) unless one of them changed.
        run = _run_key(config, files, context)
        digests = TableDigests(tables)
        SOURCE_CHECKS.start()
        try:
            for file in documents:
                if not file.abs_src_path or not Path(file.abs_src_path).is_relative_to(docs_dir):
                    continue
                page = cached_markdown_page(Path(file.abs_src_path), docs_dir, root)
                # By the hash of the bytes the page was made of (its text when the build's
                # page cache is closed): hashing each page's text again cost 30 ms a save.
                content = PAGE_CACHE.content_hash(file.abs_src_path)
                source = ("sha256", content) if content is not None else ("text", page.text)
                key = digest(run, page.path, page.display, *source)
                check = functools.partial(check_page, page, context)
                found.extend(SOURCE_CHECKS.get(key, digests, check))
        finally:
            memo.close()
        SOURCE_CHECKS.finish()
        log.debug(
            "modelpress: source checks: %d pages checked, %d unchanged",
            SOURCE_CHECKS.computed,
            SOURCE_CHECKS.reused,
        )
        report_or_abort(found, "the Markdown pages")
        return files

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.note_source(page, config)
        return output

    def note_source(self, page: Page, config: MkDocsConfig) -> None:
        """Remember which Markdown a written page came from (the blog decides post URLs
        late); also called for the pages the build cache writes without rendering."""
        file = page.file
        if not file.abs_src_path:
            return
        key = (file.abs_src_path, config.docs_dir, config.config_file_path or "")
        found = SOURCE_REFS.get(key)
        if found is None:
            found = SOURCE_REFS[key] = _source_ref(file.abs_src_path, file.src_uri, config)
        if found.path is not None:
            self._sources[file.dest_uri] = found

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Check the written site; problems are logged, so ``--strict`` fails the build."""
        site_dir = Path(config.site_dir)
        write_sources(_root(config), site_dir, self._sources)
        if not self.config.built_site:
            return
        found = check_built_site(
            site_dir,
            self._sources,
            config.site_url,
            [re.compile(p) for p in self.config.ignore_urls],
            self.config.ignore_codes,
            # Kept for the process: the preview server's next build resolves again only
            # the links of pages that changed (and of those linking to what changed).
            PREVIEW_MEMO,
        )
        report(found)


def _markdown_settings(config: MkDocsConfig) -> MarkdownSettings:
    """The Markdown extensions and URL settings this build renders pages with."""
    blogs = [
        dict(plugin.config)
        for name, plugin in config.plugins.items()
        if name.split("/")[-1] == "blog" and isinstance(getattr(plugin, "config", None), Config)
    ]
    return MarkdownSettings.from_mkdocs(
        config.markdown_extensions, config.mdx_configs, config.use_directory_urls, blogs
    )


def _source_ref(abs_src_path: str, src_uri: str, config: MkDocsConfig) -> SourceRef:
    """Where a page came from, as messages show it; no ``path`` if not from the docs."""
    path = Path(abs_src_path)
    if not path.is_relative_to(config.docs_dir):
        return SourceRef(path.as_posix())
    try:
        display = path.resolve().relative_to(_root(config)).as_posix()
    except ValueError:
        display = path.as_posix()
    return SourceRef(display, path, src_uri)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent
