"""The built-site check with the last check's memo gives what a full check gives.

The preview server rewrites the whole site after a save and checks it again with
the memo (:mod:`modelpress._internal.checks.builtmemo`), which resolves the
links of a page again only when its HTML, the files its links probed, or the ids
of the pages its fragments point into changed. A state machine makes random
edits to a small site written as MkDocs writes one (add or remove a link, an
id, a file, a page; other settings) and after each one compares the memo's
answer with a fresh full check, line for line. The named cases below pin the
dependencies a memo could get wrong, and that the memo is used at all.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from mkdocs.commands.build import build
from mkdocs.config import load_config

from modelpress._internal.checks import check_built_site
from modelpress._internal.checks.builtmemo import PREVIEW_MEMO, BuiltCheckMemo

PAGES = ["index.html", "a.html", "b/index.html", "b/c.html", "d/index.html", "search/x.html"]
"""Where pages may be: directory URLs, plain ``.html`` ones, one in a folder the check skips."""
FILES = ["img/x.png", "b/data.json", "feed.xml", "d/index.html.bak"]
IDS = ["top", "sec", "fn:1", "café"]
URLS = [
    "a.html",
    "a.html#sec",
    "a.html#fn:1",
    "b/",
    "b/#top",
    "b/c.html#sec",
    "../a.html#top",
    "../index.html#caf%C3%A9",
    "/b/",
    "/sub/b/#sec",
    "/sub/",
    "http://example.org/sub/a.html#top",
    "#top",
    "#fn:1",
    "#",
    "",
    "?q=1#sec",
    ".",
    "img/x.png",
    "/img/x.png#top",
    "feed.xml",
    "b/data.json",
    "d/",
    "d/#café",
    "d/index.html.bak",
    "search/x.html#top",
    "missing.html",
    "javascript:alert(1)",
    "https://other.example/#sec",
]
SITE_URLS = [None, "http://example.org/sub/", "http://example.org/"]
IGNORED: list[tuple[str, ...]] = [(), (r"^b/",), (r"sec$",)]


@dataclass
class Page:
    ids: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    words: int = 0
    """Text that changes the HTML but neither its links nor its ids."""

    def html(self) -> str:
        body = [f'<h2 id="{name}">{name}</h2>' for name in self.ids]
        body += [f'<p>x <a href="{url}">link</a></p>' for url in self.links]
        body += ["<p>word</p>"] * self.words
        return "<!doctype html>\n<html><body>\n" + "\n".join(body) + "\n</body></html>\n"


def write_site(site: Path, pages: dict[str, Page], files: set[str]) -> None:
    """Clean the folder and write everything, as every MkDocs build does."""
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    for name, page in pages.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.html(), encoding="utf-8")
    for name in files:
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"data")


def report(
    site: Path,
    memo: BuiltCheckMemo | None,
    site_url: str | None = None,
    ignored: tuple[str, ...] = (),
) -> list[str]:
    patterns = [re.compile(p) for p in ignored]
    return [
        d.format()
        for d in check_built_site(site, site_url=site_url, ignore_urls=patterns, memo=memo)
    ]


class EditedSite(RuleBasedStateMachine):
    """A site edited step by step; after each step the memo's report must equal a full one."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="incremental-check-"))
        self.site = self.folder / "site"
        self.pages: dict[str, Page] = {}
        self.files: set[str] = set()
        self.site_url: str | None = None
        self.ignored: tuple[str, ...] = ()
        self.memo = BuiltCheckMemo()

    @initialize(
        names=st.sets(st.sampled_from(PAGES), min_size=1),
        links=st.lists(st.sampled_from(URLS), max_size=6),
        ids=st.lists(st.sampled_from(IDS), max_size=3),
    )
    def start(self, names: set[str], links: list[str], ids: list[str]) -> None:
        for name in sorted(names):
            self.pages[name] = Page(list(ids), list(links))

    @precondition(lambda self: self.pages)
    @rule(data=st.data(), url=st.sampled_from(URLS))
    def add_link(self, data: st.DataObject, url: str) -> None:
        page = self.pages[data.draw(st.sampled_from(sorted(self.pages)))]
        page.links.insert(data.draw(st.integers(0, len(page.links))), url)

    @precondition(lambda self: any(p.links for p in self.pages.values()))
    @rule(data=st.data())
    def remove_link(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(n for n, p in self.pages.items() if p.links)))
        links = self.pages[name].links
        del links[data.draw(st.integers(0, len(links) - 1))]

    @precondition(lambda self: self.pages)
    @rule(data=st.data(), name=st.sampled_from(IDS))
    def add_id(self, data: st.DataObject, name: str) -> None:
        self.pages[data.draw(st.sampled_from(sorted(self.pages)))].ids.append(name)

    @precondition(lambda self: any(p.ids for p in self.pages.values()))
    @rule(data=st.data())
    def remove_id(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(n for n, p in self.pages.items() if p.ids)))
        ids = self.pages[name].ids
        del ids[data.draw(st.integers(0, len(ids) - 1))]

    @precondition(lambda self: self.pages)
    @rule(data=st.data())
    def edit_text(self, data: st.DataObject) -> None:
        self.pages[data.draw(st.sampled_from(sorted(self.pages)))].words += 1

    @rule(name=st.sampled_from(PAGES), links=st.lists(st.sampled_from(URLS), max_size=4))
    def add_page(self, name: str, links: list[str]) -> None:
        self.pages.setdefault(name, Page(links=links))

    @precondition(lambda self: self.pages)
    @rule(data=st.data())
    def remove_page(self, data: st.DataObject) -> None:
        del self.pages[data.draw(st.sampled_from(sorted(self.pages)))]

    @rule(name=st.sampled_from(FILES))
    def add_file(self, name: str) -> None:
        self.files.add(name)

    @precondition(lambda self: self.files)
    @rule(data=st.data())
    def remove_file(self, data: st.DataObject) -> None:
        self.files.discard(data.draw(st.sampled_from(sorted(self.files))))

    @rule(site_url=st.sampled_from(SITE_URLS), ignored=st.sampled_from(IGNORED))
    def change_settings(self, site_url: str | None, ignored: tuple[str, ...]) -> None:
        self.site_url, self.ignored = site_url, ignored

    @invariant()
    def the_memo_reports_what_a_full_check_reports(self) -> None:
        write_site(self.site, self.pages, self.files)
        incremental = report(self.site, self.memo, self.site_url, self.ignored)
        assert incremental == report(self.site, None, self.site_url, self.ignored)

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


EditedSite.TestCase.settings = settings(max_examples=60, stateful_step_count=25)
test_random_edits_give_the_full_check_s_report = EditedSite.TestCase


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tmp_path / "site"


def test_a_target_losing_an_id_breaks_the_anchor_on_an_unchanged_page(site: Path) -> None:
    pages = {
        "index.html": Page(links=["a.html#sec"]),
        "a.html": Page(ids=["sec"]),
        "other.html": Page(links=["a.html", "index.html"]),
    }
    memo = BuiltCheckMemo()
    write_site(site, pages, set())
    assert report(site, memo) == []
    pages["a.html"].ids = []
    write_site(site, pages, set())
    assert report(site, memo) == [
        "site/index.html:3:9: error: 'a.html#sec': no element with id 'sec' on 'a.html'; "
        "link a heading that exists (headings get ids from their text) [broken-anchor]"
    ]
    # The page that changed and the one whose fragment pointed into it; not other.html,
    # which links a.html without a fragment.
    assert memo.rechecked == {"a.html", "index.html"}


def test_files_that_go_and_come_change_the_verdicts_of_unchanged_pages(site: Path) -> None:
    pages = {"index.html": Page(links=["img/x.png", "b/"]), "a.html": Page(links=["a.html"])}
    memo = BuiltCheckMemo()
    write_site(site, pages, {"img/x.png"})
    assert report(site, memo) == [
        "site/index.html:4:9: error: 'b/' points to no file in the built site; fix the link "
        "or add the page or file it points to [broken-link]"
    ]
    pages["b/index.html"] = Page()
    write_site(site, pages, set())
    assert report(site, memo) == [
        "site/index.html:3:9: error: 'img/x.png' points to no file in the built site; fix "
        "the link or add the page or file it points to [broken-link]"
    ]
    assert memo.rechecked == {"index.html", "b/index.html"}


def test_an_edit_that_keeps_links_and_ids_rechecks_only_that_page(site: Path) -> None:
    pages = {
        "index.html": Page(ids=["top"], links=["a.html#sec", "#top"]),
        "a.html": Page(ids=["sec"], links=["index.html#top", "index.html#gone"]),
    }
    memo = BuiltCheckMemo()
    write_site(site, pages, set())
    first = report(site, memo)
    assert len(first) == 1
    assert "'index.html#gone'" in first[0]
    pages["a.html"].words += 1
    write_site(site, pages, set())
    assert report(site, memo) == first
    assert memo.rechecked == {"a.html"}
    write_site(site, pages, set())
    assert report(site, memo) == first
    assert memo.rechecked == set()


def test_other_settings_check_every_page_again(site: Path) -> None:
    pages = {"index.html": Page(links=["/sub/a.html"]), "a.html": Page()}
    memo = BuiltCheckMemo()
    write_site(site, pages, set())
    assert len(report(site, memo)) == 1
    assert report(site, memo, site_url="http://example.org/sub/") == []
    assert memo.rechecked == {"index.html", "a.html"}
    assert report(site, memo, site_url="http://example.org/sub/", ignored=("a",)) == []
    assert memo.rechecked == {"index.html", "a.html"}


@pytest.mark.e2e
def test_a_warm_rebuild_reports_an_anchor_broken_by_another_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Two real MkDocs builds in one process, as ``modelpress serve`` runs them: the second
    uses the checks plugin's memo, and the unchanged home page's link into a page whose
    heading was renamed is reported."""
    (tmp_path / "data").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Mini\ndocs_dir: content\ntheme: mkdocs\n"
        "plugins:\n  - modelpress/records\n  - modelpress/checks\n",
        encoding="utf-8",
    )
    # Raw HTML: the source checks leave a URL-style link to the built-site check.
    (tmp_path / "content" / "index.md").write_text(
        '# Home\n\n<a href="a/#section">the section</a>\n', encoding="utf-8"
    )
    page = tmp_path / "content" / "a.md"
    page.write_text("# A\n\n## Section\n\nText.\n", encoding="utf-8")
    config_file = str(tmp_path / "mkdocs.yml")
    with caplog.at_level(logging.ERROR, logger="mkdocs"):
        build(load_config(config_file=config_file))
        assert caplog.messages == []
        page.write_text("# A\n\n## Renamed\n\nText.\n", encoding="utf-8")
        build(load_config(config_file=config_file))
    assert caplog.messages == [
        "content/index.md:3:10: error: 'a/#section': no element with id 'section' on "
        "'a/index.html'; link a heading that exists (headings get ids from their text) "
        "[broken-anchor]"
    ]
    assert PREVIEW_MEMO.rechecked == {"a/index.html", "index.html"}
