"""Footnote checks: the mistakes Python-Markdown publishes without a word.

A reference with no definition renders as a literal ``[^3]``; a second
definition with the same label silently replaces the first; a definition no
one references still renders, with a back-link to nothing. Footnotes carry a
review's evidence, so each of these is reported at the line where it was
written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from modelpress.checks.context import CheckContext
from modelpress.checks.positions import InlineLocator, line_starts
from modelpress.content import MarkdownPage
from modelpress.diagnostics import Diagnostic, Severity, did_you_mean

__all__ = ["check_footnotes"]

_BARE_URL = re.compile(r"https?://\S+")


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
    definitions, references = _collect(page)
    defined: dict[str, _Definition] = {}
    for definition in definitions:
        first = defined.get(definition.label)
        if first is not None:
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.ERROR,
                "footnote-duplicate",
                f"footnote [^{definition.label}] is defined twice (first on line {first.line}); "
                "only the last definition is published. Merge them or renumber one",
            )
            continue
        defined[definition.label] = definition
    used = {reference.label for reference in references}
    for reference in references:
        if reference.label not in defined:
            hint = did_you_mean(reference.label, [d for d in defined if d not in used])
            yield _diag(
                page,
                reference.line,
                reference.col,
                Severity.ERROR,
                "footnote-undefined",
                f"footnote reference [^{reference.label}] has no definition{hint}; it would be "
                f"published as the literal text [^{reference.label}]. Add a line "
                f"'[^{reference.label}]: …' with the source",
            )
    need_links = bool(context.options.get("footnotes_need_links"))
    for definition in definitions:
        if defined.get(definition.label) is not definition:
            continue
        if definition.label not in used:
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.WARNING,
                "footnote-unused",
                f"footnote [^{definition.label}] is defined but never referenced; reference it "
                f"in the text as [^{definition.label}] or delete it",
            )
        if definition.empty:
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.ERROR,
                "footnote-empty",
                f"footnote [^{definition.label}] is empty; write the source on the same line "
                "or indent it by four spaces under the label",
            )
        elif need_links and not definition.cites:
            yield _diag(
                page,
                definition.line,
                definition.col,
                Severity.ERROR,
                "footnote-no-link",
                f"footnote [^{definition.label}] cites nothing: this site asks every footnote "
                "to link its source ([title](https://…))",
            )


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
