"""Reading a site's ``mkdocs.yml`` without MkDocs.

The CLI checks a site without building it, and the core must not import MkDocs,
so this reads the few settings Modelpress needs (folders, ``site_url``, the
modelpress plugins' options, Material's blog settings) straight from the YAML.
MkDocs-specific tags such as ``!ENV`` are accepted and left unresolved;
``!!python/…`` tags are kept as :class:`PythonRef` and resolved only where a
setting needs the callable (the blog's slugify functions), as MkDocs does.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pymdownx.slugs import slugify

from modelpress._internal.diagnostics import quote

__all__ = [
    "BlogSettings",
    "PythonRef",
    "SiteConfig",
    "SiteConfigError",
    "Slugify",
    "read_site_config",
]

Slugify = Callable[[str, str], str]
"""``slugify(text, separator)``, the signature Material's blog calls."""


DATA_DIR = "data"
"""The records' folder, relative to ``mkdocs.yml``, when ``modelpress/records`` names none."""


class SiteConfigError(Exception):
    """The config file is missing or unreadable; the message says how to fix it."""


class _TolerantLoader(yaml.SafeLoader):
    pass


def _unresolved(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return None


@dataclass(frozen=True)
class PythonRef:
    """An unresolved ``!!python/<tag>`` value, e.g. ``name:pymdownx.slugs.uslugify``."""

    tag: str
    value: Any


def _python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonRef:
    if isinstance(node, yaml.MappingNode):
        return PythonRef(suffix, loader.construct_mapping(node, deep=True))
    return PythonRef(suffix, _unresolved(loader, suffix, node))


_TolerantLoader.add_multi_constructor("!", _unresolved)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python)

_DEFAULT_SLUGIFY: Slugify = slugify(case="lower")
"""Material's default ``post_slugify`` and ``categories_slugify``."""


@dataclass(frozen=True)
class BlogSettings:
    """The settings of Material's blog plugin that decide what a post may say and where it goes.

    Defaults are Material's own. The build fills this from the blog plugin's
    validated config, ``modelpress check`` from ``mkdocs.yml``, so both check
    posts against the same settings.
    """

    blog_dir: str = "blog"
    post_dir: str = "blog/posts"
    """Relative to the docs folder, ``{blog}`` filled in, no trailing slash."""
    post_url_format: str = "{date}/{slug}"
    post_url_date_format: str = "yyyy/MM/dd"
    post_url_max_categories: int = 1
    post_slugify: Slugify = _DEFAULT_SLUGIFY
    post_slugify_separator: str = "-"
    categories: bool = True
    categories_allowed: tuple[str, ...] = ()
    """Empty: any category is allowed."""
    categories_slugify: Slugify = _DEFAULT_SLUGIFY
    categories_slugify_separator: str = "-"
    authors: bool = True
    authors_file: str = "blog/.authors.yml"
    """Relative to the docs folder, ``{blog}`` filled in."""
    draft: bool = False
    """Build drafts too (Material's ``draft``)."""
    draft_if_future_date: bool = False
    language: str = "en"
    """The theme's language: Material formats ``{date}`` in post URLs with it."""

    @classmethod
    def from_options(cls, options: dict[str, Any], *, language: str = "en") -> BlogSettings:
        """Settings from the blog plugin's options as written in ``mkdocs.yml`` (or validated).

        Raises :class:`SiteConfigError` for a slugify option that cannot be resolved.
        """
        blog_dir = str(options.get("blog_dir", "blog"))
        defaults = cls()

        def text(key: str) -> str:
            return str(options.get(key, getattr(defaults, key)))

        def flag(key: str) -> bool:
            return bool(options.get(key, getattr(defaults, key)))

        allowed = options.get("categories_allowed") or []
        return cls(
            blog_dir=blog_dir,
            post_dir=str(options.get("post_dir", "{blog}/posts")).format(blog=blog_dir).strip("/"),
            post_url_format=text("post_url_format"),
            post_url_date_format=text("post_url_date_format"),
            post_url_max_categories=int(options.get("post_url_max_categories", 1)),
            post_slugify=_slugify_option(options.get("post_slugify")),
            post_slugify_separator=text("post_slugify_separator"),
            categories=flag("categories"),
            categories_allowed=tuple(str(c) for c in allowed if isinstance(allowed, list)),
            categories_slugify=_slugify_option(options.get("categories_slugify")),
            categories_slugify_separator=text("categories_slugify_separator"),
            authors=flag("authors"),
            authors_file=str(options.get("authors_file", "{blog}/.authors.yml")).format(
                blog=blog_dir
            ),
            draft=flag("draft"),
            draft_if_future_date=flag("draft_if_future_date"),
            language=language,
        )


def _slugify_option(value: object) -> Slugify:
    """A blog slugify option: Material's default, a callable, or an unresolved python tag.

    ``!!python/name:module.function`` names the callable; ``!!python/object/apply:
    module.factory {kwds: {...}}`` calls a factory (as ``pymdownx.slugs.slugify``).
    """
    if value is None:
        return _DEFAULT_SLUGIFY
    if callable(value):
        return value
    if isinstance(value, PythonRef):
        kind, _, dotted = value.tag.partition(":")
        module, _, name = dotted.rpartition(".")
        try:
            target = getattr(importlib.import_module(module), name)
            if kind == "name":
                return target  # type: ignore[no-any-return]
            if kind == "object/apply":
                spec = value.value
                if isinstance(spec, dict):
                    return target(*spec.get("args", []), **spec.get("kwds", {}))  # type: ignore[no-any-return]
                return target(*(spec or []))  # type: ignore[no-any-return]
        except (ImportError, AttributeError, TypeError, ValueError) as exc:
            raise SiteConfigError(f"cannot use the blog's slugify {value.tag!r}: {exc}") from None
    raise SiteConfigError(
        f"the blog's slugify option must be !!python/name:module.function, got {value!r}"
    )


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str | None
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    site_name: str = ""
    blog: BlogSettings | None = None
    """Material's blog plugin settings; None when the site has no (enabled) blog."""
    use_directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: pages at ``a/`` (True) or ``a.html``."""

    def plugin(self, name: str) -> dict[str, Any]:
        """Options of plugin ``name`` (e.g. ``modelpress/records``), empty if unset."""
        return self.plugins.get(name, {})

    @property
    def data_dir(self) -> Path:
        return self.root / str(self.plugin("modelpress/records").get("data_dir", DATA_DIR))


def _impossible_date(config_file: Path, text: str) -> str:
    """Where the config holds a value YAML reads as a date but no calendar has.

    MkDocs reads the file with PyYAML too and stops there with a traceback, so this is
    said before anything else is checked.
    """
    loader = _TolerantLoader("")
    found: list[tuple[int, int, str]] = []
    pending = [yaml.compose(text, Loader=_TolerantLoader)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                mark = node.start_mark
                found.append((mark.line + 1, mark.column + 1, str(node.value)))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in node.value for item in pair)
    if not found:
        return f"{config_file}: a value YAML reads as a date is not a real date"
    line, col, value = min(found)
    return (
        f"{config_file}:{line}:{col}: {quote(value)} is not a real date; write it as "
        "YYYY-MM-DD, or put it in quotes to keep it as text"
    )


def read_site_config(config_file: Path) -> SiteConfig:
    try:
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteConfigError(
            f"{config_file}: not found; run in the site's folder or pass --config PATH"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"{config_file}: cannot read it: {exc}") from None
    try:
        raw = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{config_file}:{mark.line + 1}:{mark.column + 1}" if mark else str(config_file)
        raise SiteConfigError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except ValueError:  # PyYAML's error for a date that is not a day (2025-13-45)
        raise SiteConfigError(_impossible_date(config_file, text)) from None
    if not isinstance(raw, dict):
        raise SiteConfigError(f"{config_file}:1:1: expected a mapping of settings")
    root = config_file.resolve().parent
    plugins: dict[str, dict[str, Any]] = {}
    for entry in raw.get("plugins") or []:
        if isinstance(entry, str):
            plugins[entry] = {}
        elif isinstance(entry, dict):
            for name, options in entry.items():
                plugins[str(name)] = options if isinstance(options, dict) else {}
    blog_options = plugins.get("blog", plugins.get("material/blog"))
    blog: BlogSettings | None = None
    if blog_options is not None and blog_options.get("enabled", True) is not False:
        theme = raw.get("theme")
        language = theme.get("language", "en") if isinstance(theme, dict) else "en"
        try:
            blog = BlogSettings.from_options(blog_options, language=str(language or "en"))
        except SiteConfigError as exc:
            raise SiteConfigError(f"{config_file}: {exc}") from None
    return SiteConfig(
        root=root,
        config_file=config_file,
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        site_dir=root / str(raw.get("site_dir", "site")),
        site_url=raw.get("site_url") or None,
        plugins=plugins,
        extra=raw.get("extra") or {},
        site_name=str(raw.get("site_name") or ""),
        blog=blog,
        use_directory_urls=raw.get("use_directory_urls", True) is not False,
    )
