"""Near-miss spellings of the names the records know: "Grock" for Grok, "Gemni" for Gemini.

Names come from the catalog (releases' names, aliases and ids, their leading
words such as "Qwen" in "Qwen2.5-Max", org names, benchmark names and aliases).
A word of the prose is a suspect only when it looks like a name (capitalized,
or holding a digit or a hyphen), is not itself a known name, and is not an
ordinary English word (``wordfreq``'s frequency list decides, so "Queen",
"Grow" and "Amy" are never taken for "Qwen", "Grok" or "AIME" by distance).
A suspect is reported when it is one edit away (two for long names) from a
known name *and* close by Jaro-Winkler or sounds the same (Metaphone), with its
digits unchanged: "GPT-4.1" is another model, not a misspelling of "GPT-4.5".
A small table of known confusions (speech-to-text and hurried typing) catches
what distance cannot: "Gwen" and "Amy" are ordinary words, "sbench" is short.

The same matcher gives the "did you mean" for unknown ids (:func:`closest`).
Distances come from rapidfuzz and Metaphone from jellyfish; word frequencies
from wordfreq: none of these is written by hand here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA, JaroWinkler
from wordfreq import zipf_frequency

if TYPE_CHECKING:  # at run time only the catalog's attributes are read: no import cycle
    from modelpress._internal.records.catalog import Catalog

__all__ = ["CONFUSIONS", "Misspelling", "NameIndex", "closest", "is_common_word"]

CONFUSIONS: Mapping[str, str] = {
    "gwen": "Qwen",
    "quen": "Qwen",
    "kwen": "Qwen",
    "grock": "Grok",
    "groc": "Grok",
    "amy": "AIME",
    "sbench": "SWE-bench",
    "s-bench": "SWE-bench",
    "swebench": "SWE-bench",
    "swee-bench": "SWE-bench",
    "swee bench": "SWE-bench",
    "s bench": "SWE-bench",
    "clawed": "Claude",
    "jemini": "Gemini",
    "deep seek": "DeepSeek",
    "kimmy": "Kimi",
    "lama": "Llama",
}
"""Known confusions, lowercased → the name meant. Some are ordinary words ("amy",
"lama"): those count only where :data:`NEEDS_CONTEXT` finds a model context. Words as
common as "cloud" or "aim" are left out: no context makes them safe to flag."""

_CONFUSION = re.compile(
    r"(?<![\w.\-])(?:"
    + "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(CONFUSIONS, key=len, reverse=True)
    )
    + r")(?![\w\-])",
    re.I,
)

_CONFUSION_LOWER = re.compile(_CONFUSION.pattern.replace(r"(?<![\w.\-])", "", 1))
""":data:`_CONFUSION` for lowercased ASCII text: no look-behind and no ``re.I``, so the
engine skips straight to the confusions' first letters (three times faster)."""


def _confusion_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every :data:`_CONFUSION` match, in order, as ``finditer`` gives them.

    ASCII text (nearly every review) is searched lowercased with
    :data:`_CONFUSION_LOWER`, the look-behind checked here: a refused start searches again
    from the next offset, exactly as the engine would. Other text keeps ``re.I``, whose
    Unicode case folding ("ſ", the Kelvin sign) ``str.lower`` does not share.
    """
    if not text.isascii():
        yield from (found.span() for found in _CONFUSION.finditer(text))
        return
    lowered = text.lower()
    at = 0
    while (found := _CONFUSION_LOWER.search(lowered, at)) is not None:
        start = found.start()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] in "_.-"):
            at = start + 1
            continue
        yield start, found.end()
        at = found.end()


NEEDS_CONTEXT = frozenset({"amy", "clawed", "lama"})
"""Confusions that are ordinary words: flagged only next to a number ("Amy 2025",
"Lama 3") or a model word (score, benchmark, Sonnet, Opus …), or, capitalized, a
little after words about scores ("scores on SWE-bench and Amy")."""

_CONTEXT_AFTER = re.compile(
    r"[\s'’]*(?:\d|'\d|’\d|(?:score|scores|benchmark|sonnet|opus|haiku|instruct|model|"
    r"pro|mini)\b)",
    re.I,
)

OTHER_NAMES = frozenset(
    [
        "groq",
        "gemma",
        "mistral",
        "mixtral",
        "codestral",
        "phi",
        "falcon",
        "bard",
        "copilot",
        "chatgpt",
        "cohere",
        "jamba",
        "yi",
        "baichuan",
        "glm",
        "chatglm",
        "ernie",
        "hunyuan",
        "doubao",
        "minimax",
        "perplexity",
        "sonar",
        "inflection",
        "sora",
        "dall-e",
        "midjourney",
        "imagen",
        "veo",
        "codex",
        "whisper",
        "devin",
        "cursor",
        "windsurf",
        "olmo",
        "tulu",
        "zephyr",
        "vicuna",
        "alpaca",
        "orca",
        "wizardlm",
        "starcoder",
        "qwq",
        "nova",
        "titan",
        "gpt-4",
        "gpt-4o-mini",
        "o1",
        "o4-mini",
        "grok-3.5",
        "gemini-2.0",
        "claude-4",
        "palm",
        "lamda",
        "chinchilla",
        "gopher",
        "sparrow",
        "megatron",
        "bloom",
        "opt",
        "pythia",
        "dolly",
        "cerebras",
        "sambanova",
        "xai",
        "grokking",
        "arc-agi",
        "arc-agi-1",
        "swe-bench",
        "swe-lancer",
        "aider",
        "simpleqa",
        "frontiermath",
        "bigcodebench",
        "terminal-bench",
        "tau-bench",
    ]
)
"""Real names of other models, companies and benchmarks, near ours but not misspellings
of them ("Groq" the chip maker, not Grok; "Gemma", not Gemini)."""

COMMON_ZIPF = 3.0
"""A word at least this frequent in English (about once per million words) is ordinary."""
WORDLIST = "small"
"""wordfreq's list of the words more frequent than once per million: above
``COMMON_ZIPF`` it answers as the default (large) list does, and it loads in 0.02 s
and 3 MB where the large one takes 0.3 s and 28 MB of every build and check (measured
with tracemalloc). The only words it judges otherwise are the 352 of the large list's
321,180 that sit exactly at 3.0 ("abject", "afield"): they count as uncommon."""

_NAMEISH = re.compile(
    r"(?<![\w.\-])(?:[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"
    r"|[a-z][a-z0-9]*(?:[-.][A-Za-z0-9]+)+|[a-z]+\d[a-z0-9]*)(?:'s|’s)?"
)
"""A word shaped like a name: capitalized, or holding a digit, a hyphen or a dot."""
_DIGITS = re.compile(r"\d+")
_CONTEXT_BEFORE = re.compile(r"\b(?:scores?|scored|benchmarks?|bench|evals?)\b", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s)\Z")


@lru_cache(maxsize=8192)
def is_common_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "en", wordlist=WORDLIST) >= COMMON_ZIPF


@lru_cache(maxsize=8192)
def _sound(word: str) -> str:
    return jellyfish.metaphone(re.sub(r"[^A-Za-z]", "", word)) if word else ""


def _letters(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.lower())


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str
    suggestion: str
    kind: str
    """``release``, ``org``, ``benchmark`` or ``name`` (a known confusion)."""


class NameIndex:
    """The names one catalog knows, ready for matching words of prose against."""

    def __init__(self, catalog: Catalog) -> None:
        self.known: dict[str, tuple[str, str]] = {}
        """Every known name and word of a name, lowercased → (name as written, kind)."""
        self.words: dict[str, tuple[str, str]] = {}
        """What a word may be a misspelling of: one-word names and the first word of a
        name ("Claude", "Qwen"), never a later word ("Sonnet", "Heavy", "Pro")."""
        for release in catalog.releases.values():
            for name in (release.name, *release.aliases, release.id):
                self._add(name, "release")
            if release.family:
                self._add(release.family, "release", stem_only=True)
        for org in catalog.orgs.values():
            self._add(org.name, "org")
            self._add(org.id, "org", stem_only=True)
        for bench in catalog.benchmarks.values():
            for name in (bench.name, *bench.aliases, bench.id):
                self._add(name, "benchmark")
        self._memo: dict[str, tuple[str, str, str] | None] = {}
        self._by_length: dict[int, list[str]] = {}
        for key in self.words:
            self._by_length.setdefault(len(key), []).append(key)

    def _add(self, name: str, kind: str, *, stem_only: bool = False) -> None:
        parts = name.split()
        if not parts:
            return
        first = parts[0]
        heads = {first, first.split("-", 1)[0]}
        stem = re.match(r"[A-Za-z]{3,}", first)
        if stem:
            heads.add(stem.group())
        if len(parts) == 1:
            heads.add(name)
        for word in (name, *parts, *heads):
            self.known.setdefault(word.lower(), (word, kind))
        for word in heads:
            if (len(word) >= 4 and not stem_only) or word == name:
                self.words.setdefault(word.lower(), (word, kind))
        for word in parts[1:]:  # "DeepMind" in "Google DeepMind"; never "Heavy" or "Pro"
            if len(word) >= 5 and word.isalpha() and not is_common_word(word):
                self.words.setdefault(word.lower(), (word, kind))

    def is_known(self, word: str) -> bool:
        key = word.lower()
        return key in self.known or key in OTHER_NAMES

    def match(self, word: str) -> tuple[str, str] | None:
        """The known name ``word`` is a near miss of, with its kind, or None."""
        key = word.lower()
        if self.is_known(word) or len(key) < 4:
            return None
        digits = _DIGITS.findall(key)
        letters = _letters(key)
        best: tuple[float, str] | None = None
        for length in range(len(key) - 2, len(key) + 3):
            for candidate in self._by_length.get(length, ()):
                if _DIGITS.findall(candidate) != digits or _letters(candidate) == letters:
                    continue
                distance = OSA.distance(key, candidate)
                if distance > (1 if len(candidate) < 8 else 2):
                    continue
                similarity = JaroWinkler.similarity(key, candidate)
                same_sound = _sound(key) == _sound(candidate)
                if similarity < 0.85 and not same_sound:
                    continue
                if key[0] != candidate[0] and not same_sound:
                    continue
                score = similarity + (0.1 if same_sound else 0)
                if best is None or score > best[0]:
                    best = (score, candidate)
        return self.words[best[1]] if best else None

    def scan(self, text: str, ignore: Iterable[str] = ()) -> Iterator[Misspelling]:
        """Every near miss in ``text`` (prose), in reading order.

        Two regular expressions find the only words worth a look (known confusions, and
        words shaped like names), so the ordinary lowercase words of a review, nearly all
        of it, cost nothing.
        """
        ignored = {w.lower() for w in ignore}
        found = [*self._confusions(text, ignored), *self._near_misses(text, ignored)]
        yield from sorted(found, key=lambda m: m.start)

    def _confusions(self, text: str, ignored: set[str]) -> Iterator[Misspelling]:
        for start, end in _confusion_spans(text):
            word = text[start:end]
            key = re.sub(r"\s+", " ", word.lower())
            if key in ignored or self.is_known(word):
                continue
            if (
                key in NEEDS_CONTEXT
                and not _CONTEXT_AFTER.match(text, end)
                and not (
                    word[0].isupper() and _CONTEXT_BEFORE.search(text, max(0, start - 30), start)
                )
            ):
                continue
            yield Misspelling(start, end, word, CONFUSIONS[key], "name")

    def _near_misses(self, text: str, ignored: set[str]) -> Iterator[Misspelling]:
        for found in _NAMEISH.finditer(text):
            raw = found.group()
            if raw not in self._memo:
                self._memo[raw] = self._verdict(raw)
            verdict = self._memo[raw]
            if verdict is not None and verdict[0].lower() not in ignored:
                word, meant, kind = verdict
                yield Misspelling(found.start(), found.start() + len(word), word, meant, kind)

    def _verdict(self, raw: str) -> tuple[str, str, str] | None:
        """(word, meant, kind) when the name-shaped word ``raw`` is a near miss; kept per
        word for the whole run, since reviews repeat their words."""
        word = _POSSESSIVE.sub("", raw).rstrip(".")
        key = word.lower()
        if key in CONFUSIONS or self.is_known(word):
            return None
        # Only a plain word can be an English word (wordfreq would estimate a hyphenated
        # name such as "Gemini-2.5-Por" from its parts).
        if word.isalpha() and is_common_word(word):
            return None
        hit = self.match(word)
        return (word, hit[0], hit[1]) if hit else None


def closest(word: str, names: Mapping[str, str], *, loose: bool = True) -> str | None:
    """What an unknown id or name most likely meant, from ``names`` (name → target).

    Known confusions first ("sbench" → the target whose name starts "SWE-bench"), then a
    name that sounds the same one edit away, then (``loose``) the nearest name by
    Jaro-Winkler (rapidfuzz), when it is close enough.
    """
    lowered = {name.lower(): target for name, target in names.items()}
    key = word.strip().lower()
    if key in lowered:
        return lowered[key]
    meant = CONFUSIONS.get(key)
    if meant is not None:
        meant_key = meant.lower()
        for name in sorted(lowered):
            if name == meant_key or name.startswith(meant_key):
                return lowered[name]
    if not lowered:
        return None
    for name in sorted(lowered):
        if _sound(key) == _sound(name) and OSA.distance(key, name) <= max(1, len(key) // 4):
            return lowered[name]
    if not loose:
        return None
    best = process.extractOne(key, list(lowered), scorer=JaroWinkler.normalized_similarity)
    if best is None or best[1] < 0.8:
        return None
    return lowered[best[0]]
