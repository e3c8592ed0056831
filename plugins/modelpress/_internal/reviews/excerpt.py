"""A review's excerpt as plain text: for ``<meta name="description">``, feeds and the home page.

The excerpt is the Markdown above ``<!-- more -->``. It links to model pages
with paths relative to the post, which would break anywhere else (a feed
reader, a social card, the home page), so the text keeps the words and drops
the links, footnote markers and emphasis.
"""

from __future__ import annotations

import re

__all__ = ["EXCERPT_MARKER", "excerpt_markdown", "excerpt_text", "shown_part"]

EXCERPT_MARKER = "<!-- more -->"

_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)
_TAG = re.compile(r"<[^>]+>")
_WHITESPACE = re.compile(r"\s+")

# What, written below the separator, changes how the text above it converts. One
# pass each: this runs for every post of every build.
_DEFINED_BELOW = re.compile(
    r"""^[ \t>]*(?:
        \[(?!\^)[^\]\n]+\]:     # a link reference (a footnote's is harmless)
      | \*\[                   # an abbreviation
      | \#(?:[ \t]|$)          # a top-level heading
      | =+[ \t]*$              # a setext top-level heading's underline
    )""",
    re.M | re.X,
)
_GIVEN_ID = re.compile(r"\{[^}\n]*#")  # attr_list's {#id}
_HTML_ID = re.compile(r"id[ \t]*=")  # an HTML id (or any "id=": \b made it 25x slower)
# What, written above it, makes it unsafe to cut the text at the separator.
_FENCE = re.compile(r"```|~~~")
_HTML_BLOCK = re.compile(r"^[ \t>]*<", re.M)


def excerpt_markdown(markdown: str) -> str | None:
    """The Markdown before the excerpt marker, or None when the post has no marker."""
    head, marker, _ = markdown.partition(EXCERPT_MARKER)
    return head if marker else None


def excerpt_text(markdown: str, limit: int = 300) -> str:
    """Plain text of the excerpt (or of the opening, without a marker), cut at a word.

    The result is text, not HTML: callers escape it for where it goes.
    """
    source = excerpt_markdown(markdown)
    if source is None:
        source = markdown
    text = _FOOTNOTE_REF.sub("", source)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _TAG.sub("", text)
    for _ in range(2):  # nested emphasis: **bold _italic_**
        text = _EMPHASIS.sub(r"\2", text)
    text = _WHITESPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def shown_part(
    markdown: str,
    separator: str = EXCERPT_MARKER,
    *,
    toc_marker: str = "[TOC]",
    footnotes_marker: str = "///Footnotes Go Here///",
) -> str | None:
    """The Markdown up to and including the separator, when converting only that gives
    the same HTML above the separator as converting the whole post; else None.

    A blog listing shows a post's excerpt, but Material's blog converts the whole post
    for it, once per listing that shows it (at 500 reviews, 39 s of an 87 s build),
    and keeps only what is above the separator. With the Markdown
    extensions of a plain site (Python-Markdown's, superfences, details, smartsymbols)
    a block converts the same whatever follows it, except through what the rest of the
    text defines for the whole of it: link references, abbreviations, footnotes, ids
    given by hand (the table of contents makes heading ids unique against them) and
    top-level headings (the excerpt's table of contents). So the cut is made only when

    - the separator is the first place the text has it, on a line of its own, after a
      blank line (a block of its own, not inside one);
    - above it there is no fence, no raw HTML block, no footnote reference, and no
      table-of-contents or footnotes placeholder (each of those reads the whole text);
    - below it nothing is defined that the text above could use.

    Anything else (``None``) is converted whole, as Material does.
    """
    at = markdown.find(separator)
    if at < 0:
        return None
    line_start = markdown.rfind("\n", 0, at) + 1
    line_end = markdown.find("\n", at)
    line_end = len(markdown) if line_end < 0 else line_end
    if markdown[line_start:line_end].strip() != separator or line_start != at:
        return None
    above = markdown[:line_start]
    if above.strip() and not above.endswith("\n\n"):
        return None
    if (
        "[^" in above
        or (toc_marker and toc_marker in above)
        or (footnotes_marker and footnotes_marker in above)
        or "<!--" in above
        or _FENCE.search(above)
        or _HTML_BLOCK.search(above)
    ):
        return None
    below = markdown[line_end:]
    if _DEFINED_BELOW.search(below) or _GIVEN_ID.search(below) or _HTML_ID.search(below):
        return None
    return markdown[:line_end]
