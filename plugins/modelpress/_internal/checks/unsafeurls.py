"""Links in the Markdown that would run code: ``javascript:``, ``vbscript:``, ``data:``.

markdown-it refuses such links (its ``validateLink``), so the shared parse shows
``[x](javascript:…)`` as plain text and no other check sees a link. The site is
rendered by Python-Markdown, which publishes every one of them as a live link.
So a page that may hold one is parsed a second time by a copy of the shared
parser that refuses no link, and each link, image, autolink and reference
definition it finds is judged by the one scheme policy,
:func:`~modelpress._internal.checks.urlsyntax.unsafe_url_problem`. Raw HTML (``href`` and
``src`` of any tag) is read by the HTML parser the built-site check uses, so
``&#106;avascript:``, unquoted values and ``<A HREF=…>`` are read as a browser
reads them.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from markdown_it.token import Token

from modelpress._internal.checks.htmlscan import IMAGE_TAGS
from modelpress._internal.checks.positions import InlineLocator, raw_html_links
from modelpress._internal.checks.urlsyntax import unsafe_url_problem
from modelpress._internal.content import MarkdownPage, _parser
from modelpress._internal.diagnostics import Diagnostic, Severity, quote

__all__ = ["CODE", "check_unsafe_urls", "might_hold_unsafe_url"]

CODE = "unsafe-url"
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_PERMISSIVE: MarkdownIt | None = None


def _permissive() -> MarkdownIt:
    """The shared parser (same rules, same plugins) with a ``validateLink`` that refuses
    nothing: a shallow copy, so the shared parser itself keeps refusing them."""
    global _PERMISSIVE
    if _PERMISSIVE is None:
        parser = copy.copy(_parser())
        parser.validateLink = lambda url: True  # type: ignore[method-assign]
        _PERMISSIVE = parser
    return _PERMISSIVE


def might_hold_unsafe_url(text: str) -> bool:
    """A cheap test that rules out the second parse for nearly every page: no unsafe
    scheme name followed by a colon, even after entities, tabs and newlines are removed
    and case is folded. (``script:`` covers both ``javascript:`` and ``vbscript:``.)"""
    folded = html.unescape(text) if "&" in text else text
    folded = folded.translate(_TAB_OR_NEWLINE).lower()
    return "script:" in folded or "data:" in folded


def check_unsafe_urls(page: MarkdownPage) -> Iterator[Diagnostic]:
    if not might_hold_unsafe_url(page.body):
        return
    env: dict[str, Any] = {}
    tokens = _permissive().parse(page.body, env)
    definitions = [*env.get("references", {}).values(), *env.get("duplicate_refs", [])]
    defined = {str(d["href"]) for d in definitions}
    found: list[Diagnostic] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            found.extend(_inline(page, token, defined))
        elif token.type == "html_block":
            found.extend(_raw_html(page, InlineLocator(page, token), token.content))
    for definition in definitions:
        url = str(definition["href"])
        problem = unsafe_url_problem(url)
        if problem:
            line, col = _definition_place(page, definition["map"])
            found.append(_diagnostic(page, line, col, "link target", url, problem))
    yield from sorted(found)


def _inline(page: MarkdownPage, token: Token, defined: set[str]) -> Iterator[Diagnostic]:
    locator = InlineLocator(page, token)
    written = _destinations(token.content)
    for child in token.children or []:
        if child.type in ("link_open", "image"):
            image = child.type == "image"
            url = str(child.attrs.get("src" if image else "href", ""))
            problem = unsafe_url_problem(url, image=image)
            autolink = child.markup == "autolink"
            raws = written.get(url)
            raw = url if autolink else raws.pop(0) if raws else None
            if raw is None:
                if url in defined:
                    continue  # a reference to a definition, reported where it is written
                raw = url
            place = locator.find([f"<{raw}>" if autolink else raw])
            if not problem:
                continue  # found all the same, to keep the locator's place for the next link
            line, col = place
            what = "image source" if image else "link target"
            yield _diagnostic(page, line, col + 1 if autolink else col, what, raw, problem)
        elif child.type == "html_inline":
            yield from _raw_html(page, locator, child.content)


def _destinations(content: str) -> dict[str, list[str]]:
    """Each ``](destination`` in an inline's source, read by markdown-it's own
    destination parser, keyed by the URL it becomes, so a link token (whose URL
    markdown-it has decoded and percent-encoded) finds the text the writer typed."""
    found: dict[str, list[str]] = {}
    parser = _permissive()
    index = content.find("](")
    while index >= 0:
        start = index + 2
        while start < len(content) and content[start] in " \t\n":
            start += 1
        result = parseLinkDestination(content, start, len(content))
        if result.ok:
            raw = content[start : result.pos]
            if raw.startswith("<") and raw.endswith(">"):
                raw = raw[1:-1]  # <destination with spaces>
            found.setdefault(parser.normalizeLink(result.str), []).append(raw)
        index = content.find("](", index + 2)
    return found


def _raw_html(page: MarkdownPage, locator: InlineLocator, content: str) -> Iterator[Diagnostic]:
    """Each ``href``/``src`` in a piece of raw HTML, read by the HTML parser."""
    for link, line, col in raw_html_links(content, locator):
        problem = unsafe_url_problem(link.url, image=link.tag in IMAGE_TAGS)
        if problem:
            what = f"raw HTML <{link.tag} {link.attribute}>"
            yield _diagnostic(page, line, col, what, link.url, problem)


def _definition_place(page: MarkdownPage, block_map: list[int]) -> tuple[int, int]:
    """(line, column) of a reference definition's URL: the first character after its
    ``]:`` and the spaces after it, which may be on the next line."""
    line, col = InlineLocator(page, Token("definition", "", 0, map=list(block_map))).find(["]:"])
    lines = page.body.split("\n")
    index = line - page.body_line
    if not 0 <= index < len(lines):
        return line, col
    rest = lines[index][col + 1 :]
    if rest.strip():
        return line, col + 2 + len(rest) - len(rest.lstrip())
    if index + 1 < len(lines):
        following = lines[index + 1]
        return line + 1, len(following) - len(following.lstrip()) + 1
    return line, col


def _diagnostic(
    page: MarkdownPage, line: int, col: int, what: str, url: str, problem: str
) -> Diagnostic:
    return Diagnostic(
        page.display, line, col, Severity.ERROR, CODE, f"{what} {quote(url)}: {problem}"
    )
