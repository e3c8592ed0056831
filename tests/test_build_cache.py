"""The build cache across runs: used when it is this version's, dropped (once, loudly) when not.

Every build here is a real ``mkdocs build --strict`` in its own process, the way
``make site`` runs it, on a small generated site.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bench import corpus

from modelpress._internal.cache.store import VERIFIED, BuildCache
from modelpress._internal.cli import main
from tests.support.site import Build, clean_env

pytestmark = pytest.mark.e2e

CACHE = Path(".cache") / "modelpress" / "build"
FROM_CACHE = re.compile(r"modelpress: (\d+) of (\d+) pages from the build cache, (\d+) rendered")


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.generate(tmp_path_factory.mktemp("cache") / "site", posts=6, seed=11).root


@pytest.fixture
def site(base_site: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site-copy"
    shutil.copytree(base_site, root)
    return root


def build(root: Path, *, env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> Build:
    """``mkdocs build --strict`` in its own process; it must succeed."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=root,
        env=clean_env() | (env or {}),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    result = Build(done.returncode, done.stdout + done.stderr, root)
    assert result.returncode == 0, result.output
    return result


def counts(result: Build) -> tuple[int, int, int]:
    match = FROM_CACHE.search(result.output)
    assert match is not None, result.output
    cached, total, rendered = (int(g) for g in match.groups())
    return cached, total, rendered


def same_tree(left: Path, right: Path) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    return (
        not mismatch
        and not errors
        and all(same_tree(left / name, right / name) for name in compared.common_dirs)
    )


def cache_folder(root: Path) -> Path:
    (folder,) = (root / CACHE).iterdir()
    return folder


def test_second_build_of_an_unchanged_site_renders_nothing_and_writes_the_same_files(
    site: Path, tmp_path: Path
) -> None:
    first = build(site)
    assert counts(first)[0] == 0
    shutil.copytree(site / "site", tmp_path / "first")
    second = build(site)
    cached, total, rendered = counts(second)
    assert (cached, rendered) == (total, 0), second.output
    assert same_tree(site / "site", tmp_path / "first")


def test_a_cache_made_by_another_version_is_ignored_with_one_warning(site: Path) -> None:
    build(site)
    manifest = cache_folder(site) / "manifest.json"
    stated = json.loads(manifest.read_text(encoding="utf-8"))
    stated["environment"] = "made-by-modelpress-0.0.1"
    manifest.write_text(json.dumps(stated), encoding="utf-8")
    again = build(site)  # --strict: the warning about the cache must not fail the build
    assert again.output.count("was made by another version") == 1, again.output
    assert counts(again)[0] == 0
    # And the cache it writes instead is this version's own.
    assert counts(build(site))[2] == 0


def test_a_damaged_index_is_ignored_with_one_warning(site: Path) -> None:
    build(site)
    (cache_folder(site) / "index.pickle").write_bytes(b"\x80\x05not a pickle at all")
    again = build(site)
    assert again.output.count("is damaged") == 1, again.output
    assert counts(again)[0] == 0


def test_a_cut_short_index_is_ignored_with_one_warning(site: Path) -> None:
    """The index is written entry by entry; one that stops early (a full disk, a copy
    cut short) is damaged as a whole, never read as the entries it still holds."""
    build(site)
    index = cache_folder(site) / "index.pickle"
    index.write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    again = build(site)
    assert again.output.count("is damaged") == 1, again.output
    assert counts(again)[0] == 0


def test_a_damaged_page_is_rendered_again_with_one_warning(site: Path, tmp_path: Path) -> None:
    build(site)
    shutil.copytree(site / "site", tmp_path / "clean")
    for payload in (cache_folder(site) / "pages").iterdir():
        payload.write_bytes(b"garbage")
    again = build(site)
    assert again.output.count("could not be read") == 1, again.output
    assert counts(again)[0] == 0
    assert same_tree(site / "site", tmp_path / "clean")
    # The damaged payloads were replaced: the next build trusts the cache again.
    assert counts(build(site))[2] == 0


def test_a_page_whose_stored_html_is_damaged_is_rendered_again(site: Path, tmp_path: Path) -> None:
    """A page's HTML is a blob apart from its payload, read only when its file must be
    written: damaged, the page is rendered (decided before anything of it is replayed),
    never written half from the cache."""
    build(site)
    shutil.copytree(site / "site", tmp_path / "clean")
    folder = cache_folder(site)
    environment = json.loads((folder / "manifest.json").read_text())["environment"]
    index = BuildCache.open(folder, environment).entries
    outputs = {entry.output for entry in index.values() if entry.output}
    payloads = {entry.payload for entry in index.values()}
    assert outputs
    assert not outputs & payloads
    for name in outputs:
        (folder / "pages" / name).write_bytes(b"garbage")
    again = build(site)
    assert again.output.count("could not be read") == 1, again.output
    *_, rendered = counts(again)
    assert rendered == len(outputs), again.output
    assert same_tree(site / "site", tmp_path / "clean")


def test_a_page_whose_record_changed_is_rendered_again(site: Path) -> None:
    """The records a page read are part of its key, not only its Markdown."""
    build(site)
    record = sorted((site / "data" / "releases").glob("*.yaml"))[0]
    release_id = record.stem
    text = record.read_text(encoding="utf-8")
    changed = re.sub(r"(context_window:\n  value: )\d+", r"\g<1>4194304", text, count=1)
    assert changed != text
    record.write_text(changed, encoding="utf-8")
    again = build(site)
    _cached, total, rendered = counts(again)
    assert 0 < rendered < total
    page = (site / "site" / "models" / release_id / "index.html").read_text(encoding="utf-8")
    assert "4M tokens" in page


RENDERED = re.compile(r"modelpress: rendered (.*)")


def html_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.html")}


def page_html(src_uri: str) -> str:
    """Where a (non-post) page is written: ``models/x.md`` → ``models/x/index.html``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def test_a_context_window_edit_renders_only_the_pages_that_show_it(site: Path) -> None:
    """Pages depend on the fields of a record they read, not on the whole record: the
    reviews whose models strip or charts show a release (its name, dates, price, scores)
    are not rendered again when its context window changes. What is rendered is what
    shows the window: every page rendered writes different HTML, and every page whose
    HTML changed was rendered."""
    build(site)
    before = html_files(site / "site")
    record = sorted((site / "data" / "releases").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    changed = re.sub(r"(context_window:\n  value: )\d+", r"\g<1>4194304", text, count=1)
    assert changed != text
    record.write_text(changed, encoding="utf-8")
    again = build(site, args=("--verbose",))
    found = RENDERED.search(again.output)
    assert found is not None, again.output
    rendered = {page_html(src) for src in found.group(1).split(", ")}
    after = html_files(site / "site")
    differ = {path for path, data in after.items() if before.get(path) != data}
    assert f"models/{record.stem}/index.html" in rendered
    assert rendered == differ, again.output
    # Some review shows this release (its strip reads the record), and was not rendered.
    assert any(
        f"models/{record.stem}/" in data.decode("utf-8") and path.startswith("reviews/")
        for path, data in after.items()
    )


def test_a_name_changed_only_in_case_reaches_reviews_that_mention_it(
    site: Path, tmp_path: Path
) -> None:
    """A review links the first mention of a release in its prose, by the release's name
    as written (case and all), even when it does not list the release. ``Atlas 1`` →
    ``ATLAS 1`` leaves the lowercased name index as it was; before names counted as
    site-wide, the review kept its stale link."""
    record = sorted((site / "data" / "releases").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    name = re.search(r"(?m)^name: (.*)$", text)
    assert name is not None
    review = next(
        p
        for p in sorted((site / "content" / "reviews" / "posts").glob("*.md"))
        if f"- {record.stem}\n" not in p.read_text(encoding="utf-8")
    )
    body = review.read_text(encoding="utf-8")
    review.write_text(
        body.replace("\n---\n\n", f"\n---\n\nSet against {name.group(1)} in prose. ", 1),
        encoding="utf-8",
    )
    build(site)
    renamed = f"name: {name.group(1).upper()}"
    record.write_text(text.replace(name.group(0), renamed, 1), encoding="utf-8")
    build(site)
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns(".cache", "site"))
    build(clean, env={"MODELPRESS_NO_CACHE": "1"})
    assert same_tree(site / "site", clean / "site")


def test_no_cache_environment_variable_builds_everything_and_writes_no_cache(site: Path) -> None:
    result = build(site, env={"MODELPRESS_NO_CACHE": "1"})
    assert "build cache off" in result.output
    assert not (site / CACHE).exists()


def test_modelpress_clean_removes_the_cache(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(site)
    assert (site / CACHE).is_dir()
    assert main(["clean", "--config-file", str(site / "mkdocs.yml")]) == 0
    assert not (site / CACHE).exists()
    assert "removed" in capsys.readouterr().err
    assert main(["clean", "--config-file", str(site / "mkdocs.yml")]) == 0
    assert "no build cache" in capsys.readouterr().err


def test_a_change_to_an_inherited_config_renders_every_page(site: Path) -> None:
    """A config that says ``INHERIT: mkdocs.yml`` is decided by both files."""
    (site / "child.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    build(site, args=("-f", "child.yml"))
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: ", "site_name: Renamed ", 1), encoding="utf-8")
    cached, total, rendered = counts(build(site, args=("-f", "child.yml")))
    assert (cached, rendered) == (0, total)
    assert "Renamed" in (site / "site" / "index.html").read_text(encoding="utf-8")


def test_a_blob_changed_after_it_was_verified_is_refused(tmp_path: Path) -> None:
    """The preview server hashes a blob once per process and then trusts its file
    identity: bytes changed under the same name (same size) make a new identity, and
    are hashed, and refused."""
    cache = BuildCache(tmp_path, "environment")
    name = cache.store(b"the page as rendered")
    stored = tmp_path / "pages" / name
    assert str(stored) in VERIFIED  # written from the bytes: known without a hash
    assert cache.read(name) == b"the page as rendered"
    stored.write_bytes(b"the page as damaged!")
    # Stamped apart from the first write: two writes within one tick of the kernel's
    # clock can share a time (a limit the store's docstring accepts for its own files,
    # which are only ever replaced by renames, never rewritten in place).
    os.utime(stored, ns=(1_000_000_000, 1_000_000_000))
    assert stored.stat().st_size == len(b"the page as rendered")
    assert cache.read(name) is None


def test_excerpt_converters_keep_no_scratch_and_the_site_is_unchanged(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material keeps each excerpt's converter to the end of the build; the cache lets go
    of the lines and stashed HTML (charts) each conversion leaves, which must not change
    a byte of the site (the build without the cache keeps them)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    posts = list((site / "content" / "reviews" / "posts").glob("*.md"))
    assert any("```chart" in post.read_text(encoding="utf-8") for post in posts)
    plain = tmp_path / "without-cache"
    shutil.copytree(site, plain)
    build(plain, env={"MODELPRESS_NO_CACHE": "1"})

    monkeypatch.delenv("MODELPRESS_NO_CACHE", raising=False)
    monkeypatch.chdir(site)
    config = load_config(config_file=str(site / "mkdocs.yml"))
    mkdocs_build(config)

    blog: Any = config.plugins["material/blog"]
    excerpts = [post.excerpt for post in blog.blog.posts]
    assert excerpts
    assert all(excerpt is not None for excerpt in excerpts)
    assert all(excerpt.md.lines == [] for excerpt in excerpts)
    assert all(excerpt.md.htmlStash.rawHtmlBlocks == [] for excerpt in excerpts)
    assert same_tree(site / "site", plain / "site")
