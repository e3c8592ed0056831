"""What a reader waits for: paint and chart timings in headless Chromium, and bytes sent.

Pages are served from a loopback HTTP server (no compression, so the bytes are
what the files weigh; a gzip estimate is reported beside them) and opened in a
fresh browser context each time, as on a first visit. First contentful paint
comes from the Paint Timing API; "charts drawn" is when every chart container
holds Plotly's ``svg.main-svg`` after being scrolled into view, measured on the
page's own clock (milliseconds since navigation started).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import statistics
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.support.http import serve_directory

from bench.corpus import CHART_FENCE, strip_chart_fences
from bench.timing import Failed, run_timed

__all__ = [
    "CHART_SELECTOR",
    "PageRun",
    "build_demo",
    "build_plotly_anchor",
    "find_pages",
    "measure_pages",
    "with_full_plotly",
]

REPO = Path(__file__).resolve().parents[1]

CHART_SELECTOR = "[data-modelpress-chart], div.mkdocs-plotly"
"""The elements Plotly draws into: Modelpress's plot ``<div>`` (its figure JSON in the
``data-modelpress-chart`` attribute, inside a ``<figure class="modelpress-chart">``)
and mkdocs-plotly-plugin's fence ``<div>``. One per chart, so counts are counts of charts."""
SITE_PARTS = ("mkdocs.yml", "content", "data", "site_overrides", "schema")

_FCP_JS = """() => new Promise(resolve => {
  const found = performance.getEntriesByName('first-contentful-paint')[0];
  if (found) { resolve(found.startTime); return; }
  new PerformanceObserver(list => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) resolve(entry.startTime);
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 15000);
})"""

_DRAW_JS = """async (selector) => {
  const charts = [...document.querySelectorAll(selector)];
  if (!charts.length) return null;
  const started = performance.now();
  const drawn = (chart) => chart.querySelector('svg.main-svg');
  for (const chart of charts) {
    chart.scrollIntoView({block: 'center'});
    while (!drawn(chart)) {
      if (performance.now() - started > 30000) return null;
      await new Promise(r => setTimeout(r, 5));
    }
  }
  return performance.now();
}"""
"""Scroll to each chart in turn, as a reader would, and wait until Plotly has drawn it.

Modelpress draws a chart when it scrolls into view (an IntersectionObserver), so
scrolling past a chart before the observer has seen it would leave it undrawn;
waiting at each one measures the time until a reader has seen every chart."""

_INLINE_FIGURES_JS = """(selector) => [...document.querySelectorAll(selector)].map(chart => {
  const attribute = chart.getAttribute('data-modelpress-chart');
  if (attribute !== null) return new Blob([attribute]).size;
  const json = 'script[type="application/json"]';
  const own = chart.querySelector(json)
    || (chart.parentElement && chart.parentElement.querySelector(json));
  return own ? new Blob([own.textContent]).size : 0;
})"""


SETTLE_SECONDS = 1.0
"""Pause before opening each page, so one page's background work does not slow the next."""

_NOT_LOOPBACK = re.compile(r"^(?!http://127\.0\.0\.1[:/])")


TWIN_SUFFIX = "-without-charts"


def _add_chartless_twin(root: Path) -> str | None:
    """Copy the demo review with the most charts, its chart fences removed, under its own slug.

    Every demo review has charts, and a different page (another layout, another
    length) would measure the page, not the charts. The twin has the same title,
    text, layout and front matter, so chart page vs twin isolates what the charts
    cost a reader. It exists only in the bench's copy of the site. Returns the
    review's slug (the twin's is the slug plus ``-without-charts``), or ``None``.
    """
    posts = root / "content" / "reviews" / "posts"
    found = sorted(
        (-path.read_text(encoding="utf-8").count(CHART_FENCE + "\n"), path.name, path)
        for path in posts.glob("*.md")
    )
    if not found or found[0][0] == 0:
        return None
    source = found[0][2]
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    slug = source.stem
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            for i in range(1, end):
                if lines[i].startswith("slug:"):
                    slug = lines[i].split(":", 1)[1].strip().strip("\"'")
                    lines[i] = f"slug: {slug}{TWIN_SUFFIX}\n"
                    break
            else:
                lines.insert(end, f"slug: {slug}{TWIN_SUFFIX}\n")
    twin = strip_chart_fences("".join(lines))
    (posts / f"{source.stem}{TWIN_SUFFIX}.md").write_text(twin, encoding="utf-8")
    return slug


def build_demo(work: Path) -> tuple[Path, str | None]:
    """Build the repository's demo site in ``work``, plus a chart-less twin of one review.

    Returns the site folder and the charted review's slug (see :func:`_add_chartless_twin`).
    """
    root = work / "demo"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        elif source.is_file():
            shutil.copy2(source, root / part)
    slug = _add_chartless_twin(root)
    run_timed(["-m", "mkdocs", "build"], root)
    return root / "site", slug


FULL_PLOTLY_SUFFIX = "-full-plotly"


def full_plotly_bundle() -> Path:
    """The full plotly.js the ``plotly`` Python package ships (what Modelpress served
    before it switched to the basic partial bundle, and what the anchor serves)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def with_full_plotly(site: Path) -> Path:
    """A copy of the built demo ``site`` whose plotly.js is the full bundle.

    Only the bytes of ``assets/modelpress/plotly-basic.min.js`` change (its name
    stays, so the loader fetches it as before): chart page against this copy
    measures what the partial bundle saves a reader, everything else equal.
    """
    copy = site.with_name(site.name + FULL_PLOTLY_SUFFIX)
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(site, copy)
    shutil.copyfile(full_plotly_bundle(), copy / "assets" / "modelpress" / "plotly-basic.min.js")
    return copy


def _chart_count(html: str) -> int:
    from bs4 import BeautifulSoup

    return len(BeautifulSoup(html, "html.parser").select(CHART_SELECTOR))


def find_pages(site: Path) -> tuple[str | None, str | None]:
    """A review with the most charts and a review with none (any page if no review has none)."""
    counts: dict[str, int] = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).parent.as_posix()
        rel = "" if rel == "." else rel + "/"
        counts[rel] = _chart_count(path.read_text(encoding="utf-8"))
    reviews = [p for p in counts if p.startswith("reviews/") and p.count("/") == 2]
    charted = sorted((p for p in counts if counts[p]), key=lambda p: (-counts[p], p))
    chart_page = next((p for p in charted if p in reviews), charted[0] if charted else None)
    plain = [p for p in reviews if not counts[p]] or [p for p in counts if not counts[p]]
    return chart_page, (plain[0] if plain else None)


_ANCHOR_FIGURE: dict[str, Any] = {
    "data": [
        {"type": "bar", "name": name, "x": ["GPQA Diamond", "MMLU-Pro", "MATH"], "y": scores}
        for name, scores in (
            ("Atlas 2", [71.2, 78.4, 88.0]),
            ("Borealis 1", [64.9, 73.1, 81.5]),
            ("Cobalt 3", [59.3, 70.2, 76.8]),
        )
    ],
    "layout": {
        "title": {"text": "Atlas 2 against its peers"},
        "barmode": "group",
        "yaxis": {"title": {"text": "score (%)"}, "range": [0, 100]},
        "margin": {"l": 48, "r": 16, "t": 48, "b": 40},
    },
    "config": {"displaylogo": False, "responsive": True},
}
"""A benchmarks chart as Modelpress draws one: three models, three benchmarks, grouped bars."""


def build_plotly_anchor(work: Path, figure: dict[str, Any] | None = None) -> tuple[Path, int]:
    """A small Material site charted by mkdocs-plotly-plugin; return its site and figure bytes.

    plotly.min.js, the full bundle, comes from the installed ``plotly`` package: the
    plugin's default (a CDN) is not what a fair comparison measures.
    """
    root = work / "plotly-anchor"
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    (docs / "javascripts").mkdir(parents=True)
    shutil.copyfile(full_plotly_bundle(), docs / "javascripts" / "plotly.min.js")
    figure_json = json.dumps(figure or _ANCHOR_FIGURE, separators=(",", ":"))
    words = " ".join(["The launch numbers and what they leave out."] * 60)
    (docs / "index.md").write_text(f"# Without charts\n\n{words}\n\n{words}\n", encoding="utf-8")
    (docs / "chart.md").write_text(
        f"# With a chart\n\n{words}\n\n```plotly\n{figure_json}\n```\n\n{words}\n",
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        "site_name: mkdocs-plotly-plugin anchor\n"
        "theme: {name: material, features: [navigation.instant]}\n"
        "plugins:\n  - search\n  - plotly:\n      lib_path: javascripts/plotly.min.js\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: plotly\n          class: mkdocs-plotly\n"
        "          format: !!python/name:mkdocs_plotly_plugin.fences.fence_plotly\n"
        "nav: [index.md, chart.md]\n",
        encoding="utf-8",
    )
    run_timed(["-m", "mkdocs", "build"], root)
    return root / "site", len(figure_json.encode())


@dataclass
class PageRun:
    """One page opened once."""

    fcp_ms: float | None
    charts_drawn_ms: float | None
    charts: int
    bytes_total: int
    bytes_gzip: int
    bytes_plotly: int
    figure_bytes: list[int] = field(default_factory=list)


@dataclass
class PageStats:
    url: str
    runs: list[PageRun]

    def as_dict(self, *, figure_bytes_override: int | None = None) -> dict[str, Any]:
        def spread(values: list[float | None]) -> dict[str, float] | None:
            kept = [v for v in values if v is not None]
            if not kept:
                return None
            return {
                "median_ms": round(statistics.median(kept), 1),
                "min_ms": round(min(kept), 1),
                "max_ms": round(max(kept), 1),
            }

        last = self.runs[-1]
        figures = last.figure_bytes
        per_chart = (
            figure_bytes_override
            if figure_bytes_override is not None
            else (round(sum(figures) / len(figures)) if figures and any(figures) else None)
        )
        return {
            "path": self.url,
            "fcp": spread([r.fcp_ms for r in self.runs]),
            "charts_drawn": spread([r.charts_drawn_ms for r in self.runs]),
            "charts": last.charts,
            "bytes_total": last.bytes_total,
            "bytes_gzip": last.bytes_gzip,
            "bytes_plotly": last.bytes_plotly,
            "figure_bytes_per_chart": per_chart,
            "figure_bytes_max": max(figures) if figures and figure_bytes_override is None else None,
            "figure_bytes": figures if figure_bytes_override is None else [figure_bytes_override],
        }


def _open_once(browser: Any, url: str) -> PageRun:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Loopback only: the theme asks api.github.com for the repository's stars, which
    # would measure the network, not the page (and the bench must not leave the machine).
    context.route(_NOT_LOOPBACK, lambda route: route.abort())
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(url, wait_until="load")
        fcp = page.evaluate(_FCP_JS)
        charts = page.locator(CHART_SELECTOR).count()
        drawn = page.evaluate(_DRAW_JS, CHART_SELECTOR)
        page.wait_for_load_state("networkidle")
        inline = page.evaluate(_INLINE_FIGURES_JS, CHART_SELECTOR)
        total = compressed = plotly_bytes = 0
        figure_files: list[int] = []
        for response in responses:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body to count
                continue
            name = response.url.rsplit("/", 1)[-1].split("?")[0]
            total += len(body)
            compressed += len(gzip.compress(body, 6))
            if "plotly" in name and name.endswith(".js") and len(body) > 100_000:
                plotly_bytes += len(body)
            if name.endswith(".json") and "search" not in name:
                figure_files.append(len(body))
        figures = [b for b in inline if b] or figure_files
        return PageRun(
            fcp_ms=fcp,
            charts_drawn_ms=drawn,
            charts=charts,
            bytes_total=total,
            bytes_gzip=compressed,
            bytes_plotly=plotly_bytes,
            figure_bytes=figures,
        )
    finally:
        context.close()


def measure_pages(
    targets: dict[str, tuple[Path, str]], *, rounds: int, warmup: int
) -> dict[str, PageStats]:
    """Open each ``name → (site folder, page path)`` in turn, round after round."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise Failed(
            f"Chromium not found at {CHROMIUM}: run 'make test' or set MODELPRESS_CHROMIUM"
        )
    with sync_playwright() as playwright, ExitStack() as stack:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        stack.callback(browser.close)
        sites = sorted({site for site, _ in targets.values()})
        servers = {site: stack.enter_context(serve_directory(site)) for site in sites}
        stats: dict[str, PageStats] = {}
        names = list(targets)
        for number in range(warmup + rounds):
            # Every other round in reverse: a page opened right after a chart page would
            # share the browser with plotly.js still being compiled and cached, so no page
            # may always come second. A short pause lets that background work finish.
            for name in names if number % 2 == 0 else names[::-1]:
                site, path = targets[name]
                time.sleep(SETTLE_SECONDS)
                run = _open_once(browser, servers[site] + path)
                if number >= warmup:
                    stats.setdefault(name, PageStats(path, [])).runs.append(run)
    return stats
