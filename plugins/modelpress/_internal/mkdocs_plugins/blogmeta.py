"""Material's blog, in the preview server, builds again only the posts that changed.

The blog plugin builds every post from its file on every build (``Post.__init__``:
``yaml.load`` of the front matter, then the post's own config), because it must know
all posts before the navigation exists. In ``modelpress serve`` that was about a
third of a second of PyYAML per save at 500 reviews, for posts that did not change.

PyYAML's ``SafeLoader`` is a pure function of the text it is given, so the parse is
kept by that exact text: an unchanged front matter gets a deep copy of what it gave
last time (Material, the meta plugin and ours write into ``page.meta``, so a post
never shares its mapping with another build), a changed one is parsed afresh, and a
front matter that fails to parse is never kept, so its error is raised every time.
Only parses used by the last two builds are kept. There is no hook for this in the
blog plugin; the stand-in replaces the ``yaml`` name of Material's ``structure``
module only, and only while the build cache runs for ``serve``.

:class:`KeptPosts` goes one step further for a post whose file did not change: the
whole of ``Post.__init__`` (reading the file, the front matter, the page's fields, the
post's config and its validation, about 1.2 s a save at 2,000 reviews) is done once
and its result restored on later builds (see :class:`KeptPosts`); and its copies of
each listing's source for the listing's pages are skipped when already in place
(:class:`KeptCopies`), and the dates it formats are kept by date, pattern and locale
(:class:`KeptDates`).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import yaml
from material.plugins.blog import plugin as blog_plugin
from material.plugins.blog import structure
from material.plugins.blog.structure.options import DateDict
from mkdocs.utils import copy_file, get_build_date

from modelpress._internal.content import PAGE_CACHE

__all__ = ["KeptFrontMatter", "KeptPosts", "keep_blog_front_matter", "keep_blog_posts"]


class KeptFrontMatter:
    """The ``yaml`` module as Material's blog sees it, with ``load`` kept by text."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module
        self._current: dict[tuple[str, type], Any] = {}
        self._previous: dict[tuple[str, type], Any] = {}

    def next_build(self) -> None:
        """A build starts: what the build before last used is let go."""
        self._previous, self._current = self._current, {}

    def load(self, stream: Any, Loader: type) -> Any:
        if not isinstance(stream, str) or Loader is not yaml.SafeLoader:
            return self._module.load(stream, Loader)
        key = (stream, Loader)
        if key in self._current:
            found = self._current[key]
        elif key in self._previous:
            found = self._current[key] = self._previous[key]
        else:
            found = self._current[key] = self._module.load(stream, Loader)
        return copy_plain(found)

    def __len__(self) -> int:
        """How many parses are kept."""
        return len(self._current) + len(self._previous)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


_KEPT = KeptFrontMatter(yaml)

_IMMUTABLE = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)


def copy_plain(value: Any) -> Any:
    """``copy.deepcopy`` of parsed front matter, five times faster for its usual shape.

    Dicts, lists and immutable scalars (what YAML's safe loader makes) are copied
    directly; anything else, or a container that appears twice (a YAML alias, which
    ``deepcopy`` keeps shared), goes to ``deepcopy``, so the copy is the same.
    """
    seen: set[int] = set()

    def plain(item: Any) -> Any:
        kind = type(item)
        if kind is dict or kind is list:
            if id(item) in seen:
                raise _NotPlain
            seen.add(id(item))
            if kind is dict:
                return {key: plain(inner) for key, inner in item.items()}
            return [plain(inner) for inner in item]
        if isinstance(item, _IMMUTABLE):
            return item
        raise _NotPlain

    try:
        return plain(value)
    except _NotPlain:
        return copy.deepcopy(value)


class _NotPlain(Exception):
    pass


def keep_blog_front_matter(keep: bool) -> None:
    """Install the kept parses for the next build (``keep``), or put PyYAML back."""
    if keep:
        _KEPT.next_build()
        structure.yaml = _KEPT
    else:
        structure.yaml = yaml
        _KEPT.next_build()
        _KEPT.next_build()


_ORIGINAL_POST_INIT = structure.Post.__init__
_PLAIN = (str, int, float, bool, type(None))
_EMPTY_LISTS = ("toc", "authors", "categories")
"""Attributes ``Post.__init__`` leaves as new empty lists (the build fills them)."""


@dataclass(frozen=True)
class _KeptPost:
    """What ``Post.__init__`` left on a post, apart from its file."""

    fields: dict[str, Any]
    """Its attributes with plain values (title from render, Markdown, URLs, dates…)."""
    meta: dict[str, Any]
    config: Any
    """Its ``PostConfig`` as validated; each restore gets a copy."""

    @classmethod
    def of(cls, post: Any) -> _KeptPost | None:
        """The post's state, or None when it holds something not known to be safe to
        restore (a value of a kind this does not copy, a post with related links)."""
        config = _copy_config(post.config)
        fields: dict[str, Any] = {}
        for name, value in vars(post).items():
            if name in ("file", "meta", "config"):
                continue
            if name in _EMPTY_LISTS:
                if value != []:
                    return None
            elif isinstance(value, _PLAIN):
                fields[name] = value
            else:
                return None
        if config is None or not isinstance(post.meta, dict):
            return None
        return cls(fields, copy_plain(post.meta), config)

    def restore(self, post: Any, file: Any) -> None:
        """Leave ``post`` as ``Post.__init__(file, …)`` would."""
        file.page = post
        vars(post).update(self.fields)
        post.file = file
        post.meta = copy_plain(self.meta)
        post.config = _copy_config(self.config)
        for name in _EMPTY_LISTS:
            setattr(post, name, [])


def _copy_config(config: Any) -> Any:
    """A ``PostConfig`` equal to ``config`` that shares nothing a build changes; None when
    it holds a value this does not know how to copy (``links``: a navigation)."""
    copied = copy.copy(config)  # a UserDict: its own dict of values, the rest shared
    for key, value in copied.data.items():
        if isinstance(value, _PLAIN):
            continue
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            copied.data[key] = list(value)
        elif isinstance(value, DateDict):
            copied.data[key] = DateDict(dict(value))
        else:
            return None
    return copied


class _Heard(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.heard = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.heard = True


class KeptPosts:
    """``Post.__init__`` for a post whose file and settings did not change: restored.

    A post's state after ``Post.__init__`` is decided by its file's bytes, its paths
    and URL, and the settings the page reads (``docs_dir``, ``site_url``, the edit
    link's three, the build date). With the same of each, the state is the same, so
    it is kept from the build that made it and restored as copies (Material and the
    build write into the metadata, the config and the lists). Never kept: a post whose
    initialisation logged a warning (it must be logged again), one with a value this
    cannot copy (related ``links``), and any post while Material's meta plugin, which
    merges other files' metadata in, is on. Only states used by the last two builds
    are kept.
    """

    def __init__(self) -> None:
        self._current: dict[tuple[object, ...], _KeptPost] = {}
        self._previous: dict[tuple[object, ...], _KeptPost] = {}
        self._settings: tuple[Any, tuple[object, ...] | None] | None = None
        """The build's config and what of it a post's state depends on (read once)."""
        self.restored = 0
        """Posts restored in this build (the rest were initialised)."""

    def next_build(self) -> None:
        self._previous, self._current = self._current, {}
        self._settings = None
        self.restored = 0

    def init(self, post: Any, file: Any, config: Any) -> None:
        if self._settings is None or self._settings[0] is not config:
            self._settings = (config, _settings_key(config))
        settings = self._settings[1]
        key = _post_key(file, settings) if settings is not None else None
        if key is not None:
            kept = self._current.get(key)
            if kept is None:
                kept = self._previous.get(key)
            if kept is not None:
                self._current[key] = kept
                kept.restore(post, file)
                self.restored += 1
                return
        heard = _Heard()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(heard)
        try:
            _ORIGINAL_POST_INIT(post, file, config)
        finally:
            logger.removeHandler(heard)
        if key is not None and not heard.heard:
            kept = _KeptPost.of(post)
            if kept is not None:
                self._current[key] = kept


def _settings_key(config: Any) -> tuple[object, ...] | None:
    """The settings a post's state depends on; None while the meta plugin is on."""
    if config.plugins.get("material/meta") is not None:
        return None
    return (
        config.docs_dir,
        config.site_url,
        config.repo_url,
        config.edit_uri,
        config.edit_uri_template,
        get_build_date(),
    )


def _post_key(file: Any, settings: tuple[object, ...]) -> tuple[object, ...] | None:
    content = PAGE_CACHE.content_hash(file.abs_src_path) if file.abs_src_path else None
    if content is None:  # not read by this build's plugins yet: read it here
        try:
            with open(file.abs_src_path, "rb") as stream:
                content = hashlib.sha256(stream.read()).digest()
        except (OSError, TypeError):
            return None  # the original reports it
    return (content, file.abs_src_path, file.src_uri, file.url, *settings)


KEPT_POSTS = KeptPosts()


class KeptCopies:
    """Material's copy of a listing's source for each of its pages, skipped when the
    copy is already there, byte for byte.

    The blog copies the listing's ``index.md`` into its temporary folder once for every
    page of every paginated listing, on every build: some 750 copies a save at 2,000
    reviews, every one of them the same file as the build before.
    """

    def __init__(self) -> None:
        self._sources: dict[str, bytes] = {}

    def next_build(self) -> None:
        self._sources = {}

    def copy(self, source_path: str, output_path: str) -> None:
        data = self._sources.get(source_path)
        if data is None:
            try:
                with open(source_path, "rb") as stream:
                    data = self._sources[source_path] = stream.read()
            except OSError:
                copy_file(source_path, output_path)  # as it would, with its error
                return
        try:
            with open(output_path, "rb") as stream:
                if stream.read() == data:
                    return
        except OSError:
            pass
        copy_file(source_path, output_path)


KEPT_COPIES = KeptCopies()


class KeptDates:
    """Material's blog formats each post's date three times a build (its address, its
    archive's address and its archive's title) with Babel, about 25 µs a call: 0.15 s
    a save at 2,000 reviews for dates that did not change. Babel's result depends on
    the date (its ``repr`` carries the time zone), the pattern and the locale alone."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str, str], str] = {}

    def format(self, plugin: Any, date: dt.datetime, format: str, config: Any) -> str:
        key = (repr(date), format, str(config.theme["language"]))
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = _ORIGINAL_FORMAT_DATE(plugin, date, format, config)
        return found


KEPT_DATES = KeptDates()
_ORIGINAL_FORMAT_DATE = blog_plugin.BlogPlugin._format_date


def _kept_format_date(plugin: Any, date: dt.datetime, format: str, config: Any) -> str:
    return KEPT_DATES.format(plugin, date, format, config)


def _kept_post_init(post: Any, file: Any, config: Any) -> None:
    KEPT_POSTS.init(post, file, config)


def keep_blog_posts(keep: bool) -> None:
    """Restore unchanged posts and skip unchanged copies in the next build (``keep``), or
    put Material's own back."""
    KEPT_POSTS.next_build()
    KEPT_COPIES.next_build()
    if keep:
        structure.Post.__init__ = _kept_post_init
        blog_plugin.copy_file = KEPT_COPIES.copy
        blog_plugin.BlogPlugin._format_date = _kept_format_date
    else:
        structure.Post.__init__ = _ORIGINAL_POST_INIT
        blog_plugin.copy_file = copy_file
        blog_plugin.BlogPlugin._format_date = _ORIGINAL_FORMAT_DATE
        KEPT_POSTS.next_build()
