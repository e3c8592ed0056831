"""What paths a site will have once built, known before the build.

Model pages, the models index, timeline, incidents and the downloads are
generated from the records, so they are not in the docs folder; a review that
links ``../../models/grok-4.md`` or ``/data/releases.json`` is right only if
the catalog will produce that file. Computed once per check run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modelpress._internal.pages.downloads import (
    INCIDENTS_JSON,
    RELEASES_CSV,
    RELEASES_JSON,
    SCHEMA_DIR,
)
from modelpress._internal.pages.generate import ASSETS
from modelpress._internal.pages.site import RESERVED_IDS, generated_page_uris
from modelpress._internal.pages.urls import model_index_uri
from modelpress._internal.records.catalog import Catalog, InvalidRecord
from modelpress._internal.records.schema import SCHEMAS

__all__ = ["GENERATED_SECTIONS", "SitePaths", "site_paths"]

GENERATED_SECTIONS = ("models", "timeline", "incidents", "data")
"""First path segments of generated pages and downloads."""


@dataclass(frozen=True)
class SitePaths:
    pages: frozenset[str]
    """``src_uri`` of every page: the docs folder's and the generated ones."""
    files: frozenset[str]
    """Generated non-page files (downloads, assets), by path in the built site."""
    release_ids: frozenset[str]
    invalid_releases: dict[str, InvalidRecord] = field(default_factory=dict)
    """Releases whose records failed validation: they get no model page, for a known reason."""


def site_paths(catalog: Catalog, page_uris: frozenset[str]) -> SitePaths:
    files = {RELEASES_JSON, RELEASES_CSV, INCIDENTS_JSON, *ASSETS}
    files.update(f"{SCHEMA_DIR}/{name}" for name in SCHEMAS)
    files.update(model_index_uri(release_id) for release_id in catalog.releases)
    return SitePaths(
        pages=page_uris | generated_page_uris(catalog),
        files=frozenset(files),
        release_ids=frozenset(r for r in catalog.releases if r not in RESERVED_IDS),
        invalid_releases=catalog.invalid_releases,
    )
