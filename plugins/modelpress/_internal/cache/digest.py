"""Stable fingerprints: of bytes, of folders, and of every entry of the catalog's tables."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

from modelpress._internal.cache.access import ALL, PRESENT, Read

__all__ = [
    "TableDigests",
    "catalog_digest",
    "digest",
    "field_digests",
    "tree_digest",
    "value_digest",
]


def digest(*parts: object) -> str:
    """A hex SHA-256 of the parts; ``str``/``bytes`` as is, anything else by ``repr``.

    Parts are length-prefixed so that ``("ab", "c")`` and ``("a", "bc")`` differ.
    """
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(root: Path, suffixes: Iterable[str] | None = None) -> str:
    """Every file under ``root`` (path and bytes), in a stable order; missing root → fixed."""
    if not root.is_dir():
        return digest("absent", root.name)
    wanted = tuple(suffixes) if suffixes is not None else None
    found: list[tuple[str, str]] = []  # os.walk, not Path.rglob: no Path per file skipped
    for directory, folders, names in os.walk(root, followlinks=True):
        folders[:] = [name for name in folders if name != "__pycache__"]
        relative = os.path.relpath(directory, root)
        for name in names:
            if wanted is None or name.endswith(wanted):
                full = os.path.join(directory, name)
                if os.path.isfile(full):
                    found.append((Path(relative, name).as_posix(), full))
    parts: list[object] = []
    for relative_name, full in sorted(found):
        parts += [relative_name, Path(full).read_bytes()]
    return digest(*parts)


def value_digest(value: Any) -> str:
    """A record's fingerprint: pydantic models by their JSON (and that of the fields given,
    which ``model_dump(exclude_unset=True)`` sees), anything else by ``repr``."""
    if isinstance(value, BaseModel):
        return digest(value.model_dump_json(), value.model_dump_json(exclude_unset=True))
    return digest(repr(value))


def field_digests(value: Any) -> Mapping[str, str]:
    """Each top-level field of a pydantic model, by its JSON (an empty mapping otherwise).

    With the JSON of what was given in the file (``exclude_unset``), so a nested value
    whose fields were set differently (seen by ``model_dump(exclude_unset=True)``) differs.
    """
    if not isinstance(value, BaseModel):
        return {}
    return _field_digests(value.model_dump_json(), value.model_dump_json(exclude_unset=True))


@functools.lru_cache(maxsize=4096)
def _field_digests(dumped_json: str, given_json: str) -> Mapping[str, str]:
    """:func:`field_digests` by the model's JSON, which pydantic writes in one call: each
    build makes its records anew, and three views of the catalog digest every record's
    fields (0.1 s each at 440 records), nearly always the same records as last build."""
    dumped, given = json.loads(dumped_json), json.loads(given_json)
    return MappingProxyType(
        {
            name: digest(_json(item), _json(given[name]) if name in given else "unset")
            for name, item in dumped.items()
        }
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class TableDigests:
    """Fingerprints of what a page read of some tables, computed on first use.

    ``tables`` maps a table name to its dict; :meth:`of` answers for one recorded
    read ``(table, key, field)`` (see :mod:`modelpress._internal.cache.access`):
    a field of an entry, the whole entry (``ALL``), whether it is there
    (``PRESENT``); with the key ``ALL``, the table's keys in order or all of it.
    """

    def __init__(self, tables: Mapping[str, Mapping[str, Any]]) -> None:
        self.tables = tables
        self._known: dict[Read, str] = {}
        self._fields: dict[tuple[str, str], Mapping[str, str]] = {}
        self._groups_tested: dict[int, tuple[Mapping[str, str], bool]] = {}
        """:meth:`unchanged_groups` by group (kept alive here, so no id is reused)."""
        self._joined: dict[str, str] = {}
        """:meth:`of` by a read as stored with a page (``""``: not a read this version
        stores); 2,000 pages check some 200,000 stored reads, most of them the same few."""

    def _entry(self, table: str, key: str) -> tuple[bool, Any]:
        entries = self.tables[table]
        if isinstance(entries, dict):  # past a RecordingDict's notes and views
            if dict.__contains__(entries, key):
                return True, dict.__getitem__(entries, key)
            return False, None
        return (True, entries[key]) if key in entries else (False, None)

    def _keys(self, table: str) -> list[str]:
        entries = self.tables[table]
        return [str(k) for k in (dict.keys(entries) if isinstance(entries, dict) else entries)]

    def of(self, table: str, key: str, field: str = ALL) -> str:
        found = self._known.get((table, key, field))
        if found is not None:
            return found
        if table not in self.tables:
            value = digest("no table", table)
        elif key == ALL and field == ALL:
            value = digest(*(f"{k}={self.of(table, k)}" for k in self._keys(table)))
        elif key == ALL:
            value = digest("keys", *self._keys(table))
        else:
            present, item = self._entry(table, key)
            if not present:
                value = digest("absent", table, key)
            elif field == PRESENT:
                value = digest("present", type(item).__qualname__)
            elif field == ALL:
                value = value_digest(item)
            else:
                fields = self._fields.get((table, key))
                if fields is None:
                    fields = self._fields[(table, key)] = field_digests(item)
                # A field the record does not have (never recorded by a view) reads as all.
                value = fields.get(field) or value_digest(item)
        self._known[(table, key, field)] = value
        return value

    def columns(self, table: str, fields: Iterable[str]) -> str:
        """Some fields of every entry, with the keys in order (the names a whole-site index
        is made of)."""
        if table not in self.tables:
            return digest("no table", table)
        wanted = tuple(fields)
        return digest(
            self.of(table, ALL, PRESENT),
            *(self.of(table, key, name) for key in self._keys(table) for name in wanted),
        )

    def of_reads(self, reads: Iterable[Read]) -> dict[str, str]:
        """``"table\\x00key\\x00field" → fingerprint`` for each read, as stored with a page.

        A field read is left out when the page also read the whole entry (it is covered).
        """
        whole = {(table, key) for table, key, field in reads if field == ALL}
        # Interned: most pages store the same reads (every release's name), and the
        # cache's index holds them all until the build ends.
        return {
            sys.intern("\x00".join(read)): self.of(*read)
            for read in sorted(reads)
            if read[2] in (ALL, PRESENT) or (read[0], read[1]) not in whole
        }

    def _stored(self, joined: str) -> str | None:
        """The fingerprint now of a read as stored (None: not a read this version stores)."""
        found = self._joined.get(joined)
        if found is None:
            parts = joined.split("\x00")
            found = self._joined[joined] = self.of(*parts) if len(parts) == 3 else ""
        return found or None

    def unchanged(self, stored: Mapping[str, str]) -> bool:
        """Whether every read stored with a page still has the value it had then."""
        known = self._joined
        if stored.items() <= known.items():  # all known already and equal: a C-speed test
            return True
        for joined, value in stored.items():
            now = known.get(joined)
            if now is None:
                now = self._stored(joined)
            if now != value:
                return False
        return True

    def unchanged_groups(self, groups: Iterable[Mapping[str, str]]) -> bool:
        """:meth:`unchanged` for reads kept in shared groups (``ReadGroupPool``): a group
        that many pages hold is tested once per run, not once per page."""
        tested = self._groups_tested
        for group in groups:
            found = tested.get(id(group))
            if found is None or found[0] is not group:
                found = tested[id(group)] = (group, self.unchanged(group))
            if not found[1]:
                return False
        return True

    def changed(self, stored: Mapping[str, str]) -> list[str]:
        """The reads stored with a page whose value changed, as ``table:key.field``."""
        found = []
        for joined, value in stored.items():
            if self._stored(joined) != value:
                table, _, rest = joined.partition("\x00")
                key, _, field = rest.partition("\x00")
                found.append(f"{table}:{key}" + (f".{field}" if field else ""))
        return found


CATALOG_TABLES = (
    "releases",
    "incidents",
    "benchmarks",
    "orgs",
    "origins",
    "release_names",
    "benchmark_names",
    "invalid_releases",
)


def catalog_digest(catalog: object) -> str:
    """One fingerprint of every record of a catalog (its tables, entry by entry)."""
    tables = {
        name: table
        for name in CATALOG_TABLES
        if isinstance(table := getattr(catalog, name, None), Mapping)
    }
    digests = TableDigests(tables)
    return digest(*(digests.of(name, ALL) for name in sorted(tables)))
