"""The last build's generated pages and downloads, reused while their inputs stay the same.

``modelpress serve`` builds the whole site again after every save, and every
model page, the index, the timeline, the incident log and the downloads were
rendered again with it: half a second at 500 reviews, although a save to a
review's body changes none of them. They are functions of a few inputs only:

- the catalog (compared as its pickled bytes: every record value, with its type,
  in order; a difference anywhere, even one that would not show, renders again);
- for the pages, also the reviews that list each release (title, address, date;
  taken from the front matter every build), the page options and the text of
  every template the pages can load (the package's and the site's overrides);
- the downloads depend on the catalog alone (the JSON Schemas and the version they
  carry come from the code, the same for the life of the process).

The memo keeps the inputs and results of the last call only, which is what a
preview server's next build compares with; any difference renders everything
again, exactly as a build without the memo would.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path

from modelpress._internal.pages.downloads import build_downloads
from modelpress._internal.pages.site import PageOptions, Remember, build_pages
from modelpress._internal.pages.templating import OVERRIDE_FOLDER, PACKAGE_TEMPLATES
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.reviews.coverage import ReviewLink

__all__ = ["GeneratedMemo", "catalog_key", "template_texts"]


def catalog_key(catalog: Catalog) -> bytes | None:
    """Every value of the catalog as bytes: equal bytes, equal catalog (types included).

    Pickle writes each object's whole state (the records are pydantic models and
    dataclasses of plain values) and keeps ``1`` apart from ``1.0`` and ``True``,
    which render differently; ``==`` on the records would not. None if some value
    cannot be pickled: then nothing is reused.
    """
    try:
        return pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def template_texts(custom_dir: Path | None) -> tuple[tuple[str, str, bytes], ...]:
    """Every file the generated pages' Jinja loader could read, with its bytes."""
    folders = [("package", PACKAGE_TEMPLATES)]
    if custom_dir is not None:
        folders.insert(0, ("site", custom_dir / OVERRIDE_FOLDER))
    found = []
    for label, folder in folders:
        for directory, _, names in sorted(os.walk(folder, followlinks=True)):
            for name in sorted(names):
                path = Path(directory, name)
                try:
                    data = path.read_bytes()
                except OSError:
                    data = b"\0unreadable"
                found.append((label, path.relative_to(folder).as_posix(), data))
    return tuple(found)


def _reviews_key(
    reviews: Mapping[str, Sequence[ReviewLink]],
) -> tuple[tuple[str, tuple[ReviewLink, ...]], ...]:
    return tuple((release_id, tuple(links)) for release_id, links in reviews.items())


class GeneratedMemo:
    """:func:`build_pages` and :func:`build_downloads` of the last call, by their inputs."""

    def __init__(self) -> None:
        self._pages: tuple[object, dict[str, str]] | None = None
        self._downloads: tuple[object, dict[str, bytes]] | None = None
        self.hits = 0
        """Calls answered from the memo (pages and downloads counted apart)."""

    def pages(
        self,
        catalog: Catalog,
        reviews: Mapping[str, Sequence[ReviewLink]],
        options: PageOptions,
        *,
        key: bytes | None,
        remember: Remember | None = None,
    ) -> dict[str, str]:
        """``build_pages(catalog, reviews, options, remember)``; ``key`` is
        :func:`catalog_key`'s."""
        inputs = (key, _reviews_key(reviews), options, template_texts(options.custom_dir))
        if key is not None and self._pages is not None and self._pages[0] == inputs:
            self.hits += 1
            return dict(self._pages[1])
        pages = build_pages(catalog, reviews, options, remember)
        self._pages = (inputs, dict(pages))
        return pages

    def downloads(
        self, catalog: Catalog, *, key: bytes | None, remember: Remember | None = None
    ) -> dict[str, bytes]:
        """``build_downloads(catalog, remember)``; ``key`` is :func:`catalog_key`'s."""
        inputs = key
        if key is not None and self._downloads is not None and self._downloads[0] == inputs:
            self.hits += 1
            return dict(self._downloads[1])
        downloads = build_downloads(catalog, remember)
        self._downloads = (inputs, dict(downloads))
        return downloads
