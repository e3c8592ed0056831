"""What Python-Markdown, the site's renderer, makes of a page's footnotes.

The checks locate things with markdown-it (it maps tokens to lines), but the
site is rendered by Python-Markdown with the extensions in ``mkdocs.yml``, and
the two read some valid Markdown differently: a footnote whose text starts on
the next line indented by two spaces, ``[text][^1]`` (a shortcut link and a
footnote reference to Python-Markdown, a reference link labelled ``^1`` to
markdown-it), anything inside an admonition (indented code to markdown-it),
anything nested deeper than markdown-it's nesting limit. So the footnote
verdicts are asked of Python-Markdown itself, configured as the site is, and
markdown-it only says where in the file each label was written.

To keep this cheap (it runs on every page of every build), the page is taken
only as far as footnote references are read: block parsing, then the inline
patterns that run before the footnote pattern (code spans, escapes: those can
hide a ``[^x]``), nothing after it, no serialization. About a quarter of a full
render's time; see README "Source checks" for the measured cost.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from xml.etree.ElementTree import Element

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension, FootnoteInlineProcessor
from markdown.treeprocessors import Treeprocessor

__all__ = [
    "BlogUrls",
    "FootnoteReader",
    "FootnoteReading",
    "MarkdownSettings",
    "Nesting",
    "RendererRefused",
    "nesting_cost",
]

_MKDOCS_DEFAULTS = ("toc", "tables", "fenced_code")
"""Extensions MkDocs always adds in front of a site's own ``markdown_extensions``."""
_LEFT_OUT = frozenset({"pymdownx.snippets"})
"""Extensions that read other files: a check reads the page alone."""
_NO_IMPORT = ("mkdocs", "material")
"""Packages the core must not import; a setting naming one of their callables is dropped
(in practice emoji generators and slug functions, which cannot hide a footnote)."""
_INLINE_TREEPROCESSOR = "inline"
_FOOTNOTE_PATTERN = "footnote"


@dataclass(frozen=True, eq=False)
class MarkdownSettings:
    """The site's Markdown configuration, as MkDocs hands it to Python-Markdown."""

    extensions: tuple[str | Extension, ...] = ("footnotes",)
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    use_directory_urls: bool = True
    """MkDocs serves ``a/b.md`` at ``a/b/``: raw HTML in it resolves from there."""
    blogs: tuple[BlogUrls, ...] = ()
    """Material blogs, whose posts are served at URLs of the blog's making."""

    @classmethod
    def from_config_file(cls, config_file: Path) -> MarkdownSettings:
        """``markdown_extensions`` of a ``mkdocs.yml`` read without MkDocs (for the CLI).

        ``!!python/name:`` values are imported as MkDocs would (the file is the site's
        own, trusted as MkDocs trusts it), except from MkDocs and Material.
        """
        try:
            raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_NamesLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):  # ValueError: 2025-13-45
            return cls()
        entries = raw.get("markdown_extensions") if isinstance(raw, dict) else None
        names: list[str] = []
        configs: dict[str, dict[str, Any]] = {}
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, dict):
                for name, options in entry.items():
                    names.append(str(name))
                    if isinstance(options, dict):
                        configs[str(name)] = {
                            str(k): v for k, v in options.items() if not _unresolved(v)
                        }
        directory_urls = raw.get("use_directory_urls", True) if isinstance(raw, dict) else True
        blogs = []
        for plugin in raw.get("plugins") or [] if isinstance(raw, dict) else []:
            if isinstance(plugin, dict):
                for name, options in plugin.items():
                    if name in ("blog", "material/blog"):
                        blogs.append(BlogUrls.from_options(options or {}))
            elif plugin in ("blog", "material/blog"):
                blogs.append(BlogUrls.from_options({}))
        return cls(tuple(names), configs, directory_urls is not False, tuple(blogs))

    @classmethod
    def from_mkdocs(
        cls,
        extensions: Iterable[Any],
        configs: Mapping[str, Any],
        use_directory_urls: bool,
        blogs: Iterable[Mapping[str, Any]] = (),
    ) -> MarkdownSettings:
        """From MkDocs' validated config (``markdown_extensions``, ``mdx_configs``, the
        blog plugins' options)."""
        entries = tuple(e for e in extensions if isinstance(e, str | Extension))
        own = {str(k): dict(v) for k, v in configs.items()}
        posts = tuple(BlogUrls.from_options(options) for options in blogs)
        return cls(entries, own, use_directory_urls, posts)


@dataclass(frozen=True)
class BlogUrls:
    """Where a Material blog keeps its posts and the shape of the URLs it serves them at."""

    blog_dir: str = "blog"
    post_dir: str = "blog/posts"
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> BlogUrls:
        """Material's defaults where an option is not set."""
        blog_dir = str(options.get("blog_dir") or "blog").strip("/") or "."
        post_dir = str(options.get("post_dir") or "{blog}/posts").replace("{blog}", blog_dir)
        return cls(
            blog_dir,
            post_dir.strip("/").removeprefix("./"),
            str(options.get("post_url_format") or "{date}/{slug}"),
            str(options.get("post_url_date_format") or "yyyy/MM/dd"),
        )


class _Unresolvable:
    """Any other tag (``!ENV``, ``!!python/object/apply``): the option is left out."""


class _NamesLoader(yaml.SafeLoader):
    pass


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix.startswith("name:"):
        return _import_name(suffix.removeprefix("name:"))
    return _Unresolvable()


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return _Unresolvable()


_NamesLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
_NamesLoader.add_multi_constructor("!", _other_tag)


def _import_name(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    if not module or module.split(".")[0] in _NO_IMPORT:
        return _Unresolvable()
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return _Unresolvable()


def _unresolved(value: Any) -> bool:
    if isinstance(value, _Unresolvable):
        return True
    if isinstance(value, dict):
        return any(_unresolved(v) for v in value.values())
    if isinstance(value, list):
        return any(_unresolved(v) for v in value)
    return False


@dataclass
class FootnoteReading:
    """The footnotes of one page as Python-Markdown read them."""

    definitions: list[tuple[str, str]] = field(default_factory=list)
    """Every definition in the order read: (label, text). A label read twice is there twice
    (the renderer keeps the last text)."""
    references: list[tuple[str, bool]] = field(default_factory=list)
    """Every ``[^label]`` the renderer tried to read as a reference: (label, defined)."""
    link_labels: frozenset[str] = frozenset()
    """Labels of the page's link reference definitions (``[label]: url``), lower case."""


class _RecordingInlineProcessor(FootnoteInlineProcessor):
    """Python-Markdown's footnote reference pattern, noting each label it is asked about."""

    def __init__(self, pattern: str, footnotes: _RecordingFootnotes) -> None:
        super().__init__(pattern, footnotes)
        self.recorder = footnotes

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[Element | None, int | None, int | None]:
        label = m.group(1)
        self.recorder.reading.references.append((label, label in self.recorder.footnotes))
        return cast("tuple[Element | None, int | None, int | None]", super().handleMatch(m, data))


class _RecordingFootnotes(FootnoteExtension):
    """The footnotes extension with the site's options, keeping what it read."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.reading = FootnoteReading()

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        pattern = md.inlinePatterns[_FOOTNOTE_PATTERN]
        priority = _priority(md.inlinePatterns, _FOOTNOTE_PATTERN)
        md.inlinePatterns.register(
            _RecordingInlineProcessor(pattern.pattern, self), _FOOTNOTE_PATTERN, priority
        )

    def reset(self) -> None:
        super().reset()
        self.reading = FootnoteReading()

    def setFootnote(self, id: str, text: str) -> None:
        self.reading.definitions.append((id, text))
        super().setFootnote(id, text)


def _priority(registry: Any, name: str) -> float:
    # Registry has no public accessor for an item's priority; its sorted list is stable API
    # in every 3.x release (extensions' docs tell authors to read it).
    for item in registry._priority:
        if item.name == name:
            return float(item.priority)
    raise KeyError(name)


def _names(registry: Any) -> list[str]:
    registry._sort()
    return [str(item.name) for item in registry._priority]


class _Reader:
    """One Python-Markdown instance for a site's settings, reset for every page."""

    def __init__(self, settings: MarkdownSettings) -> None:
        footnote_options: dict[str, Any] = {}
        for name, options in settings.configs.items():
            if name.rsplit(".", 1)[-1] == "footnotes":  # "footnotes" or its module path
                footnote_options = dict(options)
        self.footnotes = _footnotes_with(footnote_options)
        extensions: list[str | Extension] = []
        configs: dict[str, dict[str, Any]] = {}
        own = settings.configs
        for entry in (*_MKDOCS_DEFAULTS, *settings.extensions):
            if isinstance(entry, str):
                if entry in _LEFT_OUT or entry.rsplit(".", 1)[-1] == "footnotes":
                    continue
                if entry in extensions:
                    continue
                options = dict(own.get(entry, {}))
                if _loads(entry, options):
                    configs[entry] = options
                elif not _loads(entry, {}):
                    continue  # not installed or broken: MkDocs would refuse the site anyway
            elif isinstance(entry, FootnoteExtension):
                self.footnotes = _RecordingFootnotes(**{k: v[0] for k, v in entry.config.items()})
                continue
            extensions.append(entry)
        extensions.append(self.footnotes)
        self.md = Markdown(extensions=extensions, extension_configs=configs)
        _prune(self.md)

    def read(self, body: str) -> FootnoteReading:
        md = self.md
        md.reset()
        if body.strip():
            lines = body.split("\n")
            for preprocessor in md.preprocessors:
                lines = preprocessor.run(lines)
            root = md.parser.parseDocument(lines).getroot()
            assert root is not None
            for treeprocessor in md.treeprocessors:
                replaced = treeprocessor.run(root)
                if replaced is not None:
                    root = replaced
        reading = self.footnotes.reading
        references = cast("dict[str, Any]", getattr(md, "references", {}))
        reading.link_labels = frozenset(str(label).lower() for label in references)
        return reading


def _footnotes_with(options: dict[str, Any]) -> _RecordingFootnotes:
    """The recording footnotes extension with the site's options (those it accepts)."""
    try:
        return _RecordingFootnotes(**options)
    except (KeyError, TypeError, ValueError):
        return _RecordingFootnotes()


def _loads(name: str, options: Mapping[str, Any]) -> bool:
    try:
        Markdown(extensions=[name], extension_configs={name: dict(options)})
    except Exception:
        return False
    return True


def _prune(md: Markdown) -> None:
    """Keep only what decides which ``[^label]`` are references: every block processor,
    the inline patterns tried before footnotes, the tree processors up to inline.

    Preprocessors stay whole, Pygments included, though colouring code is a third of a
    reading's time: superfences keeps a fence as code only if its highlighter accepts
    the fence's options and does not fail (without Pygments, ```` ``` title="…" ```` is
    not a fence), so a reader without it misread 13 of the 96 pages of Material's docs.
    """
    names = _names(md.inlinePatterns)
    for name in names[names.index(_FOOTNOTE_PATTERN) + 1 :]:
        md.inlinePatterns.deregister(name)
    inline = _priority(md.treeprocessors, _INLINE_TREEPROCESSOR)
    for name in _names(md.treeprocessors):
        if _priority(md.treeprocessors, name) < inline:
            md.treeprocessors.deregister(name)
    md.treeprocessors.register(_TextsWithoutLabels(md), "modelpress-skip-plain", inline + 0.5)


class _TextsWithoutLabels(Treeprocessor):
    """Drops, just before inline parsing, every text that holds no ``[^``.

    Inline parsing reads each element's text and tail on its own, and the patterns
    kept run before the footnote pattern only take text away (code spans, escapes),
    so a text without ``[^`` cannot yield a reference. The tree is never serialized,
    so nothing is lost, and inline parsing, most of a render's time on prose, skips
    nearly all of the page.
    """

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.text and "[^" not in element.text:
                element.text = None
            if element.tail and "[^" not in element.tail:
                element.tail = None


class RendererRefused(Exception):
    """The renderer was not asked (or failed) on this page; the checks fall back to
    markdown-it's reading and say why at the deepest nesting."""

    def __init__(
        self, line: int, depth: int, failed: bool, references: int = 0, label: str = ""
    ) -> None:
        super().__init__(line, depth, failed)
        self.line = line
        """0-based line of the body where blocks nest deepest (or where the crowded
        footnote is first referenced)."""
        self.depth = depth
        self.failed = failed
        """True: the renderer raised (the build fails too); False: skipped as too costly."""
        self.references = references
        """Non-zero: skipped because one footnote is referenced this many times."""
        self.label = label
        """That footnote's label."""


_REFERENCE_LIMIT = 1_000
"""Beyond this many references to one footnote, the renderer is not asked. Python-Markdown
gives each repeated reference its own back-link and looks through the ones before it, so
its time grows with the square of the count: 10,000 references to one note took 102-144 s
(the build takes as long; the check says so instead and reads the source)."""
_REFERENCE = re.compile(r"\[\^([^\]\n]+)\](?!:)")


@dataclass(frozen=True)
class Crowding:
    references: int
    label: str
    line: int
    """0-based line of the body of the label's first reference."""


def most_referenced(body: str) -> Crowding:
    """The footnote referenced most often on the page, in one linear pass."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for match in _REFERENCE.finditer(body):
        label = match.group(1)
        counts[label] += 1
        first.setdefault(label, match.start())
    if not counts:
        return Crowding(0, "", 0)
    label, references = counts.most_common(1)[0]
    return Crowding(references, label, body.count("\n", 0, first[label]))


_COST_LIMIT = 200_000_000
"""Beyond this, the renderer is not asked (see :func:`nesting_cost`). Python-Markdown
re-reads a block quote's or list item's text once per level, so its time grows with
depth × length of the nested text: a few seconds at this limit, half a minute for a 1 MB
paragraph nested 1,000 deep (the build would take as long; the check says so instead)."""
_CONTAINER_PREFIX = re.compile(r"[ \t>*+\-\d.)]*")
_LIST_MARKER = re.compile(r"(?:^|[ \t])(?:[-*+]|\d{1,9}[.)])(?=[ \t])")


@dataclass(frozen=True)
class Nesting:
    cost: int
    """Σ over runs of non-blank lines: deepest nesting in the run × the run's length."""
    depth: int
    line: int
    """0-based line of the body where blocks nest deepest."""


def nesting_cost(body: str) -> Nesting:
    """How much nesting the renderer would wade through, in one linear pass.

    Depth counts block-quote markers, list markers and four-space indents before a
    line's first marker.
    """
    cost = run_depth = run_length = 0
    deepest, where = 0, 0
    for index, line in enumerate(body.split("\n")):
        if not line.strip(" \t>"):
            cost += run_depth * run_length
            run_depth = run_length = 0
            continue
        prefix = _CONTAINER_PREFIX.match(line)
        text = prefix.group() if prefix else ""
        indent = len(text) - len(text.lstrip(" \t"))
        depth = text.count(">") + len(_LIST_MARKER.findall(text)) + indent // 4
        run_depth = max(run_depth, depth)
        run_length += len(line) + 1
        if depth > deepest:
            deepest, where = depth, index
    return Nesting(cost + run_depth * run_length, deepest, where)


class FootnoteReader:
    """Reads pages' footnotes as the renderer does; build one per site and reuse it."""

    def __init__(self, settings: MarkdownSettings) -> None:
        self._settings = settings
        self._reader = self._new_reader()

    def _new_reader(self) -> _Reader | None:
        try:
            return _Reader(self._settings)
        except Exception:
            return None  # a site config the renderer refuses: MkDocs reports it itself

    def read(self, body: str) -> FootnoteReading | None:
        """The page's footnotes as the renderer reads them; None when the site's
        configuration cannot be loaded here.

        Raises :class:`RendererRefused` for a page nested too deep to read cheaply, or
        one the renderer fails on (Python-Markdown recurses per nesting level).
        """
        if self._reader is None:
            return None
        nesting = nesting_cost(body)
        if nesting.cost > _COST_LIMIT:
            raise RendererRefused(nesting.line, nesting.depth, failed=False)
        crowding = most_referenced(body)
        if crowding.references > _REFERENCE_LIMIT:
            raise RendererRefused(crowding.line, 0, False, crowding.references, crowding.label)
        try:
            return self._reader.read(body)
        except (Exception, RecursionError):
            # A failure mid-page leaves the parser's state behind: start afresh.
            self._reader = self._new_reader()
            raise RendererRefused(nesting.line, nesting.depth, failed=True) from None
