"""Blog listings convert only the part of a post they show, and show the same.

Two real MkDocs builds of the same posts: one with the site's usual Markdown
extensions, where a listing converts a post only up to ``<!-- more -->``; one with an
extension Modelpress does not know (``pymdownx.caret``, unused by the posts), where
each conversion is of the whole post, as Material does it. The charts plugin numbers
a listing's charts in the order they are drawn, so a chart below the separator of the
first post shows whether its rest was converted: the second post's chart is the
listing's first chart, or its second.
"""

from __future__ import annotations

from pathlib import Path

from modelpress._internal.charts.render import chart_id
from tests.support.charts_site import chart_site
from tests.support.site import Build, run_mkdocs

CUT_POST = """---
date: 2025-03-02
title: A post cut at its separator
---

# A post cut at its separator

The verdict comes *first*, with [a link](https://example.com/card).

<!-- more -->

## Pricing

A claim with a source[^1].

| tier | price |
|---|---|
| Pro | $20 |

```chart
type: params
models: [nova-2, open-1]
```

[^1]: The source, <https://example.com/s>.
"""

CHART_ABOVE = """---
date: 2025-03-01
title: A chart above the separator
---

# A chart above the separator

```chart
type: params
models: [nova-2]
```

<!-- more -->

The rest.
"""

LISTINGS = ["reviews/index.html", "reviews/archive/2025/index.html"]
POSTS = [
    "reviews/a-post-cut-at-its-separator/index.html",
    "reviews/a-chart-above-the-separator/index.html",
]


def build(root: Path, *, extra_extension: str | None = None) -> Build:
    chart_site(root, {"reviews/posts/cut.md": CUT_POST, "reviews/posts/chart.md": CHART_ABOVE})
    config = root / "mkdocs.yml"
    extensions = "markdown_extensions:\n" + (f"  - {extra_extension}\n" if extra_extension else "")
    text = config.read_text(encoding="utf-8")
    text = text.replace("markdown_extensions:\n", "  - modelpress/cache\n" + extensions, 1)
    config.write_text(text, encoding="utf-8")
    built = run_mkdocs(root, "build")
    assert built.returncode == 0, built.output
    return built


def test_listings_convert_the_shown_part_and_show_what_the_whole_conversion_shows(
    tmp_path: Path,
) -> None:
    cut = build(tmp_path / "cut")
    whole = build(tmp_path / "whole", extra_extension="pymdownx.caret")
    for listing in LISTINGS:
        source = "reviews/index.md" if listing == LISTINGS[0] else "reviews/archive/2025.md"
        first, second = chart_id(source, 0), chart_id(source, 1)
        shown = (cut.site / listing).read_text(encoding="utf-8")
        converted_whole = (whole.site / listing).read_text(encoding="utf-8")
        # Cut: the first post's chart below the separator was never drawn.
        assert first in shown, listing
        assert second not in shown, listing
        assert second in converted_whole, listing
        assert first not in converted_whole, listing
        assert shown.replace(first, second) == converted_whole, listing
        page = cut.html(listing.removesuffix("index.html"))
        links = [a.get_text(strip=True) for a in page.select(".md-post__action a")]
        assert links == ["Continue reading", "Continue reading"], listing
    for post in POSTS:
        assert (cut.site / post).read_bytes() == (whole.site / post).read_bytes(), post
