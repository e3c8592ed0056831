"""Which Markdown each built page came from, kept between a build and ``modelpress links``.

The blog plugin gives posts URLs from their slugs, so a built page's source
cannot be computed from its path. The checks plugin records the map during
the build; the CLI reads it back so its reports point at the Markdown too.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from modelpress._internal.checks.built import SourceRef

__all__ = ["SOURCES_FILE", "read_sources", "write_sources"]

SOURCES_FILE = Path(".cache") / "modelpress" / "built-pages.json"
"""Relative to the site's folder (where mkdocs.yml is)."""


def write_sources(root: Path, site_dir: Path, sources: Mapping[str, SourceRef]) -> Path:
    target = root / SOURCES_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "site_dir": str(site_dir.resolve()),
        "pages": {
            page: {"display": ref.display, "path": str(ref.path or ""), "src_uri": ref.src_uri}
            for page, ref in sorted(sources.items())
        },
    }
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(document, stream, indent=1)
    os.replace(temporary, target)
    return target


def read_sources(root: Path, site_dir: Path) -> dict[str, SourceRef]:
    """The map written by the last build of ``site_dir``; empty if there is none.

    A map from another site folder, or one that is not valid JSON (a build killed
    while writing it cannot leave one, but a hand edit can), is not used.
    """
    try:
        document = json.loads((root / SOURCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("site_dir") != str(site_dir.resolve()):
        return {}
    pages = document.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {
        str(page): SourceRef(
            str(entry.get("display", "")),
            Path(entry["path"]) if entry.get("path") else None,
            str(entry.get("src_uri", "")),
        )
        for page, entry in pages.items()
        if isinstance(entry, dict)
    }
