"""``--download-images``: remote images fetched into the site, next to the post.

By default an imported post keeps its images' remote URLs (Substack's CDN serves
them). With ``--download-images`` each is fetched once and saved under
``images/<slug>/`` beside the post, and the post points at the copy; an image
that cannot be fetched keeps its URL and is reported.
"""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from modelpress._internal.diagnostics import quote
from modelpress._internal.importer.post import Draft

__all__ = ["download_images"]

_REMOTE_IMAGE = re.compile(r"(!\[[^\[\]\n]*\]\()(https?://[^()\s]+)(\))")
_MAX_BYTES = 32 * 1024 * 1024
_TIMEOUT = 20
_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif")


def download_images(draft: Draft, slug: str) -> None:
    cache: dict[str, str | None] = {}

    def fetch(match: re.Match[str]) -> str:
        url = match.group(2)
        if url not in cache:
            cache[url] = _fetch(url, slug, draft)
        local = cache[url]
        if local is None:
            marker = draft.mark(
                "image-not-downloaded", f"could not download {quote(url)}; kept the URL"
            )
            return marker + match.group(0)
        return f"{match.group(1)}{local}{match.group(3)}"

    draft.body = _REMOTE_IMAGE.sub(fetch, draft.body)


def _file_name(url: str) -> str:
    """A file name for the image: the last path part of the URL (Substack's CDN nests the
    original URL, percent-encoded, as the last part), else a hash of the URL."""
    last = unquote(urlsplit(url).path).rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.-]", "-", last).strip(".-")
    if not name.lower().endswith(_SUFFIXES):
        name = hashlib.sha256(url.encode()).hexdigest()[:16] + ".png"
    return name[-100:]


def _fetch(url: str, slug: str, draft: Draft) -> str | None:
    request = urllib.request.Request(url, headers={"User-Agent": "modelpress-import"})
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            kind = str(response.headers.get("Content-Type", ""))
            data = response.read(_MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    if not kind.startswith("image/") or len(data) > _MAX_BYTES:
        return None
    relative = PurePosixPath("images") / slug / _file_name(url)
    draft.assets[relative.as_posix()] = data
    return relative.as_posix()
