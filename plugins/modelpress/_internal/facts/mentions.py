"""Releases named in a review's prose: linked on first mention, checked against ``models:``.

A mention is a release's name or alias as written in the records ("Grok 3",
"DeepSeek-R1", "o3"), matched case-sensitively and as a whole name: "Grok 3"
in "Grok 3 mini" is Grok 3 mini, "GPT-4o" in "GPT-4o-mini" is not GPT-4o, and
"Grok 3" in "Grok 3.5" is neither, and "Grok 4" in "Grok 4 Fast" (a model the catalog
does not know) is not Grok 4. Code, URLs, HTML tags and bindings are
blanked first (:mod:`modelpress._internal.facts.prose`). A mention is linked only where a
link may go: not in a link's text, a heading or a footnote definition, and not
for a release the review already links to by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from modelpress._internal.facts.prose import prose_text
from modelpress._internal.facts.regions import Prose
from modelpress._internal.records.catalog import Catalog

__all__ = ["Mention", "MentionIndex", "find_mentions", "link_replacements"]

_MODEL_LINK = re.compile(r"\]\(([^)\s]*?)models/([a-z0-9][a-z0-9.-]*?)(?:\.md|/)?(?:#[^)\s]*)?\)")
"""A Markdown link to a model page, relative (``../../models/grok-4.md``) or not."""


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    release: str
    linkable: bool


class MentionIndex:
    """One regular expression of every release name and alias, longest first."""

    def __init__(self, catalog: Catalog) -> None:
        self.names: dict[str, str] = {}
        for release in catalog.releases.values():
            for name in (release.name, *release.aliases):
                if len(name) >= 2 and not re.fullmatch(r"[a-z0-9.-]+-\d{4,}.*", name):
                    self.names.setdefault(name, release.id)
        ordered = sorted(self.names, key=len, reverse=True)
        alternatives = "|".join(re.escape(name) for name in ordered) or r"(?!x)x"
        # Not when another word of a model name follows: "Grok 4 Fast", "GPT-4o mini" and
        # "Llama 3 8B" are other models (the catalog's own longer names match first).
        self.pattern = re.compile(
            rf"(?:{alternatives})(?![\w\-]|\.\d|'\d)"
            r"(?!\s+(?:[A-Z][a-z]+\b|(?:mini|nano|lite|fast|flash|turbo|pro)\b|\d+(?:\.\d+)?[BbTt]\b))"
        )
        """No look-behind in front: it would stop the regex engine from skipping ahead to
        the names' first letters (six times slower); :meth:`matches` checks it instead."""

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        """Whole-name matches: not preceded by a letter, digit, dot, hyphen or slash."""
        for match in self.pattern.finditer(text):
            at = match.start()
            if at and (text[at - 1].isalnum() or text[at - 1] in "_.-/"):
                continue
            yield match


def mention_index(catalog: Catalog, memo: dict[str, object] | None = None) -> MentionIndex:
    if memo is not None:
        found = memo.get("facts.mentions")
        if isinstance(found, MentionIndex):
            return found
    index = MentionIndex(catalog)
    if memo is not None:
        memo["facts.mentions"] = index
    return index


_SPACE = re.compile(r"\s*")
"""What ``str.lstrip()`` strips (both use Unicode's whitespace)."""


def _opens_with(body: str, at: int, prefixes: tuple[str, ...]) -> bool:
    """``body[at:].lstrip().startswith(prefixes)`` without copying the rest of the body."""
    space = _SPACE.match(body, at)
    return space is not None and body.startswith(prefixes, space.end())


def find_mentions(
    body: str,
    tokens: Sequence[Token],
    index: MentionIndex,
    prose: Prose | None = None,
    text: str | None = None,
) -> Iterator[Mention]:
    """Mentions in ``body``; ``prose`` and its ``text`` may be given when already made."""
    prose = prose or Prose(body, tokens)
    text = text if text is not None else prose_text(body, tokens, prose)
    for match in index.matches(text):
        line = prose.line_of(match.start())
        linkable = not (
            prose.in_link(match.start())
            or line in prose.headings
            or line in prose.footnote_lines
            or _opens_with(body, prose.starts[line], ("<", "|"))  # raw HTML, tables
        )
        yield Mention(
            match.start(), match.end(), match.group(), index.names[match.group()], linkable
        )


def linked_releases(body: str) -> set[str]:
    """Releases the writer already links to by hand."""
    return {m.group(2) for m in _MODEL_LINK.finditer(body)}


def link_replacements(
    body: str,
    tokens: Sequence[Token],
    index: MentionIndex,
    target: Callable[[str], str],
) -> list[tuple[int, int, str]]:
    """``[name](target)`` for the first linkable mention of each release not linked yet.

    ``target`` gives the link target of a release id from this page.
    """
    done = linked_releases(body)
    found = []
    for mention in find_mentions(body, tokens, index):
        if mention.release in done or not mention.linkable:
            continue
        done.add(mention.release)
        found.append((mention.start, mention.end, f"[{mention.name}]({target(mention.release)})"))
    return found
