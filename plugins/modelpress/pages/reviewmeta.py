"""Checks on a review's own front matter: authors, subtitle and date.

Material's blog plugin finds an unknown author only while rendering, after the
theme's files are already copied, and names no file. Checking every post's
front matter before anything is written gives the writer ``file:line`` and
leaves no half-built site behind.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from modelpress.content import MarkdownPage
from modelpress.diagnostics import Diagnostic, Severity, did_you_mean, quote

__all__ = ["check_review_meta"]

_TAG = re.compile(r"<[A-Za-z/!][^>]*>|&[#A-Za-z0-9]+;")


def check_review_meta(page: MarkdownPage, authors: Collection[str]) -> Iterator[Diagnostic]:
    """Problems in a post's ``authors``, ``subtitle`` and ``date``, given the known author ids."""
    yield from _check_authors(page, authors)
    yield from _check_subtitle(page)
    if "date" not in page.meta:
        yield Diagnostic(
            page.display,
            1,
            1,
            Severity.ERROR,
            "missing-date",
            "a review needs 'date: YYYY-MM-DD' in its front matter (the blog orders, "
            "archives and dates posts by it)",
        )


def _check_authors(page: MarkdownPage, known: Collection[str]) -> Iterator[Diagnostic]:
    value = page.meta.get("authors")
    if value is None:
        return
    if not isinstance(value, list):
        yield _at(page, ("authors",), "wrong-type", "'authors' must be a list of ids, e.g. [mara]")
        return
    for index, author in enumerate(value):
        if isinstance(author, str) and author in known:
            continue
        hint = did_you_mean(str(author), known) or (
            f"; known authors: {', '.join(sorted(known))}" if known else ""
        )
        yield _at(
            page,
            ("authors", index),
            "unknown-author",
            f"unknown author {quote(author)}{hint}; authors are defined in the blog's .authors.yml",
        )


def _check_subtitle(page: MarkdownPage) -> Iterator[Diagnostic]:
    value = page.meta.get("subtitle")
    if value is None:
        return
    if not isinstance(value, str):
        yield _at(page, ("subtitle",), "wrong-type", "'subtitle' must be text")
        return
    if _TAG.search(value):
        yield _at(
            page,
            ("subtitle",),
            "html-in-subtitle",
            "the subtitle contains HTML; it is shown as plain text (the tags appear "
            "literally), so write it without markup",
            Severity.WARNING,
        )


def _at(
    page: MarkdownPage,
    key: tuple[str | int, ...],
    code: str,
    message: str,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    line, col = 1, 1
    if page.front_matter is not None:
        pos = page.front_matter.position(key)
        line, col = pos.line, pos.col
    return Diagnostic(page.display, line, col, severity, code, message)
