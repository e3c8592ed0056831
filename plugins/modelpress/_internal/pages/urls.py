"""Where each generated page lives, and links between pages.

Generated pages link to each other with Markdown links to ``.md`` paths, so
MkDocs resolves (and checks) them like any writer's link. Only raw HTML (the
models table, which Markdown does not touch) needs a final URL, computed the
way MkDocs computes it.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from markupsafe import Markup

__all__ = [
    "DOWNLOADS",
    "INCIDENTS",
    "MODELS_INDEX",
    "TIMELINE",
    "md_link",
    "model_index_uri",
    "page_url",
    "relative_url",
    "release_uri",
]

MODELS_INDEX = "models/index.md"
TIMELINE = "timeline.md"
INCIDENTS = "incidents.md"
DOWNLOADS = "data"
"""Folder of the downloads in the built site (not the records' ``data/`` folder)."""


def release_uri(release_id: str) -> str:
    """``grok-4`` → ``models/grok-4.md``, served at ``/models/grok-4/``."""
    return f"models/{release_id}.md"


def model_index_uri(release_id: str) -> str:
    return f"{DOWNLOADS}/model-index/{release_id}.yaml"


def md_link(from_uri: str, to_uri: str, anchor: str = "") -> Markup:
    """The target of a Markdown link from one file to another: relative, percent-encoded.

    Encoding keeps a file name with spaces, brackets or parentheses from ending the
    link early; MkDocs decodes it again when it resolves the link.
    """
    relative = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    target = quote(relative, safe="/.-~")
    return Markup(f"{target}#{quote(anchor, safe='.-~')}" if anchor else target)


def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL of a page, relative to the site root, as MkDocs gives it."""
    stem, _ = posixpath.splitext(src_uri)
    folder, name = posixpath.split(stem)
    if not directory_urls:
        return f"{stem}.html"
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def relative_url(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    """The href from one page to another page or file, for raw HTML."""
    origin = page_url(from_uri, directory_urls)
    target = to_uri if not to_uri.endswith(".md") else page_url(to_uri, directory_urls)
    base = origin if origin.endswith("/") or not origin else posixpath.dirname(origin)
    relative = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative
