"""Notes generated from a podcast transcript: wiki links, timestamps, ``<br/>``.

Note-taking tools write ``[[target]]`` and ``[[target | alias]]`` links and
timestamp anchors (``<a class="yt-timestamp" data-t="hh:mm:ss">``). A wiki link
becomes a Markdown link where its target is a page of the site, otherwise its
text (and a note); a timestamp becomes a link to the video at that second when
the front matter names the video (``videoId``).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any
from urllib.parse import quote as url_quote

from modelpress._internal.diagnostics import quote
from modelpress._internal.importer.frontmatter import REVIEW_KEYS, read_front_matter
from modelpress._internal.importer.post import Draft, outside_code
from modelpress._internal.importer.site import ImportSite, slugify

__all__ = ["convert_transcript"]

_WIKI = re.compile(r"(!?)\[\[([^\[\]|\n]+?)(?:\s*\|\s*([^\[\]\n]+?))?\s*\]\]")
_TIMESTAMP = re.compile(r"<a\b([^>]*\byt-timestamp\b[^>]*)>(.*?)</a>", re.S | re.I)
_DATA_T = re.compile(r"""\bdata-t\s*=\s*["']?(\d{1,2}(?::\d{1,2}){1,2})""")
_BR_AT_END = re.compile(r"[ \t]*<br\s*/?>[ \t]*$", re.M | re.I)
_BR = re.compile(r"[ \t]*<br\s*/?>[ \t]*", re.I)


def convert_transcript(text: str, draft: Draft, site: ImportSite, post_dir: str | None) -> None:
    """``post_dir``: the folder of the written post relative to the docs folder, for links."""
    meta, body, problem = read_front_matter(text)
    if problem:
        draft.note("front-matter-unreadable", f"the source's {problem}; it was left out")
    _take_meta(meta, draft)
    video = str(draft.imported.get("video_id") or "")

    def convert(text: str) -> str:
        text = _TIMESTAMP.sub(lambda m: _timestamp(m, video, draft), text)
        text = _WIKI.sub(lambda m: _wiki_link(m, site, post_dir, draft), text)
        return _BR.sub("  \n", _BR_AT_END.sub("", text))

    draft.body = outside_code(body, convert)


def _take_meta(meta: dict[str, Any], draft: Draft) -> None:
    for key in REVIEW_KEYS:
        if key in meta:
            draft.meta[key] = meta.pop(key)
    video = meta.pop("videoId", None) or meta.pop("video_id", None)
    if video:
        draft.imported["video_id"] = str(video)
    draft.imported.update({k: v for k, v in meta.items() if v not in (None, "")})


def _seconds(stamp: str) -> int:
    total = 0
    for part in stamp.split(":"):
        total = total * 60 + int(part)
    return total


def _timestamp(match: re.Match[str], video: str, draft: Draft) -> str:
    label = re.sub(r"<[^>]+>", "", match.group(2)).strip().strip("[]") or "link"
    found = _DATA_T.search(match.group(1))
    if found is None:
        return (
            draft.mark("timestamp-unreadable", f"a timestamp without a time: {quote(label)}")
            + label
        )
    if not video:
        return (
            draft.mark(
                "timestamp-no-video",
                f"timestamp {quote(label)} kept as text: the front matter names no video (videoId)",
            )
            + label
        )
    video_url = f"https://www.youtube.com/watch?v={url_quote(video, safe='-_')}"
    url = f"{video_url}&t={_seconds(found.group(1))}s"
    return f"[{label}]({url})"


def _wiki_link(match: re.Match[str], site: ImportSite, post_dir: str | None, draft: Draft) -> str:
    embed, target, alias = match.group(1), match.group(2).strip(), (match.group(3) or "").strip()
    page = target.split("#", 1)[0].split("^", 1)[0].strip()
    text = alias or target
    if embed:
        return (
            draft.mark(
                "embed-lost",
                f"the note embedded {quote(target)} (![[…]]); embeds are not carried, its name "
                "is kept as text",
            )
            + text
        )
    pages = site.pages
    src_uri = (pages.get(page.casefold()) or pages.get(slugify(page))) if page else None
    if src_uri is None or post_dir is None:
        return (
            draft.mark(
                "wikilink-unresolved",
                f"[[{quote(target)[1:-1]}]] names no page of this site; kept as the text "
                f"{quote(text)}",
            )
            + text
        )
    relative = posixpath.relpath(src_uri, post_dir or ".")
    return f"[{text}]({url_quote(relative, safe='/.-~')})"
