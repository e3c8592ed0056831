"""The import section of ``make bench``: a 1,000-post Substack export imported into a site.

The export is generated here, deterministically from a seed, in the shape of
Substack's "Export your data" archive (``posts.csv`` and
``posts/<id>.<slug>.html``), from template sentences written for the benchmark:
paragraphs with footnote anchors and footnotes, captioned images, a heading with
Substack's anchor chrome, a subscribe widget, a YouTube embed and a tweet, and
model names of the demo's records. ``modelpress import`` then runs on the zip,
in a fresh process each round, into the posts folder of a copy of the demo site
(so the site's checks run on every post, as they do for a writer); the posts
are removed between rounds. It runs with ``--jobs 1``, so the figure is what one
core does (a second worker process only adds to it on an idle machine). The
figure is posts per second of wall clock and of CPU time, against a target of 50.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.site import copy_demo

from bench.timing import Samples, Timing, interleave, run_timed

__all__ = ["TARGET_POSTS_PER_S", "generate_export", "run_import_section"]

TARGET_POSTS_PER_S = 50.0
POSTS = 1000

_SUBJECTS = ("Orion-2", "Nova-3", "the new open model", "the lab's flagship", "the mini model")
_MODELS = ("o3", "GPT-4.5", "Kimi K2", "Grok 4", "DeepSeek-R1", "Claude 3.7 Sonnet")
_SENTENCES = (
    "{s} leads two of the four charts its lab chose to show, and trails {m} on the rest.",
    "We ran {s} on our own prompts for a week and compared it with {m}.",
    "The price list came a day after the launch, which is becoming a pattern.",
    "On long documents {s} holds up better than {m}, but it is slower to answer.",
    "The plan costs $300/month, ten times the basic tier, a 10X jump for a small gain.",
    "Nobody outside the lab has confirmed the 2.4T parameter count yet.",
    "Its scores on coding tasks moved less than the chart suggests.",
    "{m} remains the model to beat on the hardest reasoning sets.",
)
_NOTES = (
    'The other charts were added to the <a href="https://example.org/evals">evaluation page</a> '
    "later.",
    'The figure comes from the lab\'s <a href="https://example.org/card">model card</a>.',
    "We asked the lab for the missing numbers and have had no answer.",
)


def _paragraph(rng: random.Random, footnote: int | None) -> str:
    sentences = [
        rng.choice(_SENTENCES).format(s=rng.choice(_SUBJECTS), m=rng.choice(_MODELS))
        for _ in range(rng.randint(4, 7))
    ]
    text = " ".join(sentences)
    if footnote is not None:
        text += (
            f'<a class="footnote-anchor" data-component-name="FootnoteAnchorToDOM" '
            f'id="footnote-anchor-{footnote}" href="#footnote-{footnote}" '
            f'target="_self">{footnote}</a>'
        )
    return f"<p>{text}</p>"


def _post_html(rng: random.Random, number: int) -> str:
    image = (
        "https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto/"
        f"https%3A%2F%2Fexample-bucket.s3.amazonaws.com%2Fpublic%2Fimages%2Fbench{number}_1200x600.png"
    )
    parts = [
        '<div class="captioned-image-container"><figure><a class="image-link image2" '
        f'href="{image}"><div class="image2-inset"><picture><img src="{image}" alt="" '
        'width="1200" height="600"></picture><div class="image-link-expand"><svg></svg></div>'
        '</div></a><figcaption class="image-caption">Scores from the <a '
        'href="https://example.org/launch">launch page</a>.</figcaption></figure></div>'
    ]
    notes = rng.randint(2, 5)
    paragraphs = rng.randint(12, 18)
    anchored = set(rng.sample(range(paragraphs), notes))
    footnote = 0
    for index in range(paragraphs):
        if index == paragraphs // 2:
            parts.append(
                '<h2 class="header-with-anchor-widget">What the numbers say<div '
                'class="header-anchor-parent"><div class="header-anchor-widget"><button>Link'
                "</button></div></div></h2>"
            )
            parts.append(
                '<div class="subscription-widget-wrap-editor"><div class="subscription-widget">'
                '<p class="cta-caption">Thanks for reading! Subscribe for free.</p><form>'
                '<input type="email"><input type="submit" value="Subscribe"></form></div></div>'
            )
        if index in anchored:
            footnote += 1
            parts.append(_paragraph(rng, footnote))
        else:
            parts.append(_paragraph(rng, None))
    if number % 3 == 0:
        parts.append(
            '<div class="youtube-wrap" data-attrs="{&quot;videoId&quot;:&quot;AAAAAAAAAAC&quot;,'
            '&quot;startTime&quot;:null}"><div class="youtube-inner"><iframe '
            'src="https://www.youtube-nocookie.com/embed/AAAAAAAAAAC"></iframe></div></div>'
        )
    if number % 4 == 0:
        parts.append(
            '<div class="tweet" data-attrs="{&quot;url&quot;:&quot;https://x.com/examplelab/'
            f"status/{1000000000000000000 + number}&quot;,&quot;full_text&quot;:&quot;"
            "The model is live for every developer today.&quot;,&quot;username&quot;:&quot;"
            'examplelab&quot;,&quot;name&quot;:&quot;Example Lab&quot;}"></div>'
        )
    for n in range(1, footnote + 1):
        parts.append(
            f'<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-{n}" '
            f'href="#footnote-anchor-{n}" class="footnote-number" contenteditable="false" '
            f'target="_self">{n}</a><div class="footnote-content"><p>{rng.choice(_NOTES)}</p>'
            "</div></div>"
        )
    return "\n".join(parts)


def generate_export(destination: Path, *, posts: int = POSTS, seed: int = 1) -> Path:
    """Write a Substack-style export zip of ``posts`` posts to ``destination``."""
    rng = random.Random(seed)
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(
        ["post_id", "post_date", "is_published", "email_sent_at", "type", "audience", "title",
         "subtitle"]
    )  # fmt: skip
    start = dt.datetime(2021, 1, 4, 13, 0, tzinfo=dt.UTC)
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(posts):
            slug = f"review-{number:04d}-{rng.choice(_SUBJECTS).lower().replace(' ', '-')}"
            slug = slug.replace("'", "")
            post_id = f"{180000000 + number}.{slug}"
            date = (start + dt.timedelta(days=number)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            published = number % 25 != 0
            writer.writerow(
                [post_id, date if published else "", str(published).lower(),
                 date if published else "", "newsletter",
                 "only_paid" if number % 7 == 0 else "everyone",
                 f"Review {number}: what the launch showed",
                 "A week with the model, and what the charts left out"]
            )  # fmt: skip
            archive.writestr(f"posts/{post_id}.html", _post_html(rng, number))
        archive.writestr("posts.csv", rows.getvalue())
    return destination


def run_import_section(
    work: Path, *, rounds: int, warmup: int, seed: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Time ``modelpress import`` of the generated export; the section's figures."""
    site = copy_demo(work / "import-site")
    export = generate_export(work / "substack-export.zip", seed=seed)
    posts_dir = site / "content" / "reviews" / "posts"
    demo_posts = {p.name for p in posts_dir.iterdir()}

    def clear() -> None:
        for path in posts_dir.iterdir():
            if path.name not in demo_posts and path.is_file():
                path.unlink()

    def one() -> Timing:
        clear()
        return run_timed(["-m", "modelpress", "import", str(export), "--jobs", "1"], site)

    log(f"import: {POSTS} posts from a generated Substack export ({export.stat().st_size:,} bytes)")
    timed = interleave({"import": one}, rounds=rounds, warmup=warmup, progress=log)
    written = sum(1 for p in posts_dir.glob("*.md") if p.name not in demo_posts)
    clear()
    result = timed["import"]
    section: dict[str, Any] = {
        "posts": POSTS,
        "written": written,
        "rounds": rounds,
        "warmup": warmup,
    }
    if isinstance(result, Samples):
        section["import"] = result.as_dict()
        section["posts_per_s"] = round(POSTS / result.median, 1)
        cpu = result.as_dict().get("cpu_median_s")
        if cpu:
            section["posts_per_cpu_s"] = round(POSTS / cpu, 1)
    else:
        section["error"] = str(result)
    return section


def target(section: dict[str, Any]) -> dict[str, Any]:
    """The issue's target, judged on CPU time like the build targets (the machine is shared,
    and other jobs stretch the wall clock of whatever runs at that moment)."""
    rate = section.get("posts_per_cpu_s") or section.get("posts_per_s")
    wall = section.get("posts_per_s")
    return {
        "id": "import-speed",
        "what": f"`modelpress import` of a {section.get('posts', POSTS):,}-post Substack export",
        "target": f"≥ {TARGET_POSTS_PER_S:.0f} posts/s",
        "measured": f"{rate:.0f} posts/s" if isinstance(rate, int | float) else "not available",
        "met": rate >= TARGET_POSTS_PER_S if isinstance(rate, int | float) else None,
        "note": f"CPU time; wall clock {wall:.0f} posts/s" if isinstance(wall, int | float) else "",
    }


def page_lines(section: dict[str, Any], measured: str) -> list[str]:
    """The section of the Performance page; ``measured`` says when and how it was measured."""
    lines = [
        "",
        "## Import",
        "",
        measured,
        "",
        "`modelpress import` of a generated Substack export (`bench/importing.py`: "
        f"{section.get('posts', POSTS):,} posts of",
        "about 1,270 words, each with footnotes, a captioned image, Substack's heading and",
        "subscribe chrome, some with a YouTube embed or a tweet) into a copy of the demo site,",
        "in a fresh process per round, one worker (`--jobs 1`: what one core does); the",
        "site's source checks run on every post.",
        "",
    ]
    if "import" in section:
        entry = section["import"]
        lines += [
            "| posts | written | wall clock (median) | CPU (median) | posts/s | posts/CPU-s |",
            "|---|---|---|---|---|---|",
            f"| {section['posts']:,} | {section.get('written', '—'):,} | {entry['median_s']:.2f} s "
            f"| {entry.get('cpu_median_s', 0):.2f} s | {section.get('posts_per_s', '—')} "
            f"| {section.get('posts_per_cpu_s', '—')} |",
        ]
    if "error" in section:
        lines += [
            "",
            "This section failed on its last run:",
            "",
            "```text",
            section["error"],
            "```",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python bench/importing.py OUT.zip``: write the generated export, to look at it."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate_export(args.out, posts=args.posts, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
