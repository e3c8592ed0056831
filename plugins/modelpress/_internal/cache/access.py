"""Which records a page read: dictionaries that note every lookup while a recorder listens.

The catalog's tables (releases, incidents, benchmarks, orgs, …) are plain dicts
that charts, the models strip and facts read directly. Swapping them for
:class:`RecordingDict` lets the cache learn, per page, which release ids the page
used, without the code that reads them knowing. A read that sees the whole table
(iteration, ``len``, ``values()``) is recorded as ``"*"``: the page then depends
on every entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["ALL", "Recorder", "RecordingDict", "record_tables"]

ALL = "*"
"""The key recorded when a reader saw the whole table."""

K = TypeVar("K")
V = TypeVar("V")


class Recorder:
    """The reads of one page: ``(table, key)`` pairs."""

    def __init__(self) -> None:
        self.reads: set[tuple[str, str]] = set()


_LISTENING: list[Recorder] = []


def _note(table: str, key: object) -> None:
    for recorder in _LISTENING:
        recorder.reads.add((table, key if isinstance(key, str) else repr(key)))


@contextmanager
def listening(recorder: Recorder) -> Iterator[Recorder]:
    """Record into ``recorder`` every table read made inside the block."""
    _LISTENING.append(recorder)
    try:
        yield recorder
    finally:
        _LISTENING.remove(recorder)


class RecordingDict(dict[K, V]):
    """A dict that tells the listening recorders which keys were looked up.

    Missing keys are recorded too: a page that asked for a release that did not
    exist must be rebuilt when that release appears.
    """

    def __init__(self, table: str, items: Mapping[K, V]) -> None:
        super().__init__(items)
        self.table = table

    def __getitem__(self, key: K) -> V:
        _note(self.table, key)
        return super().__getitem__(key)

    def get(self, key: K, default: Any = None) -> Any:
        _note(self.table, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        _note(self.table, key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[K]:
        _note(self.table, ALL)
        return super().__iter__()

    def __len__(self) -> int:
        _note(self.table, ALL)
        return super().__len__()

    def keys(self) -> Any:
        _note(self.table, ALL)
        return super().keys()

    def values(self) -> Any:
        _note(self.table, ALL)
        return super().values()

    def items(self) -> Any:
        _note(self.table, ALL)
        return super().items()

    def copy(self) -> dict[K, V]:
        _note(self.table, ALL)
        return dict(super().items())

    def __reduce__(self) -> Any:  # pickles (and copies) as the plain dict it stands for
        return (dict, (dict(super().items()),))


def record_tables(owner: object, names: tuple[str, ...]) -> None:
    """Replace each dict attribute ``names`` of ``owner`` by a recording copy (once)."""
    for name in names:
        value = getattr(owner, name)
        if isinstance(value, dict) and not isinstance(value, RecordingDict):
            setattr(owner, name, RecordingDict(name, value))
