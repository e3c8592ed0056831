"""Substack posts that pandoc already turned into Markdown.

pandoc writes Substack's footnotes as links with attribute blocks
(``[1](#footnote-1){#footnote-anchor-1 .footnote-anchor …}``) and their
definitions as fenced divs (``:::: {.footnote …}`` … ``::: footnote-content``);
it escapes characters Python-Markdown does not unescape (``\\'``, ``\\"``,
``\\~``, ``\\$``); it keeps Substack's front matter keys (``post_id``,
``audience``, ``email_sent_at`` …) and its page chrome as fenced divs and
``.button`` links. All of it becomes a plain review.
"""

from __future__ import annotations

import re
from typing import Any

from modelpress._internal.importer.frontmatter import REVIEW_KEYS, read_front_matter
from modelpress._internal.importer.post import Draft, outside_code

__all__ = ["convert_pandoc"]

_REFERENCE = re.compile(
    r"\[(\d+)\]\([^)\s]*#footnote-[\d-]+\)\{[^}\n]*\.footnote-anchor[^}\n]*\}",
)
"""``[1](#footnote-1){…}``; Substack also writes ``#footnote-1-148274655`` and full URLs."""
_DEFINITION = re.compile(
    r"^:{3,}\s*\{[^}\n]*\.footnote\b[^}\n]*\}[ \t]*\n"  # :::: {.footnote …}
    r"\s*\[(\d+)\]\([^)\s]*#footnote-anchor-[\d-]+\)\{[^}\n]*\}[ \t]*\n"  # [1](#…){…}
    r"\s*:{3,}\s*\{?\.?footnote-content\}?[ \t]*\n"  # ::: footnote-content
    r"(.*?)\n"  # the note
    r"[ \t]*:{3,}[ \t]*\n[ \t]*:{3,}[ \t]*(?:\n|\Z)",  # ::: and ::::
    re.M | re.S,
)
_ATTRIBUTES = re.compile(r"(?<=[)\]])\{[#.][^}\n]*\}|(?<=[)\]])\{[a-z-]+=[^}\n]*\}")
_SPAN = re.compile(r"\[([^\]\n]*)\]\{[^}\n]*\}")
_FENCE_OPEN = re.compile(r"^[ \t]*:{3,}[ \t]*(\{.*\}|[\w-]+)[ \t]*$")
_FENCE_CLOSE = re.compile(r"^[ \t]*:{3,}[ \t]*$")
_CHROME = re.compile(
    r"subscription-widget|subscribe-widget|button-wrapper|captioned-button-wrap|share-dialog|"
    r"header-anchor|image-link-expand|paywall|install-substack-app|post-ufi"
)
_BUTTON = re.compile(r"^\[[^\]\n]*\]\([^)\n]*\)\{[^}\n]*\.button\b[^}\n]*\}[ \t]*$", re.M)
"""A Substack button (subscribe, share) as pandoc writes it: a link with a .button class."""
_ESCAPE = re.compile(r"\\([\'\"~$@^])")
"""Characters pandoc escapes that Python-Markdown would print with their backslash."""
_HARD_BREAK = re.compile(r"(?<!\\)((?:\\\\)*)\\\n(?=[ \t]*\S)")
"""pandoc's line break inside a paragraph: a backslash (not an escaped one) ending the line.
Python-Markdown would print the backslash; its line break is two trailing spaces."""
_SUBSTACK_KEYS = ("type", "audience", "visibility", "email_sent_at", "podcast_url")


def convert_pandoc(text: str, draft: Draft) -> None:
    meta, body, problem = read_front_matter(text)
    if problem:
        draft.note("front-matter-unreadable", f"the source's {problem}; it was left out")
    _take_meta(meta, draft)
    body = _REFERENCE.sub(lambda m: f"[^{m.group(1)}]", body)
    body = _DEFINITION.sub(lambda m: _definition(m.group(1), m.group(2)), body)
    body = _BUTTON.sub("", body)
    body = _SPAN.sub(r"\1", _ATTRIBUTES.sub("", _without_divs(body)))
    draft.body += outside_code(body, _as_python_markdown)


def _as_python_markdown(text: str) -> str:
    """pandoc's escapes and line breaks as Python-Markdown writes them (outside code)."""
    return _HARD_BREAK.sub(r"\1  \n", _ESCAPE.sub(r"\1", text))


def _without_divs(body: str) -> str:
    """pandoc's fenced divs unwrapped; Substack's chrome (subscribe widgets, share buttons,
    header anchors) removed with everything inside it."""
    out: list[str] = []
    chrome: list[bool] = []
    removed = False
    for line in body.split("\n"):
        opening = _FENCE_OPEN.match(line)
        if opening:
            chrome.append(bool(_CHROME.search(opening.group(1))))
            removed = True
        elif chrome and _FENCE_CLOSE.match(line):
            chrome.pop()
            removed = True
        elif any(chrome):
            removed = True
        elif line.strip() or not (removed and out and not out[-1].strip()):
            out.append(line)  # a removed block leaves one blank line, not several
            removed = removed and not line.strip()
    return "\n".join(out)


def _definition(number: str, note: str) -> str:
    lines = note.strip("\n").splitlines() or [""]
    rest = "\n".join(f"    {line}" if line.strip() else "" for line in lines[1:])
    return f"[^{number}]: {lines[0].strip()}" + (f"\n{rest}" if rest else "") + "\n"


def _take_meta(meta: dict[str, Any], draft: Draft) -> None:
    post_id = str(meta.pop("post_id", "") or "")
    for key in REVIEW_KEYS:
        if key in meta:
            draft.meta[key] = meta.pop(key)
    if post_id:
        number, _, slug = post_id.partition(".")
        draft.imported["substack_id"] = int(number) if number.isdigit() else number
        if slug and "slug" not in draft.meta:
            draft.meta["slug"] = slug
    for key in _SUBSTACK_KEYS:
        if key in meta and meta[key] not in (None, ""):
            draft.imported[key] = meta.pop(key)
    draft.imported.update({k: v for k, v in meta.items() if v not in (None, "")})
