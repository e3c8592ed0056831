"""Material's blog listings convert only the part of a post they show.

A listing (the blog index and its pages, the archive, each category) shows each
post's excerpt, the Markdown above ``<!-- more -->``. Material's ``Excerpt.render``
converts the whole post for it, once per listing that shows the post, and keeps
the HTML above the separator; the rest (``excerpt.more``) its template only tests
(``{% if post.more %}``, the "Continue reading" link). Above the separator is
about a tenth of a review, so at 500 reviews these conversions were 39 s of an
87 s build (plain Material: 36 of 61 s).

:func:`render_shown_part` gives Material's ``render`` the post's Markdown up to
the separator when that converts to the same HTML above it
(:func:`~modelpress._internal.reviews.excerpt.shown_part` says when), and only with
a converter whose every processor comes from :data:`LOCAL_MODULES`, whose output for
a block does not depend on the blocks after it. ``excerpt.more`` is then
:data:`MORE` when the post goes on below the separator (as Material's HTML of the
rest would be non-empty) and ``""`` when it does not; a template that prints
``post.more`` gets an HTML comment, not the rest of the post. Anything else is
converted whole, as Material does.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from modelpress._internal.reviews.excerpt import shown_part

__all__ = ["LOCAL_MODULES", "MORE", "render_shown_part"]

LOCAL_MODULES = frozenset(
    (
        "markdown.preprocessors",
        "markdown.blockprocessors",
        "markdown.inlinepatterns",
        "markdown.treeprocessors",
        "markdown.postprocessors",
        "markdown.extensions.abbr",
        "markdown.extensions.admonition",
        "markdown.extensions.attr_list",
        "markdown.extensions.fenced_code",
        "markdown.extensions.footnotes",
        "markdown.extensions.md_in_html",
        "markdown.extensions.tables",
        "markdown.extensions.toc",
        "pymdownx.details",
        "pymdownx.highlight",
        "pymdownx.smartsymbols",
        "pymdownx.superfences",
        "material.plugins.blog.structure.markdown",  # the excerpt's anchors to its post
        "mkdocs.structure.pages",  # relative links
    )
)
"""Modules whose Markdown processors convert a block the same whatever follows it,
except through what :func:`shown_part` looks for below the separator."""

MORE = "<!-- the rest of this post is on its own page -->"
"""``excerpt.more`` of a post that goes on below the separator, when only the part
above it was converted."""

_LOCAL: weakref.WeakKeyDictionary[Any, tuple[bool, str, str]] = weakref.WeakKeyDictionary()
"""Per converter: whether it is local, its table-of-contents and footnotes markers."""
_SHOWN: weakref.WeakKeyDictionary[Any, tuple[str, str, str | None]] = weakref.WeakKeyDictionary()
"""Per excerpt, by its converter (Material makes one per excerpt; a page is not
hashable): the post's Markdown and separator it was worked out for, and the part."""


def render_shown_part(
    original: Callable[[Any, Any, str], None], excerpt: Any, view: Any, separator: str
) -> None:
    """Material's ``Excerpt.render(view, separator)``, given only the shown part when
    that converts the same (see the module's doc)."""
    post = excerpt.post
    full: str = post.markdown or ""
    shown = _shown_part(excerpt, full, separator)
    if shown is None:
        original(excerpt, view, separator)
        return
    excerpt.more = None
    post.markdown = shown
    try:
        original(excerpt, view, separator)
    finally:
        post.markdown = full
    if excerpt.more is None:  # the separator did not come through as a block of its own
        original(excerpt, view, separator)
        return
    excerpt.markdown = full if post._title_from_render else f"# {post.title}\n\n{full}"
    excerpt.more = MORE if full[len(shown) :].strip() else ""


def _shown_part(excerpt: Any, full: str, separator: str) -> str | None:
    """:func:`shown_part` of the post, worked out once per post and Markdown (a post is
    shown by several listings, each converting it with the same excerpt)."""
    found = _SHOWN.get(excerpt.md)
    if found is not None and found[0] is full and found[1] == separator:
        return found[2]
    local, toc_marker, footnotes_marker = _converter(excerpt.md)
    shown = None
    if local and separator and separator not in str(excerpt.post.title):
        shown = shown_part(
            full, separator, toc_marker=toc_marker, footnotes_marker=footnotes_marker
        )
    _SHOWN[excerpt.md] = (full, separator, shown)
    return shown


def _converter(md: Any) -> tuple[bool, str, str]:
    found = _LOCAL.get(md)
    if found is None:
        registries = (
            md.preprocessors,
            md.parser.blockprocessors,
            md.inlinePatterns,
            md.treeprocessors,
            md.postprocessors,
        )
        local = all(type(p).__module__ in LOCAL_MODULES for r in registries for p in r)
        toc_marker, footnotes_marker = "[TOC]", "///Footnotes Go Here///"
        for extension in md.registeredExtensions:
            name = type(extension).__name__
            if name == "TocExtension":
                toc_marker = str(extension.getConfig("marker") or toc_marker)
            elif name == "FootnoteExtension":
                footnotes_marker = str(extension.getConfig("PLACE_MARKER") or footnotes_marker)
        found = _LOCAL[md] = (local, toc_marker, footnotes_marker)
    return found
