"""The ``modelpress/charts`` plugin: ``chart`` fences drawn from the records.

A thin adapter. The fence is registered as a ``pymdownx.superfences`` custom
fence (as Material does for Mermaid), so fences nested in lists, admonitions or
tabs are found exactly where Python-Markdown finds them and the HTML goes
through Markdown's stash untouched. Superfences does not know lines or pages,
so ``on_page_markdown`` reads the page's fences first with the same code as
``modelpress check`` (markdown-it tokens, file line numbers), reports their
problems and hands the formatter each fence's checked spec.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from modelpress._internal.cache.access import Read, Recorder, capturing, replay
from modelpress._internal.charts import (
    ASSETS,
    FENCE_NAME,
    ChartSpec,
    build_figure,
    chart_fences,
    chart_id,
    fence_key,
    parse_chart,
    render_error,
    render_figure,
)
from modelpress._internal.charts.links import model_link
from modelpress._internal.content import MarkdownPage, split_front_matter
from modelpress._internal.diagnostics import Diagnostic, Severity
from modelpress._internal.mkdocs_plugins.records import PLUGIN_NAME as RECORDS
from modelpress._internal.mkdocs_plugins.records import catalog_of
from modelpress._internal.mkdocs_plugins.report import report

__all__ = ["ChartsConfig", "ChartsPlugin"]

ASSET_DIR = "assets/modelpress"
LOADER = f"{ASSET_DIR}/charts.js"
STYLES = f"{ASSET_DIR}/charts.css"
# plotly.js's official partial bundle with the bar and scatter traces the charts use
# (1.2 MB, not the full 4.8 MB); vendored by scripts/fetch-plotly.py.
PLOTLY = f"{ASSET_DIR}/plotly-basic.min.js"
PLOTLY_SOURCE = ASSETS / "plotly-basic.min.js"
_URL_PLACEHOLDER = '"__MODELPRESS_PLOTLY_URL__"'


class ChartsConfig(Config):
    plotly_url = c.Optional(c.Type(str))
    """Load plotly.js from this URL (e.g. a CDN) instead of the package's copy of the
    basic partial bundle, which is otherwise written once to ``assets/modelpress/``."""
    link_models = c.Type(bool, default=True)
    """Clicking a point opens the model's page (the records plugin's generated pages)."""


class ChartsPlugin(BasePlugin[ChartsConfig]):
    def __init__(self) -> None:
        super().__init__()
        self._page: Page | None = None
        self._source: MarkdownPage | None = None
        self._counts: dict[str, int] = {}
        self._placed: dict[str, int] = {}
        """Per page: the body line after the last fence placed by its text (``_line_of``)."""
        self._specs: dict[str, tuple[ChartSpec | None, list[Diagnostic], frozenset[Read]]] = {}
        self._reported: set[Diagnostic] = set()
        self._nested: dict[str, tuple[ChartSpec | None, list[Diagnostic], frozenset[Read]]] = {}
        """Fences markdown-it does not see, by text, as read on their own page."""
        self._checked_elsewhere = False
        self._config: MkDocsConfig | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Register the fence, and the small loader script and stylesheet on every page.

        The loader is a few kilobytes and fetches plotly.js only on pages with charts;
        linking it everywhere is what makes charts work after instant navigation from
        a page without any.
        """
        names = [
            e if isinstance(e, str) else type(e).__module__ for e in config.markdown_extensions
        ]
        if "pymdownx.superfences" not in names:
            config.markdown_extensions.append("pymdownx.superfences")
        options = config.mdx_configs.setdefault("pymdownx.superfences", {})
        fences = [f for f in options.get("custom_fences", []) if f.get("name") != FENCE_NAME]
        fences.append({"name": FENCE_NAME, "class": "modelpress-chart", "format": self._format})
        options["custom_fences"] = fences
        if STYLES not in config.extra_css:
            config.extra_css.append(STYLES)
        if all(str(script) != LOADER for script in config.extra_javascript):
            loader = ExtraScriptValue(LOADER)
            loader.defer = True
            config.extra_javascript.append(loader)
        self._specs = {}
        self._reported = set()
        self._nested = {}
        self._checked_elsewhere = "modelpress/checks" in config.plugins
        self._config = config
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        loader = (ASSETS / "charts.js").read_text(encoding="utf-8")
        url = self.config.plotly_url or ""
        loader = loader.replace(_URL_PLACEHOLDER, json.dumps(url), 1)
        wanted = [
            File.generated(config, LOADER, content=loader),
            File.generated(config, STYLES, abs_src_path=str(ASSETS / "charts.css")),
        ]
        if not self.config.plotly_url:
            wanted.append(File.generated(config, PLOTLY, abs_src_path=str(PLOTLY_SOURCE)))
        for file in wanted:
            if files.get_file_from_path(file.src_uri) is None:
                files.append(file)
        return files

    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Check the page's fences (with file lines) before any renderer sees them.

        Runs first so that the blog plugin, which renders post excerpts inside its
        index pages, finds the page it renders for already set.
        """
        self._page = page
        self._counts[page.file.src_uri] = 0
        self._placed[page.file.src_uri] = 0
        if "chart" not in markdown:  # no fence can be named chart: nothing to parse
            self._source = None
            return markdown
        self._source = _markdown_page(page, markdown, config)
        catalog = catalog_of(config)
        found: list[Diagnostic] = []
        # What the parses read (the build cache's record reads) goes with each spec: a
        # page that draws a spec parsed for another (a listing showing a post's excerpt)
        # depends on the records that decided it, too.
        with capturing(Recorder()) as parsed:
            fences = list(chart_fences(self._source, catalog))
        reads = frozenset(parsed.reads)
        for fence in fences:
            self._specs[fence_key(fence.body)] = (fence.spec, fence.diagnostics, reads)
            found.extend(fence.diagnostics)
        if not self._checked_elsewhere or page.file.abs_src_path is None:
            self._report(found)
        return markdown

    @event_priority(100)
    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        """The blog renders post excerpts into its index pages while their templates are
        filled: charts drawn then belong to (and link from) this page."""
        self._page = page
        self._source = None
        return context

    def _report(self, diagnostics: list[Diagnostic]) -> None:
        fresh = [d for d in diagnostics if d not in self._reported]
        self._reported.update(fresh)
        report(fresh)

    def _format(
        self,
        src: str,
        language: str,
        class_name: str,
        options: dict[str, Any],
        md: Any,
        **kwargs: Any,
    ) -> str:
        """Superfences' formatter: the checked spec of this fence, drawn as HTML."""
        config, page = self._config, self._page
        if config is None or page is None:
            return render_error(["the modelpress/charts plugin has not seen this page"])
        key = fence_key(src)
        if key in self._specs:
            spec, problems, reads = self._specs[key]
            replay(reads)
        else:
            # A fence markdown-it does not see (inside an admonition or tabs), or a blog
            # post's excerpt rendered into an index before the post itself: read it here,
            # and report it only from the page that holds it.
            # Each such fence is read at its own place (two alike are two problems); one
            # drawn outside its page reuses what its page found.
            line = self._line_of(src)
            if line is None and key in self._nested:
                spec, problems, reads = self._nested[key]
                replay(reads)
            else:
                with capturing(Recorder()) as parsed:
                    spec, problems = parse_chart(
                        src, self._display(), line or 1, catalog_of(config)
                    )
                reads = frozenset(parsed.reads)
            if line is not None:
                self._nested[key] = (spec, problems, reads)
                self._report(problems)
        index = self._counts.get(page.file.src_uri, 0)
        self._counts[page.file.src_uri] = index + 1
        if spec is None:
            messages = [d.message for d in problems if d.severity is Severity.ERROR]
            return render_error(messages or ["this chart fence has errors; see the build log"])
        link = None
        records = config.plugins.get(RECORDS)
        pages_on = bool(getattr(records, "config", {}).get("pages", True))
        if self.config.link_models and pages_on:
            link = model_link(page.url, config.use_directory_urls)
        figure = build_figure(spec, catalog_of(config))
        return render_figure(figure, chart_id(page.file.src_uri, index), link)

    def _display(self) -> str:
        return self._source.display if self._source is not None else "?"

    def _line_of(self, src: str) -> int | None:
        """The file line of a fence body's first line, when it is in the current page.

        Superfences hands over the body without its place. The place is where all of
        the body's lines stand in the page in a row (indentation and block-quote
        markers aside: the fence may be nested), searched from just after the last
        fence placed on this page, so two fences that share lines (or are the same)
        each get their own. The column may be off by the nesting's indentation.
        """
        source = self._source
        if source is None:
            return None
        wanted = [_bare(line) for line in src.splitlines()]
        while wanted and not wanted[-1]:
            wanted.pop()
        lead = next((i for i, line in enumerate(wanted) if line), None)
        if lead is None:
            return source.body_line
        wanted = wanted[lead:]
        lines = [_bare(line) for line in source.body.split("\n")]
        after = self._placed.get(source.src_uri, 0)
        for start in [*range(after, len(lines)), *range(after)]:
            if lines[start : start + len(wanted)] == wanted:
                self._placed[source.src_uri] = start + 1
                return source.file_line(start - lead)
        return None


def _bare(line: str) -> str:
    """A line without the indentation and ``>`` markers of the blocks it is nested in."""
    return line.lstrip(" \t>").rstrip()


def _markdown_page(page: Page, markdown: str, config: MkDocsConfig) -> MarkdownPage:
    """The page as the checks see it, with the body's offset into its file."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    abs_path = page.file.abs_src_path
    body_line = 1
    if abs_path is not None:
        path = Path(abs_path)
        try:
            display = path.resolve().relative_to(root).as_posix()
        except ValueError:
            display = path.as_posix()
        _, body, body_line = split_front_matter(path.read_text(encoding="utf-8-sig"))
        # MkDocs drops the blank lines between the front matter and the text.
        body_line += len(body) - len(body.lstrip("\n"))
    else:
        path = Path(config.docs_dir) / page.file.src_uri
        display = f"{page.file.src_uri} (generated)"
    return MarkdownPage(path, page.file.src_uri, display, markdown, markdown, body_line)
