"""How token counts read on the pages: as vendors and readers write them."""

from __future__ import annotations

import pytest

from modelpress._internal import format as fmt


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (4_096, "4K"),
        (8_192, "8K"),
        (32_768, "32K"),
        (131_072, "128K"),
        (128_000, "128K"),
        (200_000, "200K"),
        (256_000, "256K"),
        (1_000_000, "1M"),
        (1_048_576, "1M"),
        (2_000_000, "2M"),
        (2_097_152, "2M"),
        (1_500_000, "1.5M"),
        (1_572_864, "1.5M"),
        (12_345, "12.3K"),
        (1_000, "1K"),
        (1_024, "1K"),
        (999, "999"),
        (1, "1"),
    ],
)
def test_context_sizes_read_as_people_write_them(value: int, shown: str) -> None:
    assert fmt.tokens(value) == shown


def test_no_size_prints_an_exponent_or_a_trailing_zero() -> None:
    for value in (1_024_000, 10_000_000, 100_000_000, 4_000, 65_536, 1_000_448):
        shown = fmt.tokens(value)
        assert "e" not in shown
        assert ".0" not in shown
        assert shown[-1] in "KM"
