"""Two builds of the same sources are byte-identical, and feeds carry the posts' own dates.

MkDocs and mkdocs-rss-plugin date a build by ``SOURCE_DATE_EPOCH`` or, without
it, by the clock: the feeds' ``pubDate``/``lastBuildDate``, the sitemap's
``lastmod`` and the gzip header of ``sitemap.xml.gz``. The reviews plugin pins
that date to the newest review when the variable is unset, and gives every
review a modification date (``updated:``, else its publication date), so the
"updated" feed no longer claims each review changed at build time.
"""

from __future__ import annotations

import gzip
import json
import struct
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import pytest

from modelpress._internal.reviews.meta import newest_post_time
from modelpress._internal.siteconfig import BlogSettings
from tests.support.site import Build, clean_env, copy_demo

pytestmark = pytest.mark.e2e

NEWEST_POST = datetime(2025, 8, 1, tzinfo=UTC)
"""``date:`` of the demo's newest review (benchmarks-what-they-tell.md)."""


def build(root: Path, *, source_date_epoch: int | None) -> Build:
    """``mkdocs build --strict`` with ``SOURCE_DATE_EPOCH`` set as given, or unset."""
    env = clean_env()
    env.pop("SOURCE_DATE_EPOCH", None)
    if source_date_epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    result = Build(done.returncode, done.stdout + done.stderr, root)
    assert result.returncode == 0, result.output
    return result


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def gzip_mtime(path: Path) -> int:
    """The modification time stored in a gzip header (bytes 4–8, little-endian)."""
    return int(struct.unpack("<I", path.read_bytes()[4:8])[0])


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    first = build(copy_demo(tmp_path / "first"), source_date_epoch=None)
    second = build(copy_demo(tmp_path / "second" / "nested"), source_date_epoch=None)
    one, two = files_of(first.site), files_of(second.site)
    assert sorted(one) == sorted(two)
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == []
    # What used to differ, each dated by the newest review rather than the clock.
    for feed_name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        feed = feedparser.parse(one[feed_name])
        assert feed.feed.updated_parsed[:6] == NEWEST_POST.timetuple()[:6]
    assert gzip_mtime(first.site / "sitemap.xml.gz") == int(NEWEST_POST.timestamp())
    assert "<lastmod>2025-08-01</lastmod>" in (first.site / "sitemap.xml").read_text("utf-8")
    assert "search/search_index.json" in one
    assert "sitemap.xml.gz" in one


def test_source_date_epoch_dates_the_build_and_updated_dates_the_change(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    post = root / "content/reviews/posts/grok-4.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("date: 2025-07-14\n", "date: 2025-07-14\nupdated: 2025-08-10\n", 1),
        encoding="utf-8",
    )
    epoch = int(datetime(2026, 1, 2, tzinfo=UTC).timestamp())
    site = build(root, source_date_epoch=epoch).site

    created = feedparser.parse((site / "feed_rss_created.xml").read_bytes())
    assert created.feed.updated_parsed[:3] == (2026, 1, 2)
    assert gzip_mtime(site / "sitemap.xml.gz") == epoch
    with gzip.open(site / "sitemap.xml.gz", "rt", encoding="utf-8") as sitemap:
        assert "<lastmod>2026-01-02</lastmod>" in sitemap.read()

    updated = json.loads((site / "feed_json_updated.json").read_text(encoding="utf-8"))
    items = {item["url"].rstrip("/").rsplit("/", 1)[-1]: item for item in updated["items"]}
    assert items["grok-4"]["date_published"] == "2025-07-14T00:00:00+00:00"
    assert items["grok-4"]["date_modified"] == "2025-08-10T00:00:00+00:00"
    # The updated feed lists the changed review first; the others were never modified.
    assert updated["items"][0]["url"].endswith("/reviews/grok-4/")
    for slug, item in items.items():
        if slug != "grok-4":
            assert item["date_modified"] == item["date_published"], slug
    rss = feedparser.parse((site / "feed_rss_updated.xml").read_bytes())
    assert rss.entries[0].link.endswith("/reviews/grok-4/")
    assert rss.entries[0].published_parsed[:3] == (2025, 8, 10)

    # The byline says so, as it does for the blog's own ``date: {updated: …}``.
    byline = Build(0, "", root).html("reviews/grok-4/").select_one(".mp-byline__meta")
    assert byline is not None
    assert "updated" in byline.get_text(" ")
    assert str(byline.select("time")[1]["datetime"]).startswith("2025-08-10")

    # Without SOURCE_DATE_EPOCH, the newest change dates the build.
    unset = build(root, source_date_epoch=None).site
    feed = feedparser.parse((unset / "feed_rss_updated.xml").read_bytes())
    assert feed.feed.updated_parsed[:3] == (2025, 8, 10)


def test_drafts_do_not_date_the_build() -> None:
    """A scheduled or draft review is not published, so its date must not date the build."""
    blog = BlogSettings(draft_if_future_date=True)
    now = datetime(2025, 9, 1, tzinfo=UTC)
    metas: list[dict[str, object]] = [
        {"date": date(2025, 7, 14), "updated": date(2025, 8, 10)},
        {"date": date(2025, 8, 1)},
        {"date": date(2025, 12, 1)},  # scheduled: a draft until that day
        {"date": date(2025, 8, 20), "draft": True},
        {"date": date(2025, 12, 2), "draft": False},  # published early on purpose
    ]
    assert newest_post_time(metas[:4], blog, now=now) == datetime(2025, 8, 10, tzinfo=UTC)
    assert newest_post_time(metas, blog, now=now) == datetime(2025, 12, 2, tzinfo=UTC)
    drafts_built = newest_post_time(metas[:4], blog, now=now, building_drafts=True)
    assert drafts_built == datetime(2025, 12, 1, tzinfo=UTC)
    assert newest_post_time([{"title": "no date"}], blog, now=now) is None
