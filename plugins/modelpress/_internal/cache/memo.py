"""Results of pure functions kept between the preview server's rebuilds.

A rebuild after a save runs the source checks on every page again, although all
pages but one are unchanged. :class:`RunMemo` keeps each result under a key that
names every input of the function (the caller builds it with
:func:`~modelpress._internal.cache.digest.digest`), for as long as the process lives; each
run forgets the keys it did not use, so it holds one site's results at most.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["RunMemo"]

T = TypeVar("T")


class RunMemo(Generic[T]):
    def __init__(self) -> None:
        self._kept: dict[str, T] = {}
        self._used: set[str] = set()

    def start(self) -> None:
        """A run begins: results from before it stay available until :meth:`finish`."""
        self._used = set()

    def get(self, key: str, compute: Callable[[], T]) -> T:
        self._used.add(key)
        if key in self._kept:
            return self._kept[key]
        value = compute()
        self._kept[key] = value
        return value

    def finish(self) -> None:
        """The run is over: forget what it did not ask for."""
        self._kept = {key: value for key, value in self._kept.items() if key in self._used}

    def export(self) -> dict[str, T]:
        """What the last run used, to be kept on disk (see ``modelpress/cache``)."""
        return dict(self._kept)

    def restore(self, kept: dict[str, T]) -> None:
        """Results saved by an earlier process of the same versions; keys name all inputs."""
        if not self._kept:
            self._kept = dict(kept)

    def __len__(self) -> int:
        return len(self._kept)
