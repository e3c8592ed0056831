"""Open Graph and Twitter card tags for a review.

A review is shared as a link far more often than it is visited from the home
page; these tags decide the title, description and byline shown in the card.
Every value is escaped: a subtitle is writer input and lands in an attribute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

__all__ = ["ShareCard", "social_meta"]


@dataclass(frozen=True)
class ShareCard:
    title: str
    description: str
    site_name: str
    url: str | None = None
    """Absolute URL of the review; None when the site has no ``site_url``."""
    published: dt.date | None = None
    authors: Sequence[str] = field(default_factory=tuple)
    image: str | None = None
    tags: Sequence[str] = field(default_factory=tuple)


def social_meta(card: ShareCard) -> Markup:
    """``<meta>`` tags for ``<head>``, one per line."""
    tags: list[tuple[str, str, str]] = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", card.site_name),
        ("property", "og:title", card.title),
        ("property", "og:description", card.description),
    ]
    if card.url:
        tags.append(("property", "og:url", card.url))
    if card.published is not None:
        tags.append(("property", "article:published_time", card.published.isoformat()))
    tags.extend(("property", "article:author", name) for name in card.authors)
    tags.extend(("property", "article:tag", tag) for tag in card.tags)
    if card.image:
        tags.append(("property", "og:image", card.image))
    tags += [
        ("name", "twitter:card", "summary_large_image" if card.image else "summary"),
        ("name", "twitter:title", card.title),
        ("name", "twitter:description", card.description),
    ]
    if card.authors:
        tags.append(("name", "author", ", ".join(card.authors)))
    if card.image:
        tags.append(("name", "twitter:image", card.image))
    return Markup("\n").join(
        Markup('<meta {}="{}" content="{}">').format(kind, key, value) for kind, key, value in tags
    )
