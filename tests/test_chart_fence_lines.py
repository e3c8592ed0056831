"""A chart fence only the build sees (nested in an admonition) is reported at its own line.

Superfences hands the charts plugin a fence's body without its place, and the plugin
used to look the place up by the body's first line: two fences starting with the same
line were both reported at the first one, so the writer was sent to the fence that was
right. The place is now where all the body's lines stand, after the fence before it;
the broken fences are on lines 13 and 29 (their bad line: 15 and 31).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.charts_site import chart_site
from tests.support.site import run_mkdocs

TWINS = """# Two charts that start alike

!!! note "The right one"

    ```chart
    type: benchmarks
    models: [nova-2, nova-1]
    benchmarks: [gpqa]
    ```

!!! note "The broken one"

    ```chart
    type: benchmarks
    models: [nova-2, nova2]
    benchmarks: [gpqa]
    ```

!!! note "The right one again"

    ```chart
    type: benchmarks
    models: [nova-2, nova-1]
    benchmarks: [gpqa]
    ```

!!! note "The broken one again"

    ```chart
    type: benchmarks
    models: [nova-2, nova2]
    benchmarks: [gpqa]
    ```
"""


@pytest.mark.e2e
def test_fences_that_start_alike_are_reported_at_their_own_lines(tmp_path: Path) -> None:
    build = run_mkdocs(chart_site(tmp_path / "site", {"twins.md": TWINS}))
    assert build.returncode == 1
    assert "Traceback" not in build.output
    places = re.findall(
        r"(content/twins\.md:\d+):\d+: error: unknown release 'nova2'", build.output
    )
    assert places == ["content/twins.md:15", "content/twins.md:31"], build.output
