"""Charts in Chromium: drawn on load and after instant navigation, restyled by the palette
switch, plotly.js never fetched on pages without charts, no console errors, phone width."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect

from tests.support.charts_site import EVERY_TYPE, chart_site
from tests.support.http import serve_directory
from tests.support.site import run_mkdocs

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SCREENSHOTS = Path("/tmp")
PALETTE = """  font: false
  palette:
    - scheme: default
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
"""
HOME = """# Pages test

No charts here. [Every chart type](charts.md).
"""
DRAWN = ".modelpress-chart__plot--drawn"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with a page of every chart type, a light/dark toggle, no web fonts.

    ``site_url`` is set to where the site is served: Material's instant navigation
    only takes over links its sitemap lists, matched by host and port.
    """
    root = chart_site(
        tmp_path_factory.mktemp("charts-browser") / "site",
        {"charts.md": EVERY_TYPE, "index.md": HOME},
    )
    (root / "site").mkdir()
    with serve_directory(root / "site") as url:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        text = text.replace("https://example.org/pages-test/", url)
        text = text.replace("  name: material\n", "  name: material\n" + PALETTE, 1)
        config.write_text(text, encoding="utf-8")
        build = run_mkdocs(root)
        assert build.returncode == 0, build.output
        yield url


@pytest.fixture
def problems(page: Page) -> list[str]:
    """Console errors and uncaught exceptions of the page, collected as they happen."""
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            found.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


@pytest.fixture
def requests(page: Page) -> list[str]:
    seen: list[str] = []

    def on_request(request: Request) -> None:
        seen.append(request.url)

    page.on("request", on_request)
    return seen


def draw_all(page: Page, expected: int = 5) -> None:
    """Scroll each chart into view (they are drawn lazily) and wait until all are drawn."""
    charts = page.locator("[data-modelpress-chart]")
    expect(charts).to_have_count(expected)
    for index in range(expected):
        charts.nth(index).scroll_into_view_if_needed()
        expect(charts.nth(index)).to_have_class(re.compile(r"\bmodelpress-chart__plot--drawn\b"))


def tick_colour(page: Page) -> str:
    return str(page.eval_on_selector(f"{DRAWN} .xtick text", "el => getComputedStyle(el).fill"))


def test_charts_are_drawn_on_direct_load(
    page: Page, base_url: str, problems: list[str], requests: list[str]
) -> None:
    page.goto(base_url + "charts/")
    draw_all(page)
    first = page.locator("[data-modelpress-chart]").first
    expect(first.locator(".bars .point")).to_have_count(3)
    heights = first.locator(".bars .point path").evaluate_all(
        "paths => paths.map(p => p.getBBox().height)"
    )
    assert heights[0] > heights[2] > 0
    assert heights[1] == 0, "a missing value is no bar (and the 'n/a' note), never a zero"
    expect(first.locator(".annotation-text")).to_have_text("n/a")
    expect(page.locator("details.modelpress-chart__data[open]")).to_have_count(0)
    assert len([u for u in requests if u.endswith("/plotly-basic.min.js")]) == 1
    timing = page.evaluate(
        """() => [
            performance.getEntriesByName('first-contentful-paint')[0].startTime,
            performance.getEntriesByType('resource').find(e => e.name.includes('plotly')).startTime,
        ]"""
    )
    assert timing[0] < timing[1], "plotly.js is requested only after the first paint"
    assert problems == []


def test_no_plotly_on_a_page_without_charts(
    page: Page, base_url: str, problems: list[str], requests: list[str]
) -> None:
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("/assets/modelpress/charts.js") for u in requests)
    assert not any("plotly" in u for u in requests)
    assert page.evaluate("typeof window.Plotly") == "undefined"
    assert problems == []


def test_charts_are_drawn_after_instant_navigation(
    page: Page, base_url: str, problems: list[str], requests: list[str]
) -> None:
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Every chart type").click()
    page.wait_for_url(base_url + "charts/")
    draw_all(page)
    assert page.evaluate("window.__sameDocument === true"), "Material swapped the page in place"
    assert len([u for u in requests if u.endswith("/plotly-basic.min.js")]) == 1
    assert problems == []


def test_palette_switch_restyles_the_charts(page: Page, base_url: str, problems: list[str]) -> None:
    page.goto(base_url + "charts/")
    draw_all(page)
    before = tick_colour(page)
    page.locator("label[title='Switch to dark mode']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function(
        f"before => getComputedStyle(document.querySelector('{DRAWN} .xtick text')).fill"
        " !== before",
        arg=before,
    )
    after = tick_colour(page)
    assert after != before
    page.locator("label[title='Switch to light mode']").click()
    page.wait_for_function(
        f"before => getComputedStyle(document.querySelector('{DRAWN} .xtick text')).fill"
        " === before",
        arg=before,
    )
    assert problems == []


def test_clicking_a_point_opens_the_model_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "charts/")
    draw_all(page)
    page.evaluate("window.__sameDocument = true")
    bar = page.locator("[data-modelpress-chart]").first.locator(".bars .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    expect(page.locator(".hoverlayer .hovertext")).to_have_count(1)
    expect(page.locator(".hoverlayer .hovertext")).to_contain_text("61 %")
    expect(page.locator(".hoverlayer .hovertext")).to_contain_text("source: Acme")
    page.mouse.click(x, y)
    page.wait_for_url(base_url + "models/nova-2/")
    assert page.evaluate("window.__sameDocument === true")


def test_phone_width_light_and_dark(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(base_url + "charts/")
        draw_all(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, "nothing overflows the phone's width"
        plots = page.eval_on_selector_all(
            DRAWN, "els => els.map(e => e.getBoundingClientRect().width)"
        )
        assert all(0 < w <= 375 for w in plots)
        first = page.locator("figure.modelpress-chart").first
        first.scroll_into_view_if_needed()
        first.screenshot(path=str(SCREENSHOTS / "modelpress-chart-375-light.png"))
        page.locator("figure.modelpress-chart").nth(1).screenshot(
            path=str(SCREENSHOTS / "modelpress-chart-375-light-price.png")
        )
        page.locator("label[title='Switch to dark mode']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.wait_for_timeout(300)
        first.screenshot(path=str(SCREENSHOTS / "modelpress-chart-375-dark.png"))
        page.locator("figure.modelpress-chart").nth(3).screenshot(
            path=str(SCREENSHOTS / "modelpress-chart-375-dark-params.png")
        )
    finally:
        context.close()


def test_charts_follow_the_window_size(page: Page, base_url: str, problems: list[str]) -> None:
    page.goto(base_url + "charts/")
    draw_all(page)
    svg = f"{DRAWN} .main-svg"
    wide = page.eval_on_selector(svg, "el => el.getBoundingClientRect().width")
    column = page.eval_on_selector(".md-content .md-typeset", "el => el.clientWidth")
    assert wide >= column - 2, "a chart fills the text column"
    page.set_viewport_size({"width": 480, "height": 900})
    page.wait_for_function(
        f"wide => document.querySelector('{svg}').getBoundingClientRect().width < wide - 100",
        arg=wide,
    )
    narrow = page.eval_on_selector(svg, "el => el.getBoundingClientRect().width")
    assert narrow <= 480
    assert problems == []
