"""The page check for facts in prose: bindings, misspelled names, mentions and claims.

Registered in :data:`modelpress.checks.PAGE_CHECKS`, so ``modelpress check`` and
the build report the same problems at the same ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from modelpress.content import MarkdownPage
from modelpress.diagnostics import Diagnostic, Severity, quote
from modelpress.facts.prose import prose_text
from modelpress.facts.regions import Prose
from modelpress.facts.spelling import NameIndex
from modelpress.records.catalog import Catalog

if TYPE_CHECKING:
    from modelpress.checks.context import CheckContext

__all__ = ["check_facts", "ignored_words", "is_review", "name_index"]

MISSPELLED = "misspelled-name"


def is_review(page: MarkdownPage, context: CheckContext) -> bool:
    """A post of one of the site's blogs (a review), not a plain page."""
    blogs = context.markdown.blogs
    return any(page.src_uri.startswith(blog.post_dir + "/") for blog in blogs)


def name_index(context: CheckContext) -> NameIndex:
    """One index of the catalog's names per run, shared by every page."""
    key = "facts.names"
    index = context.memo.get(key)
    if not isinstance(index, NameIndex):
        index = NameIndex(context.catalog)
        context.memo[key] = index
    return index


def ignored_words(page: MarkdownPage, options: dict[str, object]) -> list[str]:
    """``modelpress_ignore_words`` of the page and ``ignore_words`` of the checks plugin."""
    words: list[str] = []
    for given in (options.get("ignore_words"), page.meta.get("modelpress_ignore_words")):
        if isinstance(given, list):
            words.extend(str(w) for w in given)
        elif isinstance(given, str):
            words.append(given)
    return words


def check_facts(page: MarkdownPage, context: CheckContext) -> list[Diagnostic]:
    # Imported here: bound values format with modelpress.pages, whose package imports the
    # checks, which import this module (a cycle at import time, not at call time).
    from modelpress.facts.bound import check_bindings

    found = check_bindings(page, context.catalog)
    if is_review(page, context):
        found.extend(check_spelling(page, context))
    return found


def check_spelling(page: MarkdownPage, context: CheckContext) -> Iterable[Diagnostic]:
    prose = Prose(page.body, page.tokens)
    text = prose_text(page.body, page.tokens, prose)
    for miss in name_index(context).scan(text, ignored_words(page, context.options)):
        place = prose.place(miss.start)
        yield Diagnostic(
            page.display,
            page.file_line(place.line),
            place.col,
            Severity.WARNING,
            MISSPELLED,
            f"{quote(miss.word)} looks like a misspelling of {quote(miss.suggestion)}; fix "
            "it, or list the word under 'modelpress_ignore_words:' if it is meant",
        )


def misspellings(text: str, catalog: Catalog) -> list[tuple[str, str]]:
    """(word, suggestion) for each near miss in one piece of text: for tests and tools."""
    return [(m.word, m.suggestion) for m in NameIndex(catalog).scan(text)]
