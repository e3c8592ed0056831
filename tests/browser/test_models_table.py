"""The models table in Chromium: sorting, filtering, after instant navigation, on a phone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.http import serve_directory
from tests.support.site import run_mkdocs

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SITE = Path(__file__).parents[1] / "fixtures" / "pages" / "site"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site, built with ``site_url`` set to where it is served.

    Material's instant navigation only takes over links that its sitemap lists, and
    it matches them by host and port, so the site must know its own address.
    """
    root = Path(shutil.copytree(SITE, tmp_path_factory.mktemp("table") / "site"))
    (root / "site").mkdir()
    with serve_directory(root / "site") as url:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("https://example.org/pages-test/", url), encoding="utf-8")
        build = run_mkdocs(root)
        assert build.returncode == 0, build.output
        yield url


def visible_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "table.mp-models-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)"
    )


def sort_by(page: Page, column: str) -> None:
    page.get_by_role("button", name=column, exact=True).click()


def test_clicking_headers_sorts_and_sets_aria_sort(page: Page, base_url: str) -> None:
    page.goto(base_url + "models/")
    assert visible_ids(page) == ["evil-1", "nova-2", "open-1", "nova-1", "bare-1"]
    sort_by(page, "Context")
    header = page.locator("th", has=page.get_by_role("button", name="Context", exact=True))
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert visible_ids(page) == ["nova-1", "nova-2", "open-1", "evil-1", "bare-1"]
    sort_by(page, "Context")
    expect(header).to_have_attribute("aria-sort", "descending")
    assert visible_ids(page)[:3] == ["open-1", "nova-2", "nova-1"], "unknown values stay last"
    assert set(visible_ids(page)[3:]) == {"evil-1", "bare-1"}
    sort_by(page, "Price")
    assert visible_ids(page)[:4] == ["open-1", "evil-1", "nova-2", "nova-1"]
    sort_by(page, "Model")
    assert visible_ids(page) == ["bare-1", "evil-1", "nova-1", "nova-2", "open-1"]
    released = page.locator("th", has=page.get_by_role("button", name="Released", exact=True))
    expect(released).not_to_have_attribute("aria-sort", "descending")


def test_filters_narrow_the_table(page: Page, base_url: str) -> None:
    page.goto(base_url + "models/")
    count = page.locator(".mp-models-count")
    expect(count).to_have_text("5 models")
    page.get_by_label("Org").select_option("acme")
    assert visible_ids(page) == ["nova-2", "nova-1", "bare-1"]
    expect(count).to_have_text("3 of 5 models")
    page.get_by_label("Status").select_option("released")
    assert visible_ids(page) == ["nova-2"]
    page.get_by_label("Status").select_option("")
    page.get_by_label("Context at least").select_option("128000")
    assert visible_ids(page) == ["nova-2"]
    page.get_by_label("Org").select_option("")
    assert visible_ids(page) == ["nova-2", "open-1"]
    page.get_by_label("Open weights only").check()
    assert visible_ids(page) == ["open-1"]
    page.get_by_label("Open weights only").uncheck()
    page.get_by_label("Context at least").select_option("")
    page.get_by_label("Input price at most").select_option("1")
    assert visible_ids(page) == ["evil-1", "open-1"]
    page.get_by_label("Input price at most").select_option("")
    page.get_by_label("Released from").select_option("2025")
    assert visible_ids(page) == ["evil-1", "nova-2"]
    page.get_by_label("Filter by name").fill("NOVA-2")
    assert visible_ids(page) == ["nova-2"], "matches the alias, case-insensitively"
    page.get_by_label("Filter by name").fill("no such model")
    assert visible_ids(page) == []
    expect(page.locator(".mp-models-empty")).to_be_visible()


def test_table_works_after_instant_navigation(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.evaluate("window.__notReloaded = true")
    page.get_by_role("link", name="all models").click()
    page.wait_for_url("**/models/")
    expect(page.locator(".mp-models-filters")).to_be_visible()
    assert page.evaluate("window.__notReloaded") is True, "instant navigation, not a reload"
    page.get_by_label("Org").select_option("open-co")
    assert visible_ids(page) == ["open-1"]
    sort_by(page, "Model")
    expect(page.locator("th[aria-sort]")).to_have_count(1)


def test_hostile_names_do_not_run(page: Page, base_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("models/", "models/evil-1/", "incidents/", "timeline/"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
    assert dialogs == []
    page.goto(base_url + "models/")
    expect(page.locator('tr[data-id="evil-1"] a')).to_have_text(
        "Evil <script>alert('name')</script>"
    )


def test_phone_shows_each_release_as_a_card(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + "models/")
        row = page.locator('tr[data-id="nova-2"]')
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        cell = row.locator('td[data-label="Context"]')
        label = cell.evaluate("c => getComputedStyle(c, '::before').content")
        assert label == '"Context"'
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        sort_by(page, "Model")
        assert visible_ids(page) == ["bare-1", "evil-1", "nova-1", "nova-2", "open-1"]
        page.get_by_label("Open weights only").check()
        assert visible_ids(page) == ["open-1"]
    finally:
        context.close()
