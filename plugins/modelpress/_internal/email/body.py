"""A review's Markdown as email HTML: absolute links, footnotes as numbered endnotes.

On the site, footnotes are tooltips with back-links; in an email, in-page
anchors are unreliable across clients, so each reference becomes a plain
superscript number and the notes a numbered list at the end.
"""

from __future__ import annotations

from typing import Any

import markdown
from bs4 import BeautifulSoup, Tag

from modelpress._internal.email.urls import SiteUrls

__all__ = ["EXTENSIONS", "render_body"]

EXTENSIONS: list[Any] = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "footnotes",
    "tables",
    "pymdownx.superfences",
    "pymdownx.smartsymbols",
]


def render_body(source: str, urls: SiteUrls, src_uri: str, page_url: str) -> str:
    html = markdown.markdown(source, extensions=EXTENSIONS, output_format="html")
    soup = BeautifulSoup(html, "html.parser")
    _endnotes(soup)
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag):
            continue
        for attribute in ("href", "src"):
            value = tag.get(attribute)
            if isinstance(value, str) and value:
                tag[attribute] = urls.resolve(value, src_uri, page_url)
    for tag in soup.find_all(["script", "link", "iframe", "style"]):
        tag.decompose()
    return str(soup)


def _endnotes(soup: BeautifulSoup) -> None:
    for ref in soup.select("sup[id^='fnref']"):
        number = ref.get_text(strip=True)
        ref.clear()
        ref.string = number
        del ref["id"]
        ref["class"] = "note-ref"
    block = soup.select_one("div.footnote")
    if block is None:
        return
    for backref in block.select("a.footnote-backref"):
        backref.decompose()
    for rule in block.find_all("hr"):
        rule.decompose()
    for item in block.find_all("li"):
        if isinstance(item, Tag):
            del item["id"]
    block["class"] = "endnotes"
    heading = soup.new_tag("h2")
    heading.string = "Notes"
    block.insert(0, heading)
