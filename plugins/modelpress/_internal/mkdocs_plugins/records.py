"""The ``modelpress/records`` plugin: loads the catalog once per build and shares it.

Other Modelpress plugins find it with :func:`catalog_of` rather than loading
the records again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from modelpress._internal.checks.rendering import BlogUrls
from modelpress._internal.content import PAGE_CACHE, read_markdown_page
from modelpress._internal.diagnostics import Diagnostic, Severity
from modelpress._internal.facts.bound import render_bindings
from modelpress._internal.facts.mentions import link_replacements, mention_index
from modelpress._internal.mkdocs_plugins.generated import add_generated_files, prepare_config
from modelpress._internal.mkdocs_plugins.report import report, report_or_abort
from modelpress._internal.pages.memo import GeneratedMemo
from modelpress._internal.pages.urls import md_link, release_uri
from modelpress._internal.records import Catalog, load_catalog
from modelpress._internal.records.catalog import CatalogMemo
from modelpress._internal.siteconfig import DATA_DIR

__all__ = ["RecordsConfig", "RecordsPlugin", "catalog_of"]

PLUGIN_NAME = "modelpress/records"


class RecordsConfig(Config):
    data_dir = c.Type(str, default=DATA_DIR)
    """Folder of the records, relative to mkdocs.yml."""
    pages = c.Type(bool, default=True)
    """Generate a page per release, /models/, /timeline/, /incidents/ and the downloads."""
    link_models = c.Type(bool, default=True)
    """Link the first mention of each release in a review to its model page (a review
    may say ``link_models: false`` in its front matter)."""


class RecordsPlugin(BasePlugin[RecordsConfig]):
    catalog: Catalog | None = None
    data_path: Path | None = None
    _memo: dict[str, object]
    generated: GeneratedMemo
    """The last build's generated pages and downloads, reused while their inputs are equal."""
    loaded: CatalogMemo
    """The last build's records: reused whole while no record file changed, else only a
    changed file is parsed again."""

    def __init__(self) -> None:
        super().__init__()
        self._memo = {}
        self.generated = GeneratedMemo()
        self.loaded = CatalogMemo()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin, and what it remembers, across the
        preview server's builds (it makes plugins without ``on_startup`` anew each time)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.data_path = root / self.config.data_dir
        self.catalog = None  # never the previous build's, should this one stop here
        catalog, diagnostics = load_catalog(self.data_path, root=root, memo=self.loaded)
        report_or_abort(diagnostics, f"the records under {self.config.data_dir}/")
        self.catalog = catalog
        self._memo = {}
        # Every Modelpress plugin reads the pages through this build's cache: once each.
        PAGE_CACHE.start(config)
        if self.config.pages:
            prepare_config(config)
        return config

    def _add_generated(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and downloads before other plugins (blog, search) see files."""
        if self.config.pages and self.catalog is not None:
            return add_generated_files(files, config, self.catalog, self.generated)
        return files

    @event_priority(-100)
    def _release_pages(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Let go of the cached pages once every plugin's ``on_files`` has read them."""
        PAGE_CACHE.release_pages()
        return files

    on_files = CombinedEvent(_add_generated, _release_pages)

    @event_priority(110)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Replace ``{{ release.path }}`` bindings with the records' values, and link the
        first mention of each release in a review to its model page.

        Runs before the charts plugin reads chart fences (priority 100), so a chart title
        may bind a value, and before the blog (-50) and the reviews plugin take excerpts,
        descriptions and feed items from the Markdown, so those show values too.
        """
        if self.catalog is None:
            return markdown
        linking = self._links_models(page, config)
        if "{{" not in markdown and not linking:
            return markdown
        tokens = PAGE_CACHE.tokens(markdown)
        extra = []
        if linking:
            index = mention_index(self.catalog, self._memo)
            uri = page.file.src_uri
            extra = link_replacements(
                markdown, tokens, index, lambda rid: str(md_link(uri, release_uri(rid)))
            )
        rendered = render_bindings(markdown, tokens, self.catalog, extra=extra)
        checked = "modelpress/checks" in config.plugins and page.file.abs_src_path
        if rendered.errors and not checked:
            report(_binding_problems(page, config, rendered.errors))
        return rendered.markdown

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild the preview when a record changes, not only when Markdown does."""
        if self.data_path is not None:
            server.watch(str(self.data_path))
        return server

    def _links_models(self, page: Page, config: MkDocsConfig) -> bool:
        """Whether this page is a review that links its models to their pages
        (``link_models``: the plugin option, and the page's front matter)."""
        return bool(
            self.catalog is not None
            and self.config.pages
            and self.config.link_models
            and page.meta.get("link_models") is not False
            and any(page.file.src_uri.startswith(d + "/") for d in _post_dirs(config))
        )


def _post_dirs(config: MkDocsConfig) -> list[str]:
    """The posts folders of the site's Material blogs: their pages are reviews."""
    return [
        BlogUrls.from_options(dict(plugin.config)).post_dir
        for name, plugin in config.plugins.items()
        if name.split("/")[-1] == "blog" and isinstance(getattr(plugin, "config", None), Config)
    ]


def _binding_problems(page: Page, config: MkDocsConfig, errors: list[Any]) -> list[Diagnostic]:
    """Bindings that name nothing, at their place in the file (the checks plugin reports
    them itself when it runs)."""
    display, first_line = f"{page.file.src_uri} (generated)", 1
    if page.file.abs_src_path:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        source = read_markdown_page(Path(page.file.abs_src_path), Path(config.docs_dir), root)
        display, first_line = source.display, source.body_line
    return [
        Diagnostic(
            display, first_line + found.line, found.col, Severity.ERROR, exc.code, exc.message
        )
        for found, exc in errors
    ]


def catalog_of(config: MkDocsConfig) -> Catalog:
    """The catalog loaded by the records plugin of this build."""
    plugin = config.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, RecordsPlugin) or plugin.catalog is None:
        raise PluginError(
            f"modelpress: add '{PLUGIN_NAME}' to the plugins in mkdocs.yml, before the other "
            "modelpress plugins"
        )
    return plugin.catalog
