"""The ``modelpress/reviews`` plugin: the newsletter layer on top of Material's blog.

It brings the newsletter layout (``modelpress/theme/``, put below the site's
own ``custom_dir``) and hands its templates what they cannot compute: the
"models in this review" strip from the records, the share-card tags, and the
front page built from the blog's posts. All of it is decided and escaped in
``modelpress._internal.pages`` (strip, social, frontpage, excerpt); this module only
turns MkDocs and blog objects into those inputs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, cast

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from modelpress._internal.content import PAGE_CACHE, cached_markdown_page
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.mkdocs_plugins.layout import insert_layout
from modelpress._internal.mkdocs_plugins.records import catalog_of
from modelpress._internal.mkdocs_plugins.report import report_or_abort
from modelpress._internal.mkdocs_plugins.templates import (
    MemoryBytecodeCache,
    share_with_theme_environments,
)
from modelpress._internal.pages.escape import html_text
from modelpress._internal.pages.urls import MODELS_INDEX, release_uri
from modelpress._internal.reviews.excerpt import excerpt_text
from modelpress._internal.reviews.frontpage import Byline, FrontPage, PostSummary, front_page_html
from modelpress._internal.reviews.meta import (
    SOURCE_DATE_EPOCH,
    ReviewCheckMemo,
    check_reviews,
    newest_post_time,
    post_dates,
    post_files,
)
from modelpress._internal.reviews.social import ShareCard, social_meta
from modelpress._internal.reviews.strip import model_facts, strip_html
from modelpress._internal.siteconfig import BlogSettings

__all__ = ["ReviewsConfig", "ReviewsPlugin"]

SITE_URL_NEEDED = (
    "modelpress: set site_url in mkdocs.yml before publishing (e.g. "
    "site_url: https://<user>.github.io/<repo>/); feeds, share cards and emails need "
    "absolute links. Nothing was built or pushed."
)


class ReviewsConfig(Config):
    home = c.Type(str, default="index.md")
    """The page that becomes the newsletter front page (it uses the ``home.html`` template)."""
    home_posts = c.Type(int, default=20)
    """How many of the newest reviews the front page shows (the latest large, the others
    as a list); the rest are a link away, in the blog's archive. A front page listing
    every review of a long-running newsletter would weigh a megabyte at 2,000 reviews."""
    feed = c.Type(str, default="feed_rss_created.xml")
    """The RSS file linked from the front page (mkdocs-rss-plugin's default name)."""


class ReviewsPlugin(BasePlugin[ReviewsConfig]):
    command: str = "build"
    blog: Any = None
    files: Files | None = None
    post_uris: frozenset[str] | set[str] = frozenset()
    epoch_set: bool = False
    """Whether this build set ``SOURCE_DATE_EPOCH`` (and must take it back when it ends)."""
    templates: MemoryBytecodeCache
    checked: ReviewCheckMemo
    """The posts' findings from the last build's check, by page (see ``ReviewCheckMemo``)."""

    def __init__(self) -> None:
        super().__init__()
        # The plugin outlives a build in the preview server (it has on_startup), and so
        # do the compiled templates and the posts' findings it keeps.
        self.templates = MemoryBytecodeCache()
        self.checked = ReviewCheckMemo()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the layout; stop ``mkdocs gh-deploy`` without a site URL; pin the build's date.

        The layout folder joins ``theme.dirs`` here, before any plugin of priority
        below 50 and long before MkDocs builds the Jinja environment and collects
        the theme's files from those folders (after every ``on_config``).

        MkDocs (sitemap ``lastmod``, the gzip header of ``sitemap.xml.gz``) and
        mkdocs-rss-plugin (``pubDate``, ``lastBuildDate``) take the build's date
        from ``SOURCE_DATE_EPOCH`` when it is set (reproducible-builds.org), else
        from the clock. When the writer has not set it, it is set for this build to
        the newest published post's date (or ``updated:``), so two builds of the
        same sources are byte-identical. Priority 50: before the rss plugin reads it
        in its own ``on_config``.

        Every Jinja environment the theme makes in this build keeps its compiled
        templates in this plugin (see :func:`share_with_theme_environments`).
        """
        if self.command == "gh-deploy" and not config.site_url:
            raise PluginError(SITE_URL_NEEDED)
        if self.config.home_posts < 1:
            raise PluginError(
                f"modelpress/reviews: home_posts is {self.config.home_posts}; set it to the "
                "number of reviews the front page shows, 1 or more (default 20)"
            )
        insert_layout(config)
        share_with_theme_environments(config.theme, self.templates)
        self._forget_epoch()
        if SOURCE_DATE_EPOCH not in os.environ:
            blog = _blog_settings(config)
            # Read through the build's page cache: every plugin reads the posts once.
            PAGE_CACHE.start(config)
            docs_dir = Path(config.docs_dir)
            root = _site_root(config)
            posts = [
                cached_markdown_page(path, docs_dir, root) for path in post_files(docs_dir, blog)
            ]
            newest = newest_post_time(
                (post.meta for post in posts), blog, building_drafts=self._drafts_built(config)
            )
            if newest is not None:
                os.environ[SOURCE_DATE_EPOCH] = str(int(newest.timestamp()))
                self.epoch_set = True
        return config

    def _drafts_built(self, config: MkDocsConfig) -> bool:
        blog = _blog_plugin(config)
        return bool(blog.config.draft or (self.command == "serve" and blog.config.draft_on_serve))

    def _forget_epoch(self) -> None:
        if self.epoch_set:
            os.environ.pop(SOURCE_DATE_EPOCH, None)
            self.epoch_set = False

    @event_priority(100)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Reuse the templates compiled by an earlier build of this process.

        MkDocs makes a new Jinja environment per build; its loader asks
        ``bytecode_cache`` for each template it loads, all of them after this event
        (priority 100: before any other plugin's ``on_env`` could load one). See
        :mod:`modelpress._internal.mkdocs_plugins.templates` for when code is reused.
        """
        env.bytecode_cache = self.templates
        return env

    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Take back the date this build set: the next build (``mkdocs serve``) decides anew."""
        self._forget_epoch()

    def on_build_error(self, *, error: Exception) -> None:
        self._forget_epoch()

    @event_priority(10)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Check every post's front matter before the blog plugin (priority -50) reads it.

        Errors stop the build here, before MkDocs copies a single file.
        """
        blog = _blog_plugin(config)
        settings = _blog_settings(config)
        post_dir = settings.post_dir + "/"
        docs_dir = Path(config.docs_dir)
        root = _site_root(config)
        authors = set(blog.authors or {}) if blog.config.authors else None
        posts = [
            cached_markdown_page(Path(file.abs_src_path), docs_dir, root)
            for file in files.documentation_pages()
            if file.src_uri.startswith(post_dir) and file.abs_src_path
        ]
        # Only the preview server keeps the posts' findings (and so their pages) between
        # builds: its page cache hands it the same pages while their files are unchanged.
        memo = self.checked if self.command == "serve" else None
        found: list[Diagnostic] = check_reviews(posts, settings, authors, memo)
        report_or_abort(found, "the reviews' front matter")
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Runs after the blog plugin's ``on_files`` has resolved posts and their URLs."""
        self.files = files
        self.blog = _blog_plugin(config)
        self.post_uris = {post.file.src_uri for post in self.blog.blog.posts}
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Give each review a description (meta tag, feed item) from its excerpt, and its dates.

        The rss plugin reads ``date`` and ``updated`` (``date_from_meta`` in
        mkdocs.yml): both are set here as datetimes, ``updated`` to the publication
        date when the review has none, so the "updated" feed never falls back to
        the build time. The byline shows ``updated:`` like the blog's own
        ``date: {updated: …}``.
        """
        if page.file.src_uri not in self.post_uris:
            return markdown
        if not page.meta.get("description"):
            page.meta["description"] = html_text(excerpt_text(markdown))
        dates = post_dates(page.meta)
        if dates is not None:
            page.meta["date"] = dates.created
            page.meta["updated"] = dates.updated
            post_date = getattr(getattr(page, "config", None), "date", None)
            if isinstance(post_date, dict) and dates.updated != dates.created:
                post_date.setdefault("updated", dates.updated)
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        extra = cast(dict[str, Any], context)  # TemplateContext lists only MkDocs' own keys
        if page.file.src_uri in self.post_uris:
            extra["modelpress_review"] = self._review(page, config)
        elif page.file.src_uri == self.config.home:
            extra["modelpress_home"] = self._front_page(page, config)
        return context

    def _href(self, src_uri: str, page: Page) -> str:
        target = self.files.get_file_from_path(src_uri) if self.files is not None else None
        if target is None:
            return "#"
        return get_relative_url(target.url, page.url)

    def _review(self, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        models = page.meta.get("models") or []
        ids = [m for m in models if isinstance(m, str)] if isinstance(models, list) else []
        facts = model_facts(ids, catalog_of(config))
        subtitle = str(page.meta.get("subtitle") or "")
        authors = _authors(page, self.blog)
        card = ShareCard(
            title=page.title or "",
            description=subtitle or excerpt_text(page.markdown or ""),
            site_name=config.site_name,
            url=page.canonical_url,
            published=_post_date(page),
            authors=[name for name, _ in authors],
            tags=[str(t) for t in page.meta.get("categories") or []],
        )
        return {
            "subtitle": subtitle,
            "strip": strip_html(facts, lambda rid: self._href(release_uri(rid), page)),
            "social": social_meta(card),
        }

    def _all_posts(self) -> list[Any]:
        return list((getattr(self.blog, "blog", None) and self.blog.blog.posts) or [])

    def front_page_posts(self) -> list[Any]:
        """The posts the front page shows: the newest ``home_posts`` (the build cache
        renders the front page again only when one of these changes)."""
        return self._all_posts()[: self.config.home_posts]

    def _front_page(self, page: Page, config: MkDocsConfig) -> Markup:
        posts = []
        for post in self.front_page_posts():
            bylines = [
                Byline(name, _asset_url(avatar, page.url))
                for name, avatar in _authors(post, self.blog)
            ]
            posts.append(
                PostSummary(
                    title=post.title or "",
                    url=get_relative_url(post.url, page.url),
                    date=_post_date(post) or dt.date.min,
                    subtitle=str(post.meta.get("subtitle") or ""),
                    excerpt=excerpt_text(post.markdown or ""),
                    authors=bylines,
                )
            )
        extra = config.extra.get("modelpress") if isinstance(config.extra, Mapping) else None
        subscribe = extra.get("subscribe_url") if isinstance(extra, Mapping) else None
        feed = self.config.feed if "rss" in config.plugins else None
        reviews = getattr(self.blog, "blog", None)
        return front_page_html(
            FrontPage(
                posts=posts,
                models_url=self._href(MODELS_INDEX, page),
                feed_url=get_relative_url(feed, page.url) if feed else None,
                subscribe_url=str(subscribe) if subscribe else None,
                reviews_url=get_relative_url(reviews.url, page.url) if reviews else None,
                total=len(self._all_posts()),
            )
        )


def _blog_plugin(config: MkDocsConfig) -> Any:
    """Material's blog plugin instance, found by type so any instance name works."""
    try:
        from material.plugins.blog.plugin import BlogPlugin
    except ImportError as exc:  # the theme is a dependency; this guards a broken install
        raise PluginError("modelpress/reviews needs mkdocs-material's blog plugin") from exc
    for plugin in config.plugins.values():
        if isinstance(plugin, BlogPlugin) and plugin.config.enabled:
            return plugin
    raise PluginError(
        "modelpress/reviews: add Material's blog plugin to mkdocs.yml (plugins: - blog), "
        "before modelpress/reviews"
    )


def _site_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _blog_settings(config: MkDocsConfig) -> BlogSettings:
    """The blog plugin's validated settings, in the core's terms."""
    options: dict[str, Any] = dict(_blog_plugin(config).config)
    language = str(config.theme.get("language") or "en")
    return BlogSettings.from_options(options, language=language)


def _post_date(page: Page) -> dt.date | None:
    created = getattr(getattr(page, "config", None), "date", None)
    value = getattr(created, "created", None)
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _authors(page: Page, blog: Any) -> list[tuple[str, str | None]]:
    """(name, avatar URL from the site root) for each author id of a post."""
    known = getattr(blog, "authors", {}) or {}
    found = []
    for author_id in getattr(getattr(page, "config", None), "authors", []) or []:
        author = known.get(author_id)
        if author is not None:
            found.append((str(author.name), str(author.avatar) if author.avatar else None))
    return found


def _asset_url(url: str | None, page_url: str) -> str | None:
    """A site-root-relative asset URL made relative to the page; absolute URLs stay."""
    if not url:
        return None
    if "://" in url or url.startswith("/"):
        return url
    return get_relative_url(url, page_url)
