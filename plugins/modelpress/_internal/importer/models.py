"""Model names in an imported post: the releases it mentions, and names spelled nearly right.

Names and aliases of the site's releases found in the text are offered as
``models:`` (the writer confirms them). Near misses ("Kwen", "swee bench",
"Grock") are found by the site's own matcher, the one ``modelpress check``
uses for its ``misspelled-name`` warnings (:mod:`modelpress._internal.facts.spelling`):
the import reports them with the same code, message and place, so the check
after an import says nothing new about them, and a post written outside the
docs folder (which the check never reads) is still told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from modelpress._internal.diagnostics import quote
from modelpress._internal.facts.spelling import NameIndex
from modelpress._internal.records import Catalog

__all__ = ["MISSPELLED", "ModelMatcher", "NearMiss", "misspelling_message"]

MISSPELLED = "misspelled-name"
"""The code of the site's misspelling check, used by the import for the same finding."""


def misspelling_message(word: str, suggestion: str) -> str:
    """The site check's message, word for word (``modelpress._internal.facts.check``)."""
    return (
        f"{quote(word)} looks like a misspelling of {quote(suggestion)}; fix it, or list the "
        "word under 'modelpress_ignore_words:' if it is meant"
    )


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    found: str
    suggestion: str


@dataclass
class ModelMatcher:
    """Built once per import from the catalog; matches every post against it."""

    catalog: Catalog
    releases: dict[str, str] = field(default_factory=dict)
    """Name or alias as written → release id."""
    _pattern: re.Pattern[str] | None = None
    _names: NameIndex | None = None

    def __post_init__(self) -> None:
        for release in self.catalog.releases.values():
            for name in (release.name, *release.aliases):
                self.releases.setdefault(name, release.id)
        if self.releases:
            alternatives = "|".join(
                re.escape(n) for n in sorted(self.releases, key=len, reverse=True)
            )
            self._pattern = re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-]|\.\d)")
        self._names = NameIndex(self.catalog)

    @property
    def known_names(self) -> list[str]:
        return list(self.releases)

    def mentions(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Release ids mentioned in ``text`` (first mention first), and where the names are."""
        if self._pattern is None:
            return [], []
        ids: list[str] = []
        spans: list[tuple[int, int]] = []
        for match in self._pattern.finditer(text):
            spans.append(match.span())
            release = self.releases[match.group(0)]
            if release not in ids:
                ids.append(release)
        return ids, spans

    def near_misses(self, text: str, ignore: list[str] | None = None) -> list[NearMiss]:
        """Words of ``text`` (prose, code and links blanked) spelled nearly like a name."""
        assert self._names is not None
        return [
            NearMiss(m.start, m.end, m.word, m.suggestion)
            for m in self._names.scan(text, ignore or ())
        ]
