"""Which reviews cover which release, from each review's ``models:`` front matter.

The mapping is built once per build from the source files' front matter, so a
model page can list its reviews without rendering them first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.reviews.models import check_review_models

__all__ = ["ReviewLink", "is_draft", "reviews_by_release"]

_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True)
class ReviewLink:
    """A review as a model page lists it."""

    title: str
    src_uri: str
    date: dt.date | None = None


def reviews_by_release(
    pages: Iterable[MarkdownPage], catalog: Catalog
) -> tuple[dict[str, list[ReviewLink]], list[Diagnostic]]:
    """Release id → the reviews naming it, newest first; plus problems in ``models:``.

    Ids that are not releases are left out of the mapping and reported (the
    checks plugin reports the same problems; the caller shows them only when that
    plugin is not in use).
    """
    covered: dict[str, list[ReviewLink]] = {}
    problems: list[Diagnostic] = []
    for page in pages:
        models = page.meta.get("models")
        if models is None:
            continue
        problems.extend(check_review_models(page, catalog))
        if not isinstance(models, list):
            continue
        link = ReviewLink(_title(page), page.src_uri, _date(page.meta.get("date")))
        for release_id in dict.fromkeys(m for m in models if isinstance(m, str)):
            if release_id in catalog.releases:
                covered.setdefault(release_id, []).append(link)
    far = dt.date.min
    for links in covered.values():
        links.sort(key=lambda r: (r.date or far, r.title), reverse=True)
    return covered, problems


def is_draft(page: MarkdownPage, *, future_is_draft: bool, today: dt.date | None = None) -> bool:
    """Whether the blog plugin leaves this post out of a build.

    Model pages link the reviews that cover them; a link to a draft would point at a
    page that is not built, so drafts (``draft: true``, or a future date when the blog
    plugin's ``draft_if_future_date`` is on) are not listed.
    """
    if page.meta.get("draft") is True:
        return True
    date = _date(page.meta.get("date"))
    return future_is_draft and date is not None and date > (today or dt.date.today())


def _title(page: MarkdownPage) -> str:
    title = page.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    heading = _HEADING.search(page.body)
    if heading:
        return heading.group(1)
    return PurePosixPath(page.src_uri).stem.replace("-", " ").capitalize()


def _date(value: object) -> dt.date | None:
    """A post's date: ``date: 2025-07-13`` or the blog plugin's ``date: {created: …}``."""
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
