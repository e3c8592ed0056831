"""A writer's string, escaped for generated Markdown, renders as exactly that string.

Rendered with real Python-Markdown and the extensions sites of this kind enable,
in a paragraph, in a table cell and inside raw HTML.
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from modelpress._internal.pages.escape import html_text, md_text, url_attr

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.superfences",
    "pymdownx.smartsymbols",
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.emoji",
    "pymdownx.arithmatex",
    "pymdownx.magiclink",
]

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[click](javascript:alert(1))",
    "![x](https://x.example.org/a.png)",
    "<https://evil.example.org>",
    "**bold** _em_ `code` ~~del~~ ==mark== ^^ins^^ $x^2$ :smile:",
    "[^1] [x]: https://evil.example.org",
    "{: onclick=alert(1) } {#id .class}",
    "*[HTML]: Hyper Text",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "+ not a list",
    "> not a quote",
    "--- not a rule",
    "=== not a heading",
    "a | b | c",
    "back\\slash \\*",
    "&lt;already&gt; &amp; &#60;",
    "line one\n\n    indented code\nline three",
    "(c) (tm) --> 1/2 +/- 1st 22nd",
    "https://bare.example.org/link",
    '<div markdown="1">**x**</div>',
]


def render(source: str) -> BeautifulSoup:
    html = markdown.markdown(source, extensions=EXTENSIONS)
    return BeautifulSoup(html, "html.parser")


def normalised(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize("value", HOSTILE)
def test_paragraph_renders_the_string_literally(value: str) -> None:
    soup = render(f"{md_text(value)}\n")
    paragraph = soup.find("p")
    assert isinstance(paragraph, Tag)
    assert [child.name for child in soup.find_all(True)] == ["p"], soup
    assert paragraph.get_text() == normalised(value)


@pytest.mark.parametrize("value", HOSTILE)
def test_table_cell_renders_the_string_literally(value: str) -> None:
    soup = render(f"| a | b |\n|---|---|\n| {md_text(value)} | after |\n")
    cells = soup.find_all("td")
    assert [c.get_text() for c in cells] == [normalised(value), "after"]
    assert not cells[0].find_all(True)


@pytest.mark.parametrize("value", HOSTILE)
def test_attribute_in_raw_html_reads_back(value: str) -> None:
    soup = render(f'<div class="x" data-v="{md_text(value)}" title="{md_text(value)}">t</div>\n')
    div = soup.find("div", class_="x")
    assert isinstance(div, Tag)
    assert div["data-v"] == normalised(value)
    assert set(div.attrs) == {"class", "data-v", "title"}


def test_html_text_is_plain_html_escaping() -> None:
    assert (
        html_text("<b>\"x\" & 'y'</b>\n z") == "&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39;&lt;/b&gt; z"
    )


def test_url_attr_keeps_a_link_whole_inside_a_table() -> None:
    url = "https://x.example.org/a|b`c?d=1&e=2"
    soup = render(f'| a |\n|---|\n| <a href="{url_attr(url)}">t</a> |\n')
    link = soup.find("a")
    assert isinstance(link, Tag)
    assert link["href"] == url
    assert link.get_text() == "t"
