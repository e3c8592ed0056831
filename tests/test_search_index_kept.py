"""The preview server's search index: Material's own JSON, encoding only new entries."""

from __future__ import annotations

import datetime as dt
import json

from material.plugins.search.plugin import SearchIndex

from modelpress._internal.mkdocs_plugins.searchindex import (
    KeptSearchEntries,
    keep_search_index,
)

ORIGINAL = SearchIndex.generate_search_index


def index_of(entries: list[dict[str, object]]) -> SearchIndex:
    index = SearchIndex(
        lang=["en", "de"], separator=r"[\s\-]+", pipeline=["stemmer"], fields={"title": 1}
    )
    index.entries = entries
    return index


def entries() -> list[dict[str, object]]:
    return [
        {"location": "", "title": "Home", "text": "<p>Start</p>"},
        {
            "location": "reviews/a/",
            "title": "Grök “4” — 𝛑",
            "text": "<p>a\u2028b</p>",
            "tags": ["x"],
        },
        {"location": "reviews/a/#scores", "title": "Scores", "text": "", "boost": 2},
        {"location": "models/x/", "title": "X", "text": "dated", "date": dt.date(2025, 7, 9)},
    ]


def test_the_index_is_materials_own_text_and_only_new_entries_are_encoded() -> None:
    kept = KeptSearchEntries()
    items = entries()
    index = index_of(items)
    first = kept.generate(index, None)
    assert first == ORIGINAL(index, None)
    assert json.loads(first)["docs"][3]["date"] == "2025-07-09"  # default=str, as Material
    assert kept.encoded == 4
    assert kept.generate(index, None) == first
    assert kept.encoded == 0
    # A page rendered again hands over new dicts, equal or not; the rest are the same.
    items[1] = dict(items[1])
    items[2] = {**items[2], "text": "<p>new</p>"}
    items.append({"location": "new/", "title": "New", "text": ""})
    again = kept.generate(index, None)
    assert again == ORIGINAL(index, None)
    assert again != first
    assert kept.encoded == 3


def test_an_empty_index_and_a_dirty_reload_are_left_to_material() -> None:
    kept = KeptSearchEntries()
    empty = index_of([])
    assert kept.generate(empty, None) == ORIGINAL(empty, None)
    previous = index_of(entries())
    current = index_of([{"location": "reviews/a/", "title": "A", "text": "changed"}])
    assert kept.generate(current, previous) == ORIGINAL(current, previous)


def test_the_stand_in_is_installed_only_while_kept() -> None:
    try:
        keep_search_index(True)
        assert SearchIndex.generate_search_index is not ORIGINAL
        index = index_of(entries())
        assert index.generate_search_index(None) == ORIGINAL(index, None)
    finally:
        keep_search_index(False)
    assert SearchIndex.generate_search_index is ORIGINAL
