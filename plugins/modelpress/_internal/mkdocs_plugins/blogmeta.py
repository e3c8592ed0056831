"""Material's blog, in the preview server, parses only the front matter that changed.

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
"""

from __future__ import annotations

import copy
from types import ModuleType
from typing import Any

import yaml
from material.plugins.blog import structure

__all__ = ["KeptFrontMatter", "keep_blog_front_matter"]


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
        return copy.deepcopy(found)

    def __len__(self) -> int:
        """How many parses are kept."""
        return len(self._current) + len(self._previous)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


_KEPT = KeptFrontMatter(yaml)


def keep_blog_front_matter(keep: bool) -> None:
    """Install the kept parses for the next build (``keep``), or put PyYAML back."""
    if keep:
        _KEPT.next_build()
        structure.yaml = _KEPT
    else:
        structure.yaml = yaml
        _KEPT.next_build()
        _KEPT.next_build()
