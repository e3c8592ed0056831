"""A review's excerpt as plain text: for ``<meta name="description">``, feeds and the home page.

The excerpt is the Markdown above ``<!-- more -->``. It links to model pages
with paths relative to the post, which would break anywhere else (a feed
reader, a social card, the home page), so the text keeps the words and drops
the links, footnote markers and emphasis.
"""

from __future__ import annotations

import re

__all__ = ["EXCERPT_MARKER", "excerpt_markdown", "excerpt_text"]

EXCERPT_MARKER = "<!-- more -->"

_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
_TAG = re.compile(r"<[^>]+>")
_WHITESPACE = re.compile(r"\s+")


def excerpt_markdown(markdown: str) -> str | None:
    """The Markdown before the excerpt marker, or None when the post has no marker."""
    head, marker, _ = markdown.partition(EXCERPT_MARKER)
    return head if marker else None


def excerpt_text(markdown: str, limit: int = 300) -> str:
    """Plain text of the excerpt (or of the opening, without a marker), cut at a word.

    The result is text, not HTML: callers escape it for where it goes.
    """
    source = excerpt_markdown(markdown)
    if source is None:
        source = markdown
    text = _FOOTNOTE_REF.sub("", source)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _TAG.sub("", text)
    for _ in range(2):  # nested emphasis: **bold _italic_**
        text = _EMPHASIS.sub(r"\2", text)
    text = _WHITESPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"
