"""Incremental rebuilds write exactly what a clean build of the same files writes.

A small generated site is built once; then each example restores it, applies a
few random edits (a review's body inside or after its excerpt, its title, its
date, a value in a release record, a new review, a deleted one) and rebuilds it
in the same process with the same plugin instances, as ``modelpress serve`` does
after a save. The result must be byte-identical to a clean build, without any
cache, of the same files in a fresh process. Restoring the site between examples
is itself an edit, so every example also checks the way back.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import hashlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bench import corpus
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelpress._internal.cache.digest import digest
from modelpress._internal.cache.store import CacheEntry
from modelpress._internal.mkdocs_plugins.cache import CachePlugin
from modelpress._internal.mkdocs_plugins.excerpts import ExcerptMemo
from tests.support.site import clean_env, lenient, rebuild_in_process

pytestmark = pytest.mark.e2e

PARTS = ("mkdocs.yml", "content", "data", "site_overrides")
POSTS = Path("content") / "reviews" / "posts"


@dataclass
class WarmSite:
    base: Path
    root: Path
    builds: int = 0
    excerpts: ExcerptMemo | None = None
    """The excerpts the last rebuild kept, and how many it converted and reused."""

    def restore(self) -> None:
        for part in ("content", "data"):
            shutil.rmtree(self.root / part)
            shutil.copytree(self.base / part, self.root / part)

    def rebuild(self) -> str:
        """Build in this process with the plugins of the previous build; the log."""
        config, lines = rebuild_in_process(self.root / "mkdocs.yml", first=self.builds == 0)
        self.builds += 1
        cache = config.plugins["modelpress/cache"]
        assert isinstance(cache, CachePlugin)
        self.excerpts = cache.excerpts
        return "\n".join(lines)


@pytest.fixture(scope="module")
def warm_site(tmp_path_factory: pytest.TempPathFactory) -> WarmSite:
    work = tmp_path_factory.mktemp("incremental")
    generated = corpus.generate(work / "base", posts=10, seed=7)
    lenient(generated.root)
    cite_in_excerpts(generated.root)
    bind_in_excerpt(generated.root)
    show_front_page(generated.root, HOME_POSTS)
    site = WarmSite(generated.root, work / "warm")
    site.root.mkdir()
    for part in PARTS:
        source = site.base / part
        if source.is_dir():
            shutil.copytree(source, site.root / part)
        else:
            shutil.copy2(source, site.root / part)
    site.rebuild()
    return site


def clean_build(site: WarmSite, into: Path) -> Path:
    """The same files built from scratch, without any cache, by a new process."""
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    for part in PARTS:
        source = site.root / part
        if source.is_dir():
            shutil.copytree(source, into / part)
        else:
            shutil.copy2(source, into / part)
    env = clean_env() | {"MODELPRESS_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=into,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return into / "site"


def differences(left: Path, right: Path) -> list[str]:
    """Files only on one side or with different bytes, as paths relative to the roots."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"only in incremental: {prefix}{n}" for n in compared.left_only)
        found.extend(f"only in clean: {prefix}{n}" for n in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        found.extend(f"differs: {prefix}{n}" for n in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


# -- the edits ----------------------------------------------------------------------------

CITED = 3
"""The first reviews cite a footnote and a reference link in their excerpt, both defined
after ``<!-- more -->`` (Material converts the whole post for an excerpt)."""


def _posts(root: Path) -> list[Path]:
    return sorted((root / POSTS).glob("*.md"))


HOME_POSTS = 4
"""The home page is the newsletter's front page and shows the 4 newest of the 10 reviews:
an edit can change what it shows, or (to an older review) leave it as it was."""


def show_front_page(root: Path, home_posts: int) -> None:
    (root / "content" / "index.md").write_text(
        "---\ntemplate: home.html\n---\n\n# Bench corpus\n", encoding="utf-8"
    )
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "- modelpress/reviews\n" in text
    config.write_text(
        text.replace(
            "- modelpress/reviews\n", f"- modelpress/reviews:\n    home_posts: {home_posts}\n"
        ),
        encoding="utf-8",
    )


def cite_in_excerpts(root: Path) -> None:
    """A footnote reference in an excerpt is numbered by how often Material converted that
    excerpt before (``fnref:lead``, ``fnref2:lead``…): each view that shows the review
    shows a different one, whichever views a rebuild renders."""
    for post in _posts(root)[:CITED]:
        text = post.read_text(encoding="utf-8")
        text = text.replace(
            "<!-- more -->",
            "A sourced claim[^lead], as [the notes][notes] say.\n\n<!-- more -->",
            1,
        )
        text += (
            "\n[^lead]: The lead note, [example.org](https://example.org/lead).\n"
            "\n[notes]: https://example.org/notes\n"
        )
        post.write_text(text, encoding="utf-8")


def edit_reference(root: Path, pick: int, word: str) -> None:
    """Change only a definition after ``<!-- more -->``: the excerpt's link changes."""
    post = _posts(root)[pick % CITED]
    text = post.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^\[notes\]: .*$", f"[notes]: https://example.org/{word}", text, count=1)
    post.write_text(text, encoding="utf-8")


def edit_length(root: Path, pick: int, words: int) -> None:
    """Add ``words`` words after ``<!-- more -->``: the read time the listings show changes
    (or not), the excerpt does not."""
    post = _posts(root)[pick % len(_posts(root))]
    text = post.read_text(encoding="utf-8")
    marker = "<!-- more -->"
    at = text.index(marker) + len(marker)
    added = " ".join(["more"] * words)
    post.write_text(text[:at] + f"\n\n{added}.\n" + text[at:], encoding="utf-8")


def edit_word_after_more(root: Path, pick: int) -> None:
    """Swap one word for another after ``<!-- more -->``: neither the excerpt nor the read
    time changes."""
    post = _posts(root)[pick % len(_posts(root))]
    text = post.read_text(encoding="utf-8")
    heading = text.index("\n## ", text.index("<!-- more -->"))
    word = re.compile(r"\w+").search(text, text.index("\n\n", heading + 1))
    assert word is not None
    post.write_text(text[: word.start()] + "swapped" + text[word.end() :], encoding="utf-8")


def edit_body(root: Path, pick: int, in_excerpt: bool, word: str) -> None:
    post = _posts(root)[pick % len(_posts(root))]
    text = post.read_text(encoding="utf-8")
    marker = "<!-- more -->"
    sentence = f"An edited sentence about {word}.\n\n"
    at = text.index(marker) if in_excerpt else text.index(marker) + len(marker) + 2
    post.write_text(text[:at] + sentence + text[at:], encoding="utf-8")


def edit_title(root: Path, pick: int, word: str) -> None:
    post = _posts(root)[pick % len(_posts(root))]
    text = post.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", f"title: A title about {word}", text, count=1)
    post.write_text(text, encoding="utf-8")


def edit_date(root: Path, pick: int, day: dt.date) -> None:
    post = _posts(root)[pick % len(_posts(root))]
    text = post.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  created: .*$", f"  created: {day.isoformat()}", text, count=1)
    post.write_text(text, encoding="utf-8")


def edit_record(root: Path, pick: int, value: int) -> None:
    records = sorted((root / "data" / "releases").glob("*.yaml"))
    record = records[pick % len(records)]
    text = record.read_text(encoding="utf-8")
    text = re.sub(r"(context_window:\n  value: )\d+", rf"\g<1>{value}", text, count=1)
    record.write_text(text, encoding="utf-8")


BOUND = 3
"""The review whose excerpt binds record values and draws a timeline (all releases by
date): listings show them, so a record edit must reach them through the review."""


def _records(root: Path) -> list[Path]:
    return sorted((root / "data" / "releases").glob("*.yaml"))


def bind_in_excerpt(root: Path) -> None:
    post = _posts(root)[BOUND]
    release = _records(root)[0].stem
    text = post.read_text(encoding="utf-8")
    bound = (
        f"It reads {{{{ {release}.context_window }}}} of context at "
        f"{{{{ {release}.price.input }}}} in, released {{{{ {release}.released }}}}.\n\n"
        "```chart\ntype: timeline\ntitle: Every release by date\n```\n\n"
    )
    post.write_text(text.replace("<!-- more -->", bound + "<!-- more -->", 1), encoding="utf-8")


def _edit_release(root: Path, pick: int, pattern: str, replacement: str) -> None:
    record = _records(root)[pick % len(_records(root))]
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(pattern, replacement, text, count=1), encoding="utf-8")


def edit_score(root: Path, pick: int, value: float) -> None:
    """A release's first benchmark score (models strips, charts, model pages show it)."""
    _edit_release(root, pick, r"(?m)^(  score: )[\d.]+$", rf"\g<1>{value:.1f}")


def edit_price(root: Path, pick: int, value: float) -> None:
    """A release's first API input price (strips, bindings, model pages)."""
    _edit_release(root, pick, r"(?m)^(    input: )[\d.]+$", rf"\g<1>{value:.2f}")


def edit_release_date(root: Path, pick: int, days: int) -> None:
    """A release's ``released`` date, ``days`` after its announcement: the catalog's
    order, the timeline and every page that lists releases by date follow."""
    record = _records(root)[pick % len(_records(root))]
    text = record.read_text(encoding="utf-8")
    announced = re.search(r"(?m)^announced: (?:&\w+ )?(\d{4}-\d\d-\d\d)$", text)
    if announced is None:
        return
    day = dt.date.fromisoformat(announced.group(1)) + dt.timedelta(days=days)
    text = re.sub(r"(?m)^(released: (?:&\w+ )?).*$", rf"\g<1>{day.isoformat()}", text, count=1)
    record.write_text(text, encoding="utf-8")


def edit_name(root: Path, pick: int, word: str) -> None:
    """A release's display name (the names that link reviews' mentions change)."""
    _edit_release(root, pick, r"(?m)^(name: .*)$", rf"\g<1> {word.capitalize()}")


def edit_alias(root: Path, pick: int, word: str) -> None:
    """One more alias for a release."""
    _edit_release(root, pick, r"(?m)^(aliases:)$", rf"\g<1>\n- {word.capitalize()}-{pick}")


def add_post(root: Path, pick: int, number: int) -> None:
    source = _posts(root)[pick % len(_posts(root))]
    text = source.read_text(encoding="utf-8")
    slug = f"added-{number}"
    text = re.sub(r"(?m)^slug: .*$", f"slug: {slug}", text, count=1)
    text = re.sub(r"(?m)^title: .*$", f"title: An added review {number}", text, count=1)
    (root / POSTS / f"{slug}.md").write_text(text, encoding="utf-8")


def delete_post(root: Path, pick: int) -> None:
    """Delete a review no other review links to (a link to it would fail the build)."""
    posts = _posts(root)
    texts = {p: p.read_text(encoding="utf-8") for p in posts}
    free = [p for p in posts if not any(f"({p.name}" in t for q, t in texts.items() if q != p)]
    if free:
        free[pick % len(free)].unlink()


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)
PICK = st.integers(0, 99)
EDITS = st.one_of(
    st.builds(lambda p, e, w: ("body", p, e, w), PICK, st.booleans(), WORDS),
    st.builds(lambda p, w: ("title", p, w), PICK, WORDS),
    st.builds(lambda p, w: ("reference", p, w), PICK, WORDS),
    st.builds(lambda p, n: ("length", p, n), PICK, st.integers(1, 900)),
    st.builds(
        lambda p, d: ("date", p, d),
        PICK,
        st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2025, 6, 30)),
    ),
    st.builds(lambda p, v: ("record", p, v), PICK, st.integers(1000, 2_000_000)),
    st.builds(lambda p, v: ("score", p, v), PICK, st.floats(0, 100)),
    st.builds(lambda p, v: ("price", p, v), PICK, st.floats(0, 100)),
    st.builds(lambda p, d: ("released", p, d), PICK, st.integers(0, 700)),
    st.builds(lambda p, w: ("name", p, w), PICK, WORDS),
    st.builds(lambda p, w: ("alias", p, w), PICK, WORDS),
    st.builds(lambda p, n: ("new", p, n), PICK, st.integers(0, 9999)),
    st.builds(lambda p: ("delete", p), PICK),
)


def apply(root: Path, edit: tuple[object, ...]) -> None:
    kind, *args = edit
    actions = {
        "body": edit_body,
        "title": edit_title,
        "reference": edit_reference,
        "length": edit_length,
        "date": edit_date,
        "record": edit_record,
        "score": edit_score,
        "price": edit_price,
        "released": edit_release_date,
        "name": edit_name,
        "alias": edit_alias,
        "new": add_post,
        "delete": delete_post,
    }
    actions[str(kind)](root, *args)  # type: ignore[operator]


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(edits=st.lists(EDITS, min_size=1, max_size=3))
def test_incremental_rebuild_is_byte_identical_to_a_clean_build(
    warm_site: WarmSite, edits: list[tuple[object, ...]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    warm_site.restore()
    for edit in edits:
        apply(warm_site.root, edit)
    log = warm_site.rebuild()
    clean = clean_build(warm_site, warm_site.root.parent / "clean")
    assert differences(warm_site.root / "site", clean) == [], (edits, log)


def test_an_unchanged_rebuild_renders_nothing_and_an_edit_renders_only_its_pages(
    warm_site: WarmSite,
) -> None:
    """Guards the point of it all: pages not touched by a change are not rendered again."""
    warm_site.restore()
    warm_site.rebuild()
    log = warm_site.rebuild()
    match = re.search(r"modelpress: (\d+) of (\d+) pages from the build cache, 0 rendered", log)
    assert match is not None, log
    edit_body(warm_site.root, 0, in_excerpt=True, word="tracking")
    log = warm_site.rebuild()
    match = re.search(r"modelpress: (\d+) of (\d+) pages from the build cache, (\d+) rendered", log)
    assert match is not None, log
    # The review, the listings that show its excerpt and the home page. Never the whole site.
    assert 1 < int(match.group(3)) < int(match.group(2)) // 2, log


def rendered(log: str) -> int:
    match = re.search(r"modelpress: \d+ of \d+ pages from the build cache, (\d+) rendered", log)
    assert match is not None, log
    return int(match.group(1))


def test_a_body_edit_renders_the_listings_only_if_what_they_show_changed(
    warm_site: WarmSite,
) -> None:
    """A save after ``<!-- more -->`` renders the review alone; when the excerpt (here by a
    reference defined after the marker) or the read time changes, the listings follow.
    Each result is the clean build's."""
    root = warm_site.root
    warm_site.restore()
    warm_site.rebuild()
    clean = root.parent / "clean"
    edit_word_after_more(root, 1)
    assert rendered(log := warm_site.rebuild()) == 1, log
    assert differences(root / "site", clean_build(warm_site, clean)) == []
    edit_reference(root, 1, "moved")
    assert rendered(log := warm_site.rebuild()) > 2, log
    assert differences(root / "site", clean_build(warm_site, clean)) == []
    edit_length(root, 1, 900)  # four more minutes
    assert rendered(log := warm_site.rebuild()) > 2, log
    assert differences(root / "site", clean_build(warm_site, clean)) == []


def front_page_titles(site: Path) -> list[str]:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [a.get_text() for a in soup.select(".mp-front__headline a, .mp-front__item h3 a")]


def test_the_front_page_is_rendered_only_for_the_reviews_it_shows(warm_site: WarmSite) -> None:
    """It shows the newest ``HOME_POSTS`` reviews: a title edit to an older review leaves
    it alone; one to a review it shows, or a date that moves a review onto it, renders
    it. Each result is the clean build's."""
    root = warm_site.root
    warm_site.restore()
    warm_site.rebuild()
    home = root / "site" / "index.html"
    shown = front_page_titles(root / "site")
    assert len(shown) == HOME_POSTS
    titles = {
        re.search(r"(?m)^title: (.*)$", p.read_text(encoding="utf-8")).group(1): n  # type: ignore[union-attr]
        for n, p in enumerate(_posts(root))
    }
    older = next(n for title, n in titles.items() if title.strip("'\"") not in shown)
    newer = next(n for title, n in titles.items() if title.strip("'\"") in shown)
    clean = root.parent / "clean"

    written = home.stat().st_ctime_ns
    edit_title(root, older, "an older review")
    warm_site.rebuild()
    assert home.stat().st_ctime_ns == written  # not written again: not rendered
    assert differences(root / "site", clean_build(warm_site, clean)) == []

    edit_title(root, newer, "a shown review")
    warm_site.rebuild()
    assert "A title about a shown review" in front_page_titles(root / "site")
    assert differences(root / "site", clean_build(warm_site, clean)) == []

    edit_date(root, older, dt.date(2025, 6, 30))  # after every generated review
    warm_site.rebuild()
    assert front_page_titles(root / "site")[0] == "A title about an older review"
    assert differences(root / "site", clean_build(warm_site, clean)) == []


def listings_showing(site: Path, text: str, own_page: Path) -> list[Path]:
    """The blog's listing pages whose HTML holds ``text`` (the review's own page aside)."""
    return [
        page
        for page in sorted((site / "reviews").rglob("index.html"))
        if page != own_page and text in page.read_text(encoding="utf-8")
    ]


def test_listings_rendered_again_reuse_the_other_reviews_excerpts(warm_site: WarmSite) -> None:
    """A title edit renders every listing that shows the review; the excerpts of the other
    reviews on them are the last build's conversions, not converted again, and each
    page is still the clean build's. A record edit that changes the chart drawn in an
    excerpt (every release by date) converts that excerpt again."""
    root = warm_site.root
    warm_site.restore()
    warm_site.rebuild()
    clean = root.parent / "clean"
    plain = CITED + 1  # no footnote in its excerpt: its conversions are kept
    edit_title(root, plain, "kept excerpts")
    log = warm_site.rebuild()
    site = clean_build(warm_site, clean)
    assert differences(root / "site", site) == [], log
    slug = re.search(r"(?m)^slug: (.*)$", _posts(root)[plain].read_text(encoding="utf-8"))
    assert slug is not None
    listings = listings_showing(
        site, "A title about kept excerpts", site / "reviews" / slug.group(1) / "index.html"
    )
    assert len(listings) >= 2
    memo = warm_site.excerpts
    assert memo is not None
    # One conversion per listing for the edited review (its check, then its render,
    # share it); every other excerpt on those listings without footnotes is reused.
    assert memo.converted <= len(listings) + CITED * len(listings), log
    assert memo.reused >= len(listings), log

    # The publisher of a release's dates source: the timeline drawn in review BOUND's
    # excerpt names it; no review's Markdown, and no name the whole site uses, holds it.
    _edit_release(root, 1, r"(?m)^(    publisher: ).*$", r"\g<1>An Edited Publisher")
    log = warm_site.rebuild()
    assert differences(root / "site", clean_build(warm_site, clean)) == [], log
    assert "An Edited Publisher" in (root / "site" / "reviews" / "index.html").read_text("utf-8")
    assert memo.converted >= 1, log
    assert memo.reused >= 1, log


def set_front(post: Path, categories: list[str], year: int) -> None:
    text = post.read_text(encoding="utf-8")
    listed = "".join(f"- {name}\n" for name in categories)
    text = re.sub(r"(?m)^categories:\n(?:- .*\n)+", f"categories:\n{listed}", text, count=1)
    text = re.sub(r"(?m)^(  created: )\d{4}", rf"\g<1>{year}", text, count=1)
    post.write_text(text, encoding="utf-8")


def test_a_listing_rendered_alone_numbers_footnotes_as_a_clean_build(warm_site: WarmSite) -> None:
    """Material converts a review's excerpt once per view that shows it, and the footnote
    references in it are numbered by how often it was converted before (``fnref4:lead``
    on its fourth view). Only one of those views renders here (another review in it
    changed); it must still show the fourth conversion."""
    root = warm_site.root
    warm_site.restore()
    cited, other = _posts(root)[0], _posts(root)[CITED + 1]
    set_front(cited, ["Benchmarks", "Pricing", "Safety"], 2023)
    set_front(other, ["Safety"], 2025)
    warm_site.rebuild()
    edit_body(root, CITED + 1, in_excerpt=True, word="numbering")
    log = warm_site.rebuild()
    clean = clean_build(warm_site, root.parent / "clean")
    assert differences(root / "site", clean) == [], log
    safety = (clean / "reviews" / "category" / "safety" / "index.html").read_text("utf-8")
    assert 'id="fnref4:lead"' in safety  # the case this test is for


def test_a_new_mistake_in_an_unchanged_site_is_still_reported(warm_site: WarmSite) -> None:
    """The source checks keep each page's findings between rebuilds: a page whose text
    changed is checked again, so a mistake made in a save stops the rebuild."""
    from mkdocs.exceptions import Abort

    warm_site.restore()
    warm_site.rebuild()
    post = _posts(warm_site.root)[1]
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("<!-- more -->", "Cited[^nowhere].\n\n<!-- more -->", 1))
    with pytest.raises(Abort):
        warm_site.rebuild()
    post.write_text(text, encoding="utf-8")
    assert "Aborted" not in warm_site.rebuild()


def test_replayed_payloads_are_reused_unchanged_and_the_index_is_written_at_shutdown(
    warm_site: WarmSite,
) -> None:
    """The preview server replays a page from the payload object its last build replayed
    (not unpickled again), so no build may change one: after saves of every kind, each
    kept payload still equals its blob on disk. The index is written at the first build
    and when the server stops, not at every save."""
    root = warm_site.root
    warm_site.restore()
    warm_site.rebuild()
    config, _ = rebuild_in_process(root / "mkdocs.yml", first=False)
    plugin = config.plugins["modelpress/cache"]
    assert isinstance(plugin, CachePlugin)
    assert plugin.replayed is not None
    before = dict(plugin.replayed)
    assert len(before) > 10
    index = next(root.glob(".cache/modelpress/build/*/index.pickle"))
    written = index.stat().st_mtime_ns
    edit_body(root, 2, in_excerpt=True, word="payload")
    edit_title(root, 3, "Kept")
    edit_record(root, 0, 123)
    warm_site.rebuild()
    last = plugin.last
    assert last is not None
    reused = [
        d.payload
        for d in last.decisions.values()
        if d.entry is not None and before.get(d.entry.payload) is d.payload
    ]
    assert len(reused) > 10  # the same objects, not copies
    assert plugin.replayed
    for name, payload in plugin.replayed.items():
        stored = last.unpickle(entry_named(name))
        assert stored is not None
        for record, blob in ((payload.populate, stored.populate), (payload.build, stored.build)):
            for field, value in vars(record).items():
                assert value == getattr(blob, field), (name, field)
    # Each source read is kept by the hash of the very bytes it was made from.
    assert plugin.sources_read is not None
    for post in _posts(root)[:4]:
        data = post.read_bytes()
        source, _ = plugin.sources_read[hashlib.sha256(data).digest()]
        assert source == digest(data)
    assert index.stat().st_mtime_ns == written
    assert plugin.unsaved
    plugin.on_shutdown()
    assert index.stat().st_mtime_ns != written
    assert not plugin.unsaved


def entry_named(name: str) -> CacheEntry:
    """An entry that names only a payload blob (to read it as the cache would)."""
    return CacheEntry(fingerprint="", reads={}, payload=name, output="", output_size=0)
