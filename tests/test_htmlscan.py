"""The built-site check reads pages with an HTML parser, as a browser does.

The hand-written scanner it replaces found ``src=`` in a record's escaped name
(``&lt;img src=x onerror=alert(1)&gt;`` inside an attribute) and failed the
build with "'x' points to no file", and it missed ``<a title="1 > 0" href=…>``
and ``<A HREF=…>``. Each of those is a case here, at the scan and at the check;
a real build of a site with such a record must pass; and no input makes the
scan raise or report a place outside the page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelpress._internal.checks import check_built_site
from modelpress._internal.checks.htmlscan import LinkRef, locate, scan_html
from modelpress._internal.cli import main
from tests.support.site import run_mkdocs

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "checks" / "site"
EVIL_NAME = "<img src=x onerror=alert(1)>"


def links(text: str) -> list[tuple[str, str]]:
    return [(link.url, link.tag) for link in scan_html(text).links]


def test_escaped_markup_in_an_attribute_is_text_not_a_link() -> None:
    page = (
        '<div class="chart" role="img" aria-label="Scores of &lt;img src=x '
        'onerror=alert(1)&gt; and Nova">\n<a href="../nova/" title="&lt;a href=y&gt;">Nova</a>'
    )
    assert links(page) == [("../nova/", "a")]


def test_a_greater_than_sign_in_an_earlier_attribute_does_not_end_the_tag() -> None:
    assert links('<p><a title="1 > 0" href="models/">models</a></p>') == [("models/", "a")]


def test_upper_case_tags_and_attributes_are_links() -> None:
    scan = scan_html('<A HREF="models/">m</A> <IMG SRC="chart.png"> <DIV ID="Top"></DIV>')
    assert [(link.url, link.tag) for link in scan.links] == [("models/", "a"), ("chart.png", "img")]
    assert scan.ids == {"Top"}


def test_ids_anchors_and_what_a_browser_never_reads_as_markup() -> None:
    scan = scan_html(
        "\n".join(
            [
                '<h2 id="pricing">Pricing</h2> <a name="legacy"></a> <span name="not-an-id">',
                '<!-- <a href="commented/"> --> <script>var a = \'<a href="js/">\';</script>',
                '<style>a[href="css/"] { color: red }</style>',
                '<template><a href="template/">inert</a></template>',
                '<textarea><a href="textarea/"></textarea> <title><a href="title/"></title>',
                '<pre><code>&lt;a href="code/"&gt;</code></pre>',
                '<a href="&#106;avascript:alert(1)">decoded</a> <a href=unquoted/>x</a>',
            ]
        )
    )
    assert scan.ids == {"pricing", "legacy"}
    assert [(link.url, link.line) for link in scan.links] == [
        ("javascript:alert(1)", 7),
        ("unquoted/", 7),
    ]


def test_nested_template_bodies_are_inert_too() -> None:
    text = '<template><template><a href="a/"></template><a href="b/"></template><a href="c/">'
    assert links(text) == [("c/", "a")]


def test_a_link_is_placed_at_its_line_and_attribute() -> None:
    text = '<p>\n  <a class="x" href="one/">1</a> <img alt="" src="two.png">\n<a\n href="three/">'
    scan = scan_html(text)
    lines = text.split("\n")
    assert [locate(lines, link) for link in scan.links] == [(2, 16), (2, 46), (4, 2)]


def test_a_page_nested_deeper_than_the_parser_reads_says_where_it_stopped() -> None:
    scan = scan_html("<p>intro</p>\n" + "<div>" * 3000 + '<a href="deep/">')
    assert scan.unread_from == 2


def test_the_check_has_no_false_alarm_and_misses_no_link(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html>\n<html><body>\n"
        f'<div role="img" aria-label="{EVIL_NAME.replace("<", "&lt;").replace(">", "&gt;")}">'
        "</div>\n"
        '<a title="1 > 0" href="missing/">x</a>\n'
        '<A HREF="gone.html">y</A>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    assert [d.format() for d in check_built_site(site)] == [
        "site/index.html:4:18: error: 'missing/' points to no file in the built site; fix the "
        "link or add the page or file it points to [broken-link]",
        "site/index.html:5:4: error: 'gone.html' points to no file in the built site; fix the "
        "link or add the page or file it points to [broken-link]",
    ]


def test_a_page_the_parser_cannot_finish_is_an_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p>\n" + "<div>" * 3000, encoding="utf-8")
    assert [d.code for d in check_built_site(site)] == ["unreadable-page"]


EVIL_RELEASE = f"""\
id: evil-img
name: "{EVIL_NAME}"
org: acme
status: preview
released: 2024-06-01
dates_source: launch
sources:
  launch: {{url: "https://acme.example.org/evil", title: "Evil"}}
benchmarks:
  - {{benchmark: gpqa, score: 40.0, reported_by: vendor, source: launch}}
"""

EVIL_REVIEW = """\
---
title: A release with markup in its name
date: 2025-03-05
slug: evil
models: [evil-img]
---

# A release with markup in its name

The [evil release](../../models/evil-img.md) names itself in HTML.

```chart
type: benchmarks
models: [evil-img, nova-1]
benchmarks: [gpqa]
title: Scores of the release with markup in its name
```
"""


@pytest.mark.e2e
def test_a_release_named_in_markup_builds_and_passes_the_built_check(tmp_path: Path) -> None:
    """The reported false alarm: the name lands, escaped, in the chart's aria-label."""
    root = Path(shutil.copytree(FIXTURE_SITE, tmp_path / "site-root"))
    for other in (root / "content/reviews/posts").glob("*.md"):
        other.unlink()
    (root / "content/reviews/posts/evil.md").write_text(EVIL_REVIEW, encoding="utf-8")
    (root / "data/releases/evil-img.yaml").write_text(EVIL_RELEASE, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - modelpress/records\n", "  - modelpress/records\n  - modelpress/charts\n"),
        encoding="utf-8",
    )
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    post = (root / "site/reviews/evil/index.html").read_text(encoding="utf-8")
    assert re.search(r'aria-label="[^"]*' + re.escape(escaped), post), "name in an attribute"
    assert "<img src=x" not in post
    assert main(["links", str(root / "site"), "--config", str(config)]) == 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    '<a href="a/">',
                    "<img src=b.png>",
                    "<a id=top name=n>",
                    "<a",
                    "<A HREF=",
                    " href=",
                    " src=",
                    " id=",
                    " name=",
                    "<img",
                    "<template>",
                    "</template>",
                    "<script>",
                    "</script>",
                    "<!--",
                    "-->",
                    '"',
                    "'",
                    ">",
                    "<",
                    "\n",
                    "\r\n",
                    "&lt;",
                    "&#106;",
                    "<div>",
                    "</a>",
                    "<svg><image href=",
                    "<?xml version='1.0' encoding='latin1'?>",
                ]
            ),
            st.text(max_size=8),
        ),
        max_size=40,
    ).map("".join)
)
def test_any_text_scans_without_error_and_places_links_inside_it(text: str) -> None:
    scan = scan_html(text)
    lines = text.split("\n")
    places: list[LinkRef] = list(scan.links)
    for link in places:
        assert 1 <= link.line <= len(lines), link
        line, col = locate(lines, link)
        assert line == link.line
        assert 1 <= col <= len(lines[line - 1]) + 1
        assert link.attribute in ("href", "src")
    if scan.unread_from is not None:
        assert 1 <= scan.unread_from <= len(lines)
