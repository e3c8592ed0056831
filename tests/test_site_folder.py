"""The preview server prunes the site folder after a build instead of emptying it before."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs import utils

from modelpress._internal.mkdocs_plugins.sitedir import SiteFolder


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def test_what_the_build_did_not_write_again_is_removed_and_nothing_else(tmp_path: Path) -> None:
    site, source = tmp_path / "site", tmp_path / "source.css"
    write(site / "index.html", "old home")
    write(site / "gone" / "deep" / "index.html", "a page whose source was deleted")
    write(site / "kept" / "index.html", "old")
    write(site / "kept" / "stale.png", "an image no longer linked")
    write(site / "assets" / "style.css", "old style")
    write(site / ".git" / "HEAD", "a hidden entry MkDocs never cleans either")
    write(source, "new style")
    shutil.copystat(site / "assets" / "style.css", source)  # same mtime as the old copy

    folder = SiteFolder()
    folder.keep(str(site))
    utils.clean_directory(str(site))  # what MkDocs calls: a no-op while kept
    assert (site / "gone" / "deep" / "index.html").exists()
    write(site / "index.html", "new home")
    utils.write_file(b"same text, written again", str(site / "kept" / "index.html"))
    shutil.copy2(source, site / "assets" / "style.css")  # carries the old mtime over
    write(site / "new" / "index.html", "a new page")
    removed = folder.prune()

    assert sorted(Path(p).relative_to(site).as_posix() for p in removed) == [
        "gone/deep/index.html",
        "kept/stale.png",
    ]
    assert files_under(site) == {
        ".git",
        ".git/HEAD",
        "assets",
        "assets/style.css",
        "index.html",
        "kept",
        "kept/index.html",
        "new",
        "new/index.html",
    }
    assert (site / "assets" / "style.css").read_text(encoding="utf-8") == "new style"


def test_mkdocs_cleans_again_after_the_prune_and_after_a_failed_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "index.html", "home")
    folder = SiteFolder()
    folder.keep(str(site))
    folder.prune()
    utils.clean_directory(str(site))
    assert not (site / "index.html").exists()

    write(site / "index.html", "home")
    folder.keep(str(site))
    folder.restore()  # on_build_error
    utils.clean_directory(str(site))
    assert files_under(site) == set()
    assert site.is_dir()


def test_a_build_that_writes_nothing_leaves_an_empty_site_folder_in_place(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "a" / "b" / "index.html", "page")
    folder = SiteFolder()
    folder.keep(str(site))
    folder.prune()
    assert site.is_dir()
    assert files_under(site) == set()
