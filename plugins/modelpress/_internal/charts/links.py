"""How a chart on one page links to a model's page, in as few bytes as possible.

Every point of a chart carries its release id; the figure carries the text
before and after the id once (``["../../models/", "/"]``), so a chart of twenty
models does not repeat twenty relative URLs.
"""

from __future__ import annotations

import posixpath

from modelpress._internal.pages.urls import page_url, release_uri

__all__ = ["model_link"]

_MARK = "\x00"


def model_link(from_url: str, directory_urls: bool) -> tuple[str, str]:
    """(prefix, suffix) such that ``prefix + id + suffix`` is a model page, relative to
    the page served at ``from_url`` (MkDocs' ``page.url``: ``reviews/grok-3/``, or ``""``)."""
    target = page_url(release_uri(_MARK), directory_urls)
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = posixpath.relpath(target, base or ".")
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    prefix, suffix = relative.split(_MARK)
    return prefix, suffix
