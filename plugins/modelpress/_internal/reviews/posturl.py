"""Where Material's blog publishes a post, computed from its source without MkDocs.

Two posts that land on the same address are not an error for the blog plugin:
the second silently replaces the first. Finding that before the build needs the
address exactly as the plugin computes it (``_format_path_for_post`` in
``material/plugins/blog/plugin.py``): the ``slug:`` or the slugified title (from
``title:``, else the first line when it is a ``# `` heading, else the file name,
as MkDocs' ``Page.title`` does before rendering), the blog's ``post_url_format``
with ``{date}`` formatted by Babel in the theme's language, and ``{categories}``
slugified. Babel and the slugify functions are the ones the blog uses, so the
result is the same string.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date, format_datetime

from modelpress._internal.content import MarkdownPage
from modelpress._internal.siteconfig import BlogSettings

__all__ = ["PostTitle", "post_created", "post_path", "post_title"]


@dataclass(frozen=True)
class PostTitle:
    text: str
    line: int
    """1-based line of the file the title comes from (1 when it comes from the file name)."""


def post_title(page: MarkdownPage) -> PostTitle:
    """The title the blog slugifies: ``title:``, else a ``# `` heading on the first line."""
    if "title" in page.meta:
        return PostTitle(str(page.meta["title"]), page.meta_line("title"))
    # MkDocs' get_markdown_title: only the first non-blank line counts.
    lines = page.body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for offset, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        if text.startswith("# "):
            return PostTitle(text.lstrip("# "), page.body_line + offset)
        break
    name = posixpath.splitext(posixpath.basename(page.src_uri))[0]
    title = name.replace("-", " ").replace("_", " ")
    return PostTitle(title.capitalize() if title.lower() == title else title, 1)


def post_created(value: Any) -> dt.datetime | None:
    """The post's creation time as the blog reads ``date:`` (a date, or ``{created: …}``)."""
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).replace(tzinfo=dt.UTC)
    return None


def post_path(page: MarkdownPage, blog: BlogSettings) -> str | None:
    """The ``src_uri`` the blog gives the post (``reviews/grok-3.md``); None if it cannot.

    None when the front matter lacks what the address needs (a date for ``{date}``):
    those posts are reported by the front matter checks instead.
    """
    values: dict[str, str] = {"file": posixpath.splitext(posixpath.basename(page.src_uri))[0]}
    fmt = blog.post_url_format
    if "{slug}" in fmt:
        slug = page.meta.get("slug")
        if not isinstance(slug, str) or not slug:
            slug = blog.post_slugify(post_title(page).text, blog.post_slugify_separator)
        values["slug"] = slug
    if "{date}" in fmt:
        created = post_created(page.meta.get("date"))
        if created is None:
            return None
        values["date"] = _format(created, blog.post_url_date_format, blog.language)
    if "{categories}" in fmt:
        names = page.meta.get("categories")
        names = list(dict.fromkeys(names)) if isinstance(names, list) else []
        values["categories"] = "/".join(
            blog.categories_slugify(str(name), blog.categories_slugify_separator)
            for name in names[: blog.post_url_max_categories]
        )
    try:
        path = fmt.format(**values)
    except (KeyError, IndexError, ValueError):
        return None  # a placeholder the blog does not know: it fails on its own
    path = posixpath.normpath(path.strip("/"))
    return posixpath.join(blog.blog_dir, f"{path}.md")


def _format(when: dt.datetime, pattern: str, language: str) -> str:
    """Material's ``_format_date``: named formats are dates, patterns are datetimes."""
    locale = language.replace("-", "_")
    if pattern in ("full", "long", "medium", "short"):
        return str(format_date(when, format=pattern, locale=locale))
    return str(format_datetime(when, format=pattern, locale=locale))
