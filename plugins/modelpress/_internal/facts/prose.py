"""A page body with everything that is not prose blanked out, offsets kept.

The name and claim checks read words; URLs, HTML tags, link targets, bindings,
code and chart fences hold words that are not prose ("/p/grok-4-an-o3-…").
Blanking them with spaces (newlines kept) lets a match's offset still point at
the writer's line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from modelpress._internal.facts.regions import Prose

__all__ = ["prose_text"]

_NOT_PROSE = re.compile(
    r"\]\([^)\n]*\)"  # a link's target
    r"|\]\[[^\]\n]*\]"  # a reference link's label
    r"|^\s*\[[^\]\n]+\]:\s*\S+"  # a link reference definition (not a footnote's text)
    r"|<https?://[^>\s]*>|https?://[^\s)>\]]+"  # autolinks and bare URLs
    r"|<[A-Za-z/!][^>\n]*>"  # HTML tags and comments
    r"|\{\{[^{}\n]*\}\}"  # bindings: checked by themselves
    r"|\[\^[^\]\n]*\]",  # footnote labels
    re.M,
)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def prose_text(body: str, tokens: Sequence[Token], prose: Prose | None = None) -> str:
    prose = prose or Prose(body, tokens)
    chars = list(_NOT_PROSE.sub(lambda m: _blank(m.group()), body))
    for start, end in prose.code_spans:
        chars[start:end] = _blank(body[start:end])
    for line in prose.fenced_lines:
        start = prose.starts[line]
        end = prose.starts[line + 1] if line + 1 < len(prose.starts) else len(body)
        chars[start:end] = _blank(body[start:end])
    return "".join(chars)
