"""The build cache's core: what a page read, how to fingerprint it, where results are kept.

Nothing here imports MkDocs. The adapter (``modelpress._internal.mkdocs_plugins.cache``)
decides per page whether its inputs are the ones a cached result was made from,
in the manner of build systems with dynamic dependencies (Shake, Salsa): a
page's dependencies are what it *read* last time, and the page is current when
every one of them still has the value it had then.
"""

from modelpress._internal.cache.access import Recorder, RecordingDict, record_tables
from modelpress._internal.cache.digest import TableDigests, catalog_digest, digest, tree_digest
from modelpress._internal.cache.memo import RunMemo
from modelpress._internal.cache.store import CACHE_DIR, BuildCache, CacheEntry, clean_cache

__all__ = [
    "CACHE_DIR",
    "BuildCache",
    "CacheEntry",
    "Recorder",
    "RecordingDict",
    "RunMemo",
    "TableDigests",
    "catalog_digest",
    "clean_cache",
    "digest",
    "record_tables",
    "tree_digest",
]
