"""One pass over a built HTML page: the ids it defines and the links it makes.

The built-site check reads every page of a site that may have thousands, so
it does not build a tree: one compiled regular expression walks the tags,
skipping comments, scripts and styles, and a second reads the few attributes
that matter (``id``, ``name``, ``href``, ``src``). MkDocs and Material write
well-formed HTML, so this sees what a browser sees for these attributes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

__all__ = ["LinkRef", "PageScan", "scan_html"]

_TAG = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|template)\b[^>]*>.*?</\1\s*>"
    r"|<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>",
    re.S | re.I,
)
_ATTR = re.compile(
    r"""(?:^|\s)(id|name|href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I
)
_SCRIPT_SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


@dataclass(frozen=True)
class LinkRef:
    url: str
    offset: int
    """Character offset of the value in the page, for a line number when no source has it."""
    tag: str


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[LinkRef] = field(default_factory=list)


def scan_html(text: str) -> PageScan:
    result = PageScan()
    ids = result.ids
    links = result.links
    for match in _TAG.finditer(text):
        block = match.group(1)
        if block is not None:
            if block.lower() == "script":
                opening = match.group(0)[: match.group(0).find(">") + 1]
                src = _SCRIPT_SRC.search(opening)
                if src:
                    value = src.group(1) if src.group(1) is not None else src.group(2)
                    links.append(LinkRef(_unescape(value), match.start() + src.start(), "script"))
            continue
        attrs = match.group(3)
        if not attrs or "=" not in attrs:
            continue
        tag = match.group(2).lower()
        base = match.start(3)
        for attr in _ATTR.finditer(attrs):
            name = attr.group(1).lower()
            value = attr.group(2)
            if value is None:
                value = attr.group(3) if attr.group(3) is not None else attr.group(4)
            value = _unescape(value)
            if name == "id" or (name == "name" and tag == "a"):
                ids.add(value)
            elif name in ("href", "src"):
                links.append(LinkRef(value, base + attr.start(1), tag))
    return result


def _unescape(value: str) -> str:
    return html.unescape(value) if "&" in value else value
