"""Misspelled names: warnings at file:line:col, silenced by ignore lists; the same matcher
gives records' "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest

import modelpress._internal.checks  # noqa: F401  (loads the packages in the order the CLI does)
from modelpress._internal.diagnostics import did_you_mean
from modelpress._internal.facts.spelling import _CONFUSION, NameIndex, _confusion_spans
from modelpress._internal.records import Catalog, load_catalog
from tests.support.site import REPO, copy_demo, run_mkdocs, run_modelpress

REVIEW = """---
title: "Names"
date: 2025-08-20
authors: [mara]
categories: [xAI]
models: [grok-4, qwen2.5-max]
slug: names
---

Gwen 2.5 Max and Grock 4 were compared on Amy 2025 and on sbench.

`Grock` in code, [a link to Gwen](https://example.org/Grock) and https://example.org/Gemni
are not prose. Groq, Gemma, Queen, GPT-4.1, o3, K2, 10X, #1 and 2 days are fine.
"""

PATH = "content/reviews/posts/names.md"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(REPO / "data", root=REPO)
    assert not problems
    return loaded


def write(tmp_path: Path, text: str) -> Path:
    root = copy_demo(tmp_path / "site")
    (root / PATH).write_text(text, encoding="utf-8")
    return root


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "misspelled-name" in line]


def test_check_warns_at_each_near_miss_with_its_suggestion(tmp_path: Path) -> None:
    done = run_modelpress(write(tmp_path, REVIEW), "check")
    assert done.returncode == 1
    suffix = "if it is meant [misspelled-name]"
    hint = "; fix it, or list the word under 'modelpress_ignore_words:' "
    assert warnings(done.stdout) == [
        f"{PATH}:10:1: warning: 'Gwen' looks like a misspelling of 'Qwen'{hint}{suffix}",
        f"{PATH}:10:18: warning: 'Grock' looks like a misspelling of 'Grok'{hint}{suffix}",
        f"{PATH}:10:43: warning: 'Amy' looks like a misspelling of 'AIME'{hint}{suffix}",
        f"{PATH}:10:59: warning: 'sbench' looks like a misspelling of 'SWE-bench'{hint}{suffix}",
        f"{PATH}:12:29: warning: 'Gwen' looks like a misspelling of 'Qwen'{hint}{suffix}",
    ]


def test_front_matter_and_site_lists_silence_deliberate_spellings(tmp_path: Path) -> None:
    text = REVIEW.replace("slug: names", "slug: names\nmodelpress_ignore_words: [Gwen, sbench]")
    root = write(tmp_path, text)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - modelpress/checks:\n", "  - modelpress/checks:\n      ignore_words: [Grock, Amy]\n"
        ),
        encoding="utf-8",
    )
    done = run_modelpress(root, "check")
    assert warnings(done.stdout) == []
    assert done.returncode == 0, done.stdout
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output


def test_the_build_fails_strict_on_a_misspelling(tmp_path: Path) -> None:
    built = run_mkdocs(write(tmp_path, REVIEW))
    assert built.returncode != 0
    assert f"{PATH}:10:18: warning: 'Grock' looks like a misspelling of 'Grok'" in built.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cluade 3.7 Sonnet and Gemni 2.5 Pro", [("Cluade", "Claude"), ("Gemni", "Gemini")]),
        (
            "Antrhopic, OpenIA and Google DeepMnd",
            [("Antrhopic", "Anthropic"), ("OpenIA", "OpenAI"), ("DeepMnd", "DeepMind")],
        ),
        (
            "LiveCodeBnech and MMLU-Por",
            [("LiveCodeBnech", "LiveCodeBench"), ("MMLU-Por", "MMLU-Pro")],
        ),
        ("Grok 4 Fast, GPT-4o mini, Qwen3, Claude 4 and Llama 3.1 are other models", []),
        ("The Queen, our aim, Amy the editor and the cloud", []),
    ],
)
def test_matcher(text: str, expected: list[tuple[str, str]], catalog: Catalog) -> None:
    assert [(m.word, m.suggestion) for m in NameIndex(catalog).scan(text)] == expected


def test_records_suggest_through_the_same_matcher(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "releases").mkdir(parents=True)
    (data / "benchmarks.yaml").write_text(
        (REPO / "data/benchmarks.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (data / "orgs.yaml").write_text(
        (REPO / "data/orgs.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (data / "releases/x.yaml").write_text(
        "id: x\nname: X\norg: xai\nstatus: released\n"
        "sources: {s: {url: 'https://x.ai/', title: X}}\n"
        "benchmarks:\n  - {benchmark: sbench, score: 1, reported_by: vendor, source: s}\n",
        encoding="utf-8",
    )
    _, problems = load_catalog(data, root=tmp_path)
    messages = [p.format() for p in problems]
    assert any(
        "data/releases/x.yaml:7:17: error: unknown benchmark 'sbench' (did you mean "
        "'swe-bench-verified'?)" in m
        for m in messages
    ), messages
    assert did_you_mean("Grock", ["grok-4", "gpt-4o"]) == " (did you mean 'grok-4'?)"


@pytest.mark.parametrize(
    "text",
    [
        "Grock and gwen, SWEE  BENCH and s\nbench",
        "xGrock.Grock-Grock _gwen gwen_ 2gwen lama3 Lama 3",  # refused starts, then a match
        "s-bench s bench sbench S-Bench",
        "ſbench Grocꓘ \u212aimmy kimmy",  # non-ASCII: re.I's Unicode case folding
        "",
    ],
)
def test_confusion_spans_are_the_case_insensitive_regexs_matches(text: str) -> None:
    """The fast path (lowercased ASCII, look-behind checked by hand) finds exactly what
    ``_CONFUSION.finditer`` finds, so speeding it up changed no verdict."""
    assert list(_confusion_spans(text)) == [m.span() for m in _CONFUSION.finditer(text)]
