"""The page check for facts in prose: bindings, misspelled names, mentions and claims.

Registered in :data:`modelpress.checks.PAGE_CHECKS`, so ``modelpress check`` and
the build report the same problems at the same ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from modelpress.content import MarkdownPage
from modelpress.diagnostics import Diagnostic, Severity, quote
from modelpress.facts.claims import ClaimIndex, find_claims
from modelpress.facts.mentions import find_mentions, mention_index
from modelpress.facts.prose import prose_text
from modelpress.facts.regions import Prose
from modelpress.facts.spelling import NameIndex
from modelpress.records.catalog import Catalog

if TYPE_CHECKING:
    from modelpress.checks.context import CheckContext

__all__ = ["check_facts", "ignored_words", "is_review", "name_index"]

MISSPELLED = "misspelled-name"
UNLISTED = "unlisted-model"
CLAIM = "claim-mismatch"


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
        found.extend(check_unlisted(page, context))
        found.extend(check_claims(page, context))
    return found


def check_claims(page: MarkdownPage, context: CheckContext) -> Iterable[Diagnostic]:
    """A warning for each number that contradicts the record of the model its sentence names."""
    index = context.memo.get("facts.claims")
    if not isinstance(index, ClaimIndex):
        index = ClaimIndex(context.catalog, mention_index(context.catalog, context.memo))
        context.memo["facts.claims"] = index
    prose = Prose(page.body, page.tokens)
    for claim in find_claims(page.body, page.tokens, index, prose):
        place = prose.place(claim.start)
        origin = context.catalog.origins.get(f"release:{claim.release.id}")
        record = origin.path if origin else f"the record of {claim.release.id}"
        yield Diagnostic(
            page.display,
            page.file_line(place.line),
            place.col,
            Severity.WARNING,
            CLAIM,
            f"{quote(claim.written)} contradicts {record}: {claim.release.name}'s "
            f"{claim.field} is {claim.recorded} ({claim.status}, source {quote(claim.source)}); "
            f"fix the number, or write {{{{ {claim.release.id}.{claim.field} }}}} to show the "
            "record's value",
        )


def check_unlisted(page: MarkdownPage, context: CheckContext) -> Iterable[Diagnostic]:
    """A suggestion (never a failure) for each release the review names but does not list
    under ``models:``, at its first mention."""
    listed = page.meta.get("models")
    named = {
        context.catalog.release_id(m) for m in (listed if isinstance(listed, list) else [])
    } - {None}
    index = mention_index(context.catalog, context.memo)
    prose = Prose(page.body, page.tokens)
    seen: set[str] = set()
    for mention in find_mentions(page.body, page.tokens, index, prose):
        if mention.release in named or mention.release in seen:
            continue
        seen.add(mention.release)
        place = prose.place(mention.start)
        yield Diagnostic(
            page.display,
            page.file_line(place.line),
            place.col,
            Severity.INFO,
            UNLISTED,
            f"{quote(mention.name)} ({mention.release}) is named but not listed under "
            "'models:'; list it to show it in the models strip and this review on its "
            "model page",
        )


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
