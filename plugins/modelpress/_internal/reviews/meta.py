"""Checks on the reviews' front matter: everything Material's blog would refuse, and more.

Material's blog plugin stops on a post it cannot read (no front matter, a date
that is not a date, a category outside ``categories_allowed``, an unknown
author) with a message that names no line, sometimes after the theme's files
are already copied; and it silently lets a second post replace the first at
the same address. The reviews plugin runs these checks before the blog reads
the posts, and ``modelpress check`` runs the very same functions with the blog
settings read from ``mkdocs.yml``, so both report the same ``file:line``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelpress._internal.content import MarkdownPage, read_markdown_page
from modelpress._internal.diagnostics import Diagnostic, Severity, did_you_mean, quote
from modelpress._internal.records.yamlsource import load_yaml_file
from modelpress._internal.reviews.posturl import post_created, post_path, post_title
from modelpress._internal.siteconfig import BlogSettings, SiteConfig

__all__ = [
    "SOURCE_DATE_EPOCH",
    "PostDates",
    "ReviewCheckMemo",
    "check_review_meta",
    "check_reviews",
    "check_site_reviews",
    "is_excluded",
    "newest_post_time",
    "post_dates",
    "post_files",
    "read_post_pages",
]

_TAG = re.compile(r"<[A-Za-z/!][^>]*>|&[#A-Za-z0-9]+;")
# MkDocs' YAML_RE (mkdocs/utils/meta.py), which the blog uses to find a post's front
# matter; copied because the core does not import MkDocs. Stricter than ours: the
# closing line needs a line break after it.
_BLOG_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_OPENS_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n")
_FLAGS = ("draft", "pin")

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
"""The reproducible-builds.org variable MkDocs and mkdocs-rss-plugin take the build date from."""


@dataclass(frozen=True)
class PostDates:
    created: dt.datetime
    updated: dt.datetime
    """``updated:`` (or the blog's ``date: {updated: …}``); ``created`` when the post has none."""


def post_dates(meta: Mapping[str, Any]) -> PostDates | None:
    """When a post was published and last modified, from its front matter; None if undated."""
    date = meta.get("date")
    created = post_created(date)
    if created is None:
        return None
    value = meta.get("updated")
    if value is None and isinstance(date, dict):
        value = date.get("updated")
    updated = post_created(value) if value is not None else None
    return PostDates(created, updated if updated is not None and updated >= created else created)


def is_excluded(meta: Mapping[str, Any], blog: BlogSettings, *, now: dt.datetime) -> bool:
    """Whether the blog leaves this post out of a build (Material's ``_is_excluded``).

    ``draft: true`` is a draft; without a ``draft:`` flag, so is a post dated after
    ``now`` when ``draft_if_future_date`` is on. ``draft: false`` publishes either way.
    """
    if blog.draft:
        return False
    flag = meta.get("draft")
    if not isinstance(flag, bool) and blog.draft_if_future_date:
        created = post_created(meta.get("date"))
        return created is not None and created > now
    return flag is True


def newest_post_time(
    metas: Iterable[Mapping[str, Any]],
    blog: BlogSettings,
    *,
    building_drafts: bool = False,
    now: dt.datetime | None = None,
) -> dt.datetime | None:
    """The latest publication or ``updated:`` time of the posts a build publishes.

    The build's date when ``SOURCE_DATE_EPOCH`` is not set: it changes only when
    the posts do, so two builds of one commit are identical, and the feed's
    ``lastBuildDate`` is never older than its newest item.
    """
    moment = now or dt.datetime.now(dt.UTC)
    newest: dt.datetime | None = None
    for meta in metas:
        if not building_drafts and is_excluded(meta, blog, now=moment):
            continue
        dates = post_dates(meta)
        if dates is not None and (newest is None or dates.updated > newest):
            newest = dates.updated
    return newest


def check_site_reviews(
    site: SiteConfig, pages: Iterable[MarkdownPage] | None = None
) -> list[Diagnostic]:
    """``modelpress check``'s share: what the reviews plugin checks during a build.

    Nothing to check when the site has no blog. Problems in the authors file
    itself (YAML errors) are reported too: the blog would stop on them. ``pages``:
    the site's pages when the caller has read them already (the posts are taken from
    them rather than read again).
    """
    blog = site.blog
    if blog is None or not site.docs_dir.is_dir():
        return []
    found: list[Diagnostic] = []
    authors: set[str] | None = None
    if blog.authors:
        authors, problems = _read_author_ids(site, blog)
        found.extend(problems)
    if pages is None:
        posts = read_post_pages(site.docs_dir, site.root, blog)
    else:
        wanted = set(post_files(site.docs_dir, blog))
        posts = [page for page in pages if page.path in wanted]
    found.extend(check_reviews(posts, blog, authors))
    return sorted(found)


def post_files(docs_dir: Path, blog: BlogSettings) -> list[Path]:
    """The blog's posts: Markdown under ``post_dir``, without hidden files (as MkDocs)."""
    folder = docs_dir / blog.post_dir
    if not folder.is_dir():
        return []
    return [
        path
        for path in sorted(folder.rglob("*.md"))
        if not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    ]


def read_post_pages(docs_dir: Path, root: Path, blog: BlogSettings) -> list[MarkdownPage]:
    """Each of :func:`post_files`, read as a page."""
    return [read_markdown_page(path, docs_dir, root) for path in post_files(docs_dir, blog)]


def _read_author_ids(site: SiteConfig, blog: BlogSettings) -> tuple[set[str], list[Diagnostic]]:
    path = site.docs_dir / blog.authors_file
    if not path.is_file():
        return set(), []
    try:
        display = path.resolve().relative_to(site.root.resolve()).as_posix()
    except ValueError:
        display = path.as_posix()
    doc = load_yaml_file(path, display)
    data = doc.data if isinstance(doc.data, dict) else {}
    authors = data.get("authors")
    return ({str(a) for a in authors} if isinstance(authors, dict) else set()), doc.diagnostics


_Checked = tuple[MarkdownPage, list[Diagnostic], str | None]
"""A post, its findings, and the address the blog gives it (None: none to compare)."""


class ReviewCheckMemo:
    """Each post's findings and address from the last check, for the preview server.

    A post's findings and address follow from its page alone, given the blog's
    settings and the author ids; the page cache hands the next build the very same
    page object while the file is unchanged. So a kept result is used for that object
    (held here, so its ``id`` is not reused) under the same settings and authors; a
    change to either forgets them all. Checking 2,000 posts took 0.15 s of every save.
    """

    def __init__(self) -> None:
        self._settings: tuple[str, frozenset[str] | None] | None = None
        self._kept: dict[int, _Checked] = {}

    def check(
        self, pages: Iterable[MarkdownPage], blog: BlogSettings, authors: Collection[str] | None
    ) -> list[_Checked]:
        """Each page checked, or as the last call checked it; keeps this call's only."""
        settings = (repr(blog), frozenset(authors) if authors is not None else None)
        kept = self._kept if settings == self._settings else {}
        current: dict[int, _Checked] = {}
        checked = []
        for page in pages:
            found = kept.get(id(page))
            if found is None or found[0] is not page:
                found = (page, *_check_one(page, blog, authors))
            current[id(page)] = found
            checked.append(found)
        self._settings, self._kept = settings, current
        return checked


def check_reviews(
    pages: Iterable[MarkdownPage],
    blog: BlogSettings,
    authors: Collection[str] | None,
    memo: ReviewCheckMemo | None = None,
) -> list[Diagnostic]:
    """Every post's front matter checked, plus posts that the blog would publish at one address.

    ``authors`` are the ids of the blog's authors file, or None when the blog's
    ``authors`` setting is off (then ``authors:`` is not read). With a ``memo`` (the
    preview server keeps one), a post checked by the last call is not checked again.
    """
    found: list[Diagnostic] = []
    addresses: dict[str, list[MarkdownPage]] = {}
    for page, problems, address in (memo or ReviewCheckMemo()).check(pages, blog, authors):
        found.extend(problems)
        if address is not None:
            addresses.setdefault(address, []).append(page)
    found.extend(_duplicate_addresses(addresses))
    return sorted(found)


def _check_one(
    page: MarkdownPage, blog: BlogSettings, authors: Collection[str] | None
) -> tuple[list[Diagnostic], str | None]:
    """A post's findings, and the address the blog gives it (None: it cannot, or the post
    is already reported as unreadable)."""
    problems = list(check_review_meta(page, authors, blog=blog))
    if page.diagnostics or _check_structure(page) is not None:
        return problems, None
    return problems, post_path(page, blog)


def check_review_meta(
    page: MarkdownPage, authors: Collection[str] | None, *, blog: BlogSettings | None = None
) -> Iterator[Diagnostic]:
    """Problems in one post's front matter, given the known author ids.

    Without ``blog`` (``modelpress email``), categories are not checked against
    ``categories_allowed``. Front matter that could not be read as YAML is already
    reported with the page (``page.diagnostics``) and is not checked again.
    """
    structure = _check_structure(page)
    if structure is not None:
        yield structure
        return
    if page.diagnostics:
        return
    if authors is not None:
        yield from _check_authors(page, authors)
    yield from _check_categories(page, blog)
    yield from _check_subtitle(page)
    yield from _check_dates(page)
    yield from _check_types(page)


def _check_structure(page: MarkdownPage) -> Diagnostic | None:
    """The file itself: empty, no front matter, or front matter never closed."""
    if page.diagnostics and page.front_matter is None and not page.text:
        return None  # unreadable (not UTF-8, …): already reported
    text = page.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return _at_top(
            page,
            "empty-review",
            "the review is empty; start it with front matter (---, title:, date:, …, ---) "
            "and its text, or delete the file",
        )
    if _BLOG_FRONT_MATTER.match(text):
        return None
    if _OPENS_FRONT_MATTER.match(text):
        return _at_top(
            page,
            "unclosed-front-matter",
            "the front matter opened by '---' on line 1 is never closed; add a line '---' "
            "(followed by a line break) after its last field",
        )
    return _at_top(
        page,
        "missing-front-matter",
        "a review starts with front matter: a '---' line, title:, date:, authors: …, "
        "then a closing '---' line",
    )


def _at_top(page: MarkdownPage, code: str, message: str) -> Diagnostic:
    return Diagnostic(page.display, 1, 1, Severity.ERROR, code, message)


def _check_authors(page: MarkdownPage, known: Collection[str]) -> Iterator[Diagnostic]:
    value = page.meta.get("authors")
    if value is None:
        return
    if not isinstance(value, list):
        yield _at(page, ("authors",), "wrong-type", "'authors' must be a list of ids, e.g. [mara]")
        return
    for index, author in enumerate(value):
        if isinstance(author, str) and author in known:
            continue
        hint = did_you_mean(str(author), known) or (
            f"; known authors: {', '.join(sorted(known))}" if known else ""
        )
        yield _at(
            page,
            ("authors", index),
            "unknown-author",
            f"unknown author {quote(author)}{hint}; authors are defined in the blog's .authors.yml",
        )


def _check_categories(page: MarkdownPage, blog: BlogSettings | None) -> Iterator[Diagnostic]:
    value = page.meta.get("categories")
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        yield _at(
            page,
            ("categories",),
            "wrong-type",
            "'categories' must be a list of names, e.g. [xAI, Benchmarks]",
        )
        return
    if blog is None or not blog.categories or not blog.categories_allowed:
        return
    allowed = blog.categories_allowed
    for index, name in enumerate(value):
        if name not in allowed:
            yield _at(
                page,
                ("categories", index),
                "unknown-category",
                f"category {quote(name)} is not in the blog's categories_allowed"
                f"{did_you_mean(name, allowed)}; use one of {', '.join(allowed)}, or add it "
                "to categories_allowed in mkdocs.yml",
            )


def _check_subtitle(page: MarkdownPage) -> Iterator[Diagnostic]:
    value = page.meta.get("subtitle")
    if value is None:
        return
    if not isinstance(value, str):
        yield _at(page, ("subtitle",), "wrong-type", "'subtitle' must be text")
        return
    if _TAG.search(value):
        yield _at(
            page,
            ("subtitle",),
            "html-in-subtitle",
            "the subtitle contains HTML; it is shown as plain text (the tags appear "
            "literally), so write it without markup",
            Severity.WARNING,
        )


def _check_dates(page: MarkdownPage) -> Iterator[Diagnostic]:
    if "date" not in page.meta:
        yield _at_top(
            page,
            "missing-date",
            "a review needs 'date: YYYY-MM-DD' in its front matter (the blog orders, "
            "archives and dates posts by it)",
        )
        return
    date = page.meta["date"]
    bad = [
        (("date", key), value)
        for key, value in (date.items() if isinstance(date, dict) else [(None, date)])
        if not isinstance(value, dt.date)
    ]
    if isinstance(date, dict) and "created" not in date:
        yield _at(page, ("date",), "bad-date", "'date' as a mapping needs 'created: YYYY-MM-DD'")
    for loc, value in bad:
        where = loc if loc[1] is not None else ("date",)
        yield _at(page, where, "bad-date", f"{quote(value)} is not a date; write it as YYYY-MM-DD")
    created = post_created(date)
    if "updated" not in page.meta:
        return
    updated = page.meta["updated"]
    if not isinstance(updated, dt.date):
        yield _at(
            page,
            ("updated",),
            "bad-date",
            f"{quote(updated)} is not a date; write the last substantive change as YYYY-MM-DD",
        )
    elif created is not None and (post_created(updated) or created) < created:
        yield _at(
            page,
            ("updated",),
            "bad-date",
            f"updated ({updated}) is before the review's date ({created.date()}); check both dates",
        )


def _check_types(page: MarkdownPage) -> Iterator[Diagnostic]:
    """The other fields the blog validates: it stops the build on a wrong type, without a line."""
    slug = page.meta.get("slug")
    if slug is not None and not isinstance(slug, str):
        yield _at(page, ("slug",), "wrong-type", "'slug' must be text, e.g. slug: grok-4")
    for flag in _FLAGS:
        value = page.meta.get(flag)
        if value is not None and not isinstance(value, bool):
            yield _at(page, (flag,), "wrong-type", f"{quote(flag)} must be true or false")
    readtime = page.meta.get("readtime")
    if readtime is not None and (isinstance(readtime, bool) or not isinstance(readtime, int)):
        yield _at(page, ("readtime",), "wrong-type", "'readtime' must be a whole number of minutes")


def _duplicate_addresses(by_path: dict[str, list[MarkdownPage]]) -> Iterator[Diagnostic]:
    """Posts the blog would write to one address: the later silently replaces the earlier."""
    for path, pages in sorted(by_path.items()):
        if len(pages) < 2:
            continue
        url = path.removesuffix(".md") + "/"
        places = {page.display: _slug_position(page) for page in pages}
        for page in pages:
            others = ", ".join(
                f"{display}:{line}"
                for display, (line, _) in places.items()
                if display != page.display
            )
            line, col = places[page.display]
            yield Diagnostic(
                page.display,
                line,
                col,
                Severity.ERROR,
                "duplicate-slug",
                f"this review and {others} are both published at {quote(url)}, so one would "
                "replace the other; give each its own 'slug:'",
            )


def _slug_position(page: MarkdownPage) -> tuple[int, int]:
    """Where the address comes from: ``slug:``, else the title it is made from."""
    if page.front_matter is not None and "slug" in page.meta:
        pos = page.front_matter.position(("slug",))
        return pos.line, pos.col
    if page.front_matter is not None and "title" in page.meta:
        pos = page.front_matter.position(("title",))
        return pos.line, pos.col
    return post_title(page).line, 1


def _at(
    page: MarkdownPage,
    key: tuple[str | int | None, ...],
    code: str,
    message: str,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    line, col = 1, 1
    if page.front_matter is not None:
        pos = page.front_matter.position(tuple(k for k in key if k is not None))
        line, col = pos.line, pos.col
    return Diagnostic(page.display, line, col, severity, code, message)
