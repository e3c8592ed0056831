"""Results of pure functions kept between the preview server's rebuilds.

A rebuild after a save runs the source checks on every page again, although all
pages but one are unchanged. :class:`RunMemo` keeps each result under a key that
names every input of the function (the caller builds it with
:func:`~modelpress._internal.cache.digest.digest`), for as long as the process lives; each
run forgets the keys it did not use, so it holds one site's results at most.

:class:`ReadMemo` does the same for a function that also reads records: the key
names its other inputs, and the result is kept with the fingerprints of the
record fields it read (recorded as the page cache records a page's), so saving a
record re-runs only the functions that read what changed. :class:`CapturingMemo`
is the per-run scratch dict such a function shares with the next call (an index
of every name, built once): it keeps with each entry the reads that built it and
notes them again for each call that uses it, so no call depends on more than it says.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from modelpress._internal.cache.access import (
    ALL,
    Read,
    Recorder,
    RecordingDict,
    listening,
    replay,
)
from modelpress._internal.cache.digest import TableDigests, digest

__all__ = [
    "CapturingMemo",
    "ReadGroupPool",
    "ReadGroups",
    "ReadMemo",
    "Remembered",
    "RunMemo",
    "recorded_tables",
    "unrecorded_digest",
]

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


ReadGroups = tuple[dict[str, str], ...]
"""Stored reads (``"table\\x00key\\x00field"`` → fingerprint, as
:meth:`TableDigests.of_reads` gives them) split by table and field."""


@dataclass(frozen=True)
class Remembered(Generic[T]):
    """A result and what it read, as groups shared with other results (:class:`ReadGroupPool`)."""

    reads: ReadGroups
    value: T


class ReadGroupPool:
    """One dict per distinct group of stored reads, however many results hold it.

    Most of what a page's source checks read is what every page reads: the names and
    aliases of every release, benchmark and organisation, which the spelling and
    mention checks match against. At 2,000 reviews that was 1.7 million stored reads
    (860 a page) in 1,286 distinct ones; kept page by page they took about 70 MB
    during a build and, loaded back from the cache on disk, 394 MB and a second.
    Split by table and field (``releases``/``name``…), a page's reads are about 13
    groups, most of them the same object for every page: 2,200 distinct groups
    holding 16,000 reads. The pickle on disk keeps that sharing
    (``BuildCache.save_extra(…, shared=True)``).
    """

    def __init__(self) -> None:
        self._groups: dict[frozenset[tuple[str, str]], dict[str, str]] = {}

    def split(self, reads: Mapping[str, str]) -> ReadGroups:
        by_column: dict[tuple[str, str], dict[str, str]] = {}
        for joined, now in reads.items():
            column = (joined.partition("\x00")[0], joined.rpartition("\x00")[2])
            by_column.setdefault(column, {})[joined] = now
        return tuple(self.share(by_column[column]) for column in sorted(by_column))

    def share(self, group: Mapping[str, str]) -> dict[str, str]:
        """The pool's dict equal to ``group`` (``group``'s copy, if it is the first)."""
        content = frozenset(group.items())
        found = self._groups.get(content)
        if found is None:
            # Interned: equal reads of different groups are one string each too.
            found = {sys.intern(joined): sys.intern(now) for joined, now in group.items()}
            self._groups[content] = found
        return found

    def keep_only(self, used: Iterable[ReadGroups]) -> None:
        """Forget the groups that no result in ``used`` holds."""
        live = {id(group) for reads in used for group in reads}
        self._groups = {key: group for key, group in self._groups.items() if id(group) in live}


class ReadMemo(Generic[T]):
    """Results by the key of their other inputs, each valid while its record reads are.

    The tables the function reads must be recording ones (``RecordingDict``) and be
    the tables of the :class:`TableDigests` given to :meth:`get`; whatever else it
    reads belongs in the key. :attr:`computed` and :attr:`reused` count the last run.
    """

    def __init__(self) -> None:
        self._kept: dict[str, Remembered[T]] = {}
        self._used: set[str] = set()
        self._groups = ReadGroupPool()
        self.computed = 0
        self.reused = 0

    def start(self) -> None:
        """A run begins: results from before it stay available until :meth:`finish`."""
        self._used = set()
        self.computed = self.reused = 0

    def get(self, key: str, digests: TableDigests, compute: Callable[[], T]) -> T:
        """The result kept under ``key`` if every record field it read is unchanged in
        ``digests``; else ``compute()``, run while recording what it reads."""
        self._used.add(key)
        kept = self._kept.get(key)
        # ``digests`` resolves each stored read once per run: most pages share most reads
        # (every review reads the names the spelling check matches against).
        if kept is not None and digests.unchanged_groups(kept.reads):
            self.reused += 1
            return kept.value
        with listening(Recorder()) as recorder:
            value = compute()
        reads = self._groups.split(digests.of_reads(recorder.reads))
        self._kept[key] = Remembered(reads, value)
        self.computed += 1
        return value

    def finish(self) -> None:
        """The run is over: forget what it did not ask for. A run that asked nothing at
        all (its caller answered from a memo of its own) forgets nothing."""
        if self._used:
            self._kept = {key: value for key, value in self._kept.items() if key in self._used}
            self._groups.keep_only(kept.reads for kept in self._kept.values())

    def export(self) -> dict[str, Remembered[T]]:
        """What the last run used, to be kept on disk (see ``modelpress/cache``)."""
        return dict(self._kept)

    def restore(self, kept: dict[str, Any]) -> None:
        """Results saved by an earlier process of the same versions (anything else in
        ``kept``, such as a result saved by an older version with its reads ungrouped, is
        left)."""
        if self._kept:
            return
        shared: dict[int, dict[str, str]] = {}  # groups the pickle already shares: one look
        for key, value in kept.items():
            if not (
                isinstance(key, str)
                and isinstance(value, Remembered)
                and isinstance(value.reads, tuple)
                and all(type(group) is dict for group in value.reads)
            ):
                continue
            groups = []
            for group in value.reads:
                found = shared.get(id(group))
                if found is None:
                    found = shared[id(group)] = self._groups.share(group)
                groups.append(found)
            self._kept[key] = Remembered(tuple(groups), value.value)

    def __len__(self) -> int:
        return len(self._kept)


class CapturingMemo(dict[str, Any]):
    """A run's scratch dict (``CheckContext.memo``) whose entries carry their reads.

    The checks fill it as ``found = memo.get(key)``; on a miss they compute and store
    ``memo[key] = value``. A miss starts recording, the store ends it: the reads made in
    between are what built the entry, and every later lookup that finds it notes them
    again for whoever is listening (as :func:`~modelpress._internal.cache.access.replay`
    does). An entry stored without a miss before it counts as reading all of
    ``tables``, as nothing says what it was made of. Call :meth:`close` when the run
    ends, for lookups that missed and stored nothing.
    """

    def __init__(self, tables: Iterable[str]) -> None:
        super().__init__()
        self._everything: frozenset[Read] = frozenset((name, ALL, ALL) for name in tables)
        self._reads: dict[str, frozenset[Read]] = {}
        self._open: dict[str, tuple[Recorder, AbstractContextManager[Recorder]]] = {}

    def _found(self, key: str) -> bool:
        if dict.__contains__(self, key):
            replay(self._reads.get(key, self._everything))
            return True
        if key not in self._open:
            recorder = Recorder()
            listener = listening(recorder)
            listener.__enter__()
            self._open[key] = (recorder, listener)
        return False

    def get(self, key: str, default: Any = None) -> Any:
        return dict.__getitem__(self, key) if self._found(key) else default

    def __getitem__(self, key: str) -> Any:
        if not self._found(key):
            raise KeyError(key)
        return dict.__getitem__(self, key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._found(key)

    def __setitem__(self, key: str, value: Any) -> None:
        opened = self._open.pop(key, None)
        if opened is None:
            self._reads[key] = self._everything
        else:
            recorder, listener = opened
            listener.__exit__(None, None, None)
            self._reads[key] = frozenset(recorder.reads)
        dict.__setitem__(self, key, value)

    def close(self) -> None:
        """Stop recording for lookups that missed and stored nothing."""
        for _, listener in self._open.values():
            listener.__exit__(None, None, None)
        self._open = {}


def recorded_tables(catalog: object) -> dict[str, Mapping[str, Any]]:
    """The catalog's tables that note each read (the ``modelpress/cache`` plugin makes
    them so): a result kept by :class:`ReadMemo` depends only on what it read of them."""
    return {
        name: value for name, value in sorted(vars(catalog).items()) if type(value) is RecordingDict
    }


def unrecorded_digest(catalog: object) -> str:
    """Everything else the catalog holds, whole: the tables of names and aliases, the
    broken registries, and every table when nothing records reads (the cache plugin is
    off). A :class:`ReadMemo` key names it, as reads of these are not noted."""
    parts: list[str] = []
    for name, value in sorted(vars(catalog).items()):
        if type(value) is RecordingDict:
            continue
        if isinstance(value, Mapping):
            parts.append(f"{name}={TableDigests({name: value}).of(name, '*')}")
        elif isinstance(value, set | frozenset):
            parts.append(f"{name}={sorted(repr(v) for v in value)!r}")
        else:
            parts.append(f"{name}={value!r}")
    return digest(*parts)
