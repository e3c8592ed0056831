"""The email links to a review where Material's blog publishes it, not to a re-derived guess.

Each case builds the site with MkDocs and looks for the page at the address the
email printed: the blog slugifies "GPT-4.5 vs o3" to ``gpt-45-vs-o3`` (its
slugify drops the dot; a hand-written one made ``gpt-4-5-vs-o3``), and without
directory URLs the page is ``gpt-45-vs-o3.html``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from modelpress._internal.cli import main
from tests.support.site import copy_demo, run_mkdocs

SITE_URL = "https://modelpress.github.io/modelpress/"

POST = """---
title: "GPT-4.5 vs o3"
date: 2025-07-14
authors: [mara]
categories: [OpenAI]
models: [grok-4]
---

A short comparison. Compare [our Grok 4 review](grok-4.md).
"""


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("directory_urls", "path"),
    [(True, "reviews/gpt-45-vs-o3/"), (False, "reviews/gpt-45-vs-o3.html")],
    ids=["directory-urls", "html-urls"],
)
def test_email_links_where_the_blog_publishes(
    tmp_path: Path, directory_urls: bool, path: str
) -> None:
    site = copy_demo(tmp_path / "site")
    (site / "content/reviews/posts/gpt-45.md").write_text(POST, encoding="utf-8")
    if not directory_urls:
        config = site / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n",
            encoding="utf-8",
        )
    out = tmp_path / "email.html"
    code = main(
        [
            "email",
            "--config",
            str(site / "mkdocs.yml"),
            str(site / "content/reviews/posts/gpt-45.md"),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    web_link = soup.select_one(".web-link a")
    assert web_link is not None
    assert web_link["href"] == SITE_URL + path
    grok = "reviews/grok-4/" if directory_urls else "reviews/grok-4.html"
    assert soup.find("a", href=SITE_URL + grok) is not None, "link to another post"

    build = run_mkdocs(site)
    assert build.returncode == 0, build.output
    for href in (SITE_URL + path, SITE_URL + grok):
        built = urlsplit(href).path.removeprefix(urlsplit(SITE_URL).path)
        target = site / "site" / built
        if built.endswith("/"):
            target = target / "index.html"
        assert target.is_file(), f"{href}: the build wrote no {target}"
