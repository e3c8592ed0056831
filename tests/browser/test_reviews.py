"""Reviews and the home page in headless Chromium: phone and desktop, light and dark.

Screenshots go to ``$MODELPRESS_SCREENSHOTS`` (default: the test's tmp folder)
so a person can look at them; the assertions check what a person would look
for: the strip on screen, no sideways scrolling on a phone, a readable measure,
footnotes that open in place, and a dark palette that is really dark.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.support.http import serve_directory
from tests.support.site import copy_demo, run_mkdocs

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

WIDTHS = (375, 1280)
SCHEMES = ("default", "slate")
REVIEW = "reviews/grok-3/"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    build = run_mkdocs(copy_demo(tmp_path_factory.mktemp("browser-reviews") / "site"))
    assert build.returncode == 0, build.output
    with serve_directory(build.site) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("MODELPRESS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_page(browser: Browser, url: str, width: int, scheme: str) -> Page:
    """Open ``url`` as a reader whose system prefers light or dark.

    The site's first palette follows the system preference, so Material itself
    picks the scheme (slate) and primary colour (black) a dark-mode reader gets.
    """
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if scheme == "slate" else "light",
    )
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
    return page


def background_lightness(page: Page) -> float:
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [float(c) for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    return sum(channels) / 3


def no_sideways_scroll(page: Page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"page is {scroll_width}px wide at a {width}px viewport"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_review_layout(
    browser: Browser, base_url: str, shots: Path, width: int, scheme: str
) -> None:
    page = open_page(browser, base_url + REVIEW, width, scheme)
    try:
        page.screenshot(path=str(shots / f"review-{width}-{scheme}.png"))
        no_sideways_scroll(page, width)
        headline = page.locator("h1.mp-review__headline")
        assert headline.is_visible()
        assert page.locator(".mp-review__subtitle").is_visible()
        assert page.locator(".mp-review__byline img.mp-byline__avatar").first.is_visible()
        strip = page.locator(".mp-strip")
        strip.scroll_into_view_if_needed()
        assert strip.is_visible()
        box = strip.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
        first_card = page.locator(".mp-strip__card").first.bounding_box()
        assert first_card is not None
        assert first_card["x"] + first_card["width"] <= width
        dark = background_lightness(page) < 100
        assert dark == (scheme == "slate")
    finally:
        page.context.close()


def test_review_text_keeps_a_newsletter_measure(browser: Browser, base_url: str) -> None:
    """Body paragraphs average 55-75 characters per line on a desktop screen.

    The measure holds whatever serif the machine has (Liberation Serif, the
    common Linux ``serif``, gave 76-87) because the site serves its own typeface:
    the text is measured once Source Serif 4 has loaded from the site.
    """
    page = open_page(browser, base_url + REVIEW, 1280, "default")
    try:
        loaded = page.evaluate(
            """document.fonts.ready.then(() => [...document.fonts]
                 .filter(face => face.family.replace(/"/g, '') === 'Source Serif 4'
                                 && face.status === 'loaded')
                 .map(face => `${face.weight} ${face.style}`))"""
        )
        assert "400 normal" in loaded, f"the review typeface did not load: {loaded}"
        per_line = page.evaluate(
            """[...document.querySelectorAll('.mp-review__body > p')].slice(1, 6).map(p => {
                 const lines = Math.round(
                   p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
                 return p.textContent.length / lines;
               })"""
        )
        longest = max(per_line)
        assert 55 <= longest <= 75, per_line
        gaps = page.evaluate(
            """(() => {
                 const column = document.querySelector('.mp-review').getBoundingClientRect();
                 const text = document.querySelector('.mp-review__article').getBoundingClientRect();
                 return [text.left - column.left, column.right - text.right];
               })()"""
        )
        assert abs(gaps[0] - gaps[1]) < 4, f"text column is not centred: {gaps}"
    finally:
        page.context.close()


def test_footnote_opens_as_a_tooltip_on_hover(browser: Browser, base_url: str, shots: Path) -> None:
    page = open_page(browser, base_url + REVIEW, 1280, "default")
    try:
        ref = page.locator("a.footnote-ref").first
        ref.scroll_into_view_if_needed()
        ref.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible", timeout=5000)
        assert "Grok 3 and an accelerating AI roadmap" in tooltip.inner_text()
        page.screenshot(path=str(shots / "review-footnote-tooltip.png"))
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_layout(
    browser: Browser, base_url: str, shots: Path, width: int, scheme: str
) -> None:
    page = open_page(browser, base_url, width, scheme)
    try:
        page.screenshot(path=str(shots / f"home-{width}-{scheme}.png"), full_page=True)
        no_sideways_scroll(page, width)
        lead = page.locator(".mp-front__lead h2 a")
        assert lead.is_visible()
        assert lead.inner_text() == "What a benchmark score can and cannot tell you"
        assert page.locator(".mp-front__item").count() == 4
        form = page.locator("form.mp-subscribe__form")
        form.scroll_into_view_if_needed()
        assert form.is_visible()
        box = form.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= width
        assert page.locator(".mp-front__links a[href$='feed_rss_created.xml']").is_visible()
        dark = background_lightness(page) < 100
        assert dark == (scheme == "slate")
    finally:
        page.context.close()


def test_home_lead_opens_the_review(browser: Browser, base_url: str) -> None:
    page = open_page(browser, base_url, 375, "default")
    try:
        page.locator(".mp-front__item h3 a").first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator("h1.mp-review__headline").inner_text().startswith("Grok 4 Heavy")
    finally:
        page.context.close()
