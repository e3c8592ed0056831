"""Precision and recall of the misspelled-name and claim checks on a labelled corpus.

False positives are the main risk of both checks (a warning on a correct sentence
fails a strict build), so the targets are precision ≥ 0.95 and recall ≥ 0.8 on
``tests/fixtures/prose/sentences.tsv`` (see its README for the format).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

import modelpress._internal.checks  # noqa: F401  (loads the packages in the order the CLI does)
from modelpress._internal.content import PAGE_CACHE
from modelpress._internal.facts.claims import ClaimIndex, find_claims
from modelpress._internal.facts.spelling import NameIndex
from modelpress._internal.records import Catalog, load_catalog
from tests.support.site import REPO

CORPUS = Path(__file__).parent / "fixtures/prose/sentences.tsv"
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.8


@dataclass
class Score:
    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_positives + len(self.false_positives)
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + len(self.false_negatives)
        return self.true_positives / expected if expected else 1.0


def read_corpus() -> list[tuple[set[str], str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        labels, sentence = line.split("\t", 1)
        rows.append(({x for x in labels.split(";") if x != "ok"}, sentence))
    return rows


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(REPO / "data", root=REPO)
    assert not problems
    return loaded


def score(catalog: Catalog) -> dict[str, Score]:
    names = NameIndex(catalog)
    claims = ClaimIndex(catalog)
    scores = {"misspelled": Score(), "claim": Score()}
    for expected, sentence in read_corpus():
        found = {f"misspelled:{m.word}" for m in names.scan(sentence)}
        tokens = PAGE_CACHE.tokens(sentence)
        found |= {f"claim:{c.field}" for c in find_claims(sentence, tokens, claims)}
        for kind, tally in scores.items():
            want = {x for x in expected if x.startswith(kind + ":")}
            got = {x for x in found if x.startswith(kind + ":")}
            tally.true_positives += len(want & got)
            tally.false_positives += [f"{x} in {sentence!r}" for x in sorted(got - want)]
            tally.false_negatives += [f"{x} in {sentence!r}" for x in sorted(want - got)]
    return scores


def test_the_corpus_is_big_enough() -> None:
    rows = read_corpus()
    assert len(rows) >= 150
    assert sum(1 for labels, _ in rows if not labels) >= 75  # as many clean sentences


@pytest.mark.parametrize("kind", ["misspelled", "claim"])
def test_precision_and_recall_meet_the_targets(kind: str, catalog: Catalog) -> None:
    tally = score(catalog)[kind]
    report = (
        f"{kind}: precision {tally.precision:.3f}, recall {tally.recall:.3f}\n"
        f"false positives: {tally.false_positives}\nfalse negatives: {tally.false_negatives}"
    )
    print(report)
    assert tally.precision >= TARGET_PRECISION, report
    assert tally.recall >= TARGET_RECALL, report
