"""The newsletter layout ships inside the package and a site still overrides it file by file.

The layout (templates, stylesheet, review typeface, its licence) lives in
``modelpress/_internal/theme/``; the ``modelpress/reviews`` plugin puts that folder below
the site's ``custom_dir`` and above Material's. These tests hold the three
promises that make ``pip install modelpress`` enough: the package data carries
every file of the folder, a site without any ``site_overrides/`` gets the whole
layout, and a site's own file with the same path wins over the layout's.
"""

from __future__ import annotations

import glob
import shutil
import tomllib
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from modelpress._internal.cli import main
from modelpress._internal.layout import layer_files, theme_dir
from tests.support.site import REPO, copy_demo, run_mkdocs

PACKAGE = REPO / "plugins" / "modelpress"
LAYOUT = PACKAGE / "_internal" / "theme"

CUSTOM_DIR_LINE = "\n  custom_dir: site_overrides\n"


def test_the_installed_package_holds_every_file_of_the_layout() -> None:
    """What importlib.resources sees is the repository's folder, every file of it."""
    on_disk = sorted(p.relative_to(LAYOUT).as_posix() for p in LAYOUT.rglob("*") if p.is_file())
    assert theme_dir() == LAYOUT
    assert layer_files() == on_disk
    for needed in (
        "main.html",
        "home.html",
        "blog-post.html",
        "partials/post.html",
        "assets/stylesheets/modelpress.css",
        "assets/fonts/OFL.txt",
        "assets/fonts/source-serif-4-latin-400-normal.woff2",
    ):
        assert needed in on_disk


def test_package_data_patterns_put_every_layout_file_in_the_wheel() -> None:
    """pyproject's package-data globs, expanded as setuptools does, cover the whole layout.

    setuptools expands each pattern with ``glob.glob(..., recursive=True)``, which
    skips names starting with a dot, so the layout must have none. (A real wheel
    build needs a setuptools newer than the offline test environment has.)
    """
    with (REPO / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["modelpress"]
    shipped = {
        Path(found).relative_to(PACKAGE).as_posix()
        for pattern in patterns
        for found in glob.glob(str(PACKAGE / pattern), recursive=True)
        if Path(found).is_file()
    }
    missing = [name for name in layer_files() if f"_internal/theme/{name}" not in shipped]
    assert missing == []
    assert not any(part.startswith(".") for name in layer_files() for part in name.split("/"))


def test_theme_path_prints_the_layout_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["theme-path"]) == 0
    assert capsys.readouterr().out == f"{LAYOUT}\n"


def without_custom_dir(root: Path) -> Path:
    """The demo with no ``site_overrides/`` folder and no ``custom_dir`` at all."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert CUSTOM_DIR_LINE in text
    config.write_text(text.replace(CUSTOM_DIR_LINE, "\n"), encoding="utf-8")
    for path in sorted((root / "site_overrides").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / "site_overrides").rmdir()
    return root


@pytest.mark.e2e
def test_a_site_without_overrides_builds_with_the_whole_layout(tmp_path: Path) -> None:
    build = run_mkdocs(without_custom_dir(copy_demo(tmp_path / "site")))
    assert build.returncode == 0, build.output

    review = build.html("reviews/grok-4/")
    headline = review.select_one("h1.mp-review__headline")
    assert headline is not None, "blog-post.html of the layout was not used"
    assert review.select_one(".mp-strip") is not None
    assert review.select_one("link[href$='assets/stylesheets/modelpress.css']") is not None
    assert build.html("index.html").select_one(".mp-home") is not None
    assert build.html("reviews/").select_one(".mp-excerpt__subtitle") is not None
    # Every static file of the layout is published, byte for byte.
    for name in layer_files():
        if name.endswith(".html"):
            continue
        assert (build.site / name).read_bytes() == (LAYOUT / name).read_bytes(), name


@pytest.mark.e2e
def test_a_file_in_site_overrides_replaces_only_that_file_of_the_layout(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    overrides = root / "site_overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "progress.html").write_text(
        '<div class="site-own-progress" data-md-component="progress"></div>\n', encoding="utf-8"
    )
    (overrides / "assets" / "stylesheets").mkdir(parents=True)
    own_css = "/* the site's own stylesheet */\n"
    (overrides / "assets" / "stylesheets" / "modelpress.css").write_text(own_css, encoding="utf-8")

    build = run_mkdocs(root)
    assert build.returncode == 0, build.output

    review = build.html("reviews/grok-4/")
    assert review.select_one(".site-own-progress") is not None
    assert review.select_one("[role='progressbar'][aria-label='Loading page']") is None
    assert (build.site / "assets" / "stylesheets" / "modelpress.css").read_text() == own_css
    # The rest still comes from the layout, above Material's templates.
    assert review.select_one("h1.mp-review__headline") is not None
    assert (build.site / "assets" / "fonts" / "OFL.txt").is_file()


@pytest.mark.e2e
def test_a_warm_rebuild_after_a_layout_edit_uses_the_edited_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``modelpress serve`` keeps the build cache in memory between saves.

    Before the layout moved into the package, its templates were the site's
    ``custom_dir``, which the cache fingerprints; a layout folder outside it must
    count as well, or an edited template is replaced by the cached pages. The
    layout is copied so the edit never touches the package.
    """
    layout = tmp_path / "layout"
    shutil.copytree(LAYOUT, layout)
    monkeypatch.setattr("modelpress._internal.mkdocs_plugins.layout.theme_dir", lambda: layout)
    monkeypatch.delenv("MODELPRESS_NO_CACHE", raising=False)
    root = tmp_path / "site"
    assert main(["new", "site", str(root)]) == 0
    page = root / "site" / "reviews" / "example-grok-2-mini" / "index.html"

    def rebuild(*, first: bool) -> None:
        config = load_config(config_file=str(root / "mkdocs.yml"))
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config)

    rebuild(first=True)
    assert 'class="mp-review__headline"' in page.read_text(encoding="utf-8")
    template = layout / "blog-post.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            'class="mp-review__headline"', 'class="mp-review__headline mp-edited"'
        ),
        encoding="utf-8",
    )
    rebuild(first=False)
    assert 'class="mp-review__headline mp-edited"' in page.read_text(encoding="utf-8")
