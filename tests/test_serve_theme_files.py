"""The preview server's kept list of the theme's static files equals MkDocs' own, build after build.

Real MkDocs objects on a copy of the demo: the config as MkDocs loads it (with our
plugins' ``on_config``, which adds the layout's theme folder), the theme's Jinja
environment, and ``Files`` from the docs folder. After each change to the site's
``custom_dir`` (a file added, a file removed) and with a docs file taking a theme
file's path, the files the kept listing adds are those MkDocs' ``add_files_from_theme``
adds, in the same order, from the same folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files

from modelpress._internal.mkdocs_plugins import themefiles
from modelpress._internal.mkdocs_plugins.themefiles import keep_theme_files
from tests.support.site import copy_demo


@pytest.fixture
def config(tmp_path: Path) -> Iterator[MkDocsConfig]:
    root = copy_demo(tmp_path / "site")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    loaded = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    loaded.plugins.on_startup(command="build", dirty=False)
    yield loaded.plugins.on_config(loaded)
    keep_theme_files(False)


def theme_files(config: MkDocsConfig, *, kept: bool) -> list[tuple[str, str | None]]:
    """What ``add_files_from_theme`` adds to the docs' files: kept, or MkDocs' own."""
    files = get_files(config)
    before = {file.src_uri for file in files}
    env = config.theme.get_env()
    if kept:
        keep_theme_files(True)
        Files.add_files_from_theme(files, env, config)
    else:
        themefiles.MKDOCS_ADD_FILES_FROM_THEME(files, env, config)
    return [(f.src_uri, f.src_dir) for f in files if f.src_uri not in before]


def test_kept_theme_files_are_mkdocs_own_after_each_change(config: MkDocsConfig) -> None:
    kept = keep_theme_files(True)
    listed = kept.listed
    first = theme_files(config, kept=True)
    assert first == theme_files(config, kept=False)
    assert any(path.startswith("assets/") for path, _ in first)

    assert theme_files(config, kept=True) == first
    assert kept.listed == listed + 1  # the second build did not list the theme again

    overrides = Path(config.theme.custom_dir or "")
    logo = overrides / "assets" / "images" / "masthead.svg"
    logo.parent.mkdir(parents=True, exist_ok=True)
    logo.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    added = theme_files(config, kept=True)
    assert ("assets/images/masthead.svg", str(overrides)) in added
    assert added == theme_files(config, kept=False)

    logo.unlink()
    assert theme_files(config, kept=True) == first

    # A docs file with a theme file's path is the docs file (MkDocs' rule), kept or not.
    taken = next(path for path, _ in first if path.endswith(".css"))
    docs_copy = Path(config.docs_dir) / taken
    docs_copy.parent.mkdir(parents=True, exist_ok=True)
    docs_copy.write_text("/* the site's own */\n", encoding="utf-8")
    without = theme_files(config, kept=True)
    assert taken not in {path for path, _ in without}
    assert without == theme_files(config, kept=False)


def test_only_folders_outside_installed_packages_are_listed_again(config: MkDocsConfig) -> None:
    dirs = list(config.theme.dirs)
    installed = [d for d in dirs if themefiles._installed(d)]
    assert any("material" in d for d in installed)
    assert config.theme.custom_dir not in installed
