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
_DIGITS = re.compile(r"\d")
_MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    found: str
    suggestion: str


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


_SOUND_TABLE = str.maketrans("qcyz", "kkis")


def _sound(key: str) -> str:
    """A rough phonetic key: ``kwen`` and ``qwen``, ``grock`` and ``grok`` agree."""
    key = key.replace("ph", "f").replace("ck", "k").replace("qu", "kw")
    key = key.translate(_SOUND_TABLE)
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
    _index: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    """(first two letters as they sound, length) → names within two letters of that length."""
    _starts: set[str] = field(default_factory=set)
    """The first two letters (as they sound) of every name and known confusion."""
    _sounds: dict[str, str] = field(default_factory=dict)
    _digitless: dict[str, str] = field(default_factory=dict)
    _memo: dict[str, str | None] = field(default_factory=dict)
    """Runs of words already judged: an archive repeats its vocabulary from post to post."""

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
        index: dict[tuple[str, int], list[str]] = defaultdict(list)
        for key in self.names:
            for length in range(len(key) - 2, len(key) + 3):
                index[(key[:2].translate(_SOUND_TABLE), length)].append(key)
        self._index = dict(index)
        self._starts = {start for start, _ in index} | {
            key[:2].translate(_SOUND_TABLE) for key in _CONFUSIONS
        }
        self._sounds = {key: _sound(key) for key in self.names}
        self._digitless = {key: _DIGITS.sub("", key) for key in self.names}
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
        """Runs of one to three words spelled nearly like a known name (longest run first).

        Each run is first looked up by its first two letters (as they sound) and its
        length, so the few that could be near a name are the only ones compared.
        """
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
        keys = [_key(w[2]) for w in words]
        stop = [w[2].lower() in _STOPWORDS for w in words]
        inside = self._inside(words, exact)
        found: list[NearMiss] = []
        taken_until = -1
        starts = self._starts
        for i in range(len(words)):
            if words[i][0] < taken_until or stop[i] or inside[i]:
                continue
            if len(keys[i]) >= 2 and keys[i][:2].translate(_SOUND_TABLE) not in starts:
                continue  # no name starts like this word: the common case, decided at once
            for size in (3, 2, 1):
                last = i + size - 1
                if last >= len(words) or any(stop[i + 1 : last + 1] + inside[i + 1 : last + 1]):
                    continue
                key = "".join(keys[i : last + 1])
                if len(key) < 3 or (key not in _CONFUSIONS and self._lookup(key) is None):
                    continue
                start, end = words[i][0], words[last][1]
                if "\n" in text[start:end]:
                    continue
                suggestion = self._suggest(key)
                if suggestion:
                    found.append(NearMiss(start, end, text[start:end], suggestion))
                    taken_until = end
                    break
        return found

    @staticmethod
    def _inside(words: list[tuple[int, int, str]], exact: list[tuple[int, int]]) -> list[bool]:
        """For each word, whether it is part of a name found exactly (those are right)."""
        flags = [False] * len(words)
        spans = sorted(exact)
        j = 0
        for index, (start, end, _) in enumerate(words):
            while j < len(spans) and spans[j][1] <= start:
                j += 1
            flags[index] = j < len(spans) and spans[j][0] < end
        return flags

    def _lookup(self, key: str) -> list[str] | None:
        return self._index.get((key[:2].translate(_SOUND_TABLE), len(key)))

    def _suggest(self, key: str) -> str | None:
        if key not in self._memo:
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = self._compute_suggestion(key)
        return self._memo[key]

    def _compute_suggestion(self, key: str) -> str | None:
        if len(key) < 3 or key in self.names:
            return None
        confused = _CONFUSIONS.get(key)
        if confused and _key(confused) in self.names:
            return self.names[_key(confused)]
        if len(key) < 4 or key.isdigit():
            return None
        sound, digitless = _sound(key), _DIGITS.sub("", key)
        best, best_ratio = None, _CUTOFF
        for candidate in self._lookup(key) or ():
            if self._digitless[candidate] == digitless:
                continue  # another version of the name, not a misspelling
            if self._sounds[candidate] == sound:
                return self.names[candidate]
            matcher = difflib.SequenceMatcher(None, key, candidate)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio and len(key) >= 5:
                best, best_ratio = candidate, ratio
        return self.names[best] if best else None
