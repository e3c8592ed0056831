"""The browser harness itself works: Chromium opens a page served on loopback."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.support.http import serve_directory


def test_chromium_renders_a_loopback_page(page: Page, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<title>t</title><p id='x'>hello</p>")
    with serve_directory(tmp_path) as base:
        page.goto(base)
        assert page.text_content("#x") == "hello"
