"""How numbers read on the generated pages: 2.4T parameters, 256k tokens, $3.00, 61.0%.

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
    """``256000`` → ``256k``, ``1048576`` → ``1.05M``."""
    return _short(float(value), ((1e6, "M"), (1e3, "k")))


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
