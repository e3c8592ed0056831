"""The one error ``modelpress new`` reports: every problem with the request, one per line."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ScaffoldError"]


class ScaffoldError(Exception):
    """Nothing was written; ``problems`` says why, one line each, all of them at once."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
