"""The front-end files vendored from npm: present, the pinned versions, shipped, self-hosted.

``scripts/fetch-*.py`` write them (``--check`` compares them with the registry,
which needs the network, so it is not run here); these tests hold what a build
relies on without the network: the wheel carries plotly.js's basic bundle at the
version the fetch script pins, and the stylesheet's fonts are files of the site,
not a font host's.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from modelpress._internal.mkdocs_plugins.charts import PLOTLY_SOURCE
from tests.support.site import REPO, copy_demo, run_mkdocs

STYLESHEET = (
    REPO
    / "plugins"
    / "modelpress"
    / "_internal"
    / "theme"
    / "assets"
    / "stylesheets"
    / "modelpress.css"
)


def pinned_plotly_version() -> str:
    script = (REPO / "scripts" / "fetch-plotly.py").read_text(encoding="utf-8")
    found = re.search(r'^VERSION = "([^"]+)"', script, re.MULTILINE)
    assert found, "scripts/fetch-plotly.py pins no VERSION"
    return found.group(1)


def test_charts_load_the_basic_partial_bundle_at_the_pinned_version() -> None:
    header = PLOTLY_SOURCE.read_text(encoding="utf-8")[:200]
    assert f"plotly.js (basic - minified) v{pinned_plotly_version()}" in header
    assert PLOTLY_SOURCE.stat().st_size < 1_200_000


def test_package_data_ships_the_plotly_bundle_and_its_licence() -> None:
    """The wheel's package data (pyproject's patterns) covers both vendored files.

    Checked against the patterns rather than by building a wheel: a wheel build
    needs a setuptools new enough for the project's metadata, which an offline
    test cannot install.
    """
    with (REPO / "pyproject.toml").open("rb") as file:
        patterns = tomllib.load(file)["tool"]["setuptools"]["package-data"]["modelpress"]
    package = REPO / "plugins" / "modelpress"
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    for name in ("plotly-basic.min.js", "plotly-LICENSE.txt"):
        assert PLOTLY_SOURCE.with_name(name) in shipped, f"{name} is not package data"


def font_urls() -> list[str]:
    css = STYLESHEET.read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{[^}]*}", css)
    return [u for face in faces for u in re.findall(r'url\("?([^")]+)"?\)', face)]


def test_review_fonts_are_files_of_the_site_with_their_licence() -> None:
    urls = font_urls()
    assert len(urls) == 4, urls
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), f"{url} is not on the site"
        assert (STYLESHEET.parent / url).resolve().is_file(), url
    assert (STYLESHEET.parent.parent / "fonts" / "OFL.txt").is_file()


@pytest.mark.e2e
def test_built_site_serves_the_fonts_it_links(tmp_path: Path) -> None:
    build = run_mkdocs(copy_demo(tmp_path / "site"))
    assert build.returncode == 0, build.output
    css = build.site / "assets" / "stylesheets" / "modelpress.css"
    for url in font_urls():
        assert (css.parent / url).resolve().is_file(), url
    assert "fonts.googleapis.com" not in (build.site / "index.html").read_text(encoding="utf-8")
