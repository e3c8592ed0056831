"""How numbers read on the generated pages: 2.4T parameters, 256K tokens, $3.00, 61.0%.

Only for display: downloads carry the raw values.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "count",
    "date",
    "money",
    "parameters",
    "score",
    "tokens",
]

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def _short(value: float, scales: tuple[tuple[float, str], ...] = _SCALES) -> str:
    for size, suffix in scales:
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def parameters(value: float) -> str:
    """``2.4e12`` → ``2.4T``: parameter counts are quoted to a few digits everywhere."""
    return _short(value)


def tokens(value: int) -> str:
    """A context size as vendors and readers write it: ``8192`` → ``8K``, ``131072`` →
    ``128K``, ``1048576`` → ``1M``, ``128000`` → ``128K``, ``2000000`` → ``2M``.

    Windows are round either in thousands (128,000; 200,000) or in powers of two
    (8,192 is "8K", never "8.19k"), so every unit of 1,000 and of 1,024 is tried and the
    shortest exact reading wins, thousands first on a tie. A size that is round in
    neither is shown in thousands to one decimal: "12.3K".
    """
    exact = [
        shown
        for base in (1000, 1024)
        for power, suffix in ((2, "M"), (1, "K"))
        if value >= base**power and (value * 10) % base**power == 0
        for shown in [_one_decimal(value / base**power) + suffix]
    ]
    if exact:
        return min(exact, key=len)
    for power, suffix in ((2, "M"), (1, "K")):
        if value >= 1000**power:
            return _one_decimal(value / 1000**power) + suffix
    return str(value)


def _one_decimal(value: float) -> str:
    """``8.0`` → ``8``, ``12.34`` → ``12.3``: no exponent and no trailing zero."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def count(value: int) -> str:
    """Vote counts with thousands separators: ``12,345``."""
    return f"{value:,}"


def money(value: float, currency: str = "USD") -> str:
    """``3`` → ``$3.00``; other currencies keep their code, since symbols are ambiguous."""
    digits = 2 if value >= 0.1 or value == 0 else 3
    amount = f"{value:,.{digits}f}"
    return f"${amount}" if currency == "USD" else f"{amount} {currency}"


def score(value: float, unit: str | None) -> str:
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "usd":
        return money(value)
    if unit == "elo":
        return f"{value:.0f}"
    return f"{value:g}"


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
