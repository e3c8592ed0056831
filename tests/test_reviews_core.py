"""The reviews core without MkDocs: strip facts, excerpts, share tags, front page, URLs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from modelpress._internal.content import MarkdownPage, read_markdown_page
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.email.urls import SiteUrls
from modelpress._internal.records import Catalog, load_catalog
from modelpress._internal.reviews.excerpt import excerpt_text
from modelpress._internal.reviews.frontpage import Byline, FrontPage, PostSummary, front_page_html
from modelpress._internal.reviews.meta import ReviewCheckMemo, check_review_meta, check_reviews
from modelpress._internal.reviews.social import ShareCard, social_meta
from modelpress._internal.reviews.strip import model_facts, strip_html
from modelpress._internal.siteconfig import BlogSettings
from tests.support.site import REPO


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(REPO / "data", root=REPO)
    assert not problems
    return loaded


def test_strip_facts_come_from_the_records(catalog: Catalog) -> None:
    heavy, grok3, mini = model_facts(["grok-4-heavy", "grok-3", "grok-3-mini"], catalog)
    assert heavy.price == "$300.00/month (SuperGrok Heavy)"
    assert heavy.benchmark == "GPQA Diamond 88.9%"
    assert heavy.released == "Released 2025-07-09"
    assert grok3.price == "$3.00 in / $15.00 out per 1M tokens"
    assert mini.released == "Released, announced 2025-02-17"
    assert mini.benchmark == ""


def test_strip_labels_a_disputed_headline_score(catalog: Catalog) -> None:
    release = catalog.releases["grok-3"]
    only_aime = release.model_copy(
        update={"benchmarks": [b for b in release.benchmarks if b.benchmark == "aime-2025"]}
    )
    patched = Catalog(**{**catalog.__dict__, "releases": {"grok-3": only_aime}})
    (facts,) = model_facts(["grok-3"], patched)
    assert facts.benchmark == "AIME 2025 93.3% (disputed)"


def test_strip_skips_unknown_ids_and_repeats(catalog: Catalog) -> None:
    facts = model_facts(["grok-4", "nope", "grok-4"], catalog)
    assert [f.release_id for f in facts] == ["grok-4"]


def test_strip_html_escapes_every_value(catalog: Catalog) -> None:
    (facts,) = model_facts(["grok-4"], catalog)
    hostile = facts.__class__(**{**facts.__dict__, "name": "<img src=x onerror=alert(1)>"})
    html = str(strip_html([hostile], lambda rid: f"/models/{rid}/?a=1&b=<2>"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    link = soup.select_one("a.mp-strip__name")
    assert link is not None
    assert link.get_text() == "<img src=x onerror=alert(1)>"
    assert link["href"] == "/models/grok-4/?a=1&b=<2>"
    assert str(strip_html([], str)) == ""


def test_excerpt_text_drops_links_notes_and_emphasis() -> None:
    markdown = (
        "**Verdict:** [Grok 4](../../models/grok-4.md) is _fast_.[^1] See `code`.\n\n"
        "<!-- more -->\n\nThe rest."
    )
    assert excerpt_text(markdown) == "Verdict: Grok 4 is fast. See code."
    assert excerpt_text("word " * 200, limit=30).endswith("…")
    assert len(excerpt_text("word " * 200, limit=30)) <= 30


def test_share_tags_escape_and_cover_the_card() -> None:
    card = ShareCard(
        title='A "quoted" <title>',
        description="x & y",
        site_name="Site",
        url="https://example.org/r/",
        published=dt.date(2025, 7, 9),
        authors=["Mara"],
    )
    soup = BeautifulSoup(str(social_meta(card)), "html.parser")
    values = {(m.get("property") or m.get("name")): m["content"] for m in soup.find_all("meta")}
    assert values["og:title"] == 'A "quoted" <title>'
    assert values["twitter:description"] == "x & y"
    assert values["article:published_time"] == "2025-07-09"
    assert values["og:url"] == "https://example.org/r/"
    assert "og:image" not in values
    assert values["twitter:card"] == "summary"


def post(title: str, day: int) -> PostSummary:
    return PostSummary(
        title=title,
        url=f"reviews/{day}/",
        date=dt.date(2025, 1, day),
        subtitle=f"<i>{title}</i> subtitle",
        authors=[Byline("Mara", "assets/a.svg")],
    )


def test_front_page_leads_with_the_first_post_and_hides_an_unset_subscribe_box() -> None:
    page = FrontPage(posts=[post("New", 2), post("Old", 1)], models_url="models/")
    soup = BeautifulSoup(str(front_page_html(page)), "html.parser")
    lead = soup.select_one(".mp-front__lead h2 a")
    assert lead is not None
    assert lead.get_text() == "New"
    assert [a.get_text() for a in soup.select(".mp-front__item h3 a")] == ["Old"]
    assert soup.find("i") is None
    assert soup.select_one("form") is None
    with_box = FrontPage(posts=[], models_url="models/", subscribe_url="https://x.test/s?a=1&b=2")
    soup = BeautifulSoup(str(front_page_html(with_box)), "html.parser")
    form = soup.select_one("form")
    assert form is not None
    assert form["action"] == "https://x.test/s?a=1&b=2"
    assert "No reviews published yet" in soup.get_text()


def test_front_page_links_the_archive_only_when_it_shows_fewer_than_all() -> None:
    shown = [post("New", 3), post("Mid", 2), post("Old", 1)]
    capped = FrontPage(posts=shown, models_url="models/", reviews_url="reviews/", total=1200)
    soup = BeautifulSoup(str(front_page_html(capped)), "html.parser")
    link = soup.select_one(".mp-front__more .mp-front__all a")
    assert link is not None
    assert link.get_text() == "All 1,200 reviews"
    assert link["href"] == "reviews/"
    for whole in (
        FrontPage(posts=shown, models_url="models/", reviews_url="reviews/", total=3),
        FrontPage(posts=shown, models_url="models/", reviews_url="reviews/"),
    ):
        soup = BeautifulSoup(str(front_page_html(whole)), "html.parser")
        assert soup.select_one(".mp-front__all") is None


def write_post(tmp_path: Path, front: str) -> Path:
    path = tmp_path / "docs/reviews/posts/p.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{front}---\n\nBody.\n", encoding="utf-8")
    return path


def test_review_meta_reports_authors_subtitle_and_date(tmp_path: Path) -> None:
    path = write_post(tmp_path, "title: T\nsubtitle: 'a <b>b</b>'\nauthors: [mara, thoe]\n")
    page = read_markdown_page(path, tmp_path / "docs", tmp_path)
    found = [d.format() for d in check_review_meta(page, {"mara", "theo"})]
    assert found == [
        "docs/reviews/posts/p.md:4:17: error: unknown author 'thoe' (did you mean 'theo'?); "
        "authors are defined in the blog's .authors.yml [unknown-author]",
        "docs/reviews/posts/p.md:3:11: warning: the subtitle contains HTML; it is shown as "
        "plain text (the tags appear literally), so write it without markup [html-in-subtitle]",
        "docs/reviews/posts/p.md:1:1: error: a review needs 'date: YYYY-MM-DD' in its front "
        "matter (the blog orders, archives and dates posts by it) [missing-date]",
    ]


def test_review_meta_accepts_a_clean_post(tmp_path: Path) -> None:
    path = write_post(tmp_path, "date: 2025-01-01\nsubtitle: Plain & simple\nauthors: [mara]\n")
    page = read_markdown_page(path, tmp_path / "docs", tmp_path)
    assert list(check_review_meta(page, {"mara"})) == []


def test_the_review_check_memo_reuses_a_pages_findings_only_for_that_page_and_settings(
    tmp_path: Path,
) -> None:
    """The preview server's check of the posts: a page object checked by the last call
    keeps its findings; a new page (an edit), other settings or other authors are
    checked afresh, and duplicate addresses are found between kept and new pages."""
    docs = tmp_path / "docs"
    posts = docs / "blog/posts"
    posts.mkdir(parents=True)
    fronts = {
        "a.md": "title: Same\ndate: 2025-01-01\nauthors: [mara]\ncategories: [News]\n",
        "b.md": "title: Other\ndate: 2025-01-01\nauthors: [theo]\n",
        "c.md": "title: Third\ndate: 2025-02-01\nsubtitle: '<i>x</i>'\n",
    }
    for name, front in fronts.items():
        (posts / name).write_text(f"---\n{front}---\n\nBody.\n", encoding="utf-8")

    def read(name: str) -> MarkdownPage:
        return read_markdown_page(posts / name, docs, tmp_path)

    def codes(found: list[Diagnostic]) -> list[tuple[str, str]]:
        return [(Path(d.path).name, d.code) for d in found]

    pages = {name: read(name) for name in fronts}
    blog = BlogSettings()
    memo = ReviewCheckMemo()
    first = check_reviews(pages.values(), blog, {"mara"}, memo)
    assert codes(first) == [("b.md", "unknown-author"), ("c.md", "html-in-subtitle")]
    assert check_reviews(pages.values(), blog, {"mara"}, memo) == first
    # An edit is a new page object: b.md now shares a.md's address, which is kept.
    (posts / "b.md").write_text("---\ntitle: Same\ndate: 2025-01-01\n---\n\nB.\n", "utf-8")
    pages["b.md"] = read("b.md")
    edited = check_reviews(pages.values(), blog, {"mara"}, memo)
    assert edited == check_reviews(pages.values(), blog, {"mara"})
    assert sorted(codes(edited)) == [
        ("a.md", "duplicate-slug"),
        ("b.md", "duplicate-slug"),
        ("c.md", "html-in-subtitle"),
    ]
    strict = BlogSettings(categories_allowed=("Models",))
    assert ("a.md", "unknown-category") in codes(
        check_reviews(pages.values(), strict, {"mara"}, memo)
    )
    assert ("a.md", "unknown-author") in codes(check_reviews(pages.values(), strict, set(), memo))
    assert check_reviews(pages.values(), blog, {"mara"}, memo) == edited


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../../models/grok-3.md", "https://x.test/site/models/grok-3/"),
        ("../../incidents.md#july", "https://x.test/site/incidents/#july"),
        ("../../index.md", "https://x.test/site/"),
        ("other.md", "https://x.test/site/reviews/2025/07/09/other-post/"),
        ("#fn:1", "https://x.test/site/reviews/here/#fn:1"),
        ("img/chart.png", "https://x.test/site/reviews/img/chart.png"),
        ("https://example.org/a", "https://example.org/a"),
        ("mailto:a@example.org", "mailto:a@example.org"),
    ],
)
def test_site_urls_make_every_link_absolute(href: str, expected: str, tmp_path: Path) -> None:
    other = "---\ntitle: Other post\ndate: 2025-07-09\n---\n"
    docs = tmp_path / "docs"

    def read_page(src_uri: str) -> MarkdownPage | None:
        if src_uri != "reviews/posts/other.md":
            return None
        return read_markdown_page(docs / src_uri, docs, tmp_path, text=other)

    urls = SiteUrls(
        site_url="https://x.test/site/",
        blog=BlogSettings(blog_dir="reviews", post_dir="reviews/posts"),
        read_page=read_page,
    )
    got = urls.resolve(href, "reviews/posts/here.md", "https://x.test/site/reviews/here/")
    assert got == expected
