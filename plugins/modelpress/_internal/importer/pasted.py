"""Posts copied from a browser (and other plain Markdown or text).

A pasted Substack post repeats its header in the text: the title, the
subtitle, the author, the date and a "∙ Paid" marker, one per line. They are
recognised and moved to the front matter (the subtitle kept), pictures that
were lost in the copy ("Image" alone on a line) are reported at their place,
and footnotes flattened by the browser are rebuilt (see
:mod:`modelpress._internal.importer.footnotes`). Plain Markdown with a ``# Title`` and a
dateline (a vendor announcement saved from the web) takes the same path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from modelpress._internal.importer.footnotes import convert_glued_footnotes
from modelpress._internal.importer.frontmatter import REVIEW_KEYS, parse_date, read_front_matter
from modelpress._internal.importer.post import Draft

__all__ = ["convert_pasted"]

_HEADING = re.compile(r"^#{1,2}[ \t]+(.+?)[ \t#]*$")
_PAID = re.compile(r"^[∙·•]?\s*(Paid|Free)$", re.I)
_CHROME_LINE = re.compile(r"^(Share|Subscribe|Like|Comment|Restack|\d{1,6})$")
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*\.?|de|van|von|and|&)){0,4}$")
_IMAGE_PLACEHOLDER = re.compile(r"^[ \t]*Image[ \t]*$", re.M)
_URL_SLUG = re.compile(r"/p/([\w-]+)/?$")
_HEADER_LINES = 8


def convert_pasted(text: str, draft: Draft, known_names: Iterable[str] = ()) -> None:
    meta, body, problem = read_front_matter(text)
    if problem:
        draft.note("front-matter-unreadable", f"the source's {problem}; it was left out")
    _take_meta(meta, draft)
    body = _take_header(body, draft)
    body = _IMAGE_PLACEHOLDER.sub(
        lambda _: (
            draft.mark(
                "image-lost",
                "an image was lost when the post was copied (only the word 'Image' was left); "
                "add the picture here or delete this line",
            )
            + "<!-- image lost when the post was copied -->\n"
        ),
        body,
    )
    body = _BUTTON_PARAGRAPH.sub("", _without_trailing_chrome(body))
    draft.body = convert_glued_footnotes(body, known_names)


_TRAILING_CHROME = re.compile(
    r"^(Share|Share this post|Leave a comment|Subscribe|Subscribe now|Like|Comment|Restack|"
    r"Give a gift subscription|Discussion about this post|Ready for more\?|"
    r"\d+ (Likes?|Comments?|Restacks?)|\d+)$",
    re.I,
)


_BUTTON_PARAGRAPH = re.compile(
    r"(?:^|\n)\n(?:Subscribe|Subscribe now|Share|Leave a comment|Give a gift subscription|"
    r"Upgrade to paid|Share this post)[ \t]*(?=\n\n|\n?\Z)",
    re.I,
)
"""A button copied in the middle of the post: a paragraph that is only its label."""


def _without_trailing_chrome(body: str) -> str:
    """The page's buttons and counters copied after the post ("Share", "12 Likes", …), cut.

    A bare number is cut only after such a button, so a footnote's number stays.
    """
    lines = body.rstrip().splitlines()
    cut = len(lines)
    seen_button = False
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip()
        if not line:
            continue
        match = _TRAILING_CHROME.match(line)
        if not match or (line.isdigit() and not seen_button):
            break
        seen_button = seen_button or not line.isdigit()
        cut = index
    return "\n".join(lines[:cut]) + "\n"


def _take_meta(meta: dict[str, Any], draft: Draft) -> None:
    for key in REVIEW_KEYS:
        if key in meta:
            draft.meta[key] = meta.pop(key)
    url = meta.pop("url", None) or meta.pop("canonical_url", None)
    if isinstance(url, str) and url:
        draft.imported["original_url"] = url
        match = _URL_SLUG.search(url)
        if match and "slug" not in draft.meta:
            draft.meta["slug"] = match.group(1)
    draft.imported.update({k: v for k, v in meta.items() if v not in (None, "")})


def _take_header(body: str, draft: Draft) -> str:
    """Remove the title line and the header under it, keeping what they say in ``draft``."""
    lines = body.splitlines()
    index = _next_text(lines, 0)
    if index is None:
        return body
    found = _title_line(lines, index, draft)
    if found is not None:
        title = str(draft.meta.get("title") or "")
        if not title:
            draft.meta["title"] = found
        if not title or found.strip("*") == title:
            lines[index] = ""
            index = _next_text(lines, index + 1)
    if index is None:
        return "\n".join(lines)
    header = _header(lines, index, draft)
    if header is not None:
        for i in header:
            lines[i] = ""
    return "\n".join(lines).lstrip("\n")


def _title_line(lines: list[str], index: int, draft: Draft) -> str | None:
    """The title the first line holds: a ``#`` heading, the front matter's title repeated,
    or (with no front matter title) a short line with a byline block under it."""
    line = lines[index].strip()
    heading = _HEADING.match(line)
    if heading:
        return heading.group(1)
    title = str(draft.meta.get("title") or "")
    if title and line == title:
        return line
    following = _next_text(lines, index + 1)
    if title or following is None or len(line) > 200:
        return None
    if _header(lines, following, Draft(draft.source, draft.shape)) is None:
        return None
    return line


def _header(lines: list[str], start: int, draft: Draft) -> list[int] | None:
    """The lines of the byline block (subtitle, author, date, "∙ Paid"), or None."""
    known = _author_names(draft)
    taken: list[int] = []
    unclassified: list[int] = []
    date_seen = False
    i: int | None = start
    seen = 0
    while i is not None and seen < _HEADER_LINES:
        line = lines[i].strip()
        seen += 1
        date = parse_date(line)
        if date is not None:
            draft.meta.setdefault("date", date)
            date_seen = True
        elif _PAID.match(line):
            if line.lower().endswith("paid"):
                draft.imported["paid"] = True
        elif line.casefold() in known or (unclassified and _NAME.match(line) and len(line) < 60):
            draft.meta.setdefault("author", line)
        elif date_seen and _CHROME_LINE.match(line):
            pass
        elif not date_seen and not unclassified and len(line) <= 300 and not line.startswith("#"):
            unclassified.append(i)
        else:
            break
        taken.append(i)
        i = _next_text(lines, i + 1)
    if not date_seen and not any(_PAID.match(lines[t].strip()) for t in taken):
        return None
    if unclassified:
        subtitle = lines[unclassified[0]].strip()
        draft.meta.setdefault("subtitle", subtitle)
    return taken


def _author_names(draft: Draft) -> set[str]:
    value = draft.meta.get("authors", draft.meta.get("author"))
    names = value if isinstance(value, list) else [value] if value else []
    return {str(n).casefold() for n in names}


def _next_text(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None
