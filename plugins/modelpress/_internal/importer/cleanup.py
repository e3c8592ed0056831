"""Passes every imported post goes through, whatever its shape.

- Placeholders left where a table, chart or image was (``[Table of benchmark
  results]``) become an HTML comment at that place, reported as lost.
- A link whose target is not a URL (a sentence pasted as the target) keeps its
  text and loses the link, reported with the target.
- A local image that is not beside the source is reported and kept as a
  comment; one that is is copied next to the post.
- A link to a Substack post (``https://…/p/<slug>``) that is among the posts of
  the site (imported now or before) points to its review instead, so the site's
  link checks follow it and it survives the move away from Substack.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from modelpress._internal.checks.urlsyntax import classify, url_problem
from modelpress._internal.diagnostics import quote
from modelpress._internal.importer.post import Draft

__all__ = ["clean_up", "relink_posts"]

_PLACEHOLDER = re.compile(
    r"^[ \t]*\[((Table|Chart|Graph|Figure|Image|Video|Embed)\b[^\]\n]*)\][ \t]*$", re.M | re.I
)
_LINK = re.compile(r"(?<![!\\])\[([^\[\]\n]*)\]\(([^()\n]*)\)")
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\(([^()\s]+)(?:\s+\"[^\"\n]*\")?\)")
_LOST_KIND = {"table": "table", "chart": "chart", "graph": "chart", "figure": "image"}


def clean_up(draft: Draft, source_dir: Path | None) -> None:
    body = _PLACEHOLDER.sub(lambda m: _placeholder(m, draft), draft.body)
    body = _LINK.sub(lambda m: _link(m, draft), body)
    draft.body = _IMAGE.sub(lambda m: _image(m, draft, source_dir), body)


def _placeholder(match: re.Match[str], draft: Draft) -> str:
    kind = _LOST_KIND.get(match.group(2).lower(), match.group(2).lower())
    text = match.group(1).replace("--", "—")
    marker = draft.mark(
        f"{kind}-lost",
        f"a {kind} was lost before the import; only the placeholder {quote(text)} was left",
    )
    return f"{marker}<!-- {kind} lost: {text} -->"


def _link(match: re.Match[str], draft: Draft) -> str:
    text, target = match.group(1), match.group(2).strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    bare = target.split(' "', 1)[0]
    if not bare or url_problem(bare) is None:
        return match.group(0)
    marker = draft.mark(
        "link-not-url",
        f"the link target {quote(unquote(bare))} is not a URL (a sentence pasted as a link?); "
        "kept the text without the link",
    )
    return f"{marker}{text}"


def _image(match: re.Match[str], draft: Draft, source_dir: Path | None) -> str:
    alt, target = match.group(1), match.group(2)
    if classify(target).kind != "local" or target.startswith("data:"):
        return match.group(0)
    relative = PurePosixPath(unquote(target.split("#", 1)[0].split("?", 1)[0]))
    if not relative.is_absolute() and ".." not in relative.parts and source_dir is not None:
        path = source_dir / relative
        if path.is_file():
            draft.assets[relative.as_posix()] = path.read_bytes()
            return match.group(0)
    marker = draft.mark(
        "image-missing",
        f"the image {quote(target)} is not beside the source; put the file there and "
        "restore the image line, or delete the comment",
    )
    return f"{marker}<!-- image not found: ![{alt}]({target}) -->"


_POST_LINK = re.compile(r"\]\((https?://[^/\s()]+/p/([\w-]+))/?(?:[?#][^)\s]*)?\)")


def relink_posts(draft: Draft, slugs: set[str]) -> None:
    """Links to other posts of the archive become links to their reviews (``<slug>.md``)."""
    own = str(draft.meta.get("slug") or "")

    def relink(match: re.Match[str]) -> str:
        slug = match.group(2)
        if slug not in slugs or slug == own:
            return match.group(0)
        return f"]({slug}.md)"

    draft.body = _POST_LINK.sub(relink, draft.body)
