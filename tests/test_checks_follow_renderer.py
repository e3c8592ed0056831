"""The source checks agree with the renderer (Python-Markdown, as MkDocs runs it).

``tests/fixtures/renderer/site`` holds pages whose Markdown markdown-it and
Python-Markdown read differently (constructs found in Material for MkDocs' own
docs: a footnote whose text starts on the next line, ``[text][^1]``, raw HTML
images relative to the page's URL, footnotes inside admonitions, nesting deeper
than markdown-it's limit, a fence that is code only because the highlighter
accepts its ``title`` option) and a few real mistakes. The site is built with plain
MkDocs (no Modelpress plugin, so the deliberate mistakes do not stop the build)
and every verdict of the source checks is compared with the built HTML:

- a reference reported undefined appears as literal text, and every literal
  ``[^label]`` outside code was reported;
- a definition reported unused is referenced nowhere, and every definition the
  page does not reference was reported;
- a definition reported empty renders with no text, and every empty one was;
- an image reported missing does not resolve in the built site, and every image
  that does not resolve was reported.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from bs4.element import NavigableString

from modelpress._internal.checks import check_site_sources
from modelpress._internal.checks.context import CheckContext
from modelpress._internal.checks.links import check_links
from modelpress._internal.checks.rendering import BlogUrls, MarkdownSettings
from modelpress._internal.content import read_markdown_page
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.siteconfig import read_site_config
from tests.support.site import run_mkdocs

SITE = Path(__file__).parent / "fixtures" / "renderer" / "site"
PAGES = sorted(p.relative_to(SITE / "docs").as_posix() for p in (SITE / "docs").rglob("*.md"))
_LABEL = re.compile(r"\[\^([^\]]+)\]")
_TARGET = re.compile(r"image target '([^']+)'")


@dataclass(frozen=True)
class Built:
    root: Path
    diagnostics: list[Diagnostic]

    def page_html(self, src_uri: str) -> BeautifulSoup:
        """The built page of a source (MkDocs' directory URLs)."""
        return BeautifulSoup(
            (self.root / "site" / _url(src_uri) / "index.html").read_text(), "lxml"
        )

    def found(self, src_uri: str, code: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.path == f"docs/{src_uri}" and d.code == code]


def _url(src_uri: str) -> str:
    """The folder MkDocs writes a page to: ``a/b.md`` → ``a/b``, ``index.md`` → ``.``."""
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    return folder or "." if stem == "index" else posixpath.join(folder, stem)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("renderer") / "site"
    shutil.copytree(SITE, root)
    build = run_mkdocs(root, "build")
    assert build.returncode == 0, build.output
    site = read_site_config(root / "mkdocs.yml")
    return Built(root, check_site_sources(site, Catalog()))


def test_each_verdict_at_its_line(built: Built) -> None:
    """The exact report: only the real mistakes, each where it was written. The
    constructs markdown-it misread once gave 6 false reports here and missed 3."""
    assert [f"{d.path}:{d.line}:{d.col} {d.code}" for d in sorted(built.diagnostics)] == [
        "docs/admonition-footnotes.md:5:79 footnote-undefined",
        "docs/deep-lists.md:5:611 footnote-undefined",
        "docs/deep-quotes.md:5:811 footnote-undefined",
        "docs/footnote-mistakes.md:3:31 footnote-undefined",
        "docs/footnote-mistakes.md:6:1 footnote-unused",
        "docs/footnote-mistakes.md:7:1 footnote-empty",
        "docs/links.md:4:11 missing-page",
        "docs/links.md:8:12 missing-page",
        "docs/links.md:9:12 missing-page",
        "docs/setup/social-cards.md:11:15 missing-file",
    ]


def _prose_strings(html: BeautifulSoup) -> list[str]:
    """Text of the page's content outside code (where a literal ``[^x]`` is a mistake)."""
    main = html.select_one("div[role=main]") or html
    return [
        str(text)
        for text in main.find_all(string=True)
        if isinstance(text, NavigableString) and not text.find_parent(["code", "pre", "script"])
    ]


def _labels(diagnostics: list[Diagnostic]) -> set[str]:
    found = set()
    for d in diagnostics:
        match = _LABEL.search(d.message)
        assert match, d.message
        found.add(match.group(1))
    return found


@pytest.mark.parametrize("src_uri", PAGES)
def test_undefined_references_are_the_literal_ones(built: Built, src_uri: str) -> None:
    literal = {m for text in _prose_strings(built.page_html(src_uri)) for m in _LABEL.findall(text)}
    assert _labels(built.found(src_uri, "footnote-undefined")) == literal


def _definitions(html: BeautifulSoup) -> dict[str, tuple[bool, str]]:
    """label → (referenced in the page, text without the back-link)."""
    found = {}
    for item in html.select("div.footnote li[id^='fn:']"):
        label = str(item["id"]).removeprefix("fn:")
        referenced = html.select_one(f"a.footnote-ref[href='#fn:{label}']") is not None
        for backref in item.select("a.footnote-backref"):
            backref.extract()
        found[label] = (referenced, item.get_text(" ", strip=True).replace("\xa0", " ").strip())
    return found


@pytest.mark.parametrize("src_uri", PAGES)
def test_unused_definitions_are_the_unreferenced_ones(built: Built, src_uri: str) -> None:
    definitions = _definitions(built.page_html(src_uri))
    unreferenced = {label for label, (referenced, _) in definitions.items() if not referenced}
    assert _labels(built.found(src_uri, "footnote-unused")) == unreferenced


@pytest.mark.parametrize("src_uri", PAGES)
def test_empty_definitions_are_the_ones_rendered_empty(built: Built, src_uri: str) -> None:
    definitions = _definitions(built.page_html(src_uri))
    empty = {label for label, (_, text) in definitions.items() if not text}
    assert _labels(built.found(src_uri, "footnote-empty")) == empty


@pytest.mark.parametrize("src_uri", PAGES)
def test_missing_images_are_the_ones_that_do_not_resolve(built: Built, src_uri: str) -> None:
    html = built.page_html(src_uri)
    page_dir = built.root / "site" / _url(src_uri)
    broken = set()
    for image in html.select("div[role=main] img[src]"):
        src = str(image["src"])
        if urlsplit(src).scheme or src.startswith("/"):
            continue
        if not (page_dir / src).resolve().is_file():
            broken.add(src)
    reported = set()
    for d in built.found(src_uri, "missing-file"):
        match = _TARGET.search(d.message)
        assert match, d.message
        reported.add(match.group(1))
    # Raw HTML is published as written, so a reported target is the src in the page.
    assert reported == broken


_LINK_TARGET = re.compile(r"link (?:to|target) '([^']+)'")


@pytest.mark.parametrize("src_uri", PAGES)
def test_missing_pages_are_the_links_that_do_not_resolve(built: Built, src_uri: str) -> None:
    html = built.page_html(src_uri)
    page_dir = built.root / "site" / _url(src_uri)
    broken = set()
    for link in html.select("div[role=main] a[href]"):
        href = str(link["href"])
        path = urlsplit(href).path
        if urlsplit(href).scheme or not path or href.startswith("/"):
            continue
        target = (page_dir / path).resolve()
        if not (target / "index.html" if path.endswith("/") else target).is_file():
            broken.add(href)
    reported = set()
    for d in built.found(src_uri, "missing-page") + built.found(src_uri, "missing-file"):
        match = _LINK_TARGET.search(d.message)
        if match:
            reported.add(match.group(1))
    # MkDocs leaves a link it cannot resolve as written, so the two name the same text.
    assert reported == broken


def test_the_fixtures_hold_each_construct(built: Built) -> None:
    """Guard against a fixture edit that quietly drops what the tests above rely on."""
    next_line = _definitions(built.page_html("footnote-text-next-line.md"))
    assert next_line["2"][1].startswith("The link points to the web archive")
    assert next_line["lazy"][1].startswith("The text of a lazily continued definition")
    shortcut = built.page_html("shortcut-link-then-footnote.md")
    assert shortcut.select_one("a[href='https://example.org/schema.json']") is not None
    assert shortcut.select_one("a.footnote-ref[href='#fn:1']") is not None
    assert shortcut.select_one("a.footnote-ref[href='#fn:schema']") is not None
    admonition = _definitions(built.page_html("admonition-footnotes.md"))
    assert admonition["launch"][0]
    assert admonition["paper"][0]
    social = built.page_html("setup/social-cards.md")
    assert [str(i["src"]) for i in social.select("img")] == [
        "../../assets/screenshots/layer-0.png",
        "../assets/screenshots/layer-1.png",
        "../../assets/screenshots/layer-0.png",  # the Markdown image, rewritten by MkDocs
    ]
    for page in ("deep-quotes.md", "deep-lists.md"):
        assert any("[^deep-" in text for text in _prose_strings(built.page_html(page)))
    code = built.page_html("code-is-not-a-footnote.md")
    assert any("[^in-titled]" in block.get_text() for block in code.select("pre"))


def _raw_html_report(
    tmp_path: Path, src_uri: str, html: str, settings: MarkdownSettings
) -> list[str]:
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "a.png").write_bytes(b"\x89PNG")
    (docs / "reviews" / "figures").mkdir(parents=True)
    (docs / "reviews" / "figures" / "b.png").write_bytes(b"\x89PNG")
    page_file = docs / src_uri
    page_file.parent.mkdir(parents=True, exist_ok=True)
    page_file.write_text(f"# Page\n\n{html}\n")
    page = read_markdown_page(page_file, docs, tmp_path)
    context = CheckContext(Catalog(), frozenset({src_uri}), markdown=settings)
    return [f"{d.line}:{d.col} {d.code}" for d in check_links(page, context)]


def test_raw_html_in_a_blog_post_resolves_from_the_post_url(tmp_path: Path) -> None:
    """A post ``reviews/posts/x.md`` is served at ``reviews/<slug>/``: ``../../assets/a.png``
    is the site's ``assets/a.png``; ``../a.png`` is ``reviews/a.png`` (missing);
    ``img/a.png`` would need a folder named like the slug (none is); ``../figures/b.png``
    from the post URL exists whatever the slug."""
    blog = BlogUrls.from_options({"blog_dir": "reviews", "post_url_format": "{slug}"})
    html = (
        '<img src="../../assets/a.png"> <img src="../a.png"> <img src="img/a.png"> '
        '<img src="../figures/b.png">'
    )
    found = _raw_html_report(tmp_path, "reviews/posts/x.md", html, MarkdownSettings(blogs=(blog,)))
    assert found == ["3:42 missing-file", "3:63 missing-file"]


def test_raw_html_without_directory_urls_resolves_from_the_file_folder(tmp_path: Path) -> None:
    """``use_directory_urls: false`` serves ``guide/page.md`` at ``guide/page.html``."""
    html = '<img src="../assets/a.png"> <img src="../../assets/a.png">'
    flat = MarkdownSettings(use_directory_urls=False)
    assert _raw_html_report(tmp_path, "guide/page.md", html, flat) == ["3:39 missing-file"]
