"""The preview server prunes the site folder after a build instead of emptying it before."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from mkdocs import utils

from modelpress._internal.mkdocs_plugins.sitedir import SiteFolder


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def next_tick(root: Path) -> None:
    """Wait until a file written now gets a later ctime than every file under ``root``.

    The kernel stamps ctime from a coarse clock (a few ms), so a file written twice
    within one tick would keep its ctime; in a build that cannot happen (the last
    build wrote seconds earlier), here it could.
    """
    newest = max((p.stat().st_ctime_ns for p in root.rglob("*")), default=0)
    probe = root.parent / "tick-probe"
    while True:
        probe.write_text("tick", encoding="utf-8")
        if probe.stat().st_ctime_ns > newest:
            probe.unlink()
            return
        time.sleep(0.001)


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

    next_tick(site)
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


def test_a_replayed_page_is_not_written_again_while_its_file_is_the_last_build_s(
    tmp_path: Path,
) -> None:
    """After a prune, the next build takes the folder to be as that prune left it (no
    scan): a file changed or removed by hand is still never taken for the last build's
    output. One the build does not write stays, as ``--dirty`` leaves it (the preview
    server's folder is MkDocs' own temporary one)."""
    site = tmp_path / "site"
    page, edited, other = site / "a" / "index.html", site / "b" / "index.html", site / "c.html"
    deleted = site / "d.html"
    folder = SiteFolder()
    folder.keep(str(site))
    for path in (page, edited, other, deleted):
        write(path, "as the first build wrote it")
    assert folder.prune() == []

    next_tick(site)
    write(edited, "changed by hand between builds")  # not what the cache would replay
    deleted.unlink()
    write(site / "dropped.html", "dropped by hand")
    folder.keep(str(site))
    size = len(b"as the first build wrote it")
    assert folder.still_written(str(page), size)
    assert not folder.still_written(str(edited), size)
    assert not folder.still_written(str(deleted), size)
    assert not folder.still_written(str(other), size + 1)  # a different output
    assert not folder.still_written(str(site / "new.html"), size)
    removed = folder.prune()

    assert sorted(Path(p).relative_to(site).as_posix() for p in removed) == ["c.html"]
    assert files_under(site) == {"a", "a/index.html", "b", "b/index.html", "dropped.html"}
    assert page.read_text(encoding="utf-8") == "as the first build wrote it"


def test_after_a_failed_build_no_file_is_trusted(tmp_path: Path) -> None:
    """A failed build leaves the folder unknown: the next one scans it first, so what it
    does not write is removed, whoever wrote it."""
    site = tmp_path / "site"
    page = site / "index.html"
    folder = SiteFolder()
    folder.keep(str(site))
    write(page, "written")
    folder.prune()
    folder.keep(str(site))
    write(site / "half.html", "written by the build that fails")
    folder.restore()  # the build failed before its prune
    folder.keep(str(site))
    assert not folder.still_written(str(page), len(b"written"))
    assert [Path(p).name for p in sorted(folder.prune())] == ["half.html", "index.html"]
