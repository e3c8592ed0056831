"""Footnote checks: the mistakes Python-Markdown publishes without a word.

A reference with no definition renders as a literal ``[^3]``; a second
definition with the same label silently replaces the first; a definition no
one references still renders, with a back-link to nothing. Footnotes carry a
review's evidence, so each of these is reported at the line where it was
written.

What is a definition or a reference, and what a definition says, is asked of
Python-Markdown configured as the site is (:mod:`modelpress._internal.checks.rendering`):
markdown-it reads some valid Markdown differently, and the site is what readers
get. markdown-it's tokens and a scan of the source only place each label in the
file (markdown-it maps blocks to lines; Python-Markdown keeps no positions).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from modelpress._internal.checks.context import CheckContext
from modelpress._internal.checks.positions import InlineLocator, SourcePlaces, line_starts
from modelpress._internal.checks.rendering import FootnoteReader, FootnoteReading, RendererRefused
from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic, Severity, did_you_mean, quote

__all__ = ["check_footnotes"]

_BARE_URL = re.compile(r"https?://\S+")
_CITES = re.compile(r"https?://|\]\(|href\s*=", re.I)
"""An inline link, an autolink, a bare web address or a raw HTML link in a definition's text."""
_REFERENCE_LINK = re.compile(r"\[([^\]\n]+)\](?:\[([^\]\n]*)\])?")
"""``[text][label]``, ``[text][]`` or ``[label]``: a link if the page defines the label."""


@dataclass
class _Definition:
    label: str
    line: int
    col: int
    empty: bool
    cites: bool
    """Holds a link (or a bare web address) to what it cites."""


@dataclass
class _Reference:
    label: str
    line: int
    col: int


def check_footnotes(page: MarkdownPage, context: CheckContext) -> Iterator[Diagnostic]:
    reader = context.memo.get("footnote_reader")
    if not isinstance(reader, FootnoteReader):
        reader = context.memo["footnote_reader"] = FootnoteReader(context.markdown)
    try:
        reading = reader.read(page.body) if "[^" in page.body else FootnoteReading()
    except RendererRefused as refused:
        yield _too_deep(page, refused)
        definitions, references = _without_renderer(page)
    else:
        if reading is None:  # the site's Markdown config cannot be loaded here
            definitions, references = _collect(page)
        else:
            definitions, references = _as_rendered(page, reading)
    defined: dict[str, _Definition] = {}
    for definition in definitions:
        first = defined.get(definition.label)
        if first is not None:
            shown = _written(definition.label)
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.ERROR,
                "footnote-duplicate",
                f"footnote {shown} is defined twice (first on line {first.line}); "
                "only the last definition is published. Merge them or renumber one",
            )
            continue
        defined[definition.label] = definition
    used = {reference.label for reference in references}
    for reference in references:
        if reference.label not in defined:
            hint = did_you_mean(reference.label, [d for d in defined if d not in used])
            shown = _written(reference.label)
            yield _diag(
                page,
                reference.line,
                reference.col,
                Severity.ERROR,
                "footnote-undefined",
                f"footnote reference {shown} has no definition{hint}; it would be "
                f"published as the literal text {shown}. Add a line "
                f"'{shown}: …' with the source",
            )
    need_links = bool(context.options.get("footnotes_need_links"))
    for definition in definitions:
        if defined.get(definition.label) is not definition:
            continue
        shown = _written(definition.label)
        if definition.label not in used:
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.WARNING,
                "footnote-unused",
                f"footnote {shown} is defined but never referenced; reference it "
                f"in the text as {shown} or delete it",
            )
        if definition.empty:
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.ERROR,
                "footnote-empty",
                f"footnote {shown} is empty; write its source after the label, "
                "on the same line or on the lines below it",
            )
        elif need_links and not definition.cites:
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.ERROR,
                "footnote-no-link",
                f"footnote {shown} cites nothing: this site asks every footnote "
                "to link its source ([title](https://…))",
            )


def _written(label: str) -> str:
    """A label as the writer would type it, ``[^3]``, passed through :func:`quote`: a pasted
    label may hold control characters or a megabyte of text, and the message names it up
    to three times yet must stay one readable line. The ``[^…]`` notation replaces quote's
    quotation marks, since it already sets the label apart."""
    return f"[^{quote(label)[1:-1]}]"


def _diag(
    page: MarkdownPage, line: int, col: int, severity: Severity, code: str, message: str
) -> Diagnostic:
    return Diagnostic(page.display, line, col, severity, code, message)


def _collect(page: MarkdownPage) -> tuple[list[_Definition], list[_Reference]]:
    definitions: list[_Definition] = []
    references: list[_Reference] = []
    open_definitions: list[tuple[_Definition, list[Token]]] = []
    for token in page.tokens:
        if token.type == "footnote_reference_open":
            label = str(token.meta.get("label", ""))
            line = page.file_line(token.map[0]) if token.map else page.body_line
            col = _label_column(page, line, label)
            definition = _Definition(label, line, col, empty=True, cites=False)
            definitions.append(definition)
            open_definitions.append((definition, []))
            continue
        if token.type == "footnote_reference_close":
            definition, content = open_definitions.pop()
            _judge(definition, content)
            continue
        if open_definitions:
            open_definitions[-1][1].append(token)
        if token.type == "inline" and token.children:
            locator = InlineLocator(page, token)
            for child in token.children:
                if child.type == "footnote_ref":
                    label = str(child.meta.get("label", ""))
                    line, col = locator.find([f"[^{label}]"])
                    references.append(_Reference(label, line, col))
    return definitions, references


def _as_rendered(
    page: MarkdownPage, reading: FootnoteReading
) -> tuple[list[_Definition], list[_Reference]]:
    """The renderer's verdicts, each placed where markdown-it (or else the source) has it."""
    places = SourcePlaces(page, _markdown_it_places(page))
    definitions = []
    for label, text in reading.definitions:
        line, col = places.definition(label)
        empty = not text.strip()
        cites = not empty and _cites(text, reading.link_labels)
        definitions.append(_Definition(label, line, col, empty, cites))
    references = []
    for label, defined in reading.references:
        # Defined references only count as uses; their place is not needed.
        line, col = places.reference(label) if not defined else (page.body_line, 1)
        references.append(_Reference(label, line, col))
    return definitions, references


def _too_deep(page: MarkdownPage, refused: RendererRefused) -> Diagnostic:
    line = page.file_line(refused.line)
    if refused.references:
        return _diag(
            page,
            line,
            1,
            Severity.WARNING,
            "footnote-too-many-references",
            f"footnote {_written(refused.label)} is referenced {refused.references:,} times "
            "on this page: rendering that many takes very long (the renderer's time grows "
            "with the square of the count), so its footnotes were checked without asking "
            "the renderer; cite the source once per paragraph or split the page",
        )
    if refused.failed:
        return _diag(
            page,
            line,
            1,
            Severity.ERROR,
            "markdown-too-deep",
            f"block quotes and lists nest {refused.depth} deep here, deeper than Python-Markdown "
            "can render (the build fails on this page); flatten the nesting",
        )
    return _diag(
        page,
        line,
        1,
        Severity.WARNING,
        "markdown-too-deep",
        f"block quotes and lists nest {refused.depth} deep here on a long page: rendering it "
        "takes very long, and its footnotes were checked without asking the renderer; "
        "flatten the nesting",
    )


def _without_renderer(page: MarkdownPage) -> tuple[list[_Definition], list[_Reference]]:
    """markdown-it's reading, plus the labels it did not reach (deeper than its nesting
    limit) as the source scan finds them."""
    definitions, references = _collect(page)
    places = SourcePlaces(page, [(r.label, r.line, r.col) for r in references])
    seen = {d.label for d in definitions}
    for label, line, col in places.unread_definitions(seen):
        definitions.append(_Definition(label, line, col, empty=False, cites=True))
    references += [_Reference(label, line, col) for label, line, col in places.extra_references()]
    return definitions, references


def _markdown_it_places(page: MarkdownPage) -> list[tuple[str, int, int]]:
    """Where markdown-it saw each footnote reference: (label, file line, column)."""
    _, references = _collect(page)
    return [(r.label, r.line, r.col) for r in references]


def _cites(text: str, link_labels: frozenset[str]) -> bool:
    """Whether a definition's text (as the renderer keeps it) links to something."""
    if _CITES.search(text):
        return True
    for match in _REFERENCE_LINK.finditer(text):
        label = match.group(2) or match.group(1)
        if not label.startswith("^") and " ".join(label.lower().split()) in link_labels:
            return True
    return False


def _judge(definition: _Definition, content: list[Token]) -> None:
    for token in content:
        if token.type != "inline":
            if token.type in ("fence", "code_block", "html_block") and token.content.strip():
                definition.empty = False
            continue
        children = token.children or []
        if token.content.strip():
            definition.empty = False
        for child in children:
            if child.type == "link_open" or (
                child.type == "text" and _BARE_URL.search(child.content)
            ):
                definition.cites = True
        if "href=" in token.content:
            definition.cites = True


def _label_column(page: MarkdownPage, line: int, label: str) -> int:
    starts = line_starts(page.text)
    if 0 < line < len(starts):
        text = page.text[starts[line - 1] : starts[line]]
        index = text.find(f"[^{label}]:")
        if index >= 0:
            return index + 1
    return 1
