"""Reviews the build must refuse, or publish differently, with clear messages.

Each test edits a copy of the demo and runs the real ``mkdocs build --strict``.
"Nothing half-built" is checked by the absence of the output folder: every
refusal must come before MkDocs writes a file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from tests.support.site import Build, copy_demo, run_mkdocs

pytestmark = pytest.mark.e2e

POST = "content/reviews/posts/grok-3.md"


def demo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "site")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(build: Build) -> None:
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output
    assert not build.site.exists(), "the build wrote files before failing"


def test_post_without_a_date_fails_with_its_file(tmp_path: Path) -> None:
    root = demo(tmp_path)
    edit(root / POST, "date: 2025-02-20\n", "")
    build = run_mkdocs(root)
    refused(build)
    assert (
        f"{POST}:1:1: error: a review needs 'date: YYYY-MM-DD' in its front matter" in build.output
    )


def test_post_dated_in_the_future_is_a_draft_left_out_of_site_feed_and_home(
    tmp_path: Path,
) -> None:
    """``draft_if_future_date: true``: a scheduled post is built only by ``mkdocs serve``."""
    root = demo(tmp_path)
    future = dt.date.today() + dt.timedelta(days=30)
    source = (root / POST).read_text(encoding="utf-8")
    scheduled = (
        source.replace("date: 2025-02-20", f"date: {future.isoformat()}")
        .replace("slug: grok-3", "slug: scheduled")
        .replace('title: "Grok 3: a fast climb, a thin scorecard"', 'title: "A scheduled review"')
        .replace("models: [grok-3, grok-3-mini]\n", "")
    )
    (root / "content/reviews/posts/scheduled.md").write_text(scheduled, encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    assert not (build.site / "reviews/scheduled").exists()
    assert (build.site / "reviews/grok-3").is_dir()
    feed = feedparser.parse((build.site / "feed_rss_created.xml").read_bytes())
    links = [entry.link for entry in feed.entries]
    assert len(links) == 5
    assert not any(link.endswith("/scheduled/") for link in links)
    home = build.html("index.html").get_text(" ")
    assert "A scheduled review" not in home
    assert "Grok 3: a fast climb" in home


def test_unknown_author_fails_with_line_and_suggestion(tmp_path: Path) -> None:
    root = demo(tmp_path)
    edit(root / POST, "authors: [theo]", "authors: [thoe]")
    build = run_mkdocs(root)
    refused(build)
    assert (
        f"{POST}:5:11: error: unknown author 'thoe' (did you mean 'theo'?); authors are "
        "defined in the blog's .authors.yml [unknown-author]" in build.output
    )


def test_unknown_release_in_models_fails_with_line_and_suggestion(tmp_path: Path) -> None:
    root = demo(tmp_path)
    edit(root / POST, "models: [grok-3, grok-3-mini]", "models: [grok-3, grok3-mini]")
    build = run_mkdocs(root)
    refused(build)
    assert f"{POST}:7:18: error: unknown release 'grok3-mini' in 'models'" in build.output
    assert "did you mean 'grok-3-mini'?" in build.output


def test_subtitle_with_html_is_a_warning_and_is_shown_as_text(tmp_path: Path) -> None:
    root = demo(tmp_path)
    hostile = '<b>Bold</b> claims & <script>alert(1)</script> "quotes"'
    text = (root / POST).read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("subtitle:"))
    edit(root / POST, line, "subtitle: '" + hostile + "'")
    strict = run_mkdocs(root)
    # A warning, not an error: MkDocs finishes the build and then --strict fails it.
    assert strict.returncode == 1, strict.output
    assert f"{POST}:3:11: warning: the subtitle contains HTML" in strict.output

    build = run_mkdocs(root, "build", "--no-strict")
    assert build.returncode == 0, build.output
    soup = build.html("reviews/grok-3/")
    subtitle = soup.select_one(".mp-review__subtitle")
    assert subtitle is not None
    assert subtitle.get_text() == hostile
    assert subtitle.find("b") is None
    assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()]
    og = soup.find("meta", attrs={"property": "og:description"})
    assert og is not None
    assert og["content"] == hostile
    for page in ("reviews/grok-3/index.html", "reviews/index.html", "index.html"):
        raw = (build.site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in raw, page
        assert "&lt;b&gt;Bold&lt;/b&gt;" in raw, page


def test_subscribe_box_is_hidden_when_no_target_is_set(tmp_path: Path) -> None:
    root = demo(tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  modelpress:\n")
    config.write_text(text[:start], encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    soup = build.html("index.html")
    assert soup.select_one(".mp-subscribe") is None
    assert soup.select_one("form") is None or not soup.select("form.mp-subscribe__form")
    assert soup.select_one(".mp-front__lead") is not None
