"""Chart fences in real builds: HTML, assets, links, errors with file:line, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelpress._internal.mkdocs_plugins.charts import PLOTLY_SOURCE
from tests.support.charts_site import EVERY_TYPE, chart_site
from tests.support.site import Build, run_mkdocs, run_modelpress

POST = """---
date: 2025-02-01
title: A post with a chart
---

# A post with a chart

Before the fold.

<!-- more -->

```chart
type: benchmarks
models: [nova-2, open-1]
benchmarks: [gpqa]
title: "<script>alert('title')</script>\\"><img src=x onerror=alert(1)>"
```
"""

BAD = """---
title: Bad charts
---

# Bad charts

```chart
type: benchmark
models: [nova-2]
```

```chart
type: benchmarks
models: [nova2, nova-1]
benchmarks: [gpqa]
```

```chart
type: benchmarks
models: [nova-2, nova-1]
benchmarks: [livecodebench]
```

```chart
type: params
models: []
```

```chart
- not
- a mapping
```

!!! note "A chart inside an admonition"

    ```chart
    type: arena
    models: [nova-1]
    ```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = chart_site(
        tmp_path_factory.mktemp("charts") / "site",
        {"charts.md": EVERY_TYPE, "reviews/posts/chart-post.md": POST},
    )
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    return build


def test_every_type_is_drawn_with_table_and_alt(built: Build) -> None:
    soup = built.html("charts/")
    figures = soup.select("figure.modelpress-chart")
    assert len(figures) == 5
    for figure in figures:
        plot = figure.select_one("[data-modelpress-chart]")
        assert plot is not None
        assert plot["role"] == "img"
        assert plot["aria-label"]
        data = json.loads(str(plot["data-modelpress-chart"]))
        assert data["data"]
        assert data["link"] == ["../models/", "/"]
        assert len(str(plot["data-modelpress-chart"]).encode()) <= 1500
        assert figure.select("details[open] table tbody tr")
        assert figure.figcaption is not None
    ids = [f["id"] for f in figures]
    assert len(set(ids)) == 5
    assert figures[0].figcaption is not None
    assert figures[0].figcaption.get_text() == "GPQA Diamond"


def test_links_point_at_existing_model_pages(built: Build) -> None:
    plot = built.html("reviews/a-post-with-a-chart/").select_one("[data-modelpress-chart]")
    assert plot is not None
    data = json.loads(str(plot["data-modelpress-chart"]))
    prefix, suffix = data["link"]
    assert (prefix, suffix) == ("../../models/", "/")
    page = built.site / "reviews" / "a-post-with-a-chart"
    for release_id in data["ids"]:
        assert (page / f"{prefix}{release_id}{suffix}" / "index.html").resolve().is_file()


def test_hostile_title_is_text(built: Build) -> None:
    soup = built.html("reviews/a-post-with-a-chart/")
    figure = soup.select_one("figure.modelpress-chart")
    assert figure is not None
    assert figure.find("script") is None
    assert figure.find("img") is None
    assert figure.figcaption is not None
    assert "<script>alert('title')</script>" in figure.figcaption.get_text()


def test_assets_are_copied_once_and_the_loader_is_global(built: Build) -> None:
    plotly = built.site / "assets" / "modelpress" / "plotly-basic.min.js"
    assert plotly.stat().st_size == PLOTLY_SOURCE.stat().st_size
    loader = (built.site / "assets" / "modelpress" / "charts.js").read_text(encoding="utf-8")
    assert 'var CONFIGURED_URL = "";' in loader
    home = built.html("index.html")
    assert home.select("[data-modelpress-chart]") == []
    scripts = [str(s.get("src", "")) for s in home.select("script")]
    assert "assets/modelpress/charts.js" in scripts
    assert not any("plotly" in s for s in scripts)
    assert home.head is not None
    assert home.head.select("script[src*=modelpress]") == []


def test_timeline_page_gets_its_chart(built: Build) -> None:
    figures = built.html("timeline/").select("figure.modelpress-chart")
    assert len(figures) == 1


def test_two_builds_are_byte_identical(built: Build, tmp_path: Path) -> None:
    again = chart_site(
        tmp_path / "site", {"charts.md": EVERY_TYPE, "reviews/posts/chart-post.md": POST}
    )
    second = run_mkdocs(again)
    assert second.returncode == 0, second.output
    for page in (
        "charts/index.html",
        "reviews/a-post-with-a-chart/index.html",
        "timeline/index.html",
    ):
        assert (built.site / page).read_bytes() == (second.site / page).read_bytes()


EXPECTED_ERRORS = [
    "content/bad.md:8:7: error: unknown chart type 'benchmark' (did you mean 'benchmarks'?)",
    "content/bad.md:14:10: error: unknown release 'nova2' (did you mean 'nova-2'?)",
    "content/bad.md:21:14: error: none of the chosen models has a LiveCodeBench score",
    "content/bad.md:26:9: error: 'models' is empty; name at least one release [chart-no-models]",
    "content/bad.md:30:1: error: a chart fence holds 'option: value' lines",
    "content/bad.md:38:9: error: none of the chosen models has an arena score",
]


def test_bad_fences_fail_the_strict_build_with_file_lines(tmp_path: Path) -> None:
    build = run_mkdocs(chart_site(tmp_path / "site", {"bad.md": BAD}))
    assert build.returncode == 1
    assert "Traceback" not in build.output
    for line in EXPECTED_ERRORS:
        assert line in build.output


def test_without_strict_bad_fences_say_what_is_wrong(tmp_path: Path) -> None:
    build = run_mkdocs(chart_site(tmp_path / "site", {"bad.md": BAD}), "build")
    assert build.returncode == 0, build.output
    boxes = build.html("bad/").select(".modelpress-chart-error")
    assert len(boxes) == 6
    assert "did you mean 'nova-2'?" in boxes[1].get_text()


def test_modelpress_check_reports_fences_without_building(tmp_path: Path) -> None:
    root = chart_site(tmp_path / "site", {"bad.md": BAD})
    result = run_modelpress(root, "check")
    assert result.returncode == 1
    # The admonition's fence is an indented code block to markdown-it: only the build sees it.
    for line in EXPECTED_ERRORS[:-1]:
        assert line in result.stdout
    assert not (root / "site").exists()


def test_cdn_option_replaces_the_bundled_copy(tmp_path: Path) -> None:
    url = "https://cdn.example.org/plotly-3.min.js"
    root = chart_site(
        tmp_path / "site", {"charts.md": EVERY_TYPE}, charts_options=f"      plotly_url: {url}"
    )
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    assert not (build.site / "assets" / "modelpress" / "plotly-basic.min.js").exists()
    loader = (build.site / "assets" / "modelpress" / "charts.js").read_text(encoding="utf-8")
    assert f'var CONFIGURED_URL = "{url}";' in loader


EXCERPT_POST = """---
date: 2025-03-01
title: Charts in the excerpt
---

# Charts in the excerpt

```chart
type: params
models: [nova-2, open-1]
```

```chart
type: params
models: [nova-3]
```

<!-- more -->

The rest.
"""


def test_charts_in_a_post_excerpt_work_on_the_blog_index(tmp_path: Path) -> None:
    root = chart_site(tmp_path / "site", {"reviews/posts/excerpt.md": EXCERPT_POST})
    strict = run_mkdocs(root)
    assert strict.returncode == 1
    unknown = [line for line in strict.output.splitlines() if "'nova-3'" in line]
    assert len(unknown) == 1, "reported once, from the post, not from each index page"
    assert "content/reviews/posts/excerpt.md:15:10: error: unknown release 'nova-3'" in unknown[0]
    build = run_mkdocs(root, "build")
    assert build.returncode == 0, build.output
    index = build.html("reviews/")
    plots = index.select("figure.modelpress-chart [data-modelpress-chart]")
    assert len(plots) == 1
    assert json.loads(str(plots[0]["data-modelpress-chart"]))["link"] == ["../models/", "/"]
    assert len(index.select(".modelpress-chart-error")) == 1
    post = build.html("reviews/charts-in-the-excerpt/")
    post_plot = post.select_one("[data-modelpress-chart]")
    assert post_plot is not None
    assert json.loads(str(post_plot["data-modelpress-chart"]))["link"] == ["../../models/", "/"]
