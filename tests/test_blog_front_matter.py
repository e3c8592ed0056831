"""Material's blog in ``modelpress serve``: unchanged posts are not read or parsed again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from material.plugins.blog import plugin as blog_plugin
from material.plugins.blog import structure
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils import copy_file

from modelpress._internal.mkdocs_plugins import blogmeta
from modelpress._internal.mkdocs_plugins.blogmeta import (
    _ORIGINAL_FORMAT_DATE,
    _ORIGINAL_POST_INIT,
    KeptCopies,
    KeptDates,
    KeptFrontMatter,
    KeptPosts,
    copy_plain,
    keep_blog_front_matter,
    keep_blog_posts,
)
from tests.support.site import REPO

FRONT = "title: A review\ndate: 2025-01-02\ncategories: [Reviews]\n"


@pytest.fixture
def kept() -> KeptFrontMatter:
    return KeptFrontMatter(yaml)


def test_an_unchanged_front_matter_gives_an_equal_mapping_that_is_not_shared(
    kept: KeptFrontMatter,
) -> None:
    first = kept.load(FRONT, yaml.SafeLoader)
    first["categories"].append("Written by the build")
    kept.next_build()
    again = kept.load(FRONT, yaml.SafeLoader)
    assert again == {"title": "A review", "date": dt.date(2025, 1, 2), "categories": ["Reviews"]}
    assert again is not first


def test_a_front_matter_that_does_not_parse_raises_every_time(kept: KeptFrontMatter) -> None:
    for _ in range(2):
        with pytest.raises(yaml.YAMLError):
            kept.load("title: [unclosed\n", yaml.SafeLoader)


def test_parses_not_used_by_the_last_two_builds_are_let_go(kept: KeptFrontMatter) -> None:
    kept.load(FRONT, yaml.SafeLoader)
    kept.next_build()
    kept.next_build()
    assert kept.load(FRONT.replace("A review", "B"), yaml.SafeLoader)["title"] == "B"
    assert len(kept) == 1


def test_only_serve_installs_it_and_a_build_puts_pyyaml_back() -> None:
    keep_blog_front_matter(True)
    installed: object = structure.yaml
    assert isinstance(installed, KeptFrontMatter)
    keep_blog_front_matter(False)
    restored: object = structure.yaml
    assert restored is yaml


def post_state(post: Any) -> dict[str, Any]:
    """Everything ``Post.__init__`` leaves on a post, comparable across builds."""
    state = {name: value for name, value in vars(post).items() if name not in ("file", "config")}
    state["file"] = (post.file.src_uri, post.file.url, post.file.page is post)
    state["config"] = (type(post.config), dict(post.config), post.config.config_file_path)
    return state


def test_an_unchanged_post_is_restored_as_material_would_initialise_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "site_overrides", site / "site_overrides")
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    config = load_config(config_file=str(site / "mkdocs.yml"))
    sources = sorted((site / "content" / "reviews" / "posts").glob("*.md"))
    assert len(sources) >= 5

    def post_of(source: Path, init: Any) -> Any:
        src_uri = source.relative_to(site / "content").as_posix()
        file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        post = structure.Post.__new__(structure.Post)
        init(post, file, config)
        return post

    kept = KeptPosts()
    first = [post_of(source, kept.init) for source in sources]
    kept.next_build()
    for post in first:  # what a build does to its posts must not reach the next build
        post.meta["hide"].append("written by the build")
        post.config.draft = True
        post.config.categories.append("Written by the build")
        post.authors.append("someone")
    again = [post_of(source, kept.init) for source in sources]
    assert kept.restored == len(sources)
    fresh = [post_of(source, _ORIGINAL_POST_INIT) for source in sources]
    for restored, made, earlier in zip(again, fresh, first, strict=True):
        assert post_state(restored) == post_state(made)
        assert restored.meta is not earlier.meta
        assert restored.config.data is not earlier.config.data
        assert restored.config.date is not earlier.config.date

    kept.next_build()
    edited = sources[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = post_of(edited, kept.init)
    assert kept.restored == 0, "a changed file is read again"
    assert changed.markdown.endswith("One more line.\n")
    assert post_state(changed) == post_state(post_of(edited, _ORIGINAL_POST_INIT))


def test_only_serve_installs_the_kept_posts_and_copies() -> None:
    keep_blog_posts(True)
    assert structure.Post.__init__ is not _ORIGINAL_POST_INIT
    assert blog_plugin.copy_file is not copy_file
    assert blog_plugin.BlogPlugin._format_date is not _ORIGINAL_FORMAT_DATE
    keep_blog_posts(False)
    assert structure.Post.__init__ is _ORIGINAL_POST_INIT
    assert blog_plugin.copy_file is copy_file
    assert blog_plugin.BlogPlugin._format_date is _ORIGINAL_FORMAT_DATE


class _Theme(dict[str, str]):
    pass


class _Config:
    def __init__(self, language: str) -> None:
        self.theme = _Theme(language=language)


def test_kept_dates_are_babels_own_for_each_date_zone_pattern_and_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Equal instants in other zones, naive and aware dates, named and explicit patterns,
    two locales: each answer is Babel's, and asked again it comes from the memo."""
    plugin = blog_plugin.BlogPlugin()
    kept = KeptDates()
    moment = dt.datetime(2025, 3, 30, 23, 30, tzinfo=dt.UTC)
    dates = [
        moment,
        moment.astimezone(dt.timezone(dt.timedelta(hours=2))),
        moment.replace(tzinfo=None),
        dt.datetime(2025, 3, 30, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    ]
    patterns = ("long", "yyyy/MM/dd", "yyyy-MM-dd HH:mm z", "MMMM yyyy")
    configs = [_Config("en"), _Config("de")]
    expected = {
        (i, pattern, c.theme["language"]): _ORIGINAL_FORMAT_DATE(plugin, date, pattern, c)
        for i, date in enumerate(dates)
        for pattern in patterns
        for c in configs
    }
    for (i, pattern, language), answer in expected.items():
        assert kept.format(plugin, dates[i], pattern, _Config(language)) == answer
    monkeypatch.setattr(blogmeta, "_ORIGINAL_FORMAT_DATE", None)  # no second call to Babel
    for (i, pattern, language), answer in expected.items():
        assert kept.format(plugin, dates[i], pattern, _Config(language)) == answer
    shown = {expected[i, "yyyy-MM-dd HH:mm z", "en"] for i in range(len(dates))}
    assert shown == {"2025-03-30 23:30 UTC", "2025-03-31 01:30 +0200", "2025-03-30 23:30 -0500"}
    assert expected[0, "long", "de"] != expected[0, "long", "en"]


def test_front_matter_copies_are_deep_copies_that_share_nothing() -> None:
    parsed = yaml.safe_load(
        "title: A review\ndate: 2025-01-02\nmodels: [grok-4, grok-3]\n"
        "sources:\n  - {url: 'https://example.com', seen: 2025-01-03 10:00:00}\n"
    )
    copied = copy_plain(parsed)
    assert copied == parsed
    assert copied["models"] is not parsed["models"]
    assert copied["sources"][0] is not parsed["sources"][0]
    aliased = yaml.safe_load("a: &shared [1, 2]\nb: *shared\n")
    again = copy_plain(aliased)
    assert again == aliased
    assert again["a"] is again["b"], "shared as deepcopy shares it"
    assert again["a"] is not aliased["a"]


def test_a_listing_copy_that_is_already_there_is_not_written_again(tmp_path: Path) -> None:
    source, output = tmp_path / "index.md", tmp_path / "temp" / "page" / "2.md"
    source.write_text("# Blog\n", encoding="utf-8")
    copies = KeptCopies()
    copies.copy(str(source), str(output))
    assert output.read_text(encoding="utf-8") == "# Blog\n"
    os.utime(output, ns=(1_000_000_000, 1_000_000_000))
    copies.next_build()
    copies.copy(str(source), str(output))
    assert output.stat().st_mtime_ns == 1_000_000_000, "the same bytes: not written"
    source.write_text("# Reviews\n", encoding="utf-8")
    copies.next_build()
    copies.copy(str(source), str(output))
    assert output.read_text(encoding="utf-8") == "# Reviews\n"
