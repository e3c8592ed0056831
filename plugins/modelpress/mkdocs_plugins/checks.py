"""The ``modelpress/checks`` plugin: source checks on every page during ``mkdocs build``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from modelpress.checks import CheckContext, check_page
from modelpress.content import read_markdown_page
from modelpress.mkdocs_plugins.records import catalog_of
from modelpress.mkdocs_plugins.report import report_or_abort

__all__ = ["ChecksConfig", "ChecksPlugin"]


class ChecksConfig(Config):
    ignore_codes = c.Type(dict, default={})
    """Glob of page paths → list of codes to ignore on those pages."""
    ignore_urls = c.ListOfItems(c.Type(str), default=[])
    """Regular expressions of URLs the link checks skip."""
    footnotes_need_links = c.Type(bool, default=False)
    """Every footnote must cite something: a link in its text."""


class ChecksPlugin(BasePlugin[ChecksConfig]):
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Check every Markdown source before any page is rendered, so errors stop the build
        before anything is written."""
        docs_dir = Path(config.docs_dir)
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        documents = [f for f in files.documentation_pages() if f.abs_src_path]
        options: dict[str, Any] = dict(self.config)
        context = CheckContext(catalog_of(config), frozenset(f.src_uri for f in documents), options)
        found = []
        for file in documents:
            if not file.abs_src_path or not Path(file.abs_src_path).is_relative_to(docs_dir):
                continue
            page = read_markdown_page(Path(file.abs_src_path), docs_dir, root)
            found.extend(check_page(page, context))
        report_or_abort(found, "the Markdown pages")
        return files
