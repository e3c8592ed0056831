"""An imported post made into a review of this site: its front matter, names and excerpt.

The build refuses a review without a date, with an author not in the blog's
``.authors.yml`` or a category not in ``categories_allowed``. Whatever the
source said is checked against the site here: what fits is kept, what does not
is left out (shown as a comment under the key) and reported, so an imported
post always builds. The releases the text names are offered as ``models:``,
names spelled nearly right are reported, and ``<!-- more -->`` marks the excerpt.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from modelpress._internal.diagnostics import quote
from modelpress._internal.importer.frontmatter import parse_date
from modelpress._internal.importer.models import MISSPELLED, ModelMatcher, misspelling_message
from modelpress._internal.importer.post import Draft, strip_markers
from modelpress._internal.importer.site import ImportSite, slugify

__all__ = ["finish_draft", "prose_mask"]

_FIRST_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")
_NOT_PROSE = re.compile(
    r"```.*?```|~~~.*?~~~|`[^`\n]*`|<!--.*?-->|<[^>\n]*>|\]\([^)\n]*\)|https?://\S+|^\[\^[^\]]+\]:",
    re.S | re.M,
)


def prose_mask(text: str) -> str:
    """``text`` with code, URLs, link targets and HTML blanked out, offsets unchanged."""
    return _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def finish_draft(draft: Draft, site: ImportSite, matcher: ModelMatcher, today: dt.date) -> None:
    meta = draft.meta
    if not strip_markers(draft.body).strip():
        draft.note(
            "empty-post",
            "the source has no text, only its metadata; marked as a draft until it is written",
        )
        meta["draft"] = True
    _title(draft)
    meta["subtitle"] = _text(meta.get("subtitle")) or None
    _date(draft, today)
    _authors(draft, site)
    _categories(draft, site)
    _models(draft, matcher)
    draft.body = _with_excerpt_separator(draft.body, draft.imported.get("excerpt_separator"))
    stem = draft.source.rsplit("/", 1)[-1].rsplit(":", 1)[-1].rsplit(".", 1)[0]
    dated = _DATED_NAME.match(stem)  # Jekyll's 2024-05-13-<slug>.md: its address, kept
    if dated and not meta.get("slug"):
        meta["slug"] = dated.group(1)
    meta["slug"] = (
        slugify(str(meta.get("slug") or ""))
        or slugify(meta["title"])  # empty for a title in another script ("模型评测")
        or slugify(stem)
        or "imported-post"
    )
    meta["draft"] = True if meta.get("draft") is True else None
    imported: dict[str, Any] = {"from": draft.shape, "source": draft.source}
    imported.update(draft.imported)
    meta["imported"] = imported


_MORE = "<!-- more -->"
_OTHER_MORE = re.compile(r"^[ \t]*<!--\s*more\b[^>\n]*?-->[ \t]*$", re.M | re.I)
"""``<!--more-->``, ``<!-- More -->``, WordPress's ``<!--more Read on-->``: the post's own."""
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)$")
_PROSE_START = re.compile(r"^(?:[\w\"'“‘(]|\*\*?\w|\[(?!\^))")


def _with_excerpt_separator(body: str, theirs: object = None) -> str:
    """``<!-- more -->`` after the first paragraph, unless the post has one.

    The blog shows the text above it on the reviews index, the home page and the
    feed. Without it the blog takes the whole post as its excerpt, footnotes
    included, and their back-links on the archive pages lead nowhere. Lines inside
    fenced code are never a paragraph. The separator the post came with counts:
    ``<!--more-->`` as WordPress, Jekyll and Hugo write it, or the one its front
    matter names (Jekyll's ``excerpt_separator``), on a line of its own.
    """
    body = _OTHER_MORE.sub(_MORE, body)
    if isinstance(theirs, str) and theirs.strip() and theirs.strip() != _MORE:
        mark = re.compile(rf"^[ \t]*{re.escape(theirs.strip())}[ \t]*$", re.M)
        body = mark.sub(_MORE, body, count=1)
    if _MORE in body:
        return body
    lines = body.strip("\n").split("\n")
    fence: str | None = None
    start: int | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        opening = _FENCE.match(stripped)
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            start = None
            continue
        if not stripped:
            if start is not None:
                if any(rest.strip() for rest in lines[index:]):
                    return "\n".join([*lines[:index], "", _MORE, *lines[index:]]) + "\n"
                return body
            continue
        if start is None and _PROSE_START.match(strip_markers(line).lstrip()):
            previous = lines[index - 1].strip() if index else ""
            if not previous:
                start = index
    return body


_FENCE = re.compile(r"^(`{3,}|~{3,})")


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _title(draft: Draft) -> None:
    title = _text(draft.meta.get("title"))
    heading = _FIRST_HEADING.match(draft.body)
    if heading and (not title or heading.group(1).strip() == title):
        title = title or heading.group(1).strip()
        draft.body = draft.body[heading.end() :]
    if not title:
        stem = draft.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        name = str(draft.meta.get("slug") or stem)
        title = name.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled"
        draft.comment(
            "title",
            draft.mark("title-missing", "the source has no title; this one is made from its name")
            + "the source has no title: write one",
        )
    draft.meta["title"] = title


def _date(draft: Draft, today: dt.date) -> None:
    raw = draft.meta.get("date")
    if isinstance(raw, dict):  # Material's {created: …, updated: …}
        raw = raw.get("created")
    date = parse_date(raw)
    if date is None:
        said = f"the source's date {quote(raw)} is not a date" if raw else "the source has no date"
        draft.comment(
            "date",
            draft.mark(
                "date-missing",
                f"{said}; set to the day of the import and marked as a draft: "
                "write the publication date",
            )
            + "the day of the import: write the publication date",
        )
        date = today
        draft.meta["draft"] = True
    draft.meta["date"] = date


def _listed(value: object) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def _authors(draft: Draft, site: ImportSite) -> None:
    given = _listed(draft.meta.pop("authors", None)) + _listed(draft.meta.pop("author", None))
    kept: list[str] = []
    for name in given:
        author = site.author_id(name)
        if author is not None:
            if author not in kept:
                kept.append(author)
            continue
        draft.comment(
            "authors",
            draft.mark(
                "unknown-author",
                f"author {quote(name)} is not in the blog's .authors.yml; left out of 'authors' "
                "(add them there, then list their id)",
            )
            + f"author in the source: {name}",
        )
    draft.meta["authors"] = kept or None


def _categories(draft: Draft, site: ImportSite) -> None:
    given = _listed(draft.meta.pop("categories", None)) + _listed(draft.meta.pop("tags", None))
    kept: list[str] = []
    for name in given:
        category = site.category(name)
        if category is not None:
            if category not in kept:
                kept.append(category)
            continue
        allowed = ", ".join(site.categories_allowed or [])
        draft.comment(
            "categories",
            draft.mark(
                "unknown-category",
                f"category {quote(name)} is not in the blog's categories_allowed ({allowed}); "
                "left out",
            )
            + f"category in the source: {name}",
        )
    draft.meta["categories"] = kept or None


def _models(draft: Draft, matcher: ModelMatcher) -> None:
    prose = prose_mask(draft.body)
    ids, _ = matcher.mentions(prose)
    ignore = _listed(draft.meta.get("modelpress_ignore_words"))
    body = draft.body
    for miss in sorted(matcher.near_misses(prose, ignore), key=lambda m: m.start, reverse=True):
        marker = draft.mark(MISSPELLED, misspelling_message(miss.found, miss.suggestion))
        body = body[: miss.start] + marker + body[miss.start :]
    draft.body = body
    given = _listed(draft.meta.get("models"))
    known = [matcher.catalog.release_id(m) for m in given]
    for name, release in zip(given, known, strict=True):
        if release is None:
            draft.comment(
                "models",
                draft.mark(
                    "unknown-release",
                    f"release {quote(name)} of the source's 'models' has no record under "
                    "data/releases/; left out",
                )
                + f"release in the source: {name}",
            )
    kept = [r for r in known if r is not None]
    models = list(dict.fromkeys(kept + ids))
    draft.meta["models"] = models or None
    offered = [i for i in ids if i not in kept]
    if offered:
        names = ", ".join(matcher.catalog.releases[i].name for i in offered)
        draft.comment(
            "models",
            draft.mark(
                "models-offered",
                f"'models' offered from the names in the text ({names}); keep the releases "
                "this review covers",
            )
            + "found in the text: keep the ones this review covers",
        )
