"""Numbers in prose that contradict the record of the one model their sentence names.

Conservative by design: a number is checked only when its sentence names
exactly one release and the number is tied to one field by the words right
around it ("$3 per million input tokens", "a 256K-token context window",
"671B total parameters", "93.3% on AIME 2025", "released on 9 July 2025"). A
claim agrees when it matches *any* value the record lists for that field (every
provider's price, every setting's score, total or active parameters, announced
or released), at the precision the writer used ("93%" agrees with 93.3). A
field the record leaves empty is never contradicted.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from modelpress._internal import format as fmt
from modelpress._internal.facts.mentions import Mention, MentionIndex, find_mentions
from modelpress._internal.facts.prose import prose_text
from modelpress._internal.facts.regions import Prose
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.models import Release

__all__ = ["Claim", "ClaimIndex", "find_claims"]

_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)]|#|\|)[ \t])")
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_PRICE = re.compile(
    r"\$" + _NUMBER + r"\s*(?:per|/|a|for\s+(?:every|each))\s*(?:one\s+)?(?:million|1\s?M|M)\b"
    r"(?P<after>[^$;]{0,40})",
    re.I,
)
_CONTEXT = re.compile(
    _NUMBER + r"\s*(?P<unit>K|k|M|thousand|million)?[- ]?(?:token)s?[- ]"
    r"(?:long\s+)?(?:context|window)"
    r"|context(?:\s+window)?\s+(?:of|is|:)\s+(?:up\s+to\s+|about\s+)?"
    + _NUMBER.replace("num", "num2")
    + r"\s*(?P<unit2>K|k|M|thousand|million)?(?:[- ]?tokens?)?",
    re.I,
)
_PARAMS = re.compile(
    _NUMBER + r"\s*(?P<unit>B|T|billion|trillion)[- ]?(?P<kind>(?:total|active)[- ])?"
    r"(?:parameters?|params?)\b",
    re.I,
)
_DATE = re.compile(
    r"(?P<verb>released|launched|announced|unveiled|introduced|shipped|debuted|came out)"
    r"(?P<gap>[^.;:!?]{0,30}?)\b(?:on\s+|in\s+)?"
    r"(?:(?P<d1>\d{1,2})\s+" + _MONTH + r"\s+(?P<y1>\d{4})"
    r"|" + _MONTH.replace("month", "month2") + r"\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|" + _MONTH.replace("month", "month3") + r"\s+(?P<y3>\d{4}))",
    re.I,
)


@dataclass(frozen=True)
class Claim:
    """A number that contradicts the record: where, what was written, what the record says."""

    start: int
    end: int
    release: Release
    field: str
    written: str
    recorded: str
    status: str
    source: str


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _agrees(written: str, values: Sequence[float]) -> bool:
    """The writer's number equals a recorded one at the writer's precision."""
    claim = _number(written)
    places = _decimals(written)
    return any(round(v, places) == claim or abs(v - claim) < 1e-9 for v in values)


class ClaimIndex:
    """What the claim check needs of one catalog, built once per run."""

    def __init__(self, catalog: Catalog, mentions: MentionIndex | None = None) -> None:
        self.catalog = catalog
        self.mentions = mentions or MentionIndex(catalog)
        self.benchmarks = _benchmark_pattern(catalog)


def find_claims(
    body: str,
    tokens: Sequence[Token],
    index: ClaimIndex,
    prose: Prose | None = None,
    text: str | None = None,
    mentions: Sequence[Mention] | None = None,
) -> Iterator[Claim]:
    """Contradicted numbers in ``body``; what the page check already made may be given."""
    catalog = index.catalog
    prose = prose or Prose(body, tokens)
    text = text if text is not None else prose_text(body, tokens, prose)
    if mentions is None:
        mentions = list(find_mentions(body, tokens, index.mentions, prose, text))
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    starts = [m.start for m in mentions]  # in reading order: a sentence's are a slice
    for end in bounds:
        first, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        named = {m.release for m in mentions[first:stop]}
        if len(named) == 1:
            release = catalog.releases[named.pop()]
            yield from _sentence_claims(text, start, end, release, index)
        start = end


def _sentence_claims(
    text: str, start: int, end: int, release: Release, index: ClaimIndex
) -> Iterator[Claim]:
    sentence = text[start:end]
    yield from _prices(sentence, start, release)
    yield from _context(sentence, start, release)
    yield from _params(sentence, start, release)
    yield from _benchmarks(sentence, start, release, index)
    yield from _dates(sentence, start, release)


def _prices(sentence: str, offset: int, release: Release) -> Iterator[Claim]:
    # Each claim kind reads its record field only once the sentence quotes a value of
    # that kind: the build cache keeps a page's findings by the fields its checks read.
    matches = list(_PRICE.finditer(sentence))
    if not matches:
        return
    prices = [p for p in release.pricing.api if p.currency == "USD"]
    if not prices:
        return
    for match in matches:
        after = match.group("after").lower()
        before = sentence[max(0, match.start() - 25) : match.start()].lower()
        if "cache" in after or "cache" in before:
            continue
        parts = {p for p in ("input", "output") if p in after.split("$")[0]}
        if len(parts) != 1:
            continue
        part = parts.pop()
        values = [getattr(p, part) for p in prices]
        if _agrees(match.group("num"), values):
            continue
        cheapest = min(prices, key=lambda p: getattr(p, part))
        yield Claim(
            offset + match.start(),
            offset + match.end("num"),
            release,
            f"price.{part}",
            match.group(0)[: match.end("num") - match.start()],
            " or ".join(sorted({fmt.money(v) for v in values})),
            cheapest.status,
            cheapest.source,
        )


def _tokens(number: str, unit: str | None) -> list[float]:
    value = _number(number)
    unit = (unit or "").lower()
    if unit in ("k", "thousand"):
        return [value * 1000, value * 1024]
    if unit in ("m", "million"):
        return [value * 1_000_000, value * 1_048_576]
    return [value]


def _context(sentence: str, offset: int, release: Release) -> Iterator[Claim]:
    matches = list(_CONTEXT.finditer(sentence))
    if not matches:
        return
    window = release.context_window
    if window is None:
        return
    for match in matches:
        number = match.group("num") or match.group("num2")
        unit = match.group("unit") or match.group("unit2")
        claimed = _tokens(number, unit)
        if max(claimed) < 1000:
            continue  # "a 4-token window" is not a context size anybody quotes
        if any(abs(c - window.value) <= 0.01 * window.value for c in claimed):
            continue
        yield Claim(
            offset + match.start(),
            offset + match.end(),
            release,
            "context_window",
            match.group(0),
            f"{fmt.tokens(window.value)} tokens",
            window.status,
            window.source,
        )


def _params(sentence: str, offset: int, release: Release) -> Iterator[Claim]:
    for match in _PARAMS.finditer(sentence):
        unit = match.group("unit").lower()
        scale = 1e12 if unit in ("t", "trillion") else 1e9
        claimed = _number(match.group("num")) * scale
        kind = (match.group("kind") or "").strip(" -").lower()
        counts = {
            k: c
            for k in ("total", "active")
            if (c := getattr(release.params, k)) is not None and (not kind or k == kind)
        }
        if not counts:
            continue
        if any(abs(claimed - c.value) <= 0.02 * c.value for c in counts.values()):
            continue
        shown = next(iter(counts.values()))
        yield Claim(
            offset + match.start(),
            offset + match.end(),
            release,
            f"params.{next(iter(counts))}",
            match.group(0),
            " or ".join(f"{fmt.parameters(c.value)} {k}" for k, c in counts.items()),
            shown.status,
            shown.source,
        )


def _benchmark_pattern(catalog: Catalog) -> re.Pattern[str]:
    names = sorted(catalog.benchmark_names, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names if len(n) >= 3)
    bench = rf"(?P<bench>{alternatives})(?![\w-])"
    score = r"(?P<num>\d+(?:\.\d+)?)(?P<pct>\s?%|\s?percent)?(?![\w.-]|\s?x\b)"
    return re.compile(
        rf"(?<![\w.]){score}\s+(?:on|in)\s+(?:the\s+)?{bench}"
        rf"|(?<![\w-]){bench.replace('bench>', 'bench2>')}(?:\s+score)?(?:\s+of|:|\s+at|\s*=)?\s+"
        + score.replace("num>", "num2>").replace("pct>", "pct2>"),
        re.I,
    )


def _benchmarks(sentence: str, offset: int, release: Release, index: ClaimIndex) -> Iterator[Claim]:
    catalog = index.catalog
    for match in index.benchmarks.finditer(sentence):
        name = match.group("bench") or match.group("bench2")
        number = match.group("num") or match.group("num2")
        benchmark = catalog.benchmark_id(name)
        if benchmark is None or (1900 <= _number(number) <= 2100 and "." not in number):
            continue
        entries = [s for s in release.benchmarks if s.benchmark == benchmark]
        scores = [s.score for s in entries if s.score is not None]
        if not scores or _agrees(number, scores):
            continue
        unit = catalog.benchmarks[benchmark].unit
        has_percent = match.group("pct") or match.group("pct2")
        if unit == "percent" and not has_percent and _number(number) > 100:
            continue
        first = next(s for s in entries if s.score is not None)
        yield Claim(
            offset + match.start(),
            offset + match.end(),
            release,
            f"benchmarks.{benchmark}",
            match.group(0),
            " or ".join(sorted({fmt.score(v, unit) for v in scores})),
            first.status,
            first.source,
        )


def _dates(sentence: str, offset: int, release: Release) -> Iterator[Claim]:
    matches = list(_DATE.finditer(sentence))
    if not matches:
        return
    days = [d for d in (release.announced, release.released) if d is not None]
    if not days:
        return
    for match in matches:
        if re.search(
            r"\b(?:after|before|since|until|by|later|earlier|weeks?|months?|days?)\b",
            match.group("gap"),
            re.I,
        ):
            continue
        if match.group("iso"):
            try:
                claimed = dt.date.fromisoformat(match.group("iso"))
            except ValueError:
                continue
            agrees = claimed in days
        else:
            month_name = match.group("month") or match.group("month2") or match.group("month3")
            month = _MONTHS[month_name.lower()]
            year = int(match.group("y1") or match.group("y2") or match.group("y3"))
            day_text = match.group("d1") or match.group("d2")
            if day_text:
                try:
                    claimed = dt.date(year, month, int(day_text))
                except ValueError:
                    continue
                agrees = claimed in days
            else:
                agrees = any((d.year, d.month) == (year, month) for d in days)
        if agrees:
            continue
        yield Claim(
            offset + match.start(),
            offset + match.end(),
            release,
            "released",
            match.group(0),
            " / ".join(
                f"{name} {day.isoformat()}"
                for name, day in (("announced", release.announced), ("released", release.released))
                if day is not None
            ),
            "confirmed",
            release.dates_source or "",
        )
