"""The online check's memory: URLs that answered well, and when.

Stored as JSON lines, one result appended (and flushed) as soon as it is
known, so a run stopped halfway (Ctrl-C, a killed CI job) keeps everything it
learned; a torn last line is skipped on reading. Only good answers are kept
(ok, redirected): a failure is asked again next time, since links come back
and hosts recover. The file is rewritten compactly, atomically, when it has
grown well past the number of URLs it describes.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

__all__ = ["CACHED_CLASSES", "LinkCache"]

CACHED_CLASSES = frozenset({"ok", "redirected"})


class LinkCache:
    def __init__(self, path: Path, max_age: float, now: float | None = None) -> None:
        self.path = path
        self.max_age = max_age
        self._entries: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._stream: IO[str] | None = None
        self._lines = 0
        self._load(time.time() if now is None else now)

    def _load(self, now: float) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        for line in text.splitlines():
            self._lines += 1
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line cut short by an interrupted run
            if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                continue
            checked = entry.get("checked_at")
            if not isinstance(checked, int | float) or now - checked > self.max_age:
                continue
            if entry.get("class") in CACHED_CLASSES:
                self._entries[entry["url"]] = entry

    def get(self, url: str) -> dict[str, Any] | None:
        with self._lock:
            return self._entries.get(url)

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, entry: dict[str, Any]) -> None:
        """Keep a good result: appended to the file at once, flushed, so it survives a kill."""
        if entry.get("class") not in CACHED_CLASSES:
            return
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        with self._lock:
            self._entries[str(entry["url"])] = entry
            if self._stream is None:
                self._compact_if_bloated()
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._stream = self.path.open("a", encoding="utf-8")
            self._stream.write(line + "\n")
            self._stream.flush()

    def close(self) -> None:
        with self._lock:
            if self._stream is not None:
                self._stream.close()
                self._stream = None

    def __enter__(self) -> LinkCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _compact_if_bloated(self) -> None:
        if self._lines <= 2 * len(self._entries) + 100:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            for entry in self._entries.values():
                stream.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        os.replace(temporary, self.path)
        self._lines = len(self._entries)
