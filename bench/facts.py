"""What the facts-in-prose checks and rendering cost per review, on the bench corpus.

``python bench/facts.py [--posts 500] [--rounds 5]`` generates the synthetic site of
``bench/corpus.py``, parses every review once (the checks share that parse in a real
run), then times, in this process and in CPU seconds:

- ``check``: :func:`modelpress._internal.facts.check.check_facts` on every review (bindings,
  misspelled names, unlisted models, claims), as ``modelpress check`` and the build
  run it;
- ``render``: what the records plugin's ``on_page_markdown`` does to each review
  (bound values and model links).

The first round includes building the name indexes and loading wordfreq's list;
the median of the rounds is the figure. Target (issue 12): at most 3 ms per review
added to ``modelpress check`` and the build.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import modelpress._internal.checks  # the CLI's import order
from bench import corpus
from bench.report import target_row
from modelpress._internal.checks import CheckContext
from modelpress._internal.content import iter_markdown_pages
from modelpress._internal.facts.bound import render_bindings
from modelpress._internal.facts.check import check_facts
from modelpress._internal.facts.mentions import link_replacements, mention_index
from modelpress._internal.pages.urls import md_link, release_uri
from modelpress._internal.records import load_catalog
from modelpress._internal.siteconfig import read_site_config

assert modelpress._internal.checks


def measure(site_dir: Path, rounds: int) -> dict[str, object]:
    site = read_site_config(site_dir / "mkdocs.yml")
    catalog, _ = load_catalog(site.data_dir, root=site.root)
    pages = list(iter_markdown_pages(site.docs_dir, site.root))
    reviews = [p for p in pages if "/posts/" in p.src_uri]
    context = CheckContext.for_site(site, catalog, [p.src_uri for p in pages])
    for page in reviews:
        assert page.tokens is not None  # parse once, as the checks share the parse
    memo: dict[str, object] = {}
    check_ms: list[float] = []
    render_ms: list[float] = []
    found: dict[str, int] = {}
    for _ in range(rounds):
        start = time.process_time()
        problems = [d for page in reviews for d in check_facts(page, context)]
        check_ms.append((time.process_time() - start) * 1000 / len(reviews))
        start = time.process_time()
        for page in reviews:

            def target(release: str, uri: str = page.src_uri) -> str:
                return str(md_link(uri, release_uri(release)))

            extra = link_replacements(page.body, page.tokens, mention_index(catalog, memo), target)
            render_bindings(page.body, page.tokens, catalog, extra=extra)
        render_ms.append((time.process_time() - start) * 1000 / len(reviews))
        found = {}
        for problem in problems:
            found[problem.code] = found.get(problem.code, 0) + 1
    return {
        "reviews": len(reviews),
        "check_ms_per_review": round(statistics.median(check_ms), 2),
        "check_ms_first_round": round(check_ms[0], 2),
        "render_ms_per_review": round(statistics.median(render_ms), 2),
        "diagnostics": found,
        "target_ms_per_review": 3,
    }


TARGET_MS_PER_REVIEW = 3.0


def run_facts_section(work: Path, *, posts: int, rounds: int) -> dict[str, Any]:
    """The ``facts`` section of ``make bench``: :func:`measure` on a generated corpus."""
    site = work / f"facts-{posts}"
    if not site.exists():
        corpus.generate(site, posts=posts)
    rounds = max(rounds, 3)
    return {**measure(site, rounds), "rounds": rounds, "warmup": 0}


def target(section: dict[str, Any]) -> dict[str, Any]:
    """Issue 12's target: the checks and the rendering together add at most 3 ms a review
    to a build (a build runs both; ``modelpress check`` runs only the checks)."""
    check = section.get("check_ms_per_review")
    render = section.get("render_ms_per_review")
    added = check + render if isinstance(check, float) and isinstance(render, float) else None
    return target_row(
        "facts-cost",
        f"facts in prose on {section.get('reviews', 0):,} reviews (CPU per review)",
        f"≤ {TARGET_MS_PER_REVIEW:g} ms",
        f"{added:.1f} ms" if added is not None else None,
        added <= TARGET_MS_PER_REVIEW if added is not None else None,
        f"checks {check} ms (all `modelpress check` adds), rendering {render} ms",
    )


def page_lines(section: dict[str, Any], measured: str) -> list[str]:
    """The section of the Performance page; ``measured`` says when and how it was measured."""
    return [
        "",
        "## Facts in prose",
        "",
        measured,
        "",
        "CPU per review on the bench corpus (`bench/facts.py`), median of the rounds; the",
        "first round also builds the name indexes and loads wordfreq's word list:",
        "",
        "| reviews | checks (bindings, names, claims) | rendering (values, model links) "
        "| together | first round, checks |",
        "|---|---|---|---|---|",
        f"| {section.get('reviews', 0):,} | {section.get('check_ms_per_review')} ms "
        f"| {section.get('render_ms_per_review')} ms "
        f"| {target(section)['measured']} | {section.get('check_ms_first_round')} ms |",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="modelpress-facts-") as tmp:
        site = Path(tmp) / "site"
        corpus.generate(site, posts=args.posts)
        print(json.dumps(measure(site, args.rounds), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
