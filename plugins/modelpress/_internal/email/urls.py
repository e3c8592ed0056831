"""Absolute URLs for everything an email links to.

An email is read outside the site, so every link must be absolute. A page's
address follows MkDocs (``a.md`` → ``a/``, or ``a.html`` without directory
URLs); a post's comes from :func:`modelpress._internal.reviews.posturl.post_path`, the
computation the blog itself does (its slugify, its date format, its language),
so the email links where the build publishes, not to a re-derived guess.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from modelpress._internal.content import MarkdownPage
from modelpress._internal.reviews.posturl import post_path
from modelpress._internal.siteconfig import BlogSettings

__all__ = ["SiteUrls", "UnsupportedUrlFormat", "page_path"]


class UnsupportedUrlFormat(ValueError):
    """The blog cannot place this post (a placeholder it cannot fill, or no date for ``{date}``)."""


def page_path(src_uri: str, *, directory_urls: bool) -> str:
    """The path MkDocs serves the page built from ``src_uri`` at (``File.url``'s rule)."""
    stem = src_uri[: -len(".md")]
    name = posixpath.basename(stem)
    if not directory_urls:
        return f"{stem}.html"
    if name == "index":
        return stem[: -len("index")]
    return f"{stem}/"


@dataclass(frozen=True)
class SiteUrls:
    site_url: str
    """Ends with ``/``."""
    blog: BlogSettings = field(default_factory=BlogSettings)
    directory_urls: bool = True
    """The site's ``use_directory_urls``."""
    read_page: Callable[[str], MarkdownPage | None] = lambda _src: None
    """A post by its ``src_uri``, to compute the URLs of linked posts."""

    @property
    def blog_dir(self) -> str:
        return self.blog.blog_dir.strip("/")

    @property
    def post_dir(self) -> str:
        return self.blog.post_dir.strip("/")

    def absolute(self, path: str) -> str:
        return urljoin(self.site_url, path)

    def page(self, src_uri: str, page: MarkdownPage | None = None) -> str:
        """The absolute URL of the page built from ``src_uri`` (``page``: it, when read)."""
        if src_uri.startswith(self.post_dir + "/") and src_uri.endswith(".md"):
            post = page if page is not None else self.read_page(src_uri)
            if post is not None:
                src_uri = self._post_uri(post)
        if not src_uri.endswith(".md"):
            return self.absolute(src_uri)
        return self.absolute(page_path(src_uri, directory_urls=self.directory_urls))

    def _post_uri(self, post: MarkdownPage) -> str:
        placed = post_path(post, self.blog)
        if placed is None:
            raise UnsupportedUrlFormat(
                f"{post.display}: the blog cannot place this post with post_url_format "
                f"{self.blog.post_url_format!r} (it needs a date for {{date}}, and knows "
                "only {date}, {slug}, {file} and {categories})"
            )
        return placed

    def resolve(self, href: str, from_src_uri: str, from_url: str) -> str:
        """``href`` as written in ``from_src_uri`` (served at ``from_url``), made absolute."""
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href
        if not parts.path:
            return from_url + (f"#{parts.fragment}" if parts.fragment else "")
        if parts.path.startswith("/"):
            target = parts.path.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(from_src_uri), parts.path))
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if target.endswith(".md"):
            return self.page(target) + fragment
        if target.startswith(self.post_dir + "/"):
            target = self.blog_dir + target[len(self.post_dir) :]
        return self.absolute(target) + fragment
