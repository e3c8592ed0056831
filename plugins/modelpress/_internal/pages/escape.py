"""Making a writer's string inert in generated Markdown, and in the HTML it becomes.

Release names, summaries and notes come from YAML records and end up inside
Markdown that Python-Markdown renders, next to raw HTML the templates write.
HTML-escaping alone is not enough there: ``[x](javascript:alert(1))`` has no
``<`` in it and still becomes a live link. Every character Markdown (or one of
the extensions a site may enable) gives meaning to is therefore written as a
numeric character reference: Markdown leaves references alone, and browsers
show them as the plain character, in text and in attribute values alike.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

__all__ = ["html_text", "md_text", "url_attr"]

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN = "\\`*_{}[]()!|~^#:$=/"
"""Inline syntax of Markdown, tables, footnotes, attr_list, abbr, emoji, arithmatex, mark,
and smartsymbols' fractions and ``+/-``."""

_TABLE = str.maketrans({**{ch: f"&#{ord(ch)};" for ch in _MARKDOWN}, **_HTML})
_WHITESPACE = re.compile(r"\s+")
_BLOCK_START = re.compile(r"^(?:(\d+)([.)])(?= |$)|([-+])(?=[ \-+]|$))")
"""A list item or rule at the start of a line: ``1. ``, ``2) ``, ``- ``, ``+ ``, ``---``."""
_ORDINAL = re.compile(r"(\d)(?=(?:st|nd|rd|th)\b)")
"""smartsymbols turns ``1st`` into ``1<sup>st</sup>``; a reference for the digit stops it."""


def _reference(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}&#{ord(match.group(2))};"
    return f"&#{ord(match.group(3))};"


def md_text(value: object) -> Markup:
    """``value`` as text that renders literally in Markdown, in a table cell, or in raw HTML.

    Whitespace runs (newlines included) collapse to one space so a value can never
    end a table row, start an indented code block or open a new paragraph.
    """
    text = _WHITESPACE.sub(" ", str(value)).strip()
    escaped = _BLOCK_START.sub(_reference, text.translate(_TABLE), count=1)
    return Markup(_ORDINAL.sub(lambda m: f"&#{ord(m.group(1))};", escaped))


def html_text(value: object) -> str:
    """``value`` escaped for HTML only: for front matter that themes print unescaped.

    Material writes ``page.meta.title`` and ``description`` into the page as they
    are, so these must already be HTML; Markdown never sees them.
    """
    return str(escape(_WHITESPACE.sub(" ", str(value)).strip()))


_URL_TABLE = str.maketrans({**_HTML, "|": "&#124;", "`": "&#96;", "\\": "&#92;"})


def url_attr(url: object) -> Markup:
    """A URL for an ``href`` written into Markdown.

    HTML-escaped, plus the characters that would end a table cell (a pipe) or open a
    code span (a backtick) and so swallow the tag.
    """
    return Markup(str(url).strip().translate(_URL_TABLE))
