"""Bound values: ``{{ grok-4.price.input }}`` in a review becomes the record's value.

A number typed into prose goes stale the day the record is corrected; a bound
value is read from the record at every build. :func:`find_bindings` locates
the bindings of a page (never in code), :func:`check_bindings` reports the ones
that name nothing (``modelpress check`` and the build share it), and
:func:`render_bindings` writes each value the way its place needs:

- in prose (``HTML``): the model page's text, styled by status with the model
  pages' classes, linking its source, so the source is one click away;
- in a link's text, an image's alt text or a ``chart`` fence (``PLAIN``): the bare
  text, since a link cannot hold a link and a chart title is not Markdown;
- in an email (``EMAIL``): the bare text and a footnote citing the source, which
  the email turns into a numbered endnote.

Every replacement stays on its line, so positions after it do not move.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum

from markdown_it.token import Token
from markupsafe import Markup, escape

from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic, Severity
from modelpress._internal.facts.paths import BoundValue, PathError, parse_binding, resolve
from modelpress._internal.facts.regions import Prose, Region
from modelpress._internal.pages.cells import STATUS_HELP, source_line
from modelpress._internal.pages.escape import md_text, url_attr
from modelpress._internal.records.catalog import Catalog

__all__ = ["Found", "Mode", "Rendered", "check_bindings", "find_bindings", "render_bindings"]

BINDING = re.compile(r"\{\{(?!\{)([^{}\n]*)\}\}")
"""``{{ … }}`` on one line; ``{{{`` is left alone (other templating)."""


class Mode(Enum):
    HTML = "html"
    PLAIN = "plain"
    EMAIL = "email"


@dataclass(frozen=True)
class Found:
    """One binding in a body: its offsets, 0-based line, 1-based column and where it is."""

    start: int
    end: int
    line: int
    col: int
    expression: str
    region: Region
    in_link: bool


def find_bindings(body: str, tokens: Sequence[Token]) -> Iterator[Found]:
    if "{{" not in body:
        return
    prose = Prose(body, tokens)
    for match in BINDING.finditer(body):
        region = prose.region(match.start(), match.end())
        if region is Region.CODE:
            continue
        place = prose.place(match.start())
        yield Found(
            match.start(),
            match.end(),
            place.line,
            place.col,
            match.group(1).strip(),
            region,
            prose.in_link(match.start()),
        )


def _value(found: Found, catalog: Catalog) -> BoundValue:
    return resolve(parse_binding(found.expression, catalog), catalog)


def check_bindings(page: MarkdownPage, catalog: Catalog) -> list[Diagnostic]:
    """One error per binding that names no value, at its ``{{``."""
    problems = []
    for found in find_bindings(page.body, page.tokens):
        try:
            _value(found, catalog)
        except PathError as exc:
            problems.append(
                Diagnostic(
                    page.display,
                    page.file_line(found.line),
                    found.col,
                    Severity.ERROR,
                    exc.code,
                    exc.message,
                )
            )
    return problems


@dataclass
class Rendered:
    markdown: str
    errors: list[tuple[Found, PathError]] = field(default_factory=list)
    count: int = 0


def render_bindings(
    body: str,
    tokens: Sequence[Token],
    catalog: Catalog,
    mode: Mode = Mode.HTML,
    extra: Sequence[tuple[int, int, str]] = (),
) -> Rendered:
    """``body`` with every binding that resolves replaced; the others are left as written
    (and returned, for the caller to report).

    ``extra`` are other replacements of the same body, (start, end, text), that must not
    overlap a binding (model links): all are applied in one pass, on one parse.
    """
    result = Rendered(body)
    edits: list[tuple[int, int, str]] = list(extra)
    notes: dict[tuple[str, str], str] = {}
    for found in find_bindings(body, tokens):
        try:
            bound = _value(found, catalog)
        except PathError as exc:
            result.errors.append((found, exc))
            continue
        if found.region is Region.CHART or (mode is Mode.PLAIN) or found.in_link:
            text = plain(bound)
        elif mode is Mode.EMAIL:
            text = plain(bound) + _endnote(bound, notes)
        else:
            text = str(styled(bound))
        edits.append((found.start, found.end, text))
        result.count += 1
    if not edits:
        return result
    pieces: list[str] = []
    at = 0
    for start, end, text in sorted(edits):
        if start < at:
            continue  # overlapping edits: the first wins
        pieces.append(body[at:start])
        pieces.append(text)
        at = end
    pieces.append(body[at:])
    markdown = "".join(pieces)
    if notes:
        markdown = markdown.rstrip("\n") + "\n\n" + "\n".join(notes.values()) + "\n"
    result.markdown = markdown
    return result


def plain(bound: BoundValue) -> str:
    """The bare text, with the status word when the value is not confirmed."""
    return bound.display if bound.status == "confirmed" else f"{bound.display} ({bound.status})"


def styled(bound: BoundValue) -> Markup:
    """The value as the model pages style it (``mp-value mp-status-*`` and the status word),
    linking its source.

    The text goes in HTML-escaped only, not as character references: it is the
    formatters' output (digits, units, ``$``, ``%``), and the plain-text excerpt of a
    review (meta description, feed, home page) drops tags but keeps text as it is.
    """
    status = bound.status if bound.status in STATUS_HELP else "confirmed"
    tooltip = STATUS_HELP[status] + (f". {bound.note}" if bound.note else "")
    value = Markup('<span class="mp-value mp-status-{}" title="{}">{}</span>').format(
        status, md_text(tooltip), escape(bound.display)
    )
    source = bound.source
    if source is not None:
        about = ", ".join(
            x
            for x in (
                source.title,
                source.publisher or "",
                source.published.isoformat() if source.published else "",
            )
            if x
        )
        value = Markup('<a class="mp-bound" href="{}" title="{}">{}</a>').format(
            url_attr(source.url), md_text(f"Source: {about}"), value
        )
    if status != "confirmed":
        value += Markup(' <span class="mp-status-label">{}</span>').format(status)
    return value


def _endnote(bound: BoundValue, notes: dict[tuple[str, str], str]) -> str:
    """A footnote reference citing the value's source; one note per source of a release."""
    source = bound.source
    if source is None or bound.source_key is None:
        return ""
    key = (bound.release.id, bound.source_key)
    label = f"mp-source-{len(notes) + 1}" if key not in notes else None
    if label is not None:
        notes[key] = f"[^{label}]: {md_text(bound.release.name)}: {source_line(source)}"
    found = notes[key].split("]", 1)[0].removeprefix("[^")
    return f"[^{found}]"
