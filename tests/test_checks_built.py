"""Built-site checks: hand-written HTML for each resolution rule, and real builds.

The unit cases write a few HTML files the way MkDocs lays them out (directory
URLs or not, a site served from a sub-path); the end-to-end cases run the real
``mkdocs build`` and ``modelpress links`` on the demo site (which must pass)
and on a site with broken anchors and a missing page (which must fail, at the
line of the Markdown that holds each link).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from modelpress._internal.checks import SourceRef, built, check_built_site
from modelpress._internal.cli import main
from tests.support.site import copy_demo, run_mkdocs

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "checks" / "site"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, body in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<!doctype html>\n<html><body>\n{body}\n</body></html>\n")
    return root


def problems(site: Path, **kwargs: object) -> list[str]:
    return [d.format() for d in check_built_site(site, **kwargs)]  # type: ignore[arg-type]


def test_directory_urls_fragments_and_encodings(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site",
        {
            "index.html": "\n".join(
                [
                    '<a href="models/">models</a> <a href="models/nova/#pricing">ok</a>',
                    '<a href="models/nova/#nope">bad anchor</a>',
                    '<a href="missing/">missing</a> <a href="../outside.html">outside</a>',
                    '<a href="a%20b.html">spaces</a> <img src="img/chart.png">',
                    '<a href="#top">top</a> <h1 id="top">Top</h1> <a href="#fnref:1">back</a>',
                    '<a href="mailto:x@example.org">mail</a> <a href="https://example.org/">x</a>',
                    '<pre><code>&lt;a href="nowhere/"&gt;</code></pre>',
                    '<!-- <a href="commented/"> --><script>var a = \'<a href="js/">\';</script>',
                    '<a href="models/nova/?tab=1#pricing">query</a> <a href="#">nothing</a>',
                ]
            ),
            "models/index.html": '<a href="../">home</a> <a href="nova/">nova</a>',
            "models/nova/index.html": '<h2 id="pricing">Pricing</h2><a href="../../#top">x</a>',
            "a b.html": "<p>spaced file name</p>",
        },
    )
    (site / "img").mkdir()
    (site / "img" / "chart.png").write_bytes(b"png")
    assert problems(site) == [
        "site/index.html:4:4: error: 'models/nova/#nope': no element with id 'nope' on "
        "'models/nova/index.html'; link a heading that exists (headings get ids from their "
        "text) [broken-anchor]",
        "site/index.html:5:4: error: 'missing/' points to no file in the built site; fix the "
        "link or add the page or file it points to [broken-link]",
        "site/index.html:5:35: error: '../outside.html' points to no file in the built site; "
        "fix the link or add the page or file it points to [broken-link]",
        "site/index.html:7:49: error: '#fnref:1': no element with id 'fnref:1' on this page; "
        "a footnote back-link to a reference that is not on the page [broken-footnote]",
    ]


def test_plain_html_urls_and_site_url_sub_path(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site",
        {
            "index.html": "\n".join(
                [
                    '<a href="reviews/post.html#verdict">post</a>',
                    '<a href="/sub/reviews/post.html">absolute</a>',
                    '<a href="https://example.org/sub/reviews/post.html#verdict">full</a>',
                    '<a href="https://example.org/sub/reviews/gone.html">gone</a>',
                    '<a href="/elsewhere/reviews/post.html">outside the sub-path</a>',
                ]
            ),
            "reviews/post.html": '<h2 id="verdict">V</h2><a href="../index.html">up</a>',
        },
    )
    found = problems(site, site_url="https://example.org/sub/")
    assert [line.split(": error: ")[0] for line in found] == [
        "site/index.html:6:4",
        "site/index.html:7:4",
    ]


def test_problems_point_at_the_markdown_and_honour_ignores(tmp_path: Path) -> None:
    site = write(
        tmp_path / "site",
        {
            "post/index.html": '<p><a href="../models/nova/#nope">Nova</a></p>',
            "other/index.html": '<a href="../nowhere/">x</a>',
            "models/nova/index.html": "<h1 id='nova'>Nova</h1>",
        },
    )
    markdown = tmp_path / "post.md"
    markdown.write_text("# Post\n\nSee [Nova](../models/nova.md#nope).\n", encoding="utf-8")
    sources = {"post/index.html": SourceRef("content/post.md", markdown, "post.md")}
    assert [d.split(": error")[0] for d in problems(site, sources=sources)] == [
        "content/post.md:3:29",
        "site/other/index.html:3:4",
    ]
    assert problems(site, sources=sources, ignore_codes={"post.md": ["broken-anchor"]}) == [
        "site/other/index.html:3:4: error: '../nowhere/' points to no file in the built site; "
        "fix the link or add the page or file it points to [broken-link]"
    ]


def test_a_problem_is_not_pinned_on_an_external_url_that_shares_the_page_name(
    tmp_path: Path,
) -> None:
    """The source line is the link's own, not a footnote URL that contains 'performance'."""
    site = write(tmp_path / "site", {"post/index.html": '<a href="../performance/">Speed</a>'})
    markdown = tmp_path / "post.md"
    markdown.write_text(
        "# Post\n\nFast.[^1]\n\n[^1]: [Tips](https://example.org/performance/)\n\n"
        "See [our speed page](../performance.md).\n",
        encoding="utf-8",
    )
    sources = {"post/index.html": SourceRef("content/post.md", markdown, "post.md")}
    assert [d.split(": error")[0] for d in problems(site, sources=sources)] == [
        "content/post.md:7:25"
    ]


@pytest.mark.e2e
def test_the_built_site_is_checked_after_every_plugin_has_written_its_files(
    tmp_path: Path,
) -> None:
    """Listed before the rss plugin, the check still finds the feeds the pages link to."""
    root = copy_demo(tmp_path / "site")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = re.search(r"  - modelpress/checks.*\n(?:      .*\n)*", text)
    assert entry is not None
    text = text.replace(entry.group(0), "").replace(
        "  - modelpress/charts\n", "  - modelpress/charts\n" + entry.group(0)
    )
    assert text.index("modelpress/checks") < text.index("  - rss:")
    config.write_text(text, encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    assert (root / "site" / "feed_rss_created.xml").is_file()


@pytest.mark.e2e
def test_the_demo_site_passes_every_check(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    assert "[broken-" not in build.output
    assert main(["links", str(root / "site"), "--config", str(root / "mkdocs.yml")]) == 0
    assert main(["check", "--config", str(root / "mkdocs.yml")]) == 0


ANCHORS_POST = """\
---
title: Anchors
date: 2025-03-04
---

# Anchors

## Real heading

A [good anchor](#real-heading), a [bad anchor](#no-such-heading),
the [model page](../../models/nova-2.md#no-such-section), and a
<a href="../nowhere/">raw link to nowhere</a>.
"""


@pytest.mark.e2e
def test_a_build_with_broken_anchors_fails_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(shutil.copytree(FIXTURE_SITE, tmp_path / "site-root"))
    for post in (root / "content/reviews/posts").glob("*.md"):
        post.unlink()
    (root / "content/reviews/posts/anchors.md").write_text(ANCHORS_POST, encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 1, build.output
    expected = [
        "content/reviews/posts/anchors.md:10:48: error: '#no-such-heading': no element with id "
        "'no-such-heading' on this page",
        "content/reviews/posts/anchors.md:11:40: error: '../../models/nova-2/#no-such-section': "
        "no element with id 'no-such-section' on 'models/nova-2/index.html'",
        "content/reviews/posts/anchors.md:12:10: error: '../nowhere/' points to no file",
    ]
    for line in expected:
        assert line in build.output
    assert main(["links", str(root / "site"), "--config", str(root / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    for line in expected:
        assert line in out


def test_links_without_a_built_site_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert main(["links", str(tmp_path / "nothing"), "--config", str(tmp_path / "mkdocs.yml")]) == 2
    assert "no built site here; run 'mkdocs build' first" in capsys.readouterr().err


# -- the preview server's memo of page hashes ------------------------------------------------


LINK_TO_X = '<a href="a.html#x">to x</a>'


def _codes(site: Path) -> list[str]:
    return [problem.code for problem in check_built_site(site)]


def test_a_page_rewritten_at_once_with_the_same_size_is_read_again(tmp_path: Path) -> None:
    """The kernel stamps files with a coarse clock, so a same-size rewrite right after a
    check may keep the file's identity: a file changed this recently is hashed again."""
    site = write(tmp_path, {"index.html": LINK_TO_X, "a.html": '<h1 id="x">A</h1>'})
    assert _codes(site) == []
    write(site, {"a.html": '<h1 id="y">A</h1>'})  # the same size
    assert _codes(site) == ["broken-anchor"]


def test_a_settled_page_is_known_by_its_identity_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages older than the clock's tick are hashed once; any change to one (a rewrite
    gives it a new ctime) has it read again."""
    monkeypatch.setattr(built, "SETTLED_NS", 0)
    site = write(tmp_path, {"index.html": LINK_TO_X, "a.html": '<h1 id="x">A</h1>'})
    assert _codes(site) == []
    page = str(site / "a.html")
    assert page in built.HASHED
    assert _codes(site) == []
    write(site, {"a.html": '<h1 id="y">A</h1><p>longer</p>'})
    assert _codes(site) == ["broken-anchor"]
    write(site, {"a.html": '<h1 id="x">A</h1>'})
    assert _codes(site) == []
