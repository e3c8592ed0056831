"""One pass over a built HTML page: the ids it defines and the links it makes.

The built-site check reads every page of a site that may have thousands, and
Material's pages are large (inline SVG icons, navigation), so it neither builds
a tree nor visits every tag in Python. One compiled expression finds the few
attributes that matter (``id``, ``name``, ``href``, ``src``); a match counts
only when it sits inside a tag (the nearest ``<`` before it is nearer than the
nearest ``>``) and outside comments, scripts and styles. Text cannot fake an
attribute: MkDocs, Python-Markdown and Jinja escape ``<`` and ``>`` in text
and attribute values, so ``href="x"`` shown in a code sample is never inside a tag.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["LinkRef", "PageScan", "scan_html"]

_ATTR_NAME = re.compile(r"(id|name|href|src)\s*=\s*")
"""Starts with a literal, which the regex engine scans for fast (a leading whitespace
class or IGNORECASE makes it four times slower on Material pages). Attribute names are matched
in lower case, as MkDocs, Material and Python-Markdown write them."""
_VALUE = re.compile(r""""([^"]*)"|'([^']*)'|([^\s"'=<>`]+)""")
_OPAQUE = (
    ("<!--", "-->"),
    ("<script", "</script"),
    ("<style", "</style"),
    ("<template", "</template"),
)
"""Regions whose text is not markup: comments, scripts, styles, templates (found with
``str.find``, many times faster than a regular expression tried at every ``<``)."""
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9:-]*")


class LinkRef(NamedTuple):
    """A named tuple, not a dataclass: a big site makes hundreds of thousands of these."""

    url: str
    offset: int
    """Character offset of the attribute in the page, for a line number when no source has it."""
    tag: str


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[LinkRef] = field(default_factory=list)


def scan_html(text: str) -> PageScan:
    result = PageScan()
    ids = result.ids
    links = result.links
    opaque = []
    for opening, closing in _OPAQUE:
        start = text.find(opening)
        while start >= 0:
            if opening == "<!--":
                body = start
            else:
                # The opening <script src=…> tag itself is markup; only its body is opaque.
                close = text.find(">", start)
                body = len(text) if close < 0 else close + 1
            end = text.find(closing, body)
            end = len(text) if end < 0 else end
            opaque.append((body, end))
            start = text.find(opening, end)
    opaque.sort()
    opaque_starts = [start for start, _ in opaque]
    opaque_ends = [end for _, end in opaque]
    rfind = text.rfind
    for match in _ATTR_NAME.finditer(text):
        position = match.start()
        if position == 0 or not text[position - 1].isspace():
            continue  # part of a longer name, such as data-id=
        lt = rfind("<", 0, position)
        if lt < 0 or rfind(">", lt, position) >= 0:
            continue  # in text, not in a tag
        if opaque_starts:
            index = bisect_right(opaque_starts, position) - 1
            if index >= 0 and position < opaque_ends[index]:
                continue
        found = _VALUE.match(text, match.end())
        if found is None:
            continue
        name = match.group(1)
        value = found.group(1)
        if value is None:
            value = found.group(2) if found.group(2) is not None else found.group(3)
        if "&" in value:
            value = html.unescape(value)
        tag_match = _TAG_NAME.match(text, lt + 1)
        tag = tag_match.group(0).lower() if tag_match else ""
        if name == "id":
            ids.add(value)
        elif name == "name":
            if tag == "a":
                ids.add(value)
        else:
            links.append(LinkRef(value, position, tag))
    return result
