"""``modelpress import`` from sources to written reviews, with one report.

Every source is read and converted first; if any cannot be read (a damaged zip,
an unreadable file, a shape the importer does not know), nothing at all is
written, so a failed run leaves the site as it was. Then each post is checked
with the site's own source checks on the exact text to be written, so what
``modelpress check`` will say about it is in the importer's report already, and
written atomically; a post whose file exists is left alone unless ``--force``.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from modelpress._internal.checks import CheckContext, check_page
from modelpress._internal.content import read_markdown_page
from modelpress._internal.diagnostics import Diagnostic, Severity, quote
from modelpress._internal.importer.cleanup import clean_up, relink_posts
from modelpress._internal.importer.detect import (
    HTML_SUFFIXES,
    SHAPES,
    TEXT_SUFFIXES,
    UnknownShape,
    detect_text_shape,
    is_substack_export,
)
from modelpress._internal.importer.encoding import Repairs, decode_bytes, repair_text
from modelpress._internal.importer.finish import finish_draft
from modelpress._internal.importer.frontmatter import read_front_matter
from modelpress._internal.importer.images import download_images
from modelpress._internal.importer.models import ModelMatcher
from modelpress._internal.importer.pandoc import convert_pandoc
from modelpress._internal.importer.pasted import convert_pasted
from modelpress._internal.importer.post import Draft, place_notes
from modelpress._internal.importer.site import ImportSite
from modelpress._internal.importer.substack import (
    ExportError,
    ExportPost,
    convert_substack_row,
    read_export,
)
from modelpress._internal.importer.substackhtml import substack_html_to_markdown
from modelpress._internal.importer.templates import convert_template_tags
from modelpress._internal.importer.transcript import convert_transcript
from modelpress._internal.importer.writer import render_post, write_atomic
from modelpress._internal.reviews.meta import check_review_meta
from modelpress._internal.siteconfig import SiteConfig

__all__ = ["ImportOptions", "ImportReport", "ImportedPost", "run_import"]


@dataclass
class ImportOptions:
    sources: list[Path]
    into: Path
    shape: str | None = None
    """``--from``: one of :data:`~.detect.SHAPES`, or None to detect."""
    dry_run: bool = False
    force: bool = False
    download_images: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    jobs: int = 1
    """Worker processes for the posts of a large import (one per core is the usual choice)."""


@dataclass
class ImportedPost:
    path: Path
    display: str
    shape: str
    source: str
    text: str
    assets: dict[str, bytes]
    diagnostics: list[Diagnostic]
    written: bool = False
    unchanged: bool = False
    """The file holds this text already (an earlier import, not edited since)."""


@dataclass
class ImportReport:
    posts: list[ImportedPost] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    """Sources that could not be read or imported, posts that could not be written."""
    aborted: bool = False
    """A source could not be read, so nothing was written."""
    dry_run: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        found = set(self.problems)
        for post in self.posts:
            found.update(post.diagnostics)
        return sorted(found)


class _SourceError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class _Converted:
    draft: Draft
    repairs: Repairs
    source_dir: Path | None


class Importer:
    """One run: the site read once, then every source."""

    def __init__(self, options: ImportOptions, config: SiteConfig | None) -> None:
        self.options = options
        self.config = config
        self.site = ImportSite.load(config)
        self.matcher = ModelMatcher(self.site.catalog)
        self.report = ImportReport(dry_run=options.dry_run)
        self.into = options.into
        self.post_dir: str | None = None
        self._context: CheckContext | None = None
        if config is not None and self.into.resolve().is_relative_to(config.docs_dir.resolve()):
            self.post_dir = self.into.resolve().relative_to(config.docs_dir.resolve()).as_posix()

    def run(self) -> ImportReport:
        pending: list[_Converted | ExportPost] = []
        for source in self.options.sources:
            try:
                pending.extend(self._source(source))
            except _SourceError as exc:
                self._problem(str(source), exc.code, str(exc))
                self.report.aborted = True
        if self.report.aborted:
            return self.report
        converted: list[_Converted] = []
        for item, problems in self._map(self._convert_and_prepare, pending):
            self.report.problems.extend(problems)
            if item is not None:
                converted.append(item)
        existing = _existing_slugs(self.into)
        slugs = {str(item.draft.meta["slug"]) for item in converted} | set(existing)
        self._context = self._check_context(slugs)
        taken: dict[Path, str] = {}
        rendered = self._map(self._render_and_check, [(item, slugs) for item in converted])
        for item, post in zip(converted, rendered, strict=True):
            other = existing.get(str(item.draft.meta["slug"]))
            if other is not None and other.name != post.path.name:
                self._problem(
                    post.display,
                    "slug-taken",
                    f"the slug {quote(item.draft.meta['slug'])} of {quote(item.draft.source)} "
                    f"is the slug of {self._display(other)} already; give one a different 'slug'",
                )
                continue
            if post.path in taken:
                self._problem(
                    post.display,
                    "slug-taken",
                    f"{quote(item.draft.source)} and {quote(taken[post.path])} would both be "
                    "written to this file; give one a different 'slug' and import it again",
                )
                continue
            taken[post.path] = item.draft.source
            self.report.posts.append(post)
        for post in self.report.posts:
            if not self.options.dry_run:
                self._write(post)
            elif _same_file(post.path, post.text):
                post.unchanged = True
            elif post.path.exists() and not self.options.force:
                self._problem(
                    post.display,
                    "file-exists",
                    f"exists already; a real run would leave it as it is (imported from "
                    f"{quote(post.source)}; --force replaces it)",
                )
        return self.report

    # --- reading ---------------------------------------------------------------------------

    def _problem(self, where: str, code: str, message: str) -> None:
        self.report.problems.append(Diagnostic(where, 1, 1, Severity.ERROR, code, message))

    def _source(self, source: Path) -> Iterator[_Converted | ExportPost]:
        if not source.exists():
            raise _SourceError("source-missing", "no such file or folder")
        if source.is_dir() and not is_substack_export(source):
            files = [
                p
                for p in sorted(source.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(source).parts)
            ]
            if not files:
                raise _SourceError(
                    "source-empty", "no Markdown, text or HTML files and no posts.csv in it"
                )
            for file in files:
                try:
                    yield self._file(file)
                except _SourceError as exc:
                    self._problem(str(file), exc.code, str(exc))
                    self.report.aborted = True
            return
        if source.is_dir() or source.suffix.lower() == ".zip":
            if self.options.shape not in (None, "substack"):
                raise _SourceError(
                    "wrong-shape", f"an archive is a Substack export, not {self.options.shape}"
                )
            try:
                posts = read_export(source)
            except ExportError as exc:
                raise _SourceError("export-unreadable", str(exc)) from None
            yield from posts  # converted with the others, in parallel for a large export
            return
        yield self._file(source)

    def _file(self, path: Path) -> _Converted:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _SourceError(
                "source-unreadable", f"cannot read it: {exc.strerror or exc}"
            ) from None
        text, legacy = decode_bytes(data)
        try:
            shape = self.options.shape or detect_text_shape(path, text)
        except UnknownShape as exc:
            raise _SourceError(
                "unknown-shape",
                f"not a shape the importer reads: {exc} (name one with --from {'|'.join(SHAPES)})",
            ) from None
        draft = Draft(path.name, shape)
        if legacy:
            draft.note("not-utf8", f"the file is not UTF-8; it was read as {legacy}")
        text, repairs = repair_text(_newlines(text))
        try:
            self._convert(path, shape, text, draft)
        except RecursionError:
            raise _SourceError("convert-failed", _TOO_DEEP) from None
        return _Converted(draft, repairs, path.parent)

    def _convert(self, path: Path, shape: str, text: str, draft: Draft) -> None:
        if shape == "substack":
            if re.match(r"^\d+\.[\w-]+\.html?$", path.name):
                convert_substack_row({"post_id": path.name.rsplit(".", 1)[0]}, draft)
            draft.body = substack_html_to_markdown(text, draft)
        elif shape == "pandoc":
            convert_pandoc(text, draft)
        elif shape == "transcript":
            convert_transcript(text, draft, self.site, self.post_dir)
        else:
            convert_pasted(text, draft, self.matcher.known_names)

    def _export_post(self, post: ExportPost) -> tuple[_Converted | None, list[Diagnostic]]:
        draft = Draft(post.short or post.name, "substack")
        if post.html is None:
            message = "posts.csv lists this post but the export has no HTML file for it"
            return None, [_error(post.name, "export-post-missing", message + "; not imported")]
        convert_substack_row(post.row, draft)
        html, repairs = repair_text(_newlines(post.html))
        try:
            draft.body = substack_html_to_markdown(html, draft)
        except RecursionError:
            return None, [_error(post.name, "convert-failed", _TOO_DEEP + "; not imported")]
        return _Converted(draft, repairs, None), []

    # --- finishing ---------------------------------------------------------------------------

    def _map(self, work: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
        """``work`` on every item, in order: in worker processes when there are many.

        The workers are forked, so they start with this importer as it is (the site,
        the catalog, the checks' context) and only items and results are sent.
        """
        jobs = min(self.options.jobs, len(items) // POSTS_PER_WORKER)
        if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [work(item) for item in items]
        global _ACTIVE
        _ACTIVE = self
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                chunk = max(1, len(items) // (jobs * 8))
                calls = [(work.__name__, item) for item in items]
                return cast(list[_R], pool.map(_call_active, calls, chunksize=chunk))
        finally:
            _ACTIVE = None

    def _convert_and_prepare(
        self, item: _Converted | ExportPost
    ) -> tuple[_Converted | None, list[Diagnostic]]:
        problems: list[Diagnostic] = []
        if isinstance(item, ExportPost):
            converted, problems = self._export_post(item)
            if converted is None:
                return None, problems
            item = converted
        self._prepare(item)
        return item, problems

    def _render_and_check(self, work: tuple[_Converted, set[str]]) -> ImportedPost:
        item, slugs = work
        relink_posts(item.draft, slugs)
        post = self._render(item)
        self._check(post)
        return post

    def _prepare(self, item: _Converted) -> None:
        draft = item.draft
        if item.repairs.count:
            _note_repairs(draft, item.repairs)
        convert_template_tags(draft)
        clean_up(draft, item.source_dir)
        finish_draft(draft, self.site, self.matcher, self.options.today)
        if self.options.download_images:
            download_images(draft, str(draft.meta["slug"]))

    def _render(self, item: _Converted) -> ImportedPost:
        draft = item.draft
        slug = str(draft.meta["slug"])
        text, placed = place_notes(render_post(draft.meta, draft.comments, draft.body), draft.notes)
        path = self.into / f"{slug}.md"
        display = self._display(path)
        diagnostics = [
            Diagnostic(display, p.line, p.col, p.note.severity, p.note.code, p.note.message)
            for p in placed
        ]
        return ImportedPost(
            path, display, draft.shape, draft.source, text, draft.assets, diagnostics
        )

    def _display(self, path: Path) -> str:
        if self.config is not None:
            try:
                return path.resolve().relative_to(self.config.root).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def _check_context(self, slugs: set[str]) -> CheckContext | None:
        """What the checks know of the site: its pages, with the posts being imported."""
        if self.config is None or self.post_dir is None:
            return None
        docs = self.config.docs_dir
        uris = (
            {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
        )
        uris.update(f"{self.post_dir}/{slug}.md".lstrip("/") for slug in slugs)
        return CheckContext.for_site(self.config, self.site.catalog, uris)

    def _check(self, post: ImportedPost) -> None:
        """The site's own source checks on the post as it will be written."""
        if self.config is None or self._context is None:
            return
        docs = self.config.docs_dir.resolve()
        page = read_markdown_page(
            self.into.resolve() / post.path.name, docs, self.config.root, post.text
        )
        found = check_page(page, self._context)
        found += check_review_meta(page, set(self.site.authors))
        post.diagnostics = sorted(_merge(post.diagnostics, found))

    # --- writing ---------------------------------------------------------------------------

    def _write(self, post: ImportedPost) -> None:
        if _same_file(post.path, post.text):
            post.written = post.unchanged = True  # imported before and not edited since
            return
        try:
            write_atomic(post.path, post.text.encode("utf-8"), force=self.options.force)
        except FileExistsError:
            self._problem(
                post.display,
                "file-exists",
                f"exists already; left as it is (imported from {quote(post.source)}; "
                "--force replaces it)",
            )
            return
        except OSError as exc:
            self._problem(post.display, "write-failed", f"cannot write it: {exc.strerror or exc}")
            return
        post.written = True
        for relative, data in post.assets.items():
            target = post.path.parent / relative
            if target.is_file() and target.read_bytes() == data:
                continue
            try:
                write_atomic(target, data, force=self.options.force)
            except FileExistsError:
                self._problem(
                    self._display(target),
                    "file-exists",
                    f"an image of {post.display} exists with other content; left as it is",
                )
            except OSError as exc:
                self._problem(self._display(target), "write-failed", f"cannot write it: {exc}")


def _note_repairs(draft: Draft, repairs: Repairs) -> None:
    example = next(((bad, good) for bad, good in repairs.examples if good.strip()), None)
    message = (
        f"repaired {repairs.count} place{'s' if repairs.count != 1 else ''} of text decoded "
        "with the wrong encoding (mojibake)"
    )
    if example:
        message += f", e.g. {quote(example[0])} → {quote(example[1])}"
        where = draft.body.find(example[1])
        if where >= 0:
            marker = draft.mark("mojibake-repaired", message + "; check the wording")
            draft.body = draft.body[:where] + marker + draft.body[where:]
            return
    draft.note("mojibake-repaired", message + "; check the wording")


POSTS_PER_WORKER = 32
"""Below this many posts per worker process, starting workers costs more than it saves."""

_T = TypeVar("_T")
_R = TypeVar("_R")
_ACTIVE: Importer | None = None
"""The importer whose work forked worker processes do (set around the pool's life)."""


def _call_active(call: tuple[str, Any]) -> Any:
    name, item = call
    assert _ACTIVE is not None
    return getattr(_ACTIVE, name)(item)


def _error(where: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(where, 1, 1, Severity.ERROR, code, message)


_TOO_DEEP = "its HTML is nested too deeply to convert (thousands of levels)"


def _same_file(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _existing_slugs(folder: Path) -> dict[str, Path]:
    """The slug of every post already in the folder (its ``slug:``, else its file name)."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md")):
        try:
            meta, _, _ = read_front_matter(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            meta = {}
        found.setdefault(str(meta.get("slug") or path.stem), path)
        found.setdefault(path.stem, path)
    return found


def _newlines(text: str) -> str:
    """Windows and old Mac line ends as ``\\n``: every pass reads lines the same way."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _merge(ours: list[Diagnostic], site: list[Diagnostic]) -> set[Diagnostic]:
    """The import's notes and the site checks' findings, each once (the import reports
    misspellings as the site's check does, so a word both flag is one line)."""
    return set(ours) | set(site)


def run_import(options: ImportOptions, config: SiteConfig | None) -> ImportReport:
    return Importer(options, config).run()
