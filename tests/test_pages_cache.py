"""The per-build page cache: each page read and parsed once per build, never across builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from modelpress.content import (
    PAGE_CACHE,
    MarkdownPage,
    cached_markdown_page,
    read_markdown_page,
)

TEXT = "---\ntitle: A review\nmodels: [grok-4]\n---\n\n\n# A review\n\nText[^1].\n\n[^1]: A note.\n"


@pytest.fixture
def page_file(tmp_path: Path) -> Iterator[Path]:
    docs = tmp_path / "content"
    docs.mkdir()
    path = docs / "review.md"
    path.write_text(TEXT, encoding="utf-8")
    yield path
    PAGE_CACHE.stop()


def test_closed_cache_reads_every_time(page_file: Path) -> None:
    docs, root = page_file.parent, page_file.parent.parent
    assert cached_markdown_page(page_file, docs, root) is not cached_markdown_page(
        page_file, docs, root
    )


def test_open_cache_reads_once_until_the_file_changes(page_file: Path) -> None:
    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.start()
    first = cached_markdown_page(page_file, docs, root)
    assert cached_markdown_page(page_file, docs, root) is first
    page_file.write_text(TEXT + "More.\n", encoding="utf-8")
    again = cached_markdown_page(page_file, docs, root)
    assert again is not first
    assert again.body.endswith("More.\n")
    PAGE_CACHE.release_pages()
    assert cached_markdown_page(page_file, docs, root) is not again
    PAGE_CACHE.stop()
    assert len(PAGE_CACHE) == 0


def test_body_is_what_mkdocs_hands_to_plugins_and_lines_stay(page_file: Path) -> None:
    page = read_markdown_page(page_file, page_file.parent, page_file.parent.parent)
    assert page.body.startswith("# A review")
    assert page.body_line == 7
    heading = next(t for t in page.tokens if t.type == "heading_open")
    assert heading.map is not None
    assert page.file_line(heading.map[0]) == 7


def test_tokens_parsed_once_for_the_same_text(page_file: Path) -> None:
    read = read_markdown_page(page_file, page_file.parent, page_file.parent.parent)
    PAGE_CACHE.start()
    checks = read_markdown_page(page_file, page_file.parent, page_file.parent.parent)
    # What the charts plugin builds from the Markdown MkDocs gives it.
    rendered = MarkdownPage(
        page_file, "review.md", "review.md", checks.body, checks.body, checks.body_line
    )
    assert rendered.tokens is checks.tokens
    PAGE_CACHE.stop()
    assert read.tokens is not checks.tokens
    assert [t.type for t in read.tokens] == [t.type for t in checks.tokens]
