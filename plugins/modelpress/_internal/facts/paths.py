"""What ``{{ release.path }}`` means: the value of one record field, picked and formatted.

A bound value must read exactly as the model page shows it, so every path is
formatted with the model pages' own formatters (:mod:`modelpress._internal.format`),
and picked by the charts' own rules when a record holds several numbers
(:mod:`modelpress._internal.charts.data`). A value the record does not have is a
:class:`PathError` carrying the record's ``why_empty`` reason: a review never
prints a silent blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from modelpress._internal import format as fmt
from modelpress._internal.charts.data import STATUS_ORDER, pick_score
from modelpress._internal.diagnostics import did_you_mean, quote
from modelpress._internal.facts.spelling import closest
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.models import ApiPrice, Release, Source, SpecField

__all__ = [
    "PATHS",
    "Binding",
    "BoundValue",
    "PathError",
    "parse_binding",
    "resolve",
]

PATHS = (
    "context_window",
    "params.total",
    "params.active",
    "announced",
    "released",
    "price.input",
    "price.output",
    "benchmarks.<id>",
    "arena",
)
"""Every path a review may bind, as the README documents them."""

OPTIONS: Mapping[str, frozenset[str]] = {
    "price": frozenset({"provider"}),
    "benchmarks": frozenset({"setting"}),
    "arena": frozenset({"board", "category"}),
}
"""Options each kind of path takes (``provider=xai``); other paths take none."""

_OPTION = re.compile(r'\s+([A-Za-z_]+)=(?:"([^"]*)"|(\S+))')
"""``name=value`` or ``name="a value with spaces"`` after the path."""

_HEADS = ("context_window", "params", "announced", "released", "price", "benchmarks", "arena")


class PathError(Exception):
    """The binding cannot give a value. ``code`` is the diagnostic's code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Binding:
    """A parsed ``{{ … }}``: the release as written, the path, the options."""

    release: str
    path: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def head(self) -> str:
        return self.path.split(".", 1)[0]


@dataclass(frozen=True)
class BoundValue:
    """One value, ready to print: the model page's text, its status and its source."""

    release: Release
    path: str
    display: str
    status: str = "confirmed"
    note: str | None = None
    source_key: str | None = None

    @property
    def source(self) -> Source | None:
        return self.release.sources.get(self.source_key) if self.source_key else None


def parse_binding(expression: str, catalog: Catalog) -> Binding:
    """Split ``grok-4.price.input provider=xai`` into release, path and options.

    Release ids and names may hold dots (``claude-3.5-sonnet``) and spaces (``Grok 4``),
    so the release is the first prefix before a known path head that names a release.
    Options are ``name=value`` words after the path; quote a value with spaces.
    """
    start = _OPTION.search(expression)
    reference = (expression[: start.start()] if start else expression).strip()
    options: dict[str, str] = {}
    at = start.start() if start else len(expression)
    while at < len(expression):
        option = _OPTION.match(expression, at)
        if option is None:
            raise PathError(
                "bound-syntax",
                f"cannot read {quote(expression[at:].strip())} after the options; write "
                'options as name=value, quoting values with spaces (setting="no tools")',
            )
        options[option.group(1).lower()] = (
            option.group(2) if option.group(2) is not None else option.group(3)
        )
        at = option.end()
        if not expression[at:].strip():
            break
    if not reference:
        raise PathError("bound-syntax", "empty '{{ }}'; write {{ <release>.<path> }}")
    candidates = [i for i, ch in enumerate(reference) if ch == "."]
    for at in candidates:
        rest = reference[at + 1 :]
        if rest.split(".", 1)[0] in _HEADS and catalog.release_id(reference[:at]) is not None:
            return Binding(reference[:at], rest, options)
    for at in candidates:  # an unknown release before a known path
        if reference[at + 1 :].split(".", 1)[0] in _HEADS:
            return Binding(reference[:at], reference[at + 1 :], options)
    if candidates:  # a known release before an unknown path
        for at in reversed(candidates):
            if catalog.release_id(reference[:at]) is not None:
                return Binding(reference[:at], reference[at + 1 :], options)
        return Binding(reference[: candidates[-1]], reference[candidates[-1] + 1 :], options)
    raise PathError(
        "bound-syntax",
        f"{quote(reference)} has no path; write {{{{ {reference}.<path> }}}} "
        f"with a path such as {', '.join(PATHS[:3])}",
    )


def resolve(binding: Binding, catalog: Catalog) -> BoundValue:
    """The value ``binding`` names, or :class:`PathError` saying why there is none."""
    release_id = catalog.release_id(binding.release)
    if release_id is None:
        invalid = catalog.invalid_release(binding.release)
        if invalid is not None:
            raise PathError("invalid-release", invalid.message(binding.release))
        raise PathError(
            "bound-unknown-release",
            f"unknown release {quote(binding.release)}"
            f"{_suggest(binding.release, catalog.release_names)}; use a release id, name or "
            "alias from data/releases/",
        )
    release = catalog.releases[release_id]
    allowed = OPTIONS.get(binding.head, frozenset())
    for name in binding.options:
        if name not in allowed:
            takes = f"takes {', '.join(sorted(allowed))}" if allowed else "takes no options"
            raise PathError(
                "bound-bad-option",
                f"unknown option {quote(name)}{did_you_mean(name, allowed)} for "
                f"{quote(binding.path)}, which {takes}",
            )
    resolver = _RESOLVERS.get(binding.path) or _RESOLVERS.get(binding.head + ".*")
    if resolver is None or (binding.head == "benchmarks" and binding.path == "benchmarks"):
        known = [p for p in PATHS if not p.endswith("<id>")] + ["benchmarks.<id>"]
        raise PathError(
            "bound-unknown-path",
            f"unknown path {quote(binding.path)}{did_you_mean(binding.path, known)}; "
            f"bindable paths: {', '.join(PATHS)}",
        )
    return resolver(release, binding, catalog)


def _suggest(word: str, names: Mapping[str, str]) -> str:
    """A "did you mean" from the misspelling matcher, falling back to difflib's."""
    match = closest(word, names)
    return f" (did you mean {quote(match)}?)" if match else did_you_mean(word, names)


def _empty(release: Release, key: SpecField, what: str) -> PathError:
    reason = release.why_empty.get(key)
    because = f": {reason}" if reason else "; add it to the record or remove the binding"
    return PathError("bound-empty", f"{release.id} has no {what}{because}")


def _params(kind: str) -> Callable[[Release, Binding, Catalog], BoundValue]:
    def resolve_params(release: Release, binding: Binding, catalog: Catalog) -> BoundValue:
        count = getattr(release.params, kind)
        if count is None:
            key: SpecField = "params.total" if kind == "total" else "params.active"
            raise _empty(release, key, f"{kind} parameter count")
        return BoundValue(
            release,
            binding.path,
            fmt.parameters(count.value),
            count.status,
            count.note,
            count.source,
        )

    return resolve_params


def _context(release: Release, binding: Binding, catalog: Catalog) -> BoundValue:
    window = release.context_window
    if window is None:
        raise _empty(release, "context_window", "context window")
    # The spec card's reading: "256K tokens" (pages/views.py).
    shown = f"{fmt.tokens(window.value)} tokens"
    return BoundValue(release, binding.path, shown, window.status, window.note, window.source)


def _date(name: str) -> Callable[[Release, Binding, Catalog], BoundValue]:
    def resolve_date(release: Release, binding: Binding, catalog: Catalog) -> BoundValue:
        day = getattr(release, name)
        if day is None:
            raise PathError(
                "bound-empty",
                f"{release.id} has no {name!r} date; add it to the record or remove the binding",
            )
        return BoundValue(release, binding.path, fmt.date(day), source_key=release.dates_source)

    return resolve_date


def _price(part: str) -> Callable[[Release, Binding, Catalog], BoundValue]:
    def resolve_price(release: Release, binding: Binding, catalog: Catalog) -> BoundValue:
        prices: list[ApiPrice] = list(release.pricing.api)
        if not prices:
            raise _empty(release, "pricing.api", "API price")
        provider = binding.options.get("provider")
        if provider is not None:
            listed = sorted({p.provider for p in prices})
            prices = [p for p in prices if p.provider.lower() == provider.lower()]
            if not prices:
                raise PathError(
                    "bound-empty",
                    f"{release.id} lists no API price from {quote(provider)}"
                    f"{did_you_mean(provider, listed)}; it lists: {', '.join(listed)}",
                )
        usd = [p for p in prices if p.currency == "USD"] or prices
        cheapest = min(usd, key=lambda p: (getattr(p, part), STATUS_ORDER[p.status], p.provider))
        return BoundValue(
            release,
            binding.path,
            fmt.money(getattr(cheapest, part), cheapest.currency),
            cheapest.status,
            cheapest.note,
            cheapest.source,
        )

    return resolve_price


def _benchmark(release: Release, binding: Binding, catalog: Catalog) -> BoundValue:
    named = binding.path.split(".", 1)[1]
    benchmark = catalog.benchmark_id(named)
    if benchmark is None:
        raise PathError(
            "bound-unknown-path",
            f"unknown benchmark {quote(named)}{_suggest(named, catalog.benchmark_names)}; "
            "use an id, name or alias from data/benchmarks.yaml",
        )
    entries = [s for s in release.benchmarks if s.benchmark == benchmark]
    if not entries:
        has = sorted({s.benchmark for s in release.benchmarks})
        listed = f"; it has {', '.join(has)}" if has else ""
        raise PathError("bound-empty", f"{release.id} has no score on {benchmark}{listed}")
    setting = binding.options.get("setting")
    if setting is not None:
        settings = [s.setting or s.variant or "" for s in entries]
        entries = [
            s
            for s in entries
            if setting.lower() in ((s.setting or "").lower(), (s.variant or "").lower())
        ]
        if not entries:
            raise PathError(
                "bound-empty",
                f"{release.id} has no {benchmark} score with setting {quote(setting)}"
                f"{did_you_mean(setting, [s for s in settings if s])}; its settings: "
                f"{', '.join(quote(s) for s in settings if s) or 'none given'}",
            )
        chosen = min(
            entries, key=lambda s: (s.score is None, STATUS_ORDER[s.status])
        )  # the charts' rule within the setting
    else:
        picked = pick_score(release, benchmark)
        assert picked is not None  # entries is not empty
        chosen = picked
    if chosen.score is None:
        raise PathError(
            "bound-empty", f"{release.id} has no number on {benchmark}: {chosen.why_empty}"
        )
    return BoundValue(
        release,
        binding.path,
        fmt.score(chosen.score, chosen.unit),
        chosen.status,
        chosen.note,
        chosen.source,
    )


def _arena(release: Release, binding: Binding, catalog: Catalog) -> BoundValue:
    snapshots = list(release.arena)
    for option in ("board", "category"):
        wanted = binding.options.get(option)
        if wanted is not None:
            known = sorted({getattr(s, option) for s in snapshots})
            snapshots = [s for s in snapshots if getattr(s, option).lower() == wanted.lower()]
            if not snapshots:
                raise PathError(
                    "bound-empty",
                    f"{release.id} has no arena reading with {option} {quote(wanted)}"
                    f"{did_you_mean(wanted, known)}",
                )
    if not snapshots:
        raise PathError(
            "bound-empty",
            f"{release.id} has no arena reading; add one under 'arena:' or remove the binding",
        )
    latest = max(snapshots, key=lambda s: (s.as_of, -STATUS_ORDER[s.status]))
    # The model page's arena table prints the score as a whole number.
    return BoundValue(
        release, binding.path, f"{latest.score:.0f}", latest.status, latest.note, latest.source
    )


_RESOLVERS: dict[str, Callable[[Release, Binding, Catalog], BoundValue]] = {
    "context_window": _context,
    "params.total": _params("total"),
    "params.active": _params("active"),
    "announced": _date("announced"),
    "released": _date("released"),
    "price.input": _price("input"),
    "price.output": _price("output"),
    "benchmarks.*": _benchmark,
    "arena": _arena,
}
