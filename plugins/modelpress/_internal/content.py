"""The site's Markdown pages as the checks see them: path, front matter, body, line numbers.

MkDocs reads front matter itself, but the checks run without MkDocs (from
``modelpress check``) and must report lines in the file as the writer sees it,
so the body keeps its offset into the file.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from stat import S_ISREG
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from modelpress._internal.diagnostics import Diagnostic, Severity
from modelpress._internal.records.yamlsource import LoadedYaml, load_yaml_text
from modelpress._internal.textfile import decode_text, read_text_file, universal_newlines

__all__ = [
    "PAGE_CACHE",
    "MarkdownPage",
    "PageCache",
    "cached_markdown_page",
    "iter_markdown_pages",
    "read_markdown_page",
    "split_front_matter",
]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class MarkdownPage:
    """One Markdown file of the docs folder."""

    path: Path
    src_uri: str
    """Path relative to the docs folder, with forward slashes (MkDocs' ``File.src_uri``)."""
    display: str
    """Path as shown in messages: relative to the site's folder."""
    text: str
    body: str
    body_line: int
    """1-based line of the file on which ``body`` starts."""
    meta: dict[str, Any] = field(default_factory=dict)
    front_matter: LoadedYaml | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @cached_property
    def tokens(self) -> list[Token]:
        """The body parsed once by markdown-it, shared by every check of this page.

        Token ``map`` lines are 0-based and relative to the body: use :meth:`file_line`.
        During a build, a page whose body another plugin has already parsed (the source
        checks in ``on_files``, the charts plugin when the page is rendered) gets those
        tokens: treat them as read-only.
        """
        return PAGE_CACHE.tokens(self.body)

    @property
    def block_tokens(self) -> list[Token]:
        """The body's block structure (fences, headings, lists…) for a reader that needs
        no inline parse: its ``inline`` tokens have no children.

        The page's full :attr:`tokens` when something parsed them already; else a parse
        of blocks alone, about a quarter of a full parse's time (the inline rules are
        most of markdown-it's work). The block tokens are the same either way: inline
        parsing never changes a block's type, content or lines.
        """
        parsed = self.__dict__.get("tokens")
        return parsed if parsed is not None else PAGE_CACHE.blocks(self.body)

    def file_line(self, body_line: int) -> int:
        """The 1-based line in the file of a 0-based line of the body (a token map entry)."""
        return self.body_line + body_line

    def meta_line(self, key: str) -> int:
        if self.front_matter is None:
            return 1
        return self.front_matter.position((key,)).line


def _new_parser() -> MarkdownIt:
    """CommonMark plus tables, strikethrough and footnotes.

    ``always_match_refs`` keeps references to undefined footnotes as tokens (instead of
    plain text) so the checks can report them; ``move_to_end=False`` keeps definitions
    where they are written, with their own line numbers.
    """
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(footnote_plugin, move_to_end=False, always_match_refs=True)
    )


@cache
def _parser() -> MarkdownIt:
    """One parser for all pages."""
    return _new_parser()


@cache
def _block_parser() -> MarkdownIt:
    """:func:`_parser` without its ``inline`` core rule: blocks only."""
    return _new_parser().disable("inline")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, 1-based line where the body starts)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end() :], text.count("\n", 0, match.end()) + 1


def read_markdown_page(
    path: Path, docs_dir: Path, root: Path, text: str | None = None, *, raw: bytes | None = None
) -> MarkdownPage:
    """The page at ``path``: read from the file, or from its ``text`` or ``raw`` bytes
    when the caller has them already (``raw`` is decoded as the file would be)."""
    src_uri = path.relative_to(docs_dir).as_posix()
    try:
        display = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        display = path.as_posix()
    diagnostics: list[Diagnostic] = []
    if text is None:
        # One problem at the first bad byte; the rest of the page is not checked (it would
        # only report what the wrong encoding garbled). CRLF and a BOM read as MkDocs does.
        decoded = read_text_file(path, display) if raw is None else decode_text(raw, display)
        if decoded.diagnostic is not None:
            diagnostics.append(decoded.diagnostic)
        text = decoded.text or ""
    else:  # as a file is read: markdown-it takes a lone CR for a line end, too
        text = universal_newlines(text)
    raw_meta, body, body_line = split_front_matter(text)
    # The body as MkDocs hands it to plugins: without the blank lines after the front
    # matter. Lines in the file stay the same (body_line moves down with it), and a
    # plugin that parses the Markdown MkDocs gives it shares this page's tokens.
    blank = len(body) - len(body.lstrip("\n"))
    body, body_line = body[blank:], body_line + blank
    page = MarkdownPage(path, src_uri, display, text, body, body_line, diagnostics=diagnostics)
    if raw_meta is not None and raw_meta.strip():
        loaded = load_yaml_text(raw_meta, display, line_offset=1, datetimes=True)
        page.front_matter = loaded
        page.diagnostics.extend(loaded.diagnostics)
        if isinstance(loaded.data, dict):
            page.meta = loaded.data
        elif loaded.data is not None:
            page.diagnostics.append(
                Diagnostic(
                    display,
                    2,
                    1,
                    Severity.ERROR,
                    "wrong-type",
                    "front matter must be a mapping of 'key: value' lines",
                )
            )
    return page


def iter_markdown_pages(docs_dir: Path, root: Path) -> Iterator[MarkdownPage]:
    """Every ``.md`` file under ``docs_dir``, in a stable order, skipping hidden folders."""
    for path in sorted(docs_dir.rglob("*.md")):
        parts = path.relative_to(docs_dir).parts
        if any(part.startswith(".") for part in parts) or path.is_dir():
            continue  # a folder named `x.md` is not a page (MkDocs skips it too)
        yield read_markdown_page(path, docs_dir, root)


class PageCache:
    """Pages read once per build and shared by every plugin that needs them.

    The records, reviews and checks plugins each need every page's front matter,
    and the checks and charts plugins its markdown-it tokens; reading and parsing
    the same file in each of them made a build pay for every page several times.
    The records plugin opens the cache when a build starts (``on_config``); what
    it read outlives the build only in the preview server (see below).

    - Pages (:func:`cached_markdown_page`) are kept by path, modification time and
      size until every plugin's ``on_files`` has run, the only event that reads
      sources; then they are let go, so the build does not carry them all. Within
      that window a page is looked at once: every plugin gets the page the first
      reader got, as one snapshot of the sources.
    - Tokens are kept by the exact text parsed, until a second reader takes them:
      the source checks parse every page in ``on_files``, the records plugin parses
      the same text when the page is rendered and gets the same tokens (so does the
      charts plugin when the records plugin changed nothing, or, when the page has no
      chart fence, lets go of them unread). Tokens parsed once pages render are not
      kept: no one reads them again. The charts plugin needs only blocks (fences), so
      a text nobody parsed before it is parsed for blocks alone (:meth:`blocks`).

    While the cache is closed, pages are read and parsed afresh on every call.

    A long-lived preview server (``modelpress serve``) sets :attr:`keep_between_builds`:
    a save then costs a YAML parse of the saved file only, not of every post (the
    reviews, generated-pages and checks plugins all read every page's front matter on
    every rebuild). A kept page is reused only if its modification time, size *and*
    the SHA-256 of its bytes are unchanged, so an edit within one mtime tick that keeps
    the size is still read again; pages no longer read by a build (deleted files) are
    dropped when that build lets go of its pages.
    """

    def __init__(self) -> None:
        self._pages: dict[tuple[Path, Path, Path], tuple[tuple[int, int, bytes], MarkdownPage]] = {}
        self._tokens: dict[str, list[Token]] = {}
        self._read: set[tuple[Path, Path, Path]] = set()
        self._hashes: dict[str, bytes] = {}
        """The SHA-256 of each file this build read, by path."""
        self._reading = False
        """Whether the build is still reading sources (``on_files``): tokens parsed then
        wait for the page's reader at render time; tokens parsed later have none."""
        self.open = False
        self.keep_between_builds = False
        self._build: object | None = None

    def start(self, build: object | None = None) -> None:
        """A build starts: forget what an earlier build read (unless kept); keep what it reads.

        ``build`` names the build (its config): a second call for the same build changes
        nothing, so the first plugin to need the pages opens the cache (the reviews
        plugin reads the posts' dates before the records plugin loads the records).
        """
        if build is not None and self.open and self._build is build:
            return
        kept = dict(self._pages) if self.keep_between_builds else {}
        self.stop()
        self._pages.update(kept)
        self.open = True
        self._reading = True
        self._build = build

    def release_pages(self) -> None:
        """Every plugin has read the sources: drop the pages (tokens wait for their reader).

        Between builds of a preview server, keep the pages this build read (and only those).
        """
        if self.keep_between_builds:
            self._pages = {key: hit for key, hit in self._pages.items() if key in self._read}
        else:
            self._pages.clear()
        self._read.clear()
        self._reading = False

    def stop(self) -> None:
        """The build is over (or failed): drop everything, and read afresh until the next."""
        self._pages.clear()
        self._tokens.clear()
        self._read.clear()
        self._hashes.clear()
        self.open = False
        self._reading = False
        self._build = None

    def __len__(self) -> int:
        return len(self._pages)

    def read(self, path: Path, docs_dir: Path, root: Path) -> MarkdownPage:
        if not self.open:
            return read_markdown_page(path, docs_dir, root)
        key = (path, docs_dir, root)
        hit = self._pages.get(key)
        if hit is not None and key in self._read:
            # Already read by this build (the reviews, generated-pages and checks plugins
            # each ask for every post): one look at the file per build, not one per plugin.
            return hit[1]
        try:
            stat = path.stat()
            # The page is made from the very bytes hashed here (read once): a kept page,
            # and whatever is keyed by the hash, is that of those bytes. (Not a FIFO or a
            # device, which would never finish reading: the page reports it.)
            raw = path.read_bytes() if S_ISREG(stat.st_mode) else None
        except OSError:
            self._pages.pop(key, None)
            return read_markdown_page(path, docs_dir, root)
        content = hashlib.sha256(raw).digest() if raw is not None else b""
        self._read.add(key)
        if content:
            self._hashes[os.fspath(path)] = content
        stamp = (stat.st_mtime_ns, stat.st_size, content)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        page = read_markdown_page(path, docs_dir, root, raw=raw)
        self._pages[key] = (stamp, page)
        return page

    def content_hash(self, path: str) -> bytes | None:
        """The SHA-256 of the file at ``path`` as this build read it, until the build ends;
        None if it has not read it (or the cache is closed). The source checks key their
        findings by it; in the preview server, Material's blog (restoring unchanged posts)
        and the build cache (its pages' fingerprints) ask instead of reading and hashing
        every post once more."""
        return self._hashes.get(path)

    def tokens(self, body: str) -> list[Token]:
        if not self.open:
            return _parser().parse(body)
        found = self._tokens.pop(body, None)
        if found is None:
            found = _parser().parse(body)
            if self._reading:  # once pages render, a text is not parsed twice: not kept
                self._tokens[body] = found
        return found

    def blocks(self, body: str) -> list[Token]:
        """The tokens kept for ``body`` if any (taken, once pages render, as
        :meth:`tokens` takes them), else its blocks alone, parsed and not kept."""
        if self.open:
            found = self._tokens.get(body) if self._reading else self._tokens.pop(body, None)
            if found is not None:
                return found
        return _block_parser().parse(body)

    def drop_tokens(self, body: str) -> None:
        """A page's reader at render time does not need the tokens kept for it: let go
        of them now rather than at the end of the build (about 100 KB a review)."""
        if not self._reading:
            self._tokens.pop(body, None)


PAGE_CACHE = PageCache()
"""The cache of the running build (one build at a time per process, as MkDocs runs them)."""


def cached_markdown_page(path: Path, docs_dir: Path, root: Path) -> MarkdownPage:
    """:func:`read_markdown_page`, read and parsed once per build whichever plugin asks first.

    The page is shared: treat it as read-only (its ``tokens`` are parsed once too).
    """
    return PAGE_CACHE.read(path, docs_dir, root)
