"""Model mentions: the first mention of a release in a review links to its model page;
a release named but not under ``models:`` is an info-level suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag

from tests.support.site import Build, copy_demo, run_mkdocs, run_modelpress

REVIEW = """---
title: "Mentions"
date: 2025-08-20
authors: [mara]
categories: [xAI]
models: [grok-4, grok-3, o3]
slug: mentions
---

An opening paragraph.

<!-- more -->

<!-- A draft line the reader does not see: o3 costs {{ o3.price.nothing }}, and
Grok 3 mini was due in May. -->

## Grok 3 in a heading

[Grok 4](../../models/grok-4.md) is linked by hand; Grok 4 again is left alone.
A [post about Grok 3](https://x.ai/news/grok-3) holds a link, and `Grok 3` is code.
Then Grok 3 in prose, Grok 3 once more, o3 and Grok 3 mini; GPT-4o-mini and Grok 3.5 are
other models.[^n]

[^n]: A note naming Kimi K2, [its post](https://moonshotai.github.io/Kimi-K2/).

Kimi K2 in prose. Grok 3 mini is cheap, and Grok 3 mini is quick.
"""

UNLINKED = REVIEW.replace("slug: mentions", "slug: unlinked\nlink_models: false")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_demo(tmp_path_factory.mktemp("mentions") / "site")
    posts = root / "content/reviews/posts"
    (posts / "mentions.md").write_text(REVIEW, encoding="utf-8")
    (posts / "unlinked.md").write_text(UNLINKED, encoding="utf-8")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return built


def model_links(build: Build, page: str) -> list[tuple[str, str, str]]:
    article = build.html(page).select_one("article")
    assert isinstance(article, Tag)
    for strip in article.select(".mp-strip, .footnote"):
        strip.decompose()
    return [
        (a.get_text(), str(a["href"]), a.parent.name if a.parent else "")
        for a in article.select("a[href*='models/']")
        if not a.get("class")
    ]


def test_first_linkable_mention_of_each_release_is_linked(build: Build) -> None:
    assert model_links(build, "reviews/mentions/") == [
        ("Grok 4", "../../models/grok-4/", "p"),  # the writer's own link
        ("Grok 3", "../../models/grok-3/", "p"),  # not the heading, the link, the code
        ("o3", "../../models/o3/", "p"),
        ("Grok 3 mini", "../../models/grok-3-mini/", "p"),
        ("Kimi K2", "../../models/kimi-k2/", "p"),  # not in the footnote
    ]
    page = build.html("reviews/mentions/")
    heading = page.select_one("h2")
    assert heading is not None
    assert heading.find("a", href=lambda h: h and "models/" in h) is None
    note = page.select_one(".footnote")
    assert note is not None
    assert note.find("a", href=lambda h: h and "models/" in h) is None


def test_an_html_comment_is_not_prose(build: Build) -> None:
    """What the reader does not see is not bound, linked or checked: the comment's
    binding to no value did not stop the build, and o3 and Grok 3 mini are linked where
    they are seen (the test above), not first in the comment."""
    html = (build.site / "reviews/mentions/index.html").read_text(encoding="utf-8")
    assert (
        "<!-- A draft line the reader does not see: o3 costs {{ o3.price.nothing }}, and\n"
        "Grok 3 mini was due in May. -->"
    ) in html


def test_link_models_false_in_front_matter_turns_linking_off(build: Build) -> None:
    assert model_links(build, "reviews/unlinked/") == [("Grok 4", "../../models/grok-4/", "p")]


def test_link_models_false_in_mkdocs_yml_turns_linking_off(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    (root / "content/reviews/posts/mentions.md").write_text(REVIEW, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      data_dir: data\n", "      data_dir: data\n      link_models: false\n"),
        encoding="utf-8",
    )
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert model_links(built, "reviews/mentions/") == [("Grok 4", "../../models/grok-4/", "p")]


def test_unlisted_release_is_a_suggestion_not_a_failure(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    (root / "content/reviews/posts/mentions.md").write_text(REVIEW, encoding="utf-8")
    done = run_modelpress(root, "check")
    assert done.returncode == 0, done.stdout
    lines = [line for line in done.stdout.splitlines() if "posts/mentions.md" in line]
    # Grok 3 mini is named three times in prose: a subject of the review. Kimi K2 is named
    # once in prose (the footnote does not count): a passing comparison, no suggestion.
    # The comment above the heading names Grok 3 mini too, and does not count either.
    assert lines == [
        "content/reviews/posts/mentions.md:21:48: info: 'Grok 3 mini' (grok-3-mini) is named "
        "3 times but not listed under 'models:'; list it to show it in the models strip and "
        "this review on its model page [unlisted-model]",
    ]
