"""``modelpress serve``'s rebuilds hold Python's full garbage collections back until after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from modelpress._internal.mkdocs_plugins.serve import IdleCollection


@pytest.fixture
def full_collections() -> Iterator[list[str]]:
    """The thread of each full (oldest-generation) collection started while in use."""
    seen: list[str] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            seen.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def a_build_that_keeps_much() -> list[list[object]]:
    """Objects that live through many young collections, as a rebuild's pages do: enough
    for Python to start full collections on its own (the control below shows it)."""
    return [[index] for index in range(2_000_000)]


def test_a_build_left_alone_starts_full_collections(full_collections: list[str]) -> None:
    """The control: without :class:`IdleCollection`, the same work collects in full."""
    gc.collect()
    full_collections.clear()
    kept = a_build_that_keeps_much()
    assert kept
    assert full_collections


def test_a_rebuild_runs_without_full_collections_and_one_follows_it(
    full_collections: list[str],
) -> None:
    gc.collect()
    full_collections.clear()
    thresholds = gc.get_threshold()
    idle = IdleCollection(delay=0.0)
    during: list[list[str]] = []

    def builder() -> None:
        assert gc.get_threshold()[:2] == thresholds[:2]  # young generations as usual
        kept = a_build_that_keeps_much()
        during.append(list(full_collections))
        del kept

    idle.around(builder)()
    assert gc.get_threshold() == thresholds
    pending = idle._pending
    assert pending is not None
    pending.join(timeout=30)
    assert during == [[]]
    assert full_collections == [pending.name]


def test_a_rebuild_cancels_the_collection_still_waiting(full_collections: list[str]) -> None:
    idle = IdleCollection(delay=60.0)
    idle.around(lambda: None)()
    waiting = idle._pending
    assert waiting is not None
    assert waiting.is_alive()
    idle.around(lambda: None)()
    waiting.join(timeout=5)
    assert not waiting.is_alive()
    assert waiting.finished.is_set()
    assert full_collections == []
    idle._cancel()


def test_a_failed_rebuild_puts_the_thresholds_back() -> None:
    thresholds = gc.get_threshold()
    idle = IdleCollection(delay=60.0)

    def broken() -> None:
        raise RuntimeError("the build failed")

    with pytest.raises(RuntimeError):
        idle.around(broken)()
    assert gc.get_threshold() == thresholds
    idle._cancel()
