"""Link and image checks on the Markdown source, before anything is built.

Each link target is judged where it was written: is it a URL at all (not a
pasted sentence, not a bare domain), does a local image or file exist, does a
link to a page or to ``models/<id>`` lead to a page the site will have. Pages
generated from the records are resolved against the catalog, since they are
not in the docs folder.
"""

from __future__ import annotations

import fnmatch
import html
import posixpath
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.token import Token

from modelpress._internal.checks.context import CheckContext
from modelpress._internal.checks.positions import InlineLocator, line_starts, raw_html_links
from modelpress._internal.checks.rendering import MarkdownSettings
from modelpress._internal.checks.sitepaths import GENERATED_SECTIONS, SitePaths, site_paths
from modelpress._internal.checks.unsafeurls import check_unsafe_urls
from modelpress._internal.checks.urlsyntax import classify, unsafe_url_problem, url_problem
from modelpress._internal.content import MarkdownPage
from modelpress._internal.diagnostics import Diagnostic, Severity, did_you_mean, quote

__all__ = ["LinkUse", "as_written", "check_links", "ignored_url_patterns", "iter_links"]

_UNPARSED = re.compile(r"\[[^\]\n]+\]\(([^()<>\n]*?\s[^()<>\n]*?)\)")
"""``[text](target with spaces)``: Markdown does not read it as a link at all."""
_TITLE = re.compile(r"""^\S*\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$""")
_ENCODED_UTF8 = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")
_DEFINITION = re.compile(
    r"^[ ]{0,3}\[(?!\^)(?:[^\]\\\n]|\\.){1,999}\]:[ \t]*\n?[ \t]*<?(?P<target>[^\s<>]+)", re.M
)
"""A reference definition, ``[label]: target``, the target possibly on the next line."""
_SECTION = re.compile(r"(?:^|/)((?:" + "|".join(GENERATED_SECTIONS) + r")(?:/.*)?)$")


@dataclass(frozen=True)
class LinkUse:
    """A link or image target as written on a page, with its place in the file."""

    target: str
    line: int
    col: int
    image: bool
    raw_html: bool = False
    """Written as raw HTML: the renderer and MkDocs leave it as written, so the browser
    resolves it from the page's URL, not from the Markdown file's folder."""


def iter_links(page: MarkdownPage) -> Iterator[LinkUse]:
    """Every link, image and raw-HTML ``href``/``src`` on the page, in reading order."""
    definitions: dict[str, tuple[int, int]] | None = None
    for token in page.tokens:
        if token.type == "inline" and token.children:
            locator = InlineLocator(page, token)
            for child in token.children:
                if child.type in ("link_open", "image"):
                    attr = "src" if child.type == "image" else "href"
                    target = str(child.attrs.get(attr, ""))
                    if child.markup == "autolink" or child.info == "auto":
                        locator.find([target])
                        continue
                    if _written_inline(token.content, target):
                        line, col = locator.find(_needles(target), skip="](")
                    else:
                        if definitions is None:
                            definitions = _reference_definitions(page)
                        line, col = definitions.get(target) or locator.find([], skip="](")
                    yield LinkUse(target, line, col, child.type == "image")
                elif child.type == "html_inline":
                    yield from _html_links(page, locator, child)
            yield from _unparsed_links(page, token)
        elif token.type == "html_block":
            yield from _html_links(page, InlineLocator(page, token), token)


def _written_inline(content: str, target: str) -> bool:
    """Whether a link's target is written in the paragraph (``[text](target)``), not in a
    reference definition elsewhere on the page (``[text][ref]`` … ``[ref]: target``)."""
    return "](" in content and any(
        needle in content for needle in (f"]({target}", f"]({as_written(target)}", "](<")
    )


def _reference_definitions(page: MarkdownPage) -> dict[str, tuple[int, int]]:
    """Where each reference definition's target is written, keyed by the target as
    markdown-it hands it to a link token: a bad target is the definition's fault, and the
    writer fixes it on the definition's line, not where the reference is used."""
    places: dict[str, tuple[int, int]] = {}
    body = page.body
    if "]:" not in body:
        return places
    starts = line_starts(body)
    for match in _DEFINITION.finditer(body):
        index = match.start("target")
        line = bisect_right(starts, index) - 1
        place = (page.file_line(line), index - starts[line] + 1)
        raw = match.group("target")
        for key in (raw, normalizeLink(raw), normalizeLink(html.unescape(raw))):
            places.setdefault(key, place)
    return places


def _html_links(page: MarkdownPage, locator: InlineLocator, token: Token) -> Iterator[LinkUse]:
    """Each ``href``/``src`` of raw HTML, read by the HTML parser the raw-HTML and
    built-site checks use, so unquoted values and upper-case names are links and
    comments are not (a regex read ``<!-- <a href=…> -->`` as a link and missed
    ``<a href=file.pdf>``); entities in values are decoded as the browser decodes them."""
    content = token.content
    if "=" not in content:
        return
    for link, line, col in raw_html_links(content, locator):
        yield LinkUse(link.url, line, col, link.attribute == "src", raw_html=True)


def _unparsed_links(page: MarkdownPage, token: Token) -> Iterator[LinkUse]:
    """Links Markdown did not recognize because their target has spaces (a pasted sentence).

    They are published as literal ``[text](…)``; reported like any bad target.
    """
    if "](" not in token.content:
        return
    locator = InlineLocator(page, token)
    for match in _UNPARSED.finditer(token.content):
        target = match.group(1)
        if _TITLE.match(target):
            continue
        line, col = locator.find([match.group(0)])
        yield LinkUse(target, line, col + match.start(1) - match.start(), image=False)


def as_written(target: str) -> str:
    """The target with markdown-it's percent-encoding of non-ASCII text undone, for messages."""
    return _ENCODED_UTF8.sub(lambda m: unquote(m.group(0), errors="strict"), target)


def _needles(target: str) -> list[str]:
    """What the target may look like in the source: markdown-it percent-encodes it."""
    prefix = target.split("%", 1)[0]
    written = as_written(target)
    return [f"]({target}", f"]({written}", target, f"]({prefix}" if len(prefix) >= 4 else "", "]("]


def ignored_url_patterns(page: MarkdownPage, context: CheckContext) -> list[re.Pattern[str]]:
    """The site's ``ignore_urls`` plus the page's own ``modelpress_ignore_urls``."""
    raw = list(context.options.get("ignore_urls") or [])
    own = page.meta.get("modelpress_ignore_urls")
    if isinstance(own, list):
        raw.extend(own)
    key = "ignore_urls:" + "\0".join(str(p) for p in raw)
    compiled = context.memo.get(key)
    if compiled is None:
        compiled = context.memo[key] = [re.compile(str(pattern)) for pattern in raw]
    return list(compiled)


def _paths(context: CheckContext) -> SitePaths:
    paths = context.memo.get("site_paths")
    if paths is None:
        paths = context.memo["site_paths"] = site_paths(context.catalog, context.page_uris)
    assert isinstance(paths, SitePaths)
    return paths


def check_links(page: MarkdownPage, context: CheckContext) -> Iterator[Diagnostic]:
    ignored = ignored_url_patterns(page, context)
    paths = _paths(context)
    docs_dir = _docs_dir(page)
    yield from check_unsafe_urls(page)
    for use in iter_links(page):
        if unsafe_url_problem(html.unescape(use.target), image=use.image):
            continue  # an unsafe scheme: check_unsafe_urls reports it
        if any(pattern.search(use.target) for pattern in ignored):
            continue
        what = "image" if use.image else "link"
        problem = url_problem(use.target)
        if problem:
            yield Diagnostic(
                page.display,
                use.line,
                use.col,
                Severity.ERROR,
                "bad-url",
                f"{what} target {quote(as_written(use.target))} is not a valid URL: {problem}",
            )
            continue
        target = classify(use.target)
        if target.kind != "local" or not target.path:
            continue
        if use.raw_html and target.path.endswith(".md"):
            message: tuple[str, str] | None = _raw_markdown_link(target.path, what)
        else:
            base = _served_dir(page, context.markdown) if use.raw_html else _source_dir(page)
            message = _local_problem(page, target.path, paths, docs_dir, what, base)
        if message:
            code, text = message
            yield Diagnostic(page.display, use.line, use.col, Severity.ERROR, code, text)


def _docs_dir(page: MarkdownPage) -> Path:
    depth = page.src_uri.count("/") + 1
    return page.path.parents[depth - 1]


def _raw_markdown_link(path: str, what: str) -> tuple[str, str]:
    """Raw HTML naming a ``.md`` file: MkDocs rewrites Markdown links to page URLs but
    publishes raw HTML as written, and the built site has no ``.md`` files."""
    return (
        "missing-page",
        f"{what} target {quote(path)} in raw HTML names a Markdown file, which the built site "
        "does not have (MkDocs rewrites only Markdown links); write it as a Markdown link "
        "or use the page's URL",
    )


def _source_dir(page: MarkdownPage) -> str:
    """Markdown links and images: MkDocs rewrites them relative to the source file."""
    return posixpath.dirname(page.src_uri)


_UNKNOWN = "\0"
"""A URL segment only the build knows (a blog post's date or slug)."""


def _served_dir(page: MarkdownPage, settings: MarkdownSettings) -> str:
    """The folder of the URL MkDocs serves the page at, relative to the site's root.

    ``a/b.md`` is served at ``a/b/`` (``a/b.html`` without directory URLs), ``a/index.md``
    at ``a/``; a blog post where its blog's ``post_url_format`` puts it, with the
    segments that depend on the post (date, slug) marked unknown.
    """
    folder, name = posixpath.split(page.src_uri)
    for blog in settings.blogs:
        if page.src_uri.startswith(blog.post_dir + "/"):
            segments = []
            for part in blog.post_url_format.strip("/").split("/"):
                count = blog.post_url_date_format.count("/") + 1 if "{date}" in part else 1
                segments += [_UNKNOWN] * count
            if not settings.use_directory_urls:
                segments = segments[:-1]
            return posixpath.join("" if blog.blog_dir == "." else blog.blog_dir, *segments)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README") or not settings.use_directory_urls:
        return folder
    return posixpath.join(folder, stem)


def _local_problem(
    page: MarkdownPage, path: str, paths: SitePaths, docs_dir: Path, what: str, base: str
) -> tuple[str, str] | None:
    if path.startswith("/"):
        # Absolute paths depend on where the site is served (site_url's sub-path); MkDocs
        # leaves them alone, and the built-site check resolves them with site_url.
        return None
    resolved = posixpath.normpath(posixpath.join(base, path))
    if resolved.startswith("../") or resolved == "..":
        return (
            "missing-file",
            f"{what} target {quote(path)} points outside the docs folder; link a page or file "
            "inside it, or use a full https:// URL",
        )
    if _UNKNOWN in resolved:
        return _post_relative_problem(path, resolved, paths, docs_dir, what, base)
    if resolved.endswith(".md"):
        return _page_problem(path, resolved, paths)
    section = _SECTION.search(resolved) or _SECTION.search(path)
    if resolved in paths.files or _exists(docs_dir / resolved):
        return None
    if section is not None:
        return _generated_url_problem(path, section.group(1), paths)
    if posixpath.splitext(resolved)[1] and not path.endswith("/"):
        return (
            "missing-file",
            f"{what} target {quote(path)} does not exist (looked for {quote(resolved)} in the "
            "docs folder); fix the path or add the file",
        )
    return None  # a URL-style link to a written page: the built-site check resolves it


def _exists(path: Path) -> bool:
    """Whether the file is there; a name the file system refuses (too long, a NUL byte)
    cannot be there, so it counts as missing instead of raising out of the check."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _any_match(docs_dir: Path, pattern: str) -> bool:
    """Whether any file of the docs folder matches the pattern; a pattern the file system
    refuses matches nothing."""
    try:
        return any(docs_dir.glob(pattern))
    except (OSError, ValueError):
        return False


def _post_relative_problem(
    path: str, resolved: str, paths: SitePaths, docs_dir: Path, what: str, base: str
) -> tuple[str, str] | None:
    """Raw HTML in a blog post, resolved under the post's URL, whose date or slug only the
    build knows: a file is missing if no folder of the docs could stand in for them."""
    if resolved.endswith(".md") or not posixpath.splitext(resolved)[1] or path.endswith("/"):
        return None  # a page: the built-site check resolves it
    pattern = resolved.replace(_UNKNOWN, "*")
    if any(fnmatch.fnmatch(f, pattern) for f in paths.files) or _any_match(docs_dir, pattern):
        return None
    served = base.replace(_UNKNOWN, "…")
    return (
        "missing-file",
        f"{what} target {quote(path)} does not exist: raw HTML is resolved from the post's "
        f"URL {quote(served + '/')}, and no file in the docs folder matches {quote(pattern)}; "
        "fix the path (from the post's URL, not its file) or add the file",
    )


def _page_problem(path: str, resolved: str, paths: SitePaths) -> tuple[str, str] | None:
    if resolved in paths.pages:
        return None
    folder, name = posixpath.split(resolved[: -len(".md")])
    if posixpath.basename(folder) == "models" and name != "index":
        return _unknown_model(path, name, paths)
    hint = did_you_mean(resolved, sorted(paths.pages))
    return (
        "missing-page",
        f"link to {quote(path)}: no page {quote(resolved)} in the docs folder or generated "
        f"from the records{hint}",
    )


def _generated_url_problem(path: str, section: str, paths: SitePaths) -> tuple[str, str] | None:
    """A URL-style link (``../models/grok-4/``) into the pages generated from the records."""
    parts = [p for p in section.split("/") if p]
    head = parts[0]
    if head == "data":
        if section in paths.files or section.rstrip("/") in paths.files:
            return None
        return (
            "missing-file",
            f"link to {quote(path)}: the site has no download {quote(section)}"
            f"{did_you_mean(section, sorted(paths.files))}",
        )
    rest = [p for p in parts[1:] if p != "index.html"]
    if head == "models" and rest:
        name = rest[0].removesuffix(".html")
        if name in paths.release_ids and len(rest) == 1:
            return None
        return _unknown_model(path, name, paths)
    if rest:
        return (
            "missing-page",
            f"link to {quote(path)}: {quote(head)} is a single generated page with no "
            f"sub-pages; link {quote(head + '/')}",
        )
    return None


def _unknown_model(path: str, name: str, paths: SitePaths) -> tuple[str, str]:
    invalid = paths.invalid_releases.get(name.lower())
    if invalid is not None and invalid.id == name:
        return ("invalid-release", f"link to {quote(path)}: {invalid.message(name)}")
    return (
        "unknown-model",
        f"link to {quote(path)}: there is no release {quote(name)} in the records, so no "
        f"model page{did_you_mean(name, sorted(paths.release_ids))}; link an existing "
        "release or add data/releases/" + name + ".yaml",
    )
