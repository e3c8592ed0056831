"""Material's search index, in the preview server, encodes only the entries that are new.

Material writes ``search/search_index.json`` after every build: one ``json.dumps`` of
every section of every page. At 2,000 reviews that is 21 MB of JSON, about 0.17 s of
every save, although a save changes the entries of one page or a few: the build
cache replays every other page's entries, the very dict objects the last build had
(:attr:`~modelpress._internal.mkdocs_plugins.cache.CachePlugin.replayed`).

So while the build cache runs for ``serve``, each entry's JSON is kept with the
entry it was made from and used again while the next build hands over that same
object; anything else is encoded as Material encodes it. The index is Material's own
text: its ``config`` part comes from Material's method run with no entries, and the
entries are joined as ``json.dumps`` joins the items of a list with these separators.
When Material's output does not have the shape this expects (another version, a
search index from a dirty reload), its own method runs.
"""

from __future__ import annotations

import json
from typing import Any

from material.plugins.search import plugin as search_plugin

__all__ = ["KeptSearchEntries", "keep_search_index"]

_ORIGINAL_GENERATE = search_plugin.SearchIndex.generate_search_index
_NO_DOCS = '"docs":[]}'


class KeptSearchEntries:
    """Each search entry's JSON, kept with the entry (so its ``id`` is not reused); only
    the entries of the last build are kept."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[dict[str, Any], str]] = {}
        self.encoded = 0
        """Entries encoded by the last index (the rest were kept)."""

    def clear(self) -> None:
        self._kept = {}

    def generate(self, index: Any, prev: Any) -> str:
        entries = getattr(index, "entries", None)
        if prev is not None or not isinstance(entries, list):
            return str(_ORIGINAL_GENERATE(index, prev))
        index.entries = []
        try:
            empty = str(_ORIGINAL_GENERATE(index, prev))
        finally:
            index.entries = entries
        if not empty.endswith(_NO_DOCS):
            return str(_ORIGINAL_GENERATE(index, prev))
        kept, current = self._kept, {}
        self.encoded = 0
        parts = []
        for entry in entries:
            found = kept.get(id(entry))
            if found is None or found[0] is not entry:
                found = (entry, json.dumps(entry, separators=(",", ":"), default=str))
                self.encoded += 1
            current[id(entry)] = found
            parts.append(found[1])
        self._kept = current
        return f'{empty[: -len(_NO_DOCS)]}"docs":[{",".join(parts)}]}}'


KEPT_SEARCH_ENTRIES = KeptSearchEntries()


def _kept_generate(index: Any, prev: Any) -> str:
    return KEPT_SEARCH_ENTRIES.generate(index, prev)


def keep_search_index(keep: bool) -> KeptSearchEntries:
    """Encode only new entries in the next build (``keep``), or put Material's own back."""
    if keep:
        search_plugin.SearchIndex.generate_search_index = _kept_generate
    else:
        search_plugin.SearchIndex.generate_search_index = _ORIGINAL_GENERATE
        KEPT_SEARCH_ENTRIES.clear()
    return KEPT_SEARCH_ENTRIES
