"""Which records a page read, field by field: tables and records that note every read.

The catalog's tables (releases, incidents, benchmarks, orgs, …) are plain dicts
that charts, the models strip and facts read directly. Swapping them for
:class:`RecordingDict` lets the cache learn, per page, what the page used without
the code that reads them knowing. A read is ``(table, key, field)``:

- ``(table, key, PRESENT)``: whether ``key`` is in the table (a lookup, ``in``);
- ``(table, key, "context_window")``: one top-level field of that entry, read
  through the :class:`RecordView` a lookup returns;
- ``(table, key, ALL)``: the whole entry (``model_dump``, ``==``, ``repr``,
  iteration over its fields, pickling, any method or attribute that is not a
  field): anything the view cannot tell apart counts as reading everything;
- ``(table, ALL, PRESENT)``: the table's keys, in order (iteration, ``len``,
  ``values()``, whose entries are views again);
- ``(table, ALL, ALL)``: everything in the table (``==``, ``copy``, pickling).

Why per field: editing one value of a release (its context window) must not
re-render the hundreds of reviews whose models strip shows that release's name,
date and price but never its context window.

Exactness rests on one rule: a view hands out a field's value as it is (the
dependency is on the whole field, digested whole), and everything else about the
entry goes through :meth:`RecordView.__getattr__` or one of its dunder methods,
which note ``ALL``. Properties of the record's class (``Release.date``) run with
the view as ``self``, so they record the fields they read.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = [
    "ALL",
    "PRESENT",
    "Read",
    "RecordView",
    "Recorder",
    "RecordingDict",
    "capturing",
    "record_tables",
    "replay",
    "unwrap",
]

ALL = "*"
"""As a key: the table's keys (with ``PRESENT``) or all of it; as a field: the whole entry."""
PRESENT = ""
"""The field recorded by a lookup: whether the key is in the table."""

Read = tuple[str, str, str]
"""``(table, key, field)``."""

K = TypeVar("K")
V = TypeVar("V")


class Recorder:
    """The reads of one page (or of one computation whose result is reused)."""

    def __init__(self) -> None:
        self.reads: set[Read] = set()


_LISTENING: list[Recorder] = []


def _note(table: str, key: object, field: str) -> None:
    for recorder in _LISTENING:
        recorder.reads.add((table, key if isinstance(key, str) else repr(key), field))


@contextmanager
def listening(recorder: Recorder) -> Iterator[Recorder]:
    """Record into ``recorder`` every table read made inside the block."""
    _LISTENING.append(recorder)
    try:
        yield recorder
    finally:
        _LISTENING.remove(recorder)


capturing = listening
"""The same, named for code that keeps a result across pages: it captures the reads
that made the result, to :func:`replay` them wherever the result is used again."""


def replay(reads: Iterable[Read]) -> None:
    """Note ``reads`` again for every listening recorder: a page that reuses a result
    computed (and recorded) for another page depends on what that result read."""
    for recorder in _LISTENING:
        recorder.reads.update(reads)


def _fields(target: object) -> frozenset[str]:
    """The names a view records one by one: a pydantic model's declared fields."""
    fields = getattr(type(target), "__pydantic_fields__", None)
    return frozenset(fields) if isinstance(fields, dict) else frozenset()


def _property(target: object, name: str) -> property | None:
    """``name`` as a plain property of the record's class (``Release.date``), if it is one."""
    for klass in type(target).__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            return found if isinstance(found, property) else None
    return None


def unwrap(value: Any) -> Any:
    """The record behind a view (anything else as it is)."""
    return object.__getattribute__(value, "_target") if type(value) is RecordView else value


class RecordView:
    """An entry of a recording table that notes which of its fields are read.

    It passes for the record (``isinstance`` sees the record's class through
    ``__class__``), hands out field values unchanged, and records everything it
    cannot attribute to one field as a read of the whole entry.
    """

    __slots__ = ("_fields", "_key", "_table", "_target")

    def __init__(self, table: str, key: str, target: Any) -> None:
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_fields", _fields(target))

    def _all(self) -> Any:
        _note(object.__getattribute__(self, "_table"), object.__getattribute__(self, "_key"), ALL)
        return object.__getattribute__(self, "_target")

    def __getattr__(self, name: str) -> Any:
        target = object.__getattribute__(self, "_target")
        table = object.__getattribute__(self, "_table")
        key = object.__getattribute__(self, "_key")
        if name in object.__getattribute__(self, "_fields"):
            _note(table, key, name)
            return getattr(target, name)
        found = _property(target, name)
        if found is not None and found.fget is not None:
            return found.fget(self)  # reads through the view: records the fields it uses
        _note(table, key, ALL)
        return getattr(target, name)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(view, Release) holds; the class never changes
        return type(object.__getattribute__(self, "_target"))

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._all(), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._all(), name)

    def __eq__(self, other: object) -> bool:
        if type(other) is RecordView:
            other = other._all()
        return bool(self._all() == other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())

    def __str__(self) -> str:
        return str(self._all())

    def __format__(self, spec: str) -> str:
        return format(self._all(), spec)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def __copy__(self) -> Any:
        return copy.copy(self._all())

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return copy.deepcopy(self._all(), memo)

    def __reduce_ex__(self, protocol: Any) -> Any:  # pickles as the record it stands for
        return self._all().__reduce_ex__(protocol)

    def __dir__(self) -> Iterable[str]:
        return dir(self._all())


class RecordingDict(dict[K, V]):
    """A dict that tells the listening recorders which keys and fields were read.

    Missing keys are recorded too: a page that asked for a release that did not
    exist must be rebuilt when that release appears. Entries that are pydantic
    models are handed out as :class:`RecordView` (one per key, so ``is`` holds
    between two lookups); anything else is recorded as read whole.
    """

    def __init__(self, table: str, items: Mapping[K, V]) -> None:
        super().__init__(items)
        self.table = table
        self._views: dict[Any, RecordView] = {}

    def _view(self, key: Any, value: Any) -> Any:
        if not isinstance(value, BaseModel):
            _note(self.table, key, ALL)
            return value
        view = self._views.get(key)
        if view is None or object.__getattribute__(view, "_target") is not value:
            view = self._views[key] = RecordView(self.table, _key(key), value)
        return view

    def _whole(self) -> dict[K, V]:
        _note(self.table, ALL, ALL)
        return dict(super().items())

    def __getitem__(self, key: K) -> V:
        _note(self.table, key, PRESENT)
        return self._view(key, super().__getitem__(key))  # type: ignore[no-any-return]

    def get(self, key: K, default: Any = None) -> Any:
        _note(self.table, key, PRESENT)
        if not super().__contains__(key):
            return default
        return self._view(key, super().__getitem__(key))

    def __contains__(self, key: object) -> bool:
        _note(self.table, key, PRESENT)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[K]:
        _note(self.table, ALL, PRESENT)
        return super().__iter__()

    def __reversed__(self) -> Iterator[K]:
        _note(self.table, ALL, PRESENT)
        return super().__reversed__()

    def __len__(self) -> int:
        _note(self.table, ALL, PRESENT)
        return super().__len__()

    def keys(self) -> Any:
        _note(self.table, ALL, PRESENT)
        return super().keys()

    def values(self) -> Any:
        _note(self.table, ALL, PRESENT)
        return [self._view(key, value) for key, value in super().items()]

    def items(self) -> Any:
        _note(self.table, ALL, PRESENT)
        return [(key, self._view(key, value)) for key, value in super().items()]

    def copy(self) -> dict[K, V]:
        return self._whole()

    def pop(self, key: K, *default: Any) -> Any:  # mutations hand out raw entries: all read
        self._whole()
        return super().pop(key, *default)

    def popitem(self) -> tuple[K, V]:
        self._whole()
        return super().popitem()

    def setdefault(self, key: K, default: Any = None) -> Any:
        self._whole()
        return super().setdefault(key, default)

    def __eq__(self, other: object) -> bool:
        return self._whole() == other

    def __ne__(self, other: object) -> bool:
        return self._whole() != other

    __hash__ = None

    def __or__(self, other: Any) -> Any:
        return self._whole() | other

    def __ror__(self, other: Any) -> Any:
        return other | self._whole()

    def __repr__(self) -> str:
        return repr(self._whole())

    def __reduce__(self) -> Any:  # pickles (and copies) as the plain dict it stands for
        return (dict, (self._whole(),))


def _key(key: object) -> str:
    return key if isinstance(key, str) else repr(key)


def record_tables(owner: object, names: tuple[str, ...]) -> None:
    """Replace each dict attribute ``names`` of ``owner`` by a recording copy (once)."""
    for name in names:
        value = getattr(owner, name)
        if isinstance(value, dict) and not isinstance(value, RecordingDict):
            setattr(owner, name, RecordingDict(name, value))
