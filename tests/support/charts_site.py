"""A small site with the charts plugin, for chart build and browser tests.

It is the pages fixture site (five releases, hostile strings included) plus the
``modelpress/charts`` plugin and pages written by each test, so chart tests do
not depend on the demo reviews, which change as they are written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.site import REPO

FIXTURE_SITE = REPO / "tests" / "fixtures" / "pages" / "site"

EVERY_TYPE = """---
title: Every chart type
---

# Every chart type

Some text before the charts.

```chart
type: benchmarks
models: [nova-2, nova-1, open-1]
benchmarks: [gpqa]
title: GPQA Diamond
highlight: nova-2
```

```chart
type: price-performance
models: [nova-2, nova-1, open-1]
benchmarks: [gpqa]
```

```chart
type: timeline
models: [nova-1, nova-2, open-1]
```

```chart
type: params
models: [nova-2, nova-1, open-1]
```

```chart
type: arena
models: [nova-2]
```
"""


def chart_site(
    destination: Path, pages: dict[str, str] | None = None, charts_options: str = ""
) -> Path:
    """Copy the fixture site to ``destination``, enable the charts plugin, add ``pages``.

    ``pages`` maps paths under ``content/`` to Markdown; ``charts_options`` is YAML
    (indented by 6 spaces) under the plugin's entry.
    """
    shutil.copytree(FIXTURE_SITE, destination)
    config = destination / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = "  - modelpress/charts" + (f":\n{charts_options}" if charts_options else "") + "\n"
    text = text.replace("  - modelpress/records\n", "  - modelpress/records\n" + entry, 1)
    text = text.replace("markdown_extensions:\n", "markdown_extensions:\n  - admonition\n", 1)
    config.write_text(text, encoding="utf-8")
    for path, markdown in (pages or {}).items():
        target = destination / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return destination
