"""One shape for every problem Modelpress finds, wherever it finds it.

Records, Markdown checks, chart fences and built-site checks all report
:class:`Diagnostic` objects so that the CLI, the MkDocs plugins and the tests
print and compare them the same way: ``path:line:col: severity: message [code]``.
Codes are stable kebab-case names (like mypy's), so a site can ignore one by name;
each is registered, with its meaning and fix, in :mod:`modelpress._internal.codes`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from modelpress._internal.codes import CODES

__all__ = [
    "Diagnostic",
    "DiagnosticsError",
    "Severity",
    "did_you_mean",
    "has_errors",
    "quote",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """A suggestion: printed, never a failure (not even with ``--strict``)."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place in a file. ``line`` and ``col`` are 1-based."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def __post_init__(self) -> None:
        # A code the README does not explain is a bug in Modelpress, not in the site:
        # refuse it where it is made, so the tests that produce it fail.
        if self.code not in CODES:
            raise ValueError(f"diagnostic code {self.code!r} is not in modelpress._internal.codes")

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.code}]"

    def __str__(self) -> str:
        return self.format()


class DiagnosticsError(Exception):
    """Raised by the core when it cannot go on; carries every problem found so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


_MAX_QUOTED = 60


def quote(value: object) -> str:
    """Quote a writer's value for a one-line message.

    Hostile or pasted values may hold newlines, terminal escapes or megabytes of
    text; a diagnostic must stay one readable line, so control characters are
    escaped and long values are cut.
    """
    text = value if isinstance(value, str) else repr(value)
    escaped = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )
    if len(escaped) > _MAX_QUOTED:
        escaped = escaped[: _MAX_QUOTED - 1] + "…"
    return f"'{escaped}'"


def did_you_mean(word: str, candidates: Iterable[str] | Mapping[str, str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest candidate, or ``""``.

    ``candidates`` may map names to what to suggest, so that a misspelled benchmark
    *name* ("GPQA Diamnd") suggests its *id* ("gpqa"). difflib first, then the known
    confusions and sound-alikes of :func:`modelpress._internal.facts.spelling.closest`.
    """
    suggest = dict(candidates) if isinstance(candidates, Mapping) else {c: c for c in candidates}
    lowered = {name.lower(): target for name, target in suggest.items()}
    key = word.lower()
    if key in lowered:
        return f" (did you mean {quote(lowered[key])}?)"
    matches = difflib.get_close_matches(key, lowered, n=1, cutoff=0.6)
    if matches:
        return f" (did you mean {quote(lowered[matches[0]])}?)"
    # What difflib cannot see: known confusions ("sbench" for SWE-bench) and names that
    # sound alike, from the misspelled-name check's matcher.
    from modelpress._internal.facts.spelling import closest

    meant = closest(word, lowered, loose=False)
    return f" (did you mean {quote(meant)}?)" if meant else ""
