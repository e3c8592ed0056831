"""The page check for facts in prose: bindings, misspelled names, mentions and claims.

Registered in :data:`modelpress._internal.checks.PAGE_CHECKS`, so ``modelpress check`` and
the build report the same problems at the same ``file:line:col``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic, Severity, quote
from modelpress._internal.facts.claims import ClaimIndex, find_claims
from modelpress._internal.facts.mentions import find_mentions, mention_index
from modelpress._internal.facts.prose import prose_text
from modelpress._internal.facts.regions import Prose
from modelpress._internal.facts.spelling import NameIndex
from modelpress._internal.records.catalog import Catalog

if TYPE_CHECKING:
    from modelpress._internal.checks.context import CheckContext

__all__ = ["check_facts", "ignored_words", "is_review", "name_index"]

MISSPELLED = "misspelled-name"
UNLISTED = "unlisted-model"
CLAIM = "claim-mismatch"
DISCUSSED = 3
"""Mentions that make a release a subject of the review rather than a passing comparison."""


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
    # Imported here: bound values format with modelpress._internal.pages, whose package imports the
    # checks, which import this module (a cycle at import time, not at call time).
    from modelpress._internal.facts.bound import check_bindings

    found = check_bindings(page, context.catalog)
    if is_review(page, context):
        found.extend(ReviewProse(page, context).check())
    return found


class ReviewProse:
    """One review's prose, blanked and scanned once, shared by the name and claim checks."""

    def __init__(self, page: MarkdownPage, context: CheckContext) -> None:
        self.page = page
        self.context = context
        self.prose = Prose(page.body, page.tokens)
        self.text = prose_text(page.body, page.tokens, self.prose)
        index = context.memo.get("facts.claims")
        if not isinstance(index, ClaimIndex):
            index = ClaimIndex(context.catalog, mention_index(context.catalog, context.memo))
            context.memo["facts.claims"] = index
        self.index = index
        self.mentions = list(
            find_mentions(page.body, page.tokens, index.mentions, self.prose, self.text)
        )

    def check(self) -> list[Diagnostic]:
        return [*self.spelling(), *self.unlisted(), *self.claims()]

    def _at(self, offset: int, severity: Severity, code: str, message: str) -> Diagnostic:
        place = self.prose.place(offset)
        line = self.page.file_line(place.line)
        return Diagnostic(self.page.display, line, place.col, severity, code, message)

    def spelling(self) -> Iterable[Diagnostic]:
        """A warning for each near miss of a known name."""
        ignore = ignored_words(self.page, self.context.options)
        for miss in name_index(self.context).scan(self.text, ignore):
            yield self._at(
                miss.start,
                Severity.WARNING,
                MISSPELLED,
                f"{quote(miss.word)} looks like a misspelling of {quote(miss.suggestion)}; fix "
                "it, or list the word under 'modelpress_ignore_words:' if it is meant",
            )

    def unlisted(self) -> Iterable[Diagnostic]:
        """A suggestion (never a failure) for each release the review discusses (names at
        least :data:`DISCUSSED` times) but does not list under ``models:``, at its first
        mention."""
        front = self.page.front_matter
        if front is not None and not isinstance(front.data, dict):
            return  # its 'models:' could not be read: none is known to be missing
        listed = self.page.meta.get("models")
        catalog = self.context.catalog
        named = {catalog.release_id(m) for m in (listed if isinstance(listed, list) else [])}
        # Mentions in prose only: a link's text ("our Grok 3 review"), a heading or a
        # footnote's source title does not make a release a subject of the review.
        prose = [m for m in self.mentions if m.linkable]
        counts = Counter(m.release for m in prose)
        seen: set[str] = set()
        for mention in prose:
            if mention.release in named or mention.release in seen:
                continue
            seen.add(mention.release)
            if counts[mention.release] < DISCUSSED:
                continue  # named in passing (a comparison), not a model the review is about
            yield self._at(
                mention.start,
                Severity.INFO,
                UNLISTED,
                f"{quote(mention.name)} ({mention.release}) is named "
                f"{counts[mention.release]} times but not listed under 'models:'; list it to "
                "show it in the models strip and this review on its model page",
            )

    def claims(self) -> Iterable[Diagnostic]:
        """A warning for each number that contradicts the record of the model its sentence
        names."""
        page = self.page
        for claim in find_claims(
            page.body, page.tokens, self.index, self.prose, self.text, self.mentions
        ):
            origin = self.context.catalog.origins.get(f"release:{claim.release.id}")
            record = origin.path if origin else f"the record of {claim.release.id}"
            yield self._at(
                claim.start,
                Severity.WARNING,
                CLAIM,
                f"{quote(claim.written)} contradicts {record}: {claim.release.name}'s "
                f"{claim.field} is {claim.recorded} ({claim.status}, source "
                f"{quote(claim.source)}); fix the number, add it to the record with its "
                f"source if the record lacks it, or write "
                f"{{{{ {claim.release.id}.{claim.field} }}}} to show the record's value",
            )


def misspellings(text: str, catalog: Catalog) -> list[tuple[str, str]]:
    """(word, suggestion) for each near miss in one piece of text: for tests and tools."""
    return [(m.word, m.suggestion) for m in NameIndex(catalog).scan(text)]
