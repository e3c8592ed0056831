"""The page cache: each page read and parsed once per build; kept across the preview
server's builds only while its bytes are unchanged."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it.token import Token

from modelpress._internal.content import (
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
    # A build earlier in this process (the serve tests) leaves the cache open and kept.
    PAGE_CACHE.stop()
    PAGE_CACHE.keep_between_builds = False
    yield path
    PAGE_CACHE.stop()
    PAGE_CACHE.keep_between_builds = False


def test_closed_cache_reads_every_time(page_file: Path) -> None:
    docs, root = page_file.parent, page_file.parent.parent
    assert cached_markdown_page(page_file, docs, root) is not cached_markdown_page(
        page_file, docs, root
    )


def test_open_cache_reads_once_until_the_pages_are_released(page_file: Path) -> None:
    """One snapshot per build: a write while the plugins read the sources is seen by the
    next build (the preview server rebuilds after it), never by half of this one."""
    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.start()
    first = cached_markdown_page(page_file, docs, root)
    assert cached_markdown_page(page_file, docs, root) is first
    page_file.write_text(TEXT + "More.\n", encoding="utf-8")
    assert cached_markdown_page(page_file, docs, root) is first
    PAGE_CACHE.release_pages()
    again = cached_markdown_page(page_file, docs, root)
    assert again is not first
    assert again.body.endswith("More.\n")
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


def test_tokens_wait_only_for_a_reader_that_can_come(page_file: Path) -> None:
    """Tokens parsed while sources are read wait for the render-time reader, who takes
    them or lets go of them unread; tokens parsed while pages render are not kept."""
    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.start()
    body = cached_markdown_page(page_file, docs, root).body
    checked = PAGE_CACHE.tokens(body)
    PAGE_CACHE.drop_tokens(body)  # still reading sources: the render-time reader may come
    PAGE_CACHE.release_pages()
    assert PAGE_CACHE.tokens(body) is checked  # taken by the page's reader at render time
    assert PAGE_CACHE.tokens(body) is not checked  # parsed again, and not kept:
    assert PAGE_CACHE.tokens(body) is not PAGE_CACHE.tokens(body)
    PAGE_CACHE.stop()

    PAGE_CACHE.start()
    checked = PAGE_CACHE.tokens(body)
    PAGE_CACHE.release_pages()
    PAGE_CACHE.drop_tokens(body)  # a reader without a use for them lets go
    assert PAGE_CACHE.tokens(body) is not checked


NESTED = (
    "# Title\n\nProse with *emphasis* and a [link](https://example.com)[^1].\n\n"
    "> ```chart\n> type: bars\n> ```\n\n- item\n\n  ~~~chart\n  type: points\n  ~~~\n\n"
    "| a | b |\n| - | - |\n| 1 | 2 |\n\n[^1]: A note.\n\n<div>\n```chart\nhtml\n```\n</div>\n"
)


def _blocks(tokens: list[Token]) -> list[tuple[object, ...]]:
    return [(t.type, t.tag, t.info, t.content, t.map, t.markup, t.level) for t in tokens]


def test_a_reader_of_blocks_gets_the_same_blocks_without_an_inline_parse(
    page_file: Path,
) -> None:
    """The charts plugin reads fences only: a text nobody parsed is parsed for its blocks
    alone, which are the full parse's blocks; tokens kept for the text are used instead."""
    PAGE_CACHE.stop()
    full = PAGE_CACHE.tokens(NESTED)
    blocks = PAGE_CACHE.blocks(NESTED)
    assert _blocks(blocks) == _blocks(full)
    assert any(t.type == "fence" and t.info == "chart" for t in blocks)
    assert all(not t.children for t in blocks)  # no inline parse
    assert any(t.children for t in full)

    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.start()
    body = cached_markdown_page(page_file, docs, root).body
    checked = PAGE_CACHE.tokens(body)
    assert PAGE_CACHE.blocks(body) is checked  # sources still read: left for the next reader
    PAGE_CACHE.release_pages()
    assert PAGE_CACHE.blocks(body) is checked  # taken at render time
    assert PAGE_CACHE.blocks(body) is not checked


def test_a_preview_server_keeps_unchanged_pages_between_builds(page_file: Path) -> None:
    """``modelpress serve``: a page whose bytes did not change is not parsed again."""
    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.keep_between_builds = True
    PAGE_CACHE.start()
    first = cached_markdown_page(page_file, docs, root)
    PAGE_CACHE.release_pages()
    PAGE_CACHE.start()
    assert cached_markdown_page(page_file, docs, root) is first


def test_a_kept_page_is_read_again_when_its_bytes_change_but_not_its_stat(
    page_file: Path,
) -> None:
    """An edit within one mtime tick that keeps the size is still seen (content hash)."""
    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.keep_between_builds = True
    PAGE_CACHE.start()
    first = cached_markdown_page(page_file, docs, root)
    PAGE_CACHE.release_pages()
    stat = page_file.stat()
    page_file.write_text(TEXT.replace("A review", "B review"), encoding="utf-8")
    os.utime(page_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page_file.stat().st_size == stat.st_size
    PAGE_CACHE.start()
    again = cached_markdown_page(page_file, docs, root)
    assert again is not first
    assert again.meta["title"] == "B review"


def test_a_page_no_build_reads_is_let_go(page_file: Path) -> None:
    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.keep_between_builds = True
    PAGE_CACHE.start()
    cached_markdown_page(page_file, docs, root)
    PAGE_CACHE.release_pages()
    assert len(PAGE_CACHE) == 1
    PAGE_CACHE.start()
    PAGE_CACHE.release_pages()  # the file was deleted: nobody asked for it
    assert len(PAGE_CACHE) == 0


def test_a_build_looks_at_each_page_once_and_the_next_build_sees_an_edit(
    page_file: Path,
) -> None:
    """The plugins of one build share one snapshot of a page; the next build reads the
    file again (and, in the preview server, sees the edit made in between)."""
    docs, root = page_file.parent, page_file.parent.parent
    for keep in (False, True):
        page_file.write_text(TEXT, encoding="utf-8")
        PAGE_CACHE.keep_between_builds = keep
        PAGE_CACHE.start()
        first = cached_markdown_page(page_file, docs, root)
        page_file.write_text(TEXT.replace("A review", "An edited review"), encoding="utf-8")
        assert cached_markdown_page(page_file, docs, root) is first
        PAGE_CACHE.release_pages()
        PAGE_CACHE.start()
        again = cached_markdown_page(page_file, docs, root)
        assert again.meta["title"] == "An edited review"
        PAGE_CACHE.release_pages()


def test_a_build_tells_the_hash_of_each_file_it_read(page_file: Path) -> None:
    """The source checks, Material's blog and the build cache key unchanged posts by this
    hash instead of hashing each again: it is the file's SHA-256 as this build read it,
    to the end of the build (past the pages' release), whether or not pages are kept
    between builds, and nothing before the build reads the file."""
    docs, root = page_file.parent, page_file.parent.parent
    path = os.fspath(page_file)
    for keep in (False, True):
        PAGE_CACHE.keep_between_builds = keep
        PAGE_CACHE.start()
        assert PAGE_CACHE.content_hash(path) is None
        cached_markdown_page(page_file, docs, root)
        first = hashlib.sha256(page_file.read_bytes()).digest()
        assert PAGE_CACHE.content_hash(path) == first
        page_file.write_text(TEXT + "More.\n", encoding="utf-8")
        PAGE_CACHE.release_pages()
        assert PAGE_CACHE.content_hash(path) == first  # as read, not as the file is now
        PAGE_CACHE.start()
        assert PAGE_CACHE.content_hash(path) is None
        cached_markdown_page(page_file, docs, root)
        second = hashlib.sha256(page_file.read_bytes()).digest()
        assert PAGE_CACHE.content_hash(path) == second
        assert second != first
        page_file.write_text(TEXT, encoding="utf-8")
        PAGE_CACHE.stop()


def test_the_first_plugin_to_open_the_cache_for_a_build_opens_it_for_all(page_file: Path) -> None:
    """The reviews plugin reads the posts' dates before the records plugin opens the
    cache: a second ``start`` for the same build keeps what the build has read; the next
    build's ``start`` begins a new snapshot."""
    docs, root = page_file.parent, page_file.parent.parent
    build, next_build = object(), object()
    PAGE_CACHE.start(build)
    first = cached_markdown_page(page_file, docs, root)
    page_file.write_text(TEXT.replace("A review", "An edited review"), encoding="utf-8")
    PAGE_CACHE.start(build)
    assert cached_markdown_page(page_file, docs, root) is first
    PAGE_CACHE.release_pages()
    PAGE_CACHE.start(next_build)
    assert cached_markdown_page(page_file, docs, root).meta["title"] == "An edited review"


def test_a_kept_page_is_made_from_the_bytes_its_hash_is_of(page_file: Path) -> None:
    """In the preview server the file is read once a build: its hash (which the source
    checks and Material's blog key results by) and its page come from the same bytes."""
    docs, root = page_file.parent, page_file.parent.parent
    PAGE_CACHE.keep_between_builds = True
    for text in (TEXT, TEXT.replace("A review", "Another review"), "\ufeff" + TEXT + "\r\n"):
        page_file.write_bytes(text.encode("utf-8"))
        PAGE_CACHE.start()
        page = cached_markdown_page(page_file, docs, root)
        assert (
            PAGE_CACHE.content_hash(os.fspath(page_file))
            == hashlib.sha256(text.encode("utf-8")).digest()
        )
        assert page == read_markdown_page(page_file, docs, root)
        PAGE_CACHE.release_pages()
