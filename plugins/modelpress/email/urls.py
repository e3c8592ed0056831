"""Absolute URLs for everything an email links to.

An email is read outside the site, so every link must be absolute. The rules
mirror how MkDocs and Material's blog place pages: ``a.md`` → ``a/``,
``a/index.md`` → ``a/``, and a post → ``<blog_dir>/<post_url_format>/``.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

__all__ = ["SiteUrls", "UnsupportedUrlFormat", "slugify"]

_DATE_TOKENS = (("yyyy", "%Y"), ("MM", "%m"), ("dd", "%d"))


class UnsupportedUrlFormat(ValueError):
    """The blog's ``post_url_format`` uses a placeholder this module cannot fill."""


def slugify(title: str) -> str:
    """Material's default post slug: lower case words joined by hyphens."""
    return re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")


@dataclass(frozen=True)
class SiteUrls:
    site_url: str
    """Ends with ``/``."""
    blog_dir: str = "blog"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    read_meta: Callable[[str], Mapping[str, Any] | None] = lambda _src: None
    """Front matter of a post by its ``src_uri``, to compute the URLs of linked posts."""

    @property
    def post_dir(self) -> str:
        return f"{self.blog_dir}/posts"

    def absolute(self, path: str) -> str:
        return urljoin(self.site_url, path)

    def page(self, src_uri: str, meta: Mapping[str, Any] | None = None) -> str:
        """The absolute URL of the page built from ``src_uri``."""
        if src_uri.startswith(self.post_dir + "/") and src_uri.endswith(".md"):
            found = meta if meta is not None else self.read_meta(src_uri)
            return self.absolute(self._post_path(src_uri, found or {}))
        path = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
        if path == "index" or path.endswith("/index"):
            path = path[: -len("index")]
        elif src_uri.endswith(".md"):
            path += "/"
        return self.absolute(path)

    def _post_path(self, src_uri: str, meta: Mapping[str, Any]) -> str:
        title = str(meta.get("title") or posixpath.basename(src_uri)[: -len(".md")])
        slug = str(meta.get("slug") or slugify(title))
        values = {"slug": slug, "file": posixpath.basename(src_uri)[: -len(".md")]}
        if "{date}" in self.post_url_format:
            values["date"] = self._date(meta.get("date"))
        try:
            path = self.post_url_format.format(**values)
        except KeyError as exc:
            raise UnsupportedUrlFormat(
                f"post_url_format {self.post_url_format!r} uses {{{exc.args[0]}}}, which "
                "'modelpress email' cannot fill; use {date}, {slug} or {file}"
            ) from None
        return f"{self.blog_dir}/{path.strip('/')}/"

    def _date(self, value: object) -> str:
        if isinstance(value, dict):
            value = value.get("created")
        if not isinstance(value, dt.date):
            return ""
        pattern = self.post_url_date_format
        for token, code in _DATE_TOKENS:
            pattern = pattern.replace(token, code)
        return value.strftime(pattern)

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
