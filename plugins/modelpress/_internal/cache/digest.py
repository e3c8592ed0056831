"""Stable fingerprints: of bytes, of folders, and of every entry of the catalog's tables."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from modelpress._internal.cache.access import ALL

__all__ = ["TableDigests", "catalog_digest", "digest", "tree_digest", "value_digest"]


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
    parts: list[object] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts or (wanted and path.suffix not in wanted):
            continue
        parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return digest(*parts)


def value_digest(value: Any) -> str:
    """A record's fingerprint: pydantic models by their JSON, anything else by ``repr``."""
    if isinstance(value, BaseModel):
        return digest(value.model_dump_json())
    return digest(repr(value))


class TableDigests:
    """Fingerprints of the entries of some tables, computed on first use.

    ``tables`` maps a table name to its dict; :meth:`of` answers for one recorded
    read (``"*"`` stands for the whole table, in order).
    """

    def __init__(self, tables: Mapping[str, Mapping[str, Any]]) -> None:
        self.tables = tables
        self._known: dict[tuple[str, str], str] = {}

    def of(self, table: str, key: str) -> str:
        found = self._known.get((table, key))
        if found is not None:
            return found
        entries = self.tables.get(table)
        if entries is None:
            value = digest("no table", table)
        elif key == ALL:
            plain = dict.items(entries) if isinstance(entries, dict) else entries.items()
            value = digest(*(f"{k}={self.of(table, str(k))}" for k, _ in plain))
        elif dict.__contains__(entries, key) if isinstance(entries, dict) else key in entries:
            item = dict.__getitem__(entries, key) if isinstance(entries, dict) else entries[key]
            value = value_digest(item)
        else:
            value = digest("absent", table, key)
        self._known[(table, key)] = value
        return value

    def of_reads(self, reads: Iterable[tuple[str, str]]) -> dict[str, str]:
        """``"table\\x00key" → fingerprint`` for each read, as stored with a cached page."""
        return {f"{table}\x00{key}": self.of(table, key) for table, key in sorted(reads)}

    def unchanged(self, stored: Mapping[str, str]) -> bool:
        """Whether every read stored with a page still has the value it had then."""
        for joined, value in stored.items():
            table, _, key = joined.partition("\x00")
            if self.of(table, key) != value:
                return False
        return True


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
