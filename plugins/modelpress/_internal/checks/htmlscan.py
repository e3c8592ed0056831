"""One parse of a built HTML page: the ids it defines and the links it makes.

The page is read by a real HTML parser (lxml, whose libxml2 has tokenized HTML
the way HTML5 says since 2.14), not by searching its text: an attribute counts
only where a browser would see one. So ``title="&lt;img src=x&gt;"`` (a record's
name, escaped into an attribute) is text, ``<a title="1 > 0" href=…>`` and
``<A HREF=…>`` are links, entities in values are decoded (``&#106;avascript:``
is read as the browser reads it), and the bodies of scripts, styles and
comments are never markup. ``<template>`` bodies are inert in a browser, so
they are dropped before the page is read.

Why lxml and not selectolax (lexbor): the whole built check on the 500-post
bench site (736 pages) takes 0.95 s of CPU with lxml and 0.57 s with
selectolax (the regex scanner took 0.67 s; medians of 7 interleaved runs), and
mkdocs-htmlproofer-plugin adds about 20 s to that site's build, so both keep
the check well over 5x ahead. lxml gives each element's line in the page and
lexbor gives no position at all, which a message needs when a link has no
Markdown source to point at. libxml2 stops at 2,048 levels of nesting (reported,
see ``unread_from``); lexbor has no limit but took 31 s on 100,000 levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from sys import intern
from typing import NamedTuple

from lxml import etree

__all__ = ["IMAGE_TAGS", "LINK_ATTRIBUTES", "LinkRef", "PageScan", "locate", "scan_html"]

LINK_ATTRIBUTES = frozenset({"href", "src"})
IMAGE_TAGS = frozenset({"img", "image"})
"""Elements whose ``src``/``href`` can only ever show a picture (``image`` is SVG's)."""


class LinkRef(NamedTuple):
    """A named tuple, not a dataclass: a big site makes hundreds of thousands of these."""

    url: str
    """The attribute's value as a browser reads it (entities decoded)."""
    line: int
    """1-based line of the page where the parser read the element's start tag (its end,
    for a tag written over several lines)."""
    tag: str
    """Lower-case element name: ``a``, ``img``, ``link``, ``script``…"""
    attribute: str = ""
    """``href`` or ``src``; empty for a place that is not a link (where parsing stopped)."""
    nth: int = 0
    """How many links with the same attribute come before this one on the same line:
    with the line, it finds the column (:func:`locate`)."""


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[LinkRef] = field(default_factory=list)
    unread_from: int | None = None
    """The line where the parser gave up (a resource limit, such as nesting deeper than
    libxml2's 2048 levels), so what follows was not checked; None when it read it all."""
    unread_because: str = ""
    """Why, in a writer's words."""


def scan_html(text: str) -> PageScan:
    result = PageScan()
    # A fresh parser per page: lxml parsers must not be shared between threads, and
    # making one costs microseconds. huge_tree lifts libxml2's 10 MB text limit, which
    # would otherwise end the page early without a word; collect_ids=False because
    # repeated ids (blog index pages) are not the parser's business.
    parser = etree.HTMLParser(
        encoding="utf-8",
        huge_tree=True,
        collect_ids=False,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
    )
    root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    fatal = [e for e in parser.error_log if e.level >= etree.ErrorLevels.FATAL]
    if fatal:
        result.unread_from = max(1, min(fatal[0].line, text.count("\n") + 1))
        message = str(fatal[0].message)
        result.unread_because = (
            "nesting deeper than 2,048 elements" if "depth" in message else message.strip()
        )
    if root is None:
        return result
    for template in list(root.iter("template")):  # a list: the loop changes the tree
        del template[:]
    ids = result.ids
    links = result.links
    last_line = 0
    seen_on_line: dict[str, int] = {}
    for element in root.iter(etree.Element):
        attributes = element.attrib
        if not attributes:
            continue
        tag = intern(str(element.tag))
        for name, value in attributes.items():
            if not isinstance(value, str):
                continue  # never for a page parsed from text; the stubs allow bytes
            if name == "id" or (name == "name" and tag == "a"):
                ids.add(intern(value))
            elif name in LINK_ATTRIBUTES:
                line = element.sourceline if isinstance(element.sourceline, int) else 1
                if line != last_line:
                    last_line, seen_on_line = line, {}
                nth = seen_on_line.get(name, 0)
                seen_on_line[name] = nth + 1
                # Interned: every page repeats the navigation's addresses and ids, and
                # the scans of a whole site are kept (a third less memory at 500 posts).
                links.append(LinkRef(intern(value), line, tag, intern(name), nth))
    return result


def locate(lines: list[str], link: LinkRef) -> tuple[int, int]:
    """(line, column) of a link's attribute, for a message about it.

    The parser gives lines, not columns, so the column is that of the link's
    attribute name (the ``nth`` one of its kind) on its line; column 1 when it is
    not there (a start tag written over several lines).
    """
    line = max(1, min(link.line, len(lines)))
    if not link.attribute:
        return line, 1
    text = lines[line - 1] if lines else ""
    pattern = re.compile(r"(?<![\w:.-])" + link.attribute + r"\s*=", re.IGNORECASE)
    for index, match in enumerate(pattern.finditer(text)):
        if index == link.nth:
            return line, match.start() + 1
    return line, 1
