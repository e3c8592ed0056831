"""The cache on disk: one folder per site variant under ``.cache/modelpress/build/``.

A variant is one config file with one site URL (``mkdocs build`` and the preview
server write different pages, so each keeps its own). In it:

- ``manifest.json``: the format and the *environment*, a fingerprint of the
  versions of Modelpress (its source files), MkDocs, Material, the Markdown
  extensions and Python. A cache whose manifest does not match was made by
  something else and is ignored, with one warning, never trusted.
- ``index.pickle``: for each page, the fingerprint of its inputs, the records it
  read (with their fingerprints) and the names of its two blobs.
- ``pages/<hash>``: the blobs, content-addressed, written only when new: each
  page's payload (what other plugins need from it) and, apart, its HTML, which
  the preview server seldom needs (the file it wrote is usually still there).

Payloads are pickles: the folder is as trusted as ``__pycache__`` next to it (it
is written by this program on this machine and ignored by git); what guards
against a *foreign* or damaged cache is the manifest check and the fact that
anything that fails to load is dropped, never half-used.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from modelpress._internal.cache.digest import digest

__all__ = ["CACHE_DIR", "FORMAT", "BuildCache", "CacheEntry", "clean_cache"]

CACHE_DIR = Path(".cache") / "modelpress" / "build"
"""Where builds keep their cache, relative to the site's folder (mkdocs.yml)."""

FORMAT = 4
"""3: the index and the extras are written entry by entry (:func:`_mapping_writer`);
4: a page's HTML is a blob of its own, apart from its payload."""
MANIFEST = "manifest.json"
INDEX = "index.pickle"
PAGES = "pages"


VERIFIED: dict[str, tuple[int, int, int, int]] = {}
"""Blob files whose bytes this process has found to match their name (a SHA-256), by
path and file identity (inode, size, mtime, ctime). A payload is written once, under its
hash, by an atomic rename (a new inode), never rewritten in place, so the same identity
is the same bytes. Only damage from outside that keeps the inode, the size and, within
one tick of the kernel's clock, the times would go unseen until the next process. The
preview server reads every unchanged page's payload on each save (50 MB at 2,000
reviews) and no longer hashes them all again."""


@dataclass
class CacheEntry:
    """What is known about one page from the build that made it."""

    fingerprint: str
    """Everything about the page's inputs known before it is rendered."""
    reads: dict[str, str]
    """Records the page read while it was rendered, with the fingerprint each had."""
    payload: str
    """Name of the payload blob (its content hash)."""
    output: str
    """Name of the blob holding the page's file as written, or "" when MkDocs wrote no
    file (a page whose HTML is blank)."""
    output_size: int
    """Its length in bytes: enough to tell whether the file in the site folder is still
    the one written, without reading the blob."""


@dataclass
class BuildCache:
    """The cache of one site variant: entries in memory, payloads on disk."""

    folder: Path
    environment: str
    entries: dict[str, CacheEntry] = field(default_factory=dict)
    problem: str | None = None
    """Why an existing cache was not used (shown once as a warning), or None."""
    _extra: dict[str, tuple[Mapping[str, object], bool]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path, environment: str) -> BuildCache:
        """Load the cache in ``folder`` if it was made by this environment; else start empty."""
        cache = cls(folder, environment)
        manifest = folder / MANIFEST
        if not manifest.exists():
            return cache
        try:
            stated = json.loads(manifest.read_text(encoding="utf-8"))
            if not isinstance(stated, dict):
                raise ValueError("the manifest is not a JSON object")
            if stated.get("format") != FORMAT or stated.get("environment") != environment:
                cache.problem = (
                    f"the build cache in {folder} was made by another version of Modelpress, "
                    "MkDocs, Material or their Markdown extensions; ignoring it (it will be "
                    "rebuilt)"
                )
                return cache
            cache.entries = _checked_index(_read_mapping(folder / INDEX))
        except Exception as exc:  # any damage at all: never trust a part of it
            cache.entries = {}
            cache.problem = (
                f"the build cache in {folder} is damaged ({type(exc).__name__}: {exc}); "
                "ignoring it (it will be rebuilt)"
            )
        return cache

    def _blob_path(self, name: str) -> str:
        """Where the blob ``name`` is (also its key in :data:`VERIFIED`)."""
        return os.path.join(self.folder, PAGES, name)

    def read(self, name: str) -> bytes | None:
        """The blob called ``name``, or None when it is missing or not what its name says."""
        path = self._blob_path(name)
        try:
            with open(path, "rb") as stream:
                status = os.fstat(stream.fileno())
                blob = stream.read()
        except OSError:
            return None
        identity = _identity(status)
        if VERIFIED.get(path) == identity and len(blob) == status.st_size:
            return blob
        if digest(blob) != name:
            return None
        VERIFIED[path] = identity
        return blob

    def store(self, blob: bytes) -> str:
        """Write a blob now, unless it is there already; its name.

        Now, not at :meth:`save`: a build does not hold every page's HTML until its end.
        The index that points at it is written by :meth:`save`.
        """
        name = digest(blob)
        target = self._blob_path(name)
        if not os.path.isfile(target) or os.stat(target).st_size != len(blob):  # new, or damaged
            _write_atomic(Path(target), blob)
            # Written from these very bytes: the next read need not hash them (the preview
            # server's first save after a cold start would otherwise hash every page).
            VERIFIED[target] = _identity(os.stat(target))
        return name

    def put(self, src_uri: str, entry: CacheEntry) -> None:
        """Know ``src_uri`` by ``entry`` (its blobs stored with :meth:`store`)."""
        self.entries[src_uri] = entry

    def load_extra(self, name: str) -> dict[str, object]:
        """A mapping saved with :meth:`save_extra` by this environment, or empty."""
        if not self.entries:  # no trusted index: nothing beside it is trusted either
            return {}
        try:
            return _read_mapping(self.folder / f"{name}.pickle")
        except Exception:
            return {}

    def save_extra(self, name: str, value: Mapping[str, object], *, shared: bool = False) -> None:
        """Keep ``value`` beside the pages (written with the index by the next :meth:`save`).

        ``shared``: its entries hold the same objects many times over (see
        :func:`_mapping_writer`), and each is to be written once.
        """
        self._extra[name] = (value, shared)

    def drop(self, src_uri: str) -> None:
        self.entries.pop(src_uri, None)

    def save(self) -> None:
        """Write the index and the manifest; remove payloads nobody uses."""
        pages = self.folder / PAGES
        pages.mkdir(parents=True, exist_ok=True)
        wanted = {entry.payload for entry in self.entries.values()}
        wanted.update(entry.output for entry in self.entries.values())
        _write_atomic(self.folder / INDEX, _mapping_writer(self.entries))
        for name, (value, shared) in self._extra.items():
            _write_atomic(self.folder / f"{name}.pickle", _mapping_writer(value, shared=shared))
        self._extra = {}  # written: the next save writes only what is given again
        manifest = {"format": FORMAT, "environment": self.environment}
        _write_atomic(self.folder / MANIFEST, json.dumps(manifest).encode("utf-8"))
        for path in pages.iterdir():
            if path.name not in wanted:
                with contextlib.suppress(OSError):
                    path.unlink()


def _identity(status: os.stat_result) -> tuple[int, int, int, int]:
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _checked_index(index: object) -> dict[str, CacheEntry]:
    if not isinstance(index, dict):
        raise ValueError("the index is not a mapping")
    for key, entry in index.items():
        if not isinstance(key, str) or not isinstance(entry, CacheEntry):
            raise ValueError("the index holds something other than page entries")
    return index


def _mapping_writer(
    mapping: Mapping[str, object], *, shared: bool = False
) -> Callable[[BinaryIO], None]:
    """Write ``mapping`` as its length, then one pickle per ``(key, value)``.

    Not one pickle of the whole: the built-site scans of a 2,000-review site are about
    10 MB pickled, and pickling such a mapping at once holds, at the end of the build
    (when the build holds the most), the bytes and a memo entry for each of its objects
    (a million of them for the source checks before their reads were grouped: about
    65 MB more at the peak, measured from ``/proc``). An entry's pickle shares nothing
    with another's, so nothing is lost.

    ``shared``: the entries hold the same objects many times (the source checks' read
    groups, one object for every page that read the names of all releases). One
    pickler writes them all, its memo kept from entry to entry, so a shared object is
    written once and read back as one object; the memo then holds the few thousand
    distinct objects, not a million copies. Marked in the header, as it must be read
    back by one unpickler too.
    """

    def write(out: BinaryIO) -> None:
        if not shared:
            pickle.dump(len(mapping), out, protocol=5)
            for item in mapping.items():
                pickle.dump(item, out, protocol=5)
            return
        pickler = pickle.Pickler(out, protocol=5)
        pickler.dump((_SHARED, len(mapping)))
        for item in mapping.items():
            pickler.dump(item)

    return write


_SHARED = "modelpress shared mapping"


def _read_mapping(path: Path) -> dict[str, Any]:
    """What :func:`_mapping_writer` wrote; raises on anything else (or a short file)."""
    with path.open("rb") as handle:
        unpickler = pickle.Unpickler(handle)
        header = unpickler.load()
        shared = isinstance(header, tuple) and len(header) == 2 and header[0] == _SHARED
        count = header[1] if shared else header
        if not isinstance(count, int):
            raise ValueError("not a mapping written by this version")
        found: dict[str, Any] = {}
        for _ in range(count):
            key, value = unpickler.load() if shared else pickle.load(handle)
            found[key] = value
        return found


def _write_atomic(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                data(out)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def clean_cache(site_root: Path) -> bool:
    """Remove the build cache of the site in ``site_root``; whether there was one."""
    folder = site_root / CACHE_DIR
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
