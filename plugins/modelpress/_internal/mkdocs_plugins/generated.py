"""MkDocs glue for the generated pages: the records plugin's ``on_config``/``on_files`` call this.

Everything decided here is decided by :func:`modelpress._internal.pages.generate.generate`;
this module only turns MkDocs objects into its inputs and its outputs into
``File.generated`` entries, stylesheet/script links and log lines.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from modelpress._internal.cache import TableDigests, digest
from modelpress._internal.cache.memo import ReadMemo, recorded_tables, unrecorded_digest
from modelpress._internal.content import MarkdownPage, cached_markdown_page
from modelpress._internal.mkdocs_plugins.report import log, report_or_abort
from modelpress._internal.pages.generate import EXTRA_CSS, EXTRA_JAVASCRIPT, generate
from modelpress._internal.pages.memo import GeneratedMemo, template_texts
from modelpress._internal.pages.site import PageOptions, Remember
from modelpress._internal.records import Catalog
from modelpress._internal.reviews.coverage import is_draft

__all__ = ["add_generated_files", "prepare_config"]

REQUIRED_EXTENSIONS = ("attr_list", "footnotes", "tables")
"""What the generated Markdown uses: ids on headings, source footnotes, tables."""


def _extension_names(config: MkDocsConfig) -> set[str]:
    names = set()
    for entry in config.markdown_extensions:
        name = entry if isinstance(entry, str) else type(entry).__module__
        names.add(name.rsplit(".", 1)[-1])
    return names


def prepare_config(config: MkDocsConfig) -> None:
    """Enable the Markdown extensions the pages need; link their stylesheet and script.

    The three extensions are standard Python-Markdown ones that Material's own setup
    guide enables, so adding them rather than failing the build costs a site nothing.
    """
    enabled = _extension_names(config)
    for name in REQUIRED_EXTENSIONS:
        if name not in enabled:
            log.info("modelpress: enabling the '%s' Markdown extension for model pages", name)
            config.markdown_extensions.append(name)
    if EXTRA_CSS not in config.extra_css:
        config.extra_css.append(EXTRA_CSS)
    if all(str(script) != EXTRA_JAVASCRIPT for script in config.extra_javascript):
        config.extra_javascript.append(ExtraScriptValue(EXTRA_JAVASCRIPT))


def _review_pages(files: Files, config: MkDocsConfig) -> list[MarkdownPage]:
    """The site's own Markdown pages with front matter (generated pages have no source),
    without the blog's drafts, which the build leaves out."""
    blog = config.plugins.get("material/blog")
    blog_options = getattr(blog, "config", {}) or {}
    future_is_draft = bool(blog_options.get("draft_if_future_date", False))
    docs_dir = Path(config.docs_dir)
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    pages = []
    for file in files.documentation_pages():
        if not file.abs_src_path or not Path(file.abs_src_path).is_relative_to(docs_dir):
            continue
        page = cached_markdown_page(Path(file.abs_src_path), docs_dir, root)
        if page.meta and not is_draft(page, future_is_draft=future_is_draft):
            pages.append(page)
    return pages


GENERATED_PAGES: ReadMemo[str] = ReadMemo()
"""Each generated page's Markdown, kept with the record fields it read: after a record is
saved, the preview server renders again only the pages that read what changed (one model
page of 200 at 2,000 reviews, where rendering all of them cost half a second)."""

MODEL_INDEX_FILES: ReadMemo[str] = ReadMemo()
"""Each release's model-index download, kept the same way (a YAML dump each)."""


def _rememberers(catalog: Catalog, options: PageOptions) -> tuple[Remember, Remember] | None:
    """:data:`~modelpress._internal.pages.site.Remember` functions backed by
    :data:`GENERATED_PAGES` and :data:`MODEL_INDEX_FILES`, sharing one view of the
    records; None when the catalog's tables do not note reads (the build cache is off).
    The model-index files use no template nor page option: the catalog keys them alone."""
    tables = recorded_tables(catalog)
    if "releases" not in tables:
        return None
    digests = TableDigests(tables)
    records = unrecorded_digest(catalog)
    templates = template_texts(options.custom_dir)
    pages = digest(
        records,
        repr(options),
        *(part for label, name, data in templates for part in (label, name, data)),
    )

    def backed_by(memo: ReadMemo[str], shared: str) -> Remember:
        def remember(key: tuple[object, ...], render: Callable[[], str]) -> str:
            return memo.get(digest(shared, repr(key)), digests, render)

        return remember

    return backed_by(GENERATED_PAGES, pages), backed_by(MODEL_INDEX_FILES, records)


def add_generated_files(
    files: Files, config: MkDocsConfig, catalog: Catalog, memo: GeneratedMemo | None = None
) -> Files:
    """Add the generated pages, downloads and assets (``memo``: the last build's, to reuse)."""
    custom_dir = config.theme.custom_dir
    options = PageOptions(
        directory_urls=config.use_directory_urls,
        timeline_chart="modelpress/charts" in config.plugins,
        # Absolute: MkDocs gives the preview server's first build the folder as written in
        # mkdocs.yml and its rebuilds an absolute one; the options are part of the memos'
        # keys, which must not change with the spelling (every model page was rendered
        # again on the first save).
        custom_dir=Path(custom_dir).resolve() if custom_dir else None,
    )
    existing = (f.src_uri for f in files)
    memos = (GENERATED_PAGES, MODEL_INDEX_FILES)
    for kept in memos:
        kept.start()
    remember_pages, remember_downloads = _rememberers(catalog, options) or (None, None)
    result = generate(
        catalog,
        existing,
        _review_pages(files, config),
        options,
        memo,
        remember_pages,
        remember_downloads,
    )
    for kept in memos:
        kept.finish()
    problems = list(result.problems)
    if "modelpress/checks" not in config.plugins:
        problems += result.review_problems
    report_or_abort(problems, "the pages generated from the records")
    for src_uri, text in result.pages.items():
        # Model pages stay out of the navigation (it is rendered into every page), so
        # MkDocs must not list each of them as "not included in nav" either.
        inclusion = (
            InclusionLevel.NOT_IN_NAV if src_uri in result.unlisted else InclusionLevel.UNDEFINED
        )
        files.append(File.generated(config, src_uri, content=text, inclusion=inclusion))
    for src_uri, data in result.downloads.items():
        files.append(File.generated(config, src_uri, content=data))
    for src_uri, path in result.assets.items():
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files
