"""Bound values: ``{{ release.path }}`` in a review, resolved from the records.

Real builds of the demo site with one more review, read with BeautifulSoup;
``modelpress check`` as a writer runs it, with exact positions.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup, Tag

import modelpress._internal.checks  # noqa: F401  (loads the packages in the order the CLI does)
from modelpress._internal.cli import main
from modelpress._internal.facts.paths import PathError, parse_binding, resolve
from modelpress._internal.records import Catalog, load_catalog
from tests.support.site import REPO, Build, copy_demo, run_mkdocs, run_modelpress

FRONT = """---
title: "Bound values"
subtitle: "Numbers read from the records"
date: 2025-08-20
authors: [mara]
categories: [xAI]
models: [grok-4, grok-3]
slug: bound-values
---
"""

REVIEW = (
    FRONT
    + """
Grok 4 costs {{ grok-4.price.input }} per million input tokens;
its size is {{ Grok-4.params.total }}.

<!-- more -->

## A window of {{ grok-4.context_window }}

Released {{ grok-4.released }}, scoring {{ grok-3.benchmarks.aime-2025 setting=cons@64 }}
on AIME 2025 and {{ grok-3.arena }} on the arena; [the {{ grok-4.price.output }} rate](https://openrouter.ai/x-ai/grok-4).

Written as code: `{{ grok-4.context_window }}` and `` {{ nothing.here }} ``.

```text
{{ also.not-a-binding }}
```

!!! note "Prices"
    Grok 3 lists {{ grok-3.price.input }} for input.

```chart
type: benchmarks
models: [grok-3, o3]
benchmarks: [aime-2025]
title: AIME 2025, where Grok 3 reads {{ grok-3.benchmarks.aime-2025 }}
```
"""
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(REPO / "data", root=REPO)
    assert not problems
    return loaded


def value(expression: str, catalog: Catalog) -> tuple[str, str, str | None]:
    bound = resolve(parse_binding(expression, catalog), catalog)
    return bound.display, bound.status, bound.source_key


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("grok-4.context_window", ("256K tokens", "confirmed", "xai")),
        ("Grok-4.params.total", ("2.4T", "rumored", "interconnects")),
        ("deepseek-v3.params.active", ("37B", "confirmed", "deepseek-r1")),
        ("grok-4.announced", ("2025-07-09", "confirmed", "xai")),
        ("grok-4.released", ("2025-07-09", "confirmed", "xai")),
        ("grok-4.price.input", ("$3.00", "confirmed", "openrouter")),
        ("grok-4.price.output", ("$15.00", "confirmed", "openrouter")),
        ("o3.price.input", ("$2.00", "confirmed", "codeswap")),
        ("deepseek-r1.price.input provider=DeepSeek", ("$0.55", "confirmed", "pricing")),
        ("grok-3.benchmarks.AIME'25", ("93.3%", "disputed", "xai")),
        ("o3.benchmarks.swe-bench-verified", ("69.1%", "confirmed", "openai-launch")),
        (
            "o3.benchmarks.SWE-bench-Verified"
            ' setting="December 2024 preview (not the released model)"',
            ("71.7%", "confirmed", "december-preview"),
        ),
        ("Grok 3.arena", ("1423", "confirmed", "arena-2025-07")),
        ("claude-3.5-sonnet.context_window", ("200K tokens", "confirmed", "modelcard")),
    ],
)
def test_each_path_reads_as_the_model_page_shows_it(
    expression: str, expected: tuple[str, str, str | None], catalog: Catalog
) -> None:
    assert value(expression, catalog) == expected


@pytest.mark.parametrize(
    ("expression", "code", "words"),
    [
        ("grok-5.context_window", "bound-unknown-release", "unknown release 'grok-5'"),
        ("grok-4.context_windw", "bound-unknown-path", "did you mean 'context_window'?"),
        ("grok-4.params.active", "bound-empty", "xAI has not said whether Grok 4"),
        ("grok-4.benchmarks.hle", "bound-empty", "only in chart images"),
        ("grok-4.benchmarks.sbench", "bound-unknown-path", "did you mean 'swe-bench-verified'?"),
        ("grok-4.price.input provider=xai", "bound-empty", "it lists: OpenRouter"),
        ("grok-2.arena", "bound-empty", "has no arena reading"),
        ("grok-4.price.input setting=x", "bound-bad-option", "takes provider"),
        ("grok-4", "bound-syntax", "has no path"),
    ],
)
def test_a_binding_without_a_value_says_why(
    expression: str, code: str, words: str, catalog: Catalog
) -> None:
    with pytest.raises(PathError) as caught:
        value(expression, catalog)
    assert caught.value.code == code
    assert words in caught.value.message


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_demo(tmp_path_factory.mktemp("bound") / "site")
    (root / "content/reviews/posts/bound-values.md").write_text(REVIEW, encoding="utf-8")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return built


def article(build: Build) -> Tag:
    found = build.html("reviews/bound-values/").select_one("article")
    assert found is not None
    return found


def test_prose_shows_the_value_styled_by_status_and_linking_its_source(build: Build) -> None:
    page = article(build)
    links: dict[str, Tag] = {}
    for link in page.select("a.mp-bound"):
        links.setdefault(link.get_text(), link)  # the first in reading order
    price = links["$3.00"]
    assert price["href"] == "https://openrouter.ai/x-ai/grok-4"
    assert "OpenRouter" in str(price["title"])
    assert price.select_one("span.mp-value.mp-status-confirmed") is not None
    size = links["2.4T"]
    assert size["href"] == "https://www.interconnects.ai/p/grok-4-an-o3-look-alike-in-search"
    assert size.select_one("span.mp-status-rumored") is not None
    label = size.find_next_sibling("span")
    assert label is not None
    assert "mp-status-label" in label["class"]
    assert label.get_text() == "rumored"
    assert "93.3%" in links
    assert links["93.3%"].select_one(".mp-status-disputed")
    assert {"2025-07-09", "1423", "256K tokens"} <= set(links)
    admonition = page.select_one(".admonition")
    assert admonition is not None
    assert admonition.select_one("a.mp-bound") is not None
    assert "$3.00" in admonition.get_text()


def test_code_is_left_alone_and_links_hold_no_links(build: Build) -> None:
    page = article(build)
    codes = [c.get_text() for c in page.select("code")]
    assert "{{ grok-4.context_window }}" in codes
    assert "{{ nothing.here }}" in codes
    assert "{{ also.not-a-binding }}" in page.get_text()
    outer = next(a for a in page.find_all("a") if "rate" in a.get_text())
    assert outer.get_text() == "the $15.00 rate"
    assert outer.find("a") is None


def test_headings_excerpts_feeds_and_chart_titles_show_values(build: Build) -> None:
    page = build.html("reviews/bound-values/")
    heading = page.select_one("article h2#a-window-of-256k-tokens")
    assert heading is not None
    assert heading.get_text().startswith("A window of 256K tokens")
    description = page.select_one('meta[name="description"]')
    assert description is not None
    assert "costs $3.00 per million input tokens; its size is 2.4T rumored" in str(
        description["content"]
    )
    index = build.html("reviews/").get_text(" ")
    assert "$3.00" in index
    assert "{{" not in index
    home = build.html("index.html").get_text(" ")
    assert "$3.00 per million input tokens" in home
    feed = feedparser.parse((build.site / "feed_rss_created.xml").read_bytes())
    entry = next(e for e in feed.entries if "bound-values" in e.link)
    assert "$3.00" in entry.description
    assert "{{" not in entry.description
    title = page.select_one("figure.modelpress-chart .modelpress-chart__title")
    assert title is not None
    assert title.get_text() == "AIME 2025, where Grok 3 reads 93.3% (disputed)"


def write_site(tmp_path: Path, text: str) -> Path:
    root = copy_demo(tmp_path / "site")
    (root / "content/reviews/posts/bound-values.md").write_text(text, encoding="utf-8")
    return root


BAD = (
    FRONT
    + """
One {{ grok-5.context_window }} and {{ grok-4.context_windw }}.
Two `{{ grok-5.context_window }}` {{ grok-4.benchmarks.hle }}
"""
)


def test_check_reports_each_binding_at_its_place(tmp_path: Path) -> None:
    root = write_site(tmp_path, BAD)
    done = run_modelpress(root, "check")
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if "bound-values.md" in line]
    path = "content/reviews/posts/bound-values.md"
    assert [
        ": ".join(line.split(": ", 2)[:2]) + " " + line.rsplit(" ", 1)[-1] for line in lines
    ] == [
        f"{path}:11:5: error [bound-unknown-release]",
        f"{path}:11:37: error [bound-unknown-path]",
        f"{path}:12:35: error [bound-empty]",
    ]
    assert "(did you mean 'context_window'?)" in lines[1]


def test_the_build_refuses_a_binding_without_a_value(tmp_path: Path) -> None:
    root = write_site(tmp_path, BAD)
    built = run_mkdocs(root)
    assert built.returncode != 0
    assert "content/reviews/posts/bound-values.md:11:5: error: unknown release 'grok-5'" in (
        built.output
    )
    assert not (root / "site/reviews/bound-values/index.html").exists()


def test_the_build_reports_bindings_without_the_checks_plugin(tmp_path: Path) -> None:
    root = write_site(tmp_path, BAD)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - modelpress/checks:")
    end = text.index("  - search\n")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    built = run_mkdocs(root)
    assert built.returncode != 0
    assert "bound-values.md:11:37: error: unknown path 'context_windw'" in built.output
    assert "bound-values.md:12:35: error: grok-4 has no number on hle" in built.output


def test_email_prints_the_plain_value_and_cites_its_source(tmp_path: Path) -> None:
    root = write_site(tmp_path, REVIEW)
    out = tmp_path / "email.html"
    post = root / "content/reviews/posts/bound-values.md"
    assert main(["email", "--config", str(root / "mkdocs.yml"), str(post), "-o", str(out)]) == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ")
    assert "Grok 4 costs $3.00" in text
    assert "its size is 2.4T (rumored)" in text
    assert "{{" not in soup.select_one(".wrapper > p:not(.masthead)").get_text()  # type: ignore[union-attr]
    assert [c.get_text() for c in soup.select("code")][:2] == [
        "{{ grok-4.context_window }}",
        "{{ nothing.here }}",
    ]
    notes = [li.get_text(" ") for li in soup.select(".endnotes li")]
    assert any("Grok 4: " in n and "xAI: Grok 4" in n and "OpenRouter" in n for n in notes)
    assert soup.select_one(".chart-title") is not None
    assert "reads 93.3% (disputed)" in soup.select_one(".chart-title").get_text()  # type: ignore[union-attr]


def test_check_passes_the_demo_reviews() -> None:
    done = run_modelpress(REPO, "check")
    assert done.returncode == 0, done.stdout
