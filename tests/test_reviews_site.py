"""The demo's reviews in a real build: layout, models strip, share tags, home page and feed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from tests.support.site import REPO, Build, copy_demo, run_mkdocs

pytestmark = pytest.mark.e2e

POSTS = sorted((REPO / "content/reviews/posts").glob("*.md"))
SITE_URL = "https://modelpress.github.io/modelpress/"


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    built = run_mkdocs(copy_demo(tmp_path_factory.mktemp("reviews") / "site"))
    assert built.returncode == 0, built.output
    return built


def tag(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert isinstance(found, Tag), selector
    return found


def resolves(build: Build, page: str, href: str) -> bool:
    """Whether a relative link on the built page ``page`` (a folder URL) reaches a file."""
    path = urlsplit(urljoin(f"http://site/{page}", href)).path.lstrip("/")
    target = build.site / path
    return (target / "index.html").is_file() if path.endswith("/") or not path else target.is_file()


def test_the_demo_has_five_long_reviews_with_charts_and_footnotes() -> None:
    assert len(POSTS) == 5
    for post in POSTS:
        body = post.read_text(encoding="utf-8").split("---\n", 2)[2]
        words = len(re.sub(r"```chart.*?```", "", body, flags=re.S).split())
        assert words >= 600, (post.name, words)
        assert body.count("```chart") >= 2, post.name
        assert "<!-- more -->" in body, post.name
        definitions = re.findall(r"^\[\^[^\]]+\]: .*$", body, flags=re.M)
        assert definitions, post.name
        assert all("](https://" in d for d in definitions), post.name


def test_every_review_shows_headline_subtitle_byline_and_strip(build: Build) -> None:
    for post in POSTS:
        meta = front_matter(post)
        url = f"reviews/{meta['slug']}/"
        soup = build.html(url)
        assert tag(soup, "h1.mp-review__headline").get_text(strip=True) == meta["title"]
        assert tag(soup, ".mp-review__subtitle").get_text(strip=True) == meta["subtitle"]
        byline = tag(soup, ".mp-review__byline")
        avatars = byline.select("img.mp-byline__avatar")
        assert len(avatars) == len(meta["authors"])  # type: ignore[arg-type]
        for avatar in avatars:
            src = str(avatar["src"])
            assert src.endswith(".svg")
            assert "://" not in src
            assert resolves(build, url, src)
        assert tag(byline, "time")["datetime"]
        assert "min read" in byline.get_text()
        cards = soup.select(".mp-strip .mp-strip__card")
        assert [tag(c, "a.mp-strip__name")["href"] for c in cards] == [
            f"../../models/{m}/"
            for m in meta["models"]  # type: ignore[attr-defined]
        ]
        for card in cards:
            assert resolves(build, url, str(tag(card, "a")["href"]))
        assert len(soup.select("h1")) == 1


def test_strip_shows_the_records_facts(build: Build) -> None:
    soup = build.html("reviews/grok-4-heavy/")
    heavy, grok4 = soup.select(".mp-strip__card")
    text = " ".join(heavy.get_text(" ").split())
    assert "Released 2025-07-09" in text
    assert "$300.00/month (SuperGrok Heavy)" in text
    assert "GPQA Diamond 88.9%" in text
    text = " ".join(grok4.get_text(" ").split())
    assert "$3.00 in / $15.00 out per 1M tokens" in text
    assert "ARC-AGI-2 15.9%" in text


def test_headline_score_is_the_same_benchmark_across_the_strip(build: Build) -> None:
    soup = build.html("reviews/benchmarks-what-they-tell/")
    cards = {tag(c, "a").get_text(): c.get_text(" ") for c in soup.select(".mp-strip__card")}
    assert "GPQA Diamond 84.6%" in cards["Grok 3"]
    assert "GPQA Diamond 82.8%" in cards["o3"]
    assert "GPQA Diamond 49.9%" in cards["GPT-4o"]


def test_reviews_carry_share_card_tags_and_the_feed_link(build: Build) -> None:
    for post in POSTS:
        meta = front_matter(post)
        soup = build.html(f"reviews/{meta['slug']}/")
        head = tag(soup, "head")

        def prop(name: str, head: Tag = head) -> str:
            found = head.find("meta", attrs={"property": name}) or head.find(
                "meta", attrs={"name": name}
            )
            assert isinstance(found, Tag), name
            return str(found["content"])

        assert prop("og:title") == meta["title"] == prop("twitter:title")
        assert prop("og:description") == meta["subtitle"] == prop("twitter:description")
        assert prop("og:url") == f"{SITE_URL}reviews/{meta['slug']}/"
        assert prop("article:published_time") == str(meta["date"])
        assert prop("og:type") == "article"
        assert prop("twitter:card") == "summary"
        assert prop("article:author")
        feed = head.find("link", attrs={"rel": "alternate", "type": "application/rss+xml"})
        assert isinstance(feed, Tag)
        assert resolves(build, f"reviews/{meta['slug']}/", str(feed["href"]))


def test_home_page_is_derived_from_the_posts(build: Build) -> None:
    metas = sorted((front_matter(p) for p in POSTS), key=lambda m: str(m["date"]), reverse=True)
    soup = build.html("index.html")
    lead = tag(soup, ".mp-front__lead")
    assert tag(lead, ".mp-front__headline a").get_text() == metas[0]["title"]
    assert tag(lead, ".mp-front__subtitle").get_text() == metas[0]["subtitle"]
    items = soup.select(".mp-front__item")
    assert [tag(i, "h3 a").get_text() for i in items] == [m["title"] for m in metas[1:]]
    assert [tag(i, ".mp-front__item-subtitle").get_text() for i in items] == [
        m["subtitle"] for m in metas[1:]
    ]
    for link in soup.select(".mp-front a[href]"):
        href = str(link["href"])
        assert "://" in href or resolves(build, "", href), href
    links = {a.get_text(): str(a["href"]) for a in soup.select(".mp-front__links a")}
    assert links["RSS feed"] == "feed_rss_created.xml"
    assert links["All models and their numbers"] == "models/"
    form = tag(soup, "form.mp-subscribe__form")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert form["action"] == config["extra"]["modelpress"]["subscribe_url"]
    assert tag(form, "input[type=email]")["name"] == "email"


def demo_with_home_posts(tmp_path: Path, value: int) -> Path:
    """The demo site with ``home_posts: value`` under ``modelpress/reviews``."""
    root = copy_demo(tmp_path / "site")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - modelpress/reviews\n" in text
    config.write_text(
        text.replace(
            "  - modelpress/reviews\n", f"  - modelpress/reviews:\n      home_posts: {value}\n"
        ),
        encoding="utf-8",
    )
    return root


def test_home_page_shows_the_newest_reviews_and_links_the_rest(tmp_path: Path) -> None:
    """``home_posts`` caps the front page; the archive link under the list counts all."""
    built = run_mkdocs(demo_with_home_posts(tmp_path, 2))
    assert built.returncode == 0, built.output
    metas = sorted((front_matter(p) for p in POSTS), key=lambda m: str(m["date"]), reverse=True)
    soup = built.html("index.html")
    assert tag(soup, ".mp-front__headline a").get_text() == metas[0]["title"]
    assert [tag(i, "h3 a").get_text() for i in soup.select(".mp-front__item")] == [
        metas[1]["title"]
    ]
    more = tag(soup, ".mp-front__all a")
    assert more.get_text() == f"All {len(POSTS)} reviews"
    assert resolves(built, "", str(more["href"]))


def test_home_posts_below_one_stops_the_build_with_the_fix(tmp_path: Path) -> None:
    built = run_mkdocs(demo_with_home_posts(tmp_path, 0))
    assert built.returncode == 1
    assert "home_posts is 0; set it to the number of reviews the front page shows" in built.output
    assert "Traceback" not in built.output


def test_rss_feed_validates_and_lists_every_review(build: Build) -> None:
    feed = feedparser.parse((build.site / "feed_rss_created.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Modelpress Review"
    assert feed.feed.image.href.startswith("https://")
    metas = {f"{SITE_URL}reviews/{front_matter(p)['slug']}/": front_matter(p) for p in POSTS}
    assert {entry.link for entry in feed.entries} == set(metas)
    for entry in feed.entries:
        meta = metas[entry.link]
        assert entry.title == meta["title"]
        published = dt.date(*entry.published_parsed[:3])
        assert published == meta["date"]
        assert len(entry.description) > 80
        assert "../" not in entry.description
        assert ".md" not in entry.description
        assert (build.site / urlsplit(entry.link).path.removeprefix("/modelpress/")).is_dir()


def test_footnotes_are_tooltip_ready_and_every_note_links_a_source(build: Build) -> None:
    soup = build.html("reviews/grok-3/")
    notes = soup.select(".footnote li")
    assert len(notes) == 6
    for note in notes:
        assert note.select_one("a[href^='https://']") is not None
    refs = soup.select("sup[id^='fnref'] a.footnote-ref")
    assert refs
    assert all(str(r["href"]).startswith("#fn:") for r in refs)


def test_reviews_index_shows_each_subtitle_under_its_headline(build: Build) -> None:
    soup = build.html("reviews/")
    metas = sorted((front_matter(p) for p in POSTS), key=lambda m: str(m["date"]), reverse=True)
    for excerpt, meta in zip(soup.select(".md-post--excerpt"), metas, strict=True):
        heading = tag(excerpt, ".md-post__content > h2")
        assert heading.get_text(strip=True) == meta["title"]
        subtitle = heading.find_next_sibling()
        assert isinstance(subtitle, Tag)
        assert subtitle.get("class") == ["mp-excerpt__subtitle"]
        assert subtitle.get_text() == meta["subtitle"]
        assert len(excerpt.select(".md-post__authors img")) == len(meta["authors"])  # type: ignore[arg-type]
