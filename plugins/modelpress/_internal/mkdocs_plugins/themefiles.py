"""MkDocs, in the preview server, lists the theme's static files once, not on every save.

Each build, MkDocs adds the theme's static files to the site
(``Files.add_files_from_theme``): it lists every file of every theme folder through
Jinja (Material's templates hold some 14,500, most of them icons), matches each
name against its patterns, and keeps the few dozen that are assets. That was about
0.1 s of every save, the same answer each time.

The answer depends only on the theme folders' file names and the config's
``static_templates``; a file's content is read when it is copied, later. So the
files found are kept for the next build, keyed by those. The folders of installed
packages (Material's and MkDocs' templates) do not change under a running process;
any other folder (the site's ``custom_dir``, a theme being worked on) is listed again
on each build, which is cheap for a folder that small, and a new or removed file
there means MkDocs' own listing is run again. Docs files still take precedence over
theme files, checked against each build's files as MkDocs does. There is no hook
for this in MkDocs; the stand-in replaces ``Files.add_files_from_theme`` only while
the build cache runs for ``serve``, and calls MkDocs' own for anything it does not
recognise (a theme loader that is not a plain ``FileSystemLoader``).
"""

from __future__ import annotations

import sysconfig
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

__all__ = ["MKDOCS_ADD_FILES_FROM_THEME", "KeptThemeFiles", "keep_theme_files"]

MKDOCS_ADD_FILES_FROM_THEME = Files.add_files_from_theme
_INSTALLED = tuple(
    Path(p).resolve() for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
)


class KeptThemeFiles:
    """The theme's static files found by the last build, with what decided them."""

    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._found: list[tuple[str, str | None]] = []
        self.listed = 0
        """How often MkDocs' own listing ran (for tests and ``-v``)."""

    def add(self, files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        loader = env.loader
        dirs = list(config.theme.dirs)
        if type(loader) is not jinja2.FileSystemLoader or list(loader.searchpath) != dirs:
            MKDOCS_ADD_FILES_FROM_THEME(files, env, config)
            return
        key = (
            tuple(dirs),
            tuple(config.theme.static_templates),
            loader.followlinks,
            tuple(_names(d, loader.followlinks) for d in dirs if not _installed(d)),
        )
        if key != self._key:
            found = Files([])
            MKDOCS_ADD_FILES_FROM_THEME(found, env, config)
            self._found = [(file.src_uri, file.src_dir) for file in found]
            self._key = key
            self.listed += 1
        for path, directory in self._found:
            if files.get_file_from_path(path) is None:  # docs files override theme files
                files.append(File(path, directory, config.site_dir, config.use_directory_urls))

    def clear(self) -> None:
        self._key, self._found = None, []


def _installed(directory: str) -> bool:
    """Whether ``directory`` is part of an installed package (it does not change while
    the server runs: its modules, imported already, would not either)."""
    path = Path(directory).resolve()
    return any(path.is_relative_to(root) for root in _INSTALLED)


def _names(directory: str, followlinks: bool) -> tuple[str, ...]:
    """The files under ``directory``, as Jinja lists them for the theme."""
    return tuple(jinja2.FileSystemLoader([directory], followlinks=followlinks).list_templates())


_KEPT = KeptThemeFiles()


def _add_files_from_theme(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
    _KEPT.add(files, env, config)


def keep_theme_files(keep: bool) -> KeptThemeFiles:
    """Install the kept listing for the next build (``keep``), or put MkDocs' own back."""
    if keep:
        Files.add_files_from_theme = _add_files_from_theme  # type: ignore[method-assign,assignment]
    else:
        Files.add_files_from_theme = MKDOCS_ADD_FILES_FROM_THEME  # type: ignore[method-assign]
        _KEPT.clear()
    return _KEPT
