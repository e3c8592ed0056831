"""Links that run code are errors: in ``modelpress check``, in the build, in the built site.

``[x](javascript:…)`` used to pass every check (markdown-it does not read it as
a link, so no check saw one) and Python-Markdown published it as a live link.
Each way of writing one, including the tricks browsers accept (tabs inside the
scheme, leading spaces, mixed case, character references in raw HTML), is
reported at its own line and column with the code ``unsafe-url``; ``data:``
URLs stay allowed as images; a link that reaches the HTML from a template is
caught by the built-site check.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelpress._internal.checks import check_built_site
from modelpress._internal.checks.unsafeurls import check_unsafe_urls, might_hold_unsafe_url
from modelpress._internal.checks.urlsyntax import browser_scheme, unsafe_url_problem
from modelpress._internal.cli import main
from modelpress._internal.content import read_markdown_page
from tests.support.site import run_mkdocs

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "checks" / "site"

UNSAFE_POST = """\
---
title: Unsafe links
date: 2025-03-06
---

# Unsafe links

A [script](javascript:alert(1)) and a [mixed]( JaVaScRiPt:alert(2)) one,
an autolink <vbscript:msgbox(3)>, a [data page](data:text/html,<b>hi</b>)
and an [encoded](&#106;avascript:alert(4)) one.

<a href="java	script:alert(5)">tab</a> <A HREF=JAVASCRIPT:alert(6)>upper</A>
<p><a href="&#106;avascript:alert(7)">referenced</a></p>

<iframe src="data:text/html,x"></iframe>

A [reference][r] to a definition.

[r]:
    vbscript:alert(8)
"""

SAFE_POST = """\
---
title: Safe look-alikes
date: 2025-03-07
---

# Safe look-alikes

An ![inline image](data:image/png;base64,iVBORw0KGgo=) and
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">, allowed as images.

Training data: fifteen trillion tokens. `[code](javascript:alert(1))` is code,
and so is this:

    <a href="javascript:alert(2)">indented code</a>

```html
<a href="vbscript:alert(3)">fenced code</a>
```

A page [about javascript: URLs](https://example.org/javascript:alert) is a web page.
"""

P = "content/reviews/posts/unsafe.md"
JS = "a javascript: URL runs code in the reader's browser when the link is clicked; link an "
JS += "https:// page instead [unsafe-url]"
VB = JS.replace("javascript:", "vbscript:")
DATA = (
    "a data: URL opens as a page of its own (a form, a script), so only an image may use one; "
    "link an https:// page, or put the file in the docs folder and link it [unsafe-url]"
)
EXPECTED = [
    f"{P}:8:12: error: link target 'javascript:alert(1)': {JS}",
    f"{P}:8:48: error: link target 'JaVaScRiPt:alert(2)': {JS}",
    f"{P}:9:14: error: link target 'vbscript:msgbox(3)': {VB}",
    f"{P}:9:49: error: link target 'data:text/html,<b>hi</b>': {DATA}",
    f"{P}:10:18: error: link target '&#106;avascript:alert(4)': {JS}",
    f"{P}:12:10: error: raw HTML <a href> 'java\\tscript:alert(5)': {JS}",
    f"{P}:12:48: error: raw HTML <a href> 'JAVASCRIPT:alert(6)': {JS}",
    f"{P}:13:13: error: raw HTML <a href> 'javascript:alert(7)': {JS}",
    f"{P}:15:14: error: raw HTML <iframe src> 'data:text/html,x': {DATA}",
    f"{P}:20:5: error: link target 'vbscript:alert(8)': {VB}",
]


def site_with(tmp_path: Path, posts: dict[str, str]) -> Path:
    root = Path(shutil.copytree(FIXTURE_SITE, tmp_path / "site-root"))
    for post in (root / "content/reviews/posts").glob("*.md"):
        post.unlink()
    for name, text in posts.items():
        (root / "content/reviews/posts" / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("  \x01JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscr\nipt:alert(1)", "javascript"),
        ("VBScript:x", "vbscript"),
        ("data:text/html,x", "data"),
        ("https://example.org/javascript:x", "https"),
        ("java script:x", None),
        ("%6Aavascript:x", None),
        ("#javascript:x", None),
        ("", None),
    ],
)
def test_the_scheme_is_read_as_a_browser_reads_it(url: str, scheme: str | None) -> None:
    assert browser_scheme(url) == scheme


def test_data_urls_are_allowed_only_as_images() -> None:
    assert unsafe_url_problem("data:image/png;base64,AAAA", image=True) is None
    assert unsafe_url_problem("data:image/png;base64,AAAA") is not None
    assert unsafe_url_problem("javascript:alert(1)", image=True) is not None
    assert unsafe_url_problem("mailto:x@example.org") is None


def test_the_quick_test_lets_every_unsafe_page_through() -> None:
    """Pages it rules out skip the second parse, so it must never rule out a real one."""
    assert might_hold_unsafe_url(UNSAFE_POST)
    for written in ("JAVA&#x53;CRIPT&colon;x", "vb\nscript:x", "DATA:text/html,x"):
        assert might_hold_unsafe_url(f"[x]({written})"), written
    assert not might_hold_unsafe_url("A [link](https://example.org/) and `code`.")


def test_check_reports_each_unsafe_link_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_with(tmp_path, {"unsafe.md": UNSAFE_POST, "safe.md": SAFE_POST})
    assert main(["check", "--config", str(root / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    reported = [line for line in out.splitlines() if line.startswith("content/")]
    assert reported == EXPECTED
    assert "posts/safe.md" not in out
    assert "[bad-url]" not in out, "one problem, one report"


def test_a_site_pattern_that_skips_urls_does_not_skip_a_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_with(tmp_path, {"unsafe.md": UNSAFE_POST})
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "        - ^https://ignored\\.example\\.org/\n", "        - '.*'\n"
        ),
        encoding="utf-8",
    )
    assert "'.*'" in config.read_text(encoding="utf-8")
    assert main(["check", "--config", str(config)]) == 1
    assert capsys.readouterr().out.count("[unsafe-url]") == len(EXPECTED)


def test_the_built_check_flags_unsafe_links_from_any_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html>\n<html><body>\n"
        '<a href="javascript:alert(1)">x</a> <img src="data:image/png;base64,AAAA">\n'
        '<iframe src="data:text/html,x"></iframe> <a href=" &#106;ava&#9;script:y">z</a>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
    found = check_built_site(site, ignore_urls=[__import__("re").compile(".*")])
    assert [d.format().split(": error: ")[0] for d in found] == [
        "site/index.html:3:4",
        "site/index.html:4:9",
        "site/index.html:4:45",
    ]
    assert {d.code for d in found} == {"unsafe-url"}


@pytest.mark.e2e
def test_the_build_stops_at_an_unsafe_link_in_a_review(tmp_path: Path) -> None:
    root = site_with(tmp_path, {"unsafe.md": UNSAFE_POST, "safe.md": SAFE_POST})
    build = run_mkdocs(root)
    assert build.returncode == 1, build.output
    for line in EXPECTED:
        assert line in build.output
    assert not (root / "site" / "reviews" / "unsafe").exists(), "nothing published"


@pytest.mark.e2e
def test_the_build_flags_an_unsafe_link_a_template_writes(tmp_path: Path) -> None:
    """Not in any Markdown: a theme override puts it on every page."""
    root = site_with(tmp_path, {"safe.md": SAFE_POST})
    overrides = root / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block announce %}"
        '<a href="JaVaScRiPt:void(0)" class="announce">Subscribe</a>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    build = run_mkdocs(root)
    assert build.returncode == 1, build.output
    assert "site/index.html:" in build.output or "content/index.md:1:1" in build.output
    assert "'JaVaScRiPt:void(0)': a javascript: URL runs code" in build.output
    assert "[unsafe-url]" in build.output


FRAGMENTS = [
    "[x](javascript:alert(1))",
    "[x]( JaVaScRiPt:x)",
    "![i](data:text/html,x)",
    "<vbscript:x>",
    "<a href='java\tscript:x'>",
    "[r]: javascript:x\n",
    "[x](&#106;avascript:x)",
    "[x](",
    "](",
    ")",
    "<",
    ">",
    "javascript:",
    "java\tscript:",
    "data:",
    "&#106;",
    "[r]: ",
    "[r]",
    "![i](",
    "<a href=",
    "<img src=",
    '"',
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "`",
    "```\n",
    "[^1]",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=30))
def test_any_markdown_is_checked_without_error_at_places_inside_it(parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder)
        (docs / "p.md").write_text("".join(parts), encoding="utf-8")
        page = read_markdown_page(docs / "p.md", docs, docs)  # read as the checks read files
        lines = page.text.split("\n")
        for found in check_unsafe_urls(page):
            assert 1 <= found.line <= len(lines), found
            assert 1 <= found.col <= len(lines[found.line - 1]) + 1, found
