"""Model names in an imported post: the releases it mentions, and names spelled nearly right.

Names and aliases of the site's releases found in the text are offered as
``models:`` (the writer confirms them). A run of one to three words that is
close to a release, benchmark or organisation name without being one
("Gemini 2.5 Prro", "swee bench", "Kwen") is reported with the name it
probably meant; speech-to-text notes are full of them. To keep ordinary words
and other versions quiet, a near miss must be about as long as the name, start
with a letter that sounds the same, and differ in letters, not only in digits
("GPT-4.1" is another model, not a misspelling of "GPT-4.5").
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from modelpress.records import Catalog

__all__ = ["ModelMatcher", "NearMiss"]

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z0-9]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "by",
        "for",
        "with",
        "as",
        "it",
        "its",
        "this",
        "that",
        "from",
        "but",
        "not",
        "no",
        "we",
        "you",
        "they",
        "he",
        "she",
        "i",
        "our",
        "their",
        "his",
        "her",
    ]
)
_CONFUSIONS = {
    "amy": "AIME",
    "gwen": "Qwen",
    "kwen": "Qwen",
    "grock": "Grok",
    "sbench": "SWE-bench",
    "sweebench": "SWE-bench",
    "sweetbench": "SWE-bench",
}
"""Speech-to-text confusions no spelling distance finds; used when the name is in the records."""
_CUTOFF = 0.85


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    found: str
    suggestion: str


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def _sound(key: str) -> str:
    """A rough phonetic key: ``kwen`` and ``qwen``, ``grock`` and ``grok`` agree."""
    key = key.replace("ph", "f").replace("ck", "k").replace("qu", "kw")
    key = key.translate(str.maketrans("qcyz", "kkis"))
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass
class ModelMatcher:
    """Built once per import from the catalog; matches every post against it."""

    catalog: Catalog
    releases: dict[str, str] = field(default_factory=dict)
    """Name or alias as written → release id."""
    names: dict[str, str] = field(default_factory=dict)
    """Normalised key → the name to suggest (releases, benchmarks, organisations, families)."""
    _pattern: re.Pattern[str] | None = None
    _by_sound: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for release in self.catalog.releases.values():
            for name in (release.name, *release.aliases):
                self.releases.setdefault(name, release.id)
                self.names.setdefault(_key(name), name)
            if release.family:
                lead = release.name[: len(release.family)]
                if lead.lower() == release.family.lower():
                    self.names.setdefault(_key(lead), lead)
        for bench in self.catalog.benchmarks.values():
            for name in (bench.name, *bench.aliases):
                self.names.setdefault(_key(name), name)
                first = name.split()[0]
                if "-" in first or sum(c.isupper() for c in first) >= 2:
                    self.names.setdefault(_key(first), first)
        for org in self.catalog.orgs.values():
            self.names.setdefault(_key(org.name), org.name)
            self.names.setdefault(_key(org.name.split()[0]), org.name.split()[0])
        self.names = {k: v for k, v in self.names.items() if len(k) >= 3}
        for key in self.names:
            self._by_sound[_sound(key)[:1]].append(key)
        if self.releases:
            alternatives = "|".join(
                re.escape(n) for n in sorted(self.releases, key=len, reverse=True)
            )
            self._pattern = re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-]|\.\d)")

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

    def near_misses(self, text: str, exact: list[tuple[int, int]]) -> list[NearMiss]:
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
        found: list[NearMiss] = []
        taken_until = -1
        for i in range(len(words)):
            if words[i][0] < taken_until or words[i][2].lower() in _STOPWORDS:
                continue
            for size in (3, 2, 1):
                window = words[i : i + size]
                if len(window) < size or any(w[2].lower() in _STOPWORDS for w in window[1:]):
                    continue
                start, end = window[0][0], window[-1][1]
                if "\n" in text[start:end] or any(s < end and start < e for s, e in exact):
                    continue
                suggestion = self._suggest(text[start:end])
                if suggestion:
                    found.append(NearMiss(start, end, text[start:end], suggestion))
                    taken_until = end
                    break
        return found

    def _suggest(self, phrase: str) -> str | None:
        key = _key(phrase)
        if len(key) < 3 or key in self.names:
            return None
        confused = _CONFUSIONS.get(key)
        if confused and _key(confused) in self.names:
            return self.names[_key(confused)]
        if len(key) < 4 or key.isdigit():
            return None
        sound = _sound(key)
        best, best_ratio = None, _CUTOFF
        for candidate in self._by_sound.get(sound[:1], ()):
            if abs(len(candidate) - len(key)) > 2:
                continue
            if re.sub(r"\d", "", candidate) == re.sub(r"\d", "", key):
                continue  # another version of the name, not a misspelling
            if _sound(candidate) == sound:
                return self.names[candidate]
            matcher = difflib.SequenceMatcher(None, key, candidate)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio and len(key) >= 5:
                best, best_ratio = candidate, ratio
        return self.names[best] if best else None
