"""The page builders without MkDocs: links, review coverage, chart fence, template overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from modelpress._internal.content import read_markdown_page
from modelpress._internal.pages import PageOptions, build_pages, generated_page_uris
from modelpress._internal.pages.escape import md_text
from modelpress._internal.pages.urls import md_link, page_url, relative_url
from modelpress._internal.records import Catalog, load_catalog
from modelpress._internal.reviews import ReviewLink, reviews_by_release

SITE = Path(__file__).parent / "fixtures" / "pages" / "site"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(SITE / "data", root=SITE)
    assert problems == []
    return loaded


@pytest.mark.parametrize(
    ("src_uri", "directory_urls", "url"),
    [
        ("models/index.md", True, "models/"),
        ("models/grok-1.5.md", True, "models/grok-1.5/"),
        ("timeline.md", True, "timeline/"),
        ("index.md", True, ""),
        ("models/index.md", False, "models/index.html"),
        ("models/grok-1.5.md", False, "models/grok-1.5.html"),
    ],
)
def test_page_url_follows_mkdocs(src_uri: str, directory_urls: bool, url: str) -> None:
    assert page_url(src_uri, directory_urls) == url


def test_relative_links() -> None:
    assert relative_url("models/index.md", "models/grok-4.md", True) == "grok-4/"
    assert relative_url("models/index.md", "models/grok-4.md", False) == "grok-4.html"
    assert relative_url("models/grok-4.md", "timeline.md", True) == "../../timeline/"
    assert md_link("models/grok-4.md", "reviews/posts/a (b) c.md") == (
        "../reviews/posts/a%20%28b%29%20c.md"
    )
    assert md_link("models/grok-4.md", "incidents.md", "x-1") == "../incidents.md#x-1"


def test_reviews_by_release(catalog: Catalog, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    pages = {
        "a.md": "---\nmodels: [nova-2, nova-2, nova-9]\ndate: {created: 2025-02-01}\n---\n# A\n",
        "b.md": "---\ntitle: B title\nmodels: [nova-2]\ndate: 2025-03-01\n---\n# Ignored\n",
        "c.md": "---\nmodels: nova-2\n---\n",
        "d.md": "---\ntitle: D\n---\n",
    }
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    read = [read_markdown_page(docs / name, docs, tmp_path) for name in pages]
    covered, problems = reviews_by_release(read, catalog)
    assert covered == {
        "nova-2": [
            ReviewLink("B title", "b.md", dt.date(2025, 3, 1)),
            ReviewLink("A", "a.md", dt.date(2025, 2, 1)),
        ]
    }
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("docs/a.md", 2, "unknown-id"),
        ("docs/c.md", 2, "wrong-type"),
    ]


def test_timeline_chart_fence_only_when_asked(catalog: Catalog) -> None:
    plain = build_pages(catalog, options=PageOptions(timeline_chart=False))["timeline.md"]
    assert "```chart" not in plain
    charted = build_pages(catalog, options=PageOptions(timeline_chart=True))["timeline.md"]
    fence = charted.split("```chart\n", 1)[1].split("```", 1)[0]
    spec = yaml.safe_load(fence)
    assert spec["type"] == "timeline"
    assert spec["models"] == ["nova-1", "open-1", "nova-2", "evil-1"], "dated releases, in order"


def test_front_matter_titles_are_html(catalog: Catalog) -> None:
    page = build_pages(catalog)["models/evil-1.md"]
    meta = yaml.safe_load(page.split("---\n")[1])
    assert meta["title"] == "Evil &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"
    assert "<" not in meta["description"]


def test_site_template_wins_and_still_escapes(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "modelpress").mkdir()
    (tmp_path / "modelpress" / "release.md.j2").write_text(
        "# {{ release.name }}\n\n{{ release.summary }}\n", encoding="utf-8"
    )
    pages = build_pages(catalog, options=PageOptions(custom_dir=tmp_path))
    evil = catalog.releases["evil-1"]
    body = pages["models/evil-1.md"].split("---\n\n", 1)[1]
    assert body == f"# {md_text(evil.name)}\n\n{md_text(evil.summary)}\n"
    assert "<script" not in body
    assert "](javascript" not in body
    assert "## Specifications" not in pages["models/nova-2.md"]
    assert "## Specifications" in build_pages(catalog)["models/nova-2.md"]


def test_generated_page_uris_match_the_pages(catalog: Catalog) -> None:
    assert generated_page_uris(catalog) == set(build_pages(catalog))
