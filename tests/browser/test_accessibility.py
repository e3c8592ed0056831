"""axe-core on every kind of page the demo site has, in the light and the dark scheme.

The site is built from the demo, served on 127.0.0.1 and opened in headless
Chromium as a reader whose system prefers light or dark (the palette follows the
system, so Material itself picks the scheme). axe-core 4.14 is injected from the
copy ``scripts/fetch-axe.py`` vendors; a ``serious`` or ``critical`` violation
fails the test with the rule, its help text and the offending elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.support.http import serve_directory
from tests.support.site import copy_demo, run_mkdocs

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

AXE = (Path(__file__).resolve().parents[1] / "support" / "axe" / "axe.min.js").read_text(
    encoding="utf-8"
)
PAGES = {
    "home": "",
    "review": "reviews/grok-3/",
    "model": "models/grok-4/",
    "models index": "models/",
    "timeline": "timeline/",
    "incidents": "incidents/",
    "reviews index": "reviews/",
}
SCHEMES = {"light": "default", "dark": "slate"}
FAILING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo site, built with ``site_url`` set to where it is served: Material's
    instant navigation only takes over links its sitemap lists (host and port)."""
    root = copy_demo(tmp_path_factory.mktemp("browser-a11y") / "site")
    (root / "site").mkdir()
    with serve_directory(root / "site") as url:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {url}", text), "utf-8")
        build = run_mkdocs(root)
        assert build.returncode == 0, build.output
        yield url


def describe(violation: dict[str, Any]) -> str:
    """One violation as a reader of the failure needs it: rule, why, where."""
    lines = [f"{violation['id']} [{violation['impact']}]: {violation['help']}"]
    for node in violation["nodes"]:
        why = " ".join(check["message"] for check in node["any"] if check.get("message"))
        lines.append(f"  {' '.join(node['target'])}: {why}")
    return "\n".join(lines)


def serious_violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """axe-core's serious and critical violations on the open page, described."""
    page.evaluate("document.fonts.ready")
    page.evaluate(AXE)
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = page.evaluate("options => axe.run(document, options)", options)
    assert results["testEngine"]["version"] == "4.14.1"
    return [describe(v) for v in results["violations"] if v["impact"] in FAILING_IMPACTS]


def open_page(browser: Browser, url: str, scheme: str) -> Page:
    """Open ``url`` as a reader whose system prefers the light or the dark scheme."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        color_scheme="dark" if scheme == "dark" else "light",
    )
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(
    browser: Browser, base_url: str, name: str, scheme: str
) -> None:
    page = open_page(browser, base_url + PAGES[name], scheme)
    try:
        if found := serious_violations(page):
            pytest.fail(f"{name} page, {scheme} scheme:\n" + "\n".join(found), pytrace=False)
    finally:
        page.context.close()


def test_search_and_progress_bar_keep_their_names_after_instant_navigation(
    browser: Browser, base_url: str
) -> None:
    """The search dialog is named by a script on load; Material's instant
    navigation swaps the page without a load, so the name must survive it."""
    page = open_page(browser, base_url, "light")
    try:
        page.evaluate("window.mpSamePage = true")
        page.locator(".md-tabs a", has_text="Timeline").click()
        page.wait_for_url("**/timeline/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.mpSamePage === true"), "the page was loaded, not swapped"
        rules = ["aria-dialog-name", "aria-progressbar-name"]
        assert serious_violations(page, rules) == []
    finally:
        page.context.close()
