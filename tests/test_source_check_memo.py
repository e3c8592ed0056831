"""The preview server checks again only the pages whose check read what a save changed.

Each page's source-check findings are kept with the record fields the check read
(``ReadMemo`` in ``modelpress/_internal/cache/memo.py``). These tests run real
MkDocs builds in one process, as ``modelpress serve`` does, and hold the kept
findings to what a fresh check of the edited site reports.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench import corpus

from modelpress._internal.cache.memo import Remembered
from modelpress._internal.cache.store import _read_mapping
from modelpress._internal.mkdocs_plugins.checks import SOURCE_CHECKS
from tests.support.site import lenient, rebuild_in_process, replace_once

POSTS = Path("content/reviews/posts")
CLAIM = "Borealis 1 scores 56.9% on GPQA Diamond."
"""A sentence stating a record's value (``borealis-1``'s first GPQA Diamond score)."""
NEAR_MISS = "Solvene"
"""A word no name resembles, until the org ``quillon`` is renamed ``Solvane``."""


class WarmSite:
    """A generated site rebuilt in this process with the plugins of its first build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = 0

    def rebuild(self) -> list[str]:
        """Build; the source checks' lines it logged (``content/…: severity: … [code]``)."""
        _, messages = rebuild_in_process(self.root / "mkdocs.yml", first=self.builds == 0)
        self.builds += 1
        return [message for message in messages if message.startswith("content/")]

    def edit(self, path: Path, old: str, new: str) -> None:
        replace_once(self.root / path, old, new)

    def last_review(self) -> Path:
        return sorted((self.root / POSTS).glob("*.md"))[-1].relative_to(self.root)


def build_in_a_new_process(root: Path) -> tuple[int, int, str]:
    """``mkdocs build -v`` in its own process: the pages its source checks checked, the
    pages whose kept findings it used, and its log."""
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-f", "mkdocs.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    counts = re.search(r"source checks: (\d+) pages checked, (\d+) unchanged", run.stderr)
    assert counts is not None, run.stderr
    return int(counts.group(1)), int(counts.group(2)), run.stderr


@pytest.fixture(scope="module")
def base_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = corpus.generate(tmp_path_factory.mktemp("checkmemo") / "site", posts=4, seed=5).root
    lenient(root)
    # The last review (checked after the others have built the run's shared name
    # indexes) states a record's value and has a word that is no name yet.
    review = sorted((root / POSTS).glob("*.md"))[-1]
    text = review.read_text(encoding="utf-8")
    added = f"\n\n{CLAIM} We also asked {NEAR_MISS} about it.\n"
    review.write_text(text.replace("\n## ", added + "\n## ", 1), encoding="utf-8")
    return root


@pytest.fixture
def warm(base_site: Path, tmp_path: Path) -> Iterator[WarmSite]:
    root = tmp_path / "site"
    shutil.copytree(base_site, root)
    previous = Path.cwd()
    os.chdir(root)  # the diagnostics' paths are relative to the site, as in serve
    try:
        yield WarmSite(root)
    finally:
        os.chdir(previous)


def fresh_findings(site: WarmSite) -> list[str]:
    """What a check of every page from scratch reports: a build without the cache
    plugin's recording tables keys every page on the whole catalog, unseen so far."""
    os.environ["MODELPRESS_NO_CACHE"] = "1"
    try:
        return site.rebuild()
    finally:
        del os.environ["MODELPRESS_NO_CACHE"]


def codes(lines: list[str], code: str) -> list[str]:
    return [line for line in lines if line.endswith(f"[{code}]")]


def test_a_score_the_prose_states_reports_the_claim_on_the_next_build(warm: WarmSite) -> None:
    review = warm.last_review().as_posix()
    first = warm.rebuild()
    assert not codes(first, "claim-mismatch")
    pages = SOURCE_CHECKS.computed
    assert pages > 5
    warm.rebuild()
    assert (SOURCE_CHECKS.computed, SOURCE_CHECKS.reused) == (0, pages)

    warm.edit(Path("data/releases/borealis-1.yaml"), "score: 56.9", "score: 61.2")
    found = warm.rebuild()

    claims = codes(found, "claim-mismatch")
    assert len(claims) == 1, found
    assert claims[0].startswith(review)
    assert "'56.9% on GPQA Diamond'" in claims[0]
    assert "is 61.2%" in claims[0]
    # Only the pages whose check read that score (or all of the record) ran again.
    assert 1 <= SOURCE_CHECKS.computed < pages
    assert sorted(found) == sorted(fresh_findings(warm))


def test_a_field_no_check_reads_checks_no_page_again(warm: WarmSite) -> None:
    warm.rebuild()
    pages = SOURCE_CHECKS.computed
    # No prose, binding or chart of the corpus states juniper-1's context window.
    record = Path("data/releases/juniper-1.yaml")
    window = re.search(r"context_window:\n  value: (\d+)", (warm.root / record).read_text())
    assert window is not None
    warm.edit(record, f"value: {window.group(1)}", f"value: {int(window.group(1)) + 4096}")
    found = warm.rebuild()

    assert (SOURCE_CHECKS.computed, SOURCE_CHECKS.reused) == (0, pages)
    assert sorted(found) == sorted(fresh_findings(warm))
    # The counter counts: a page's own edit checks that page again, and only it.
    warm.rebuild()  # after the fresh check, which kept its findings by other keys
    warm.edit(warm.last_review(), CLAIM, CLAIM + " It is quick.")
    warm.rebuild()
    assert (SOURCE_CHECKS.computed, SOURCE_CHECKS.reused) == (1, pages - 1)


def test_a_name_an_index_shared_by_every_page_was_built_from_reaches_a_later_page(
    warm: WarmSite,
) -> None:
    """The spelling check's index of names is built by the first review and reused by
    the others: each page depends on the org names it was built from, not just the first."""
    review = warm.last_review().as_posix()
    assert not [line for line in warm.rebuild() if NEAR_MISS in line]

    warm.edit(Path("data/orgs.yaml"), "name: Quillon", "name: Solvane")
    found = warm.rebuild()

    misses = codes(found, "misspelled-name")
    assert [line for line in misses if NEAR_MISS in line and line.startswith(review)], found
    assert sorted(found) == sorted(fresh_findings(warm))


def test_findings_kept_on_disk_are_checked_against_their_reads_by_a_new_process(
    warm: WarmSite,
) -> None:
    """``modelpress serve`` started again restores the findings the last build kept in
    the cache folder, each with its reads: a score edited in between is reported."""
    review = warm.last_review().as_posix()
    warm.rebuild()
    pages = SOURCE_CHECKS.computed
    warm.edit(Path("data/releases/borealis-1.yaml"), "score: 56.9", "score: 61.2")

    checked, unchanged, log = build_in_a_new_process(warm.root)

    assert 1 <= checked < pages
    assert checked + unchanged == pages
    claims = [line for line in log.splitlines() if line.endswith("[claim-mismatch]")]
    assert len(claims) == 1, log
    assert f"{review}:" in claims[0]


def test_the_server_writes_its_later_findings_to_disk_when_it_stops(warm: WarmSite) -> None:
    """After its first build the preview server keeps the findings on disk only when it
    stops (at 2,000 reviews they are 11 MB, which every save would rewrite); the next
    process then starts from the findings of the server's last build."""
    config_file = warm.root / "mkdocs.yml"
    rebuild_in_process(config_file, first=True)
    (kept,) = (warm.root / ".cache" / "modelpress" / "build").glob("*/source-checks.pickle")
    first = kept.read_bytes()
    warm.edit(warm.last_review(), CLAIM, f"{CLAIM} Reviewers agreed.")
    config, _ = rebuild_in_process(config_file, first=False)
    assert SOURCE_CHECKS.computed == 1
    assert kept.read_bytes() == first

    config.plugins["modelpress/cache"].on_shutdown()

    assert kept.read_bytes() != first
    checked, _, log = build_in_a_new_process(warm.root)
    assert checked == 0, log


def test_the_reads_every_page_shares_are_kept_once_in_memory_and_on_disk(
    warm: WarmSite,
) -> None:
    """Every review's check reads the name of every release (the spelling and mention
    checks match against them): those reads are one object for all pages, in this
    process and in the file a new process restores them from, not a copy per page (at
    2,000 reviews the copies took 394 MB once read back)."""

    def release_names(kept: dict[str, object]) -> list[dict[str, str]]:
        return [
            group
            for result in kept.values()
            if isinstance(result, Remembered)
            for group in result.reads
            if all(read.startswith("releases\x00") and read.endswith("\x00name") for read in group)
        ]

    warm.rebuild()
    reviews = len(list((warm.root / POSTS).glob("*.md")))
    in_memory = release_names(SOURCE_CHECKS.export())
    (kept,) = (warm.root / ".cache" / "modelpress" / "build").glob("*/source-checks.pickle")
    on_disk = release_names(_read_mapping(kept))

    assert len(in_memory) >= reviews
    assert len({id(group) for group in in_memory}) == 1
    assert len(on_disk) == len(in_memory)
    assert len({id(group) for group in on_disk}) == 1
    assert on_disk[0] == in_memory[0]
