"""A synthetic Modelpress site, deterministic from a seed, for timing builds at any size.

``generate(dest, posts=N, releases=M, seed=S)`` writes a complete site folder
(``mkdocs.yml``, ``content/``, ``data/``) whose reviews look like real ones in
the ways that cost build time: about 1,500 words, five footnotes, thirteen
links (to model pages, other reviews, headings and the web) and zero to three
chart fences each. ``modelpress=False`` writes the anchor a user would pick
instead: the same posts with the chart fences taken out, built by plain
mkdocs-material with the same theme features and the site's other plugins
(``search``, ``blog``, the RSS feed) but none of Modelpress's.

The Modelpress config is derived from the repository's own ``mkdocs.yml`` (its
theme, plugins and Markdown extensions), so the benchmark always measures the
site a writer actually gets, whichever plugins that is today. Records are
invented (fictional labs and models on example.org) so nothing here reads as
a claim about a real model.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CHART_FENCE",
    "Corpus",
    "dump_yaml",
    "generate",
    "plugin_entries",
    "read_config",
    "releases_for",
    "strip_chart_fences",
]

REPO = Path(__file__).resolve().parents[1]
CHART_FENCE = "```chart"
START = dt.date(2023, 1, 2)
SPAN_DAYS = 1000
CLAIMS = "claim-mismatch"
CATEGORIES = ("Releases", "Benchmarks", "Pricing", "Open weights", "Safety")
MODELPRESS_NAV: list[Any] = [
    {"Home": "index.md"},
    {"Reviews": ["reviews/index.md"]},
    {"Models": ["models/index.md"]},
    {"Timeline": "timeline.md"},
    {"Incidents": "incidents.md"},
]
PLAIN_NAV: list[Any] = [{"Home": "index.md"}, {"Reviews": ["reviews/index.md"]}]


def releases_for(posts: int) -> int:
    """How many release records a site with ``posts`` reviews has: one per ten, at least ten.

    Records grow with the archive, so whatever Modelpress does per record shows up
    in how its cost scales, not as a constant.
    """
    return max(10, posts // 10)


# --- the repository's mkdocs.yml, read and written back with its tags intact ---------------


@dataclass(frozen=True)
class _Tagged:
    """A YAML value with a tag MkDocs resolves (``!!python/name:``, ``!ENV``), kept verbatim."""

    tag: str
    value: Any


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    """An ``mkdocs.yml`` as data, its ``!!python/name:`` and ``!ENV`` tags kept for writing back."""
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: expected a mapping of settings")
    return loaded


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=100)


def plugin_entries(config: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, str):
            yield entry, {}
        elif isinstance(entry, dict):
            for name, options in entry.items():
                yield str(name), dict(options or {})


def _mentions_modelpress(value: Any) -> bool:
    return "modelpress" in repr(value)


def _without_modelpress(entry: dict[str, Any]) -> Any:
    """A Markdown extension's settings minus what Modelpress formats (a ``chart`` custom fence).

    Only the Modelpress items go: a site's other custom fences (Mermaid, say) cost the
    plain build the same as the Modelpress one, so they stay.
    """
    name, options = next(iter(entry.items()))
    kept: dict[str, Any] = {}
    for key, value in (options or {}).items():
        if isinstance(value, list):
            value = [item for item in value if not _mentions_modelpress(item)]
            if value:
                kept[key] = value
        elif not _mentions_modelpress(value):
            kept[key] = value
    return {name: kept} if kept else name


def site_config(
    repo: dict[str, Any], *, modelpress: bool, ignore_claims: bool = False
) -> dict[str, Any]:
    """The corpus's ``mkdocs.yml``: the repository's site, or the same minus Modelpress.

    The plain site keeps every plugin that is not Modelpress's (Material's ``search``
    and ``blog``, the RSS feed, …) and the same theme features, so the difference
    between the two builds is what Modelpress adds, not what the site chose to have.
    ``ignore_claims`` ignores the claim check's findings on the generated reviews (see
    below); tests that write a claim into a review leave it off.
    """
    theme = dict(repo.get("theme") or {"name": "material"})
    plugins: list[Any] = []
    for name, options in plugin_entries(repo):
        if not modelpress and name.startswith("modelpress"):
            continue
        if name == "blog":
            options["categories_allowed"] = list(CATEGORIES)
        if name == "modelpress/records":
            options["data_dir"] = "data"
        if name == "modelpress/checks" and ignore_claims:
            # The prose's random percentages sometimes follow a benchmark's name ("math
            # 30.1%") in a sentence that names a model, which the claim check rightly
            # reports against the records. It still runs and costs what it costs; its
            # findings on the generated reviews are ignored, so strict builds and
            # `modelpress check` measure the work, not a failure.
            ignored = dict(options.get("ignore_codes") or {})
            ignored["reviews/posts/*.md"] = [*ignored.get("reviews/posts/*.md", []), CLAIMS]
            options["ignore_codes"] = ignored
        plugins.append({name: options} if options else name)
    if not any(p == "blog" or (isinstance(p, dict) and "blog" in p) for p in plugins):
        plugins.append({"blog": {"blog_dir": "reviews", "categories_allowed": list(CATEGORIES)}})
    extensions: list[Any] = []
    for entry in repo.get("markdown_extensions") or []:
        if not modelpress and isinstance(entry, dict) and _mentions_modelpress(entry):
            extensions.append(_without_modelpress(entry))
            continue
        extensions.append(entry)
    config: dict[str, Any] = {
        "site_name": "Modelpress bench corpus",
        "site_url": repo.get("site_url") or "https://example.org/corpus/",
        "docs_dir": "content",
        "site_dir": "site",
        "strict": bool(repo.get("strict", False)) if modelpress else False,
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": extensions,
        "nav": MODELPRESS_NAV if modelpress else PLAIN_NAV,
    }
    if modelpress:
        for key in ("extra_css", "extra_javascript", "hooks", "extra", "watch"):
            if key in repo:
                config[key] = repo[key]
    else:
        theme.pop("custom_dir", None)
        # The posts link to model pages that only Modelpress generates; plain Material
        # would warn about each of them, which is noise here, not a difference in work.
        config["validation"] = {"links": {"not_found": "info"}}
    return config


# --- words -------------------------------------------------------------------------------

_WORDS = """
the model release benchmark score reasoning context window price tokens evaluation lab
launch api developers users chart number claim source paper vendor independent results
training compute data parameters mixture experts open weights license access plan tier
latency throughput quality coding math science questions answers leaderboard arena
votes rank previous successor family version mode tools search agent safety incident
policy prompt system behaviour review verdict week month year team blog post
announcement demo preview beta general availability cost input output cached discount
provider cloud enterprise consumer subscription app web chat voice image video audio
text multimodal better worse faster slower cheaper larger smaller stronger weaker
clearer noisier reported measured published confirmed rumoured disputed estimated
compared tested matched beat trailed led doubled halved improved regressed shipped
announced delayed which while because although however still only also even more less
most least many few several every each some none both either neither this that these
those its their our we they it is was are were has had does did can could would should
might must
""".split()  # noqa: SIM905 (words read better as a paragraph)
_HEADINGS = (
    "What shipped",
    "The headline numbers",
    "Pricing and access",
    "How it compares",
    "What the charts leave out",
    "Safety and incidents",
    "Context and memory",
    "Coding and tools",
    "Open questions",
    "Who should use it",
    "The verdict",
)
_SITES = (
    "https://arxiv.org/abs/{n}.{m:05d}",
    "https://example.org/blog/{slug}",
    "https://github.com/example-labs/{slug}",
    "https://huggingface.co/example-labs/{slug}",
    "https://news.example.com/{n}/{slug}",
    "https://docs.example.net/models/{slug}",
)
_LABS = (
    ("northwind", "Northwind Labs"),
    ("aperture", "Aperture AI"),
    ("halcyon", "Halcyon Research"),
    ("meridian", "Meridian Systems"),
    ("quillon", "Quillon"),
    ("tessera", "Tessera AI"),
    ("vantage", "Vantage Intelligence"),
    ("zephyr", "Zephyr Labs"),
)
_FAMILIES = (
    "atlas", "borealis", "cobalt", "dune", "ember", "fjord", "garnet", "helix",
    "iris", "juniper", "kestrel", "lumen", "mistral-x", "nimbus", "onyx", "pulsar",
    "quartz", "rune", "sable", "tundra", "umbra", "vesper", "willow", "zenith",
)  # fmt: skip
_BENCHMARKS = (
    ("gpqa", "GPQA Diamond", "https://arxiv.org/abs/2311.12022"),
    ("mmlu", "MMLU", "https://arxiv.org/abs/2009.03300"),
    ("mmlu-pro", "MMLU-Pro", "https://arxiv.org/abs/2406.01574"),
    ("math", "MATH", "https://arxiv.org/abs/2103.03874"),
    ("humaneval", "HumanEval", "https://arxiv.org/abs/2107.03374"),
    ("mmmu", "MMMU", "https://arxiv.org/abs/2311.16502"),
    ("mathvista", "MathVista", "https://arxiv.org/abs/2310.02255"),
    ("docvqa", "DocVQA", "https://arxiv.org/abs/2007.00398"),
    ("hle", "Humanity's Last Exam", "https://arxiv.org/abs/2501.14249"),
    ("livecodebench", "LiveCodeBench", "https://arxiv.org/abs/2403.07974"),
    ("aime-2025", "AIME 2025", "https://example.org/benchmarks/aime-2025"),
    ("swe-bench-verified", "SWE-bench Verified", "https://arxiv.org/abs/2310.06770"),
)
_CORE_BENCHMARKS = ("gpqa", "mmlu-pro", "math", "livecodebench")
"""Every synthetic release has these, so any chart of them has a bar for every model."""


def _sentence(rng: random.Random, extra: str = "") -> str:
    words = rng.choices(_WORDS, k=rng.randint(11, 22))
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), f"{rng.uniform(10, 95):.1f}%")
    if rng.random() < 0.15:
        at = rng.randrange(len(words))
        words[at] = f"**{words[at]}**"
    text = " ".join(words)
    return text[0].upper() + text[1:] + extra + "."


def _paragraph(rng: random.Random, inserts: Sequence[str] = ()) -> str:
    """Four to seven sentences; each insert (a link, a footnote marker) ends one of them."""
    count = max(rng.randint(4, 7), len(inserts))
    slots = sorted(rng.sample(range(count), len(inserts)))
    by_slot = dict(zip(slots, inserts, strict=True))
    return " ".join(_sentence(rng, by_slot.get(i, "")) for i in range(count))


def _slugify(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Release:
    id: str
    name: str
    org: str
    family: str
    date: dt.date
    predecessor: str | None


def _plan_releases(count: int) -> list[_Release]:
    releases = []
    step = SPAN_DAYS / count
    for index in range(count):
        family = _FAMILIES[index % len(_FAMILIES)]
        generation = index // len(_FAMILIES) + 1
        lab = _LABS[index % len(_LABS)][0]
        releases.append(
            _Release(
                id=f"{family}-{generation}",
                name=f"{family.replace('-', ' ').title()} {generation}",
                org=lab,
                family=family,
                date=START + dt.timedelta(days=int(index * step)),
                predecessor=f"{family}-{generation - 1}" if generation > 1 else None,
            )
        )
    return releases


def _release_record(release: _Release, rng: random.Random) -> dict[str, Any]:
    slug = release.id
    sources = {
        "launch": {
            "url": f"https://example.org/{release.org}/news/{slug}",
            "title": f"Introducing {release.name}",
            "published": release.date,
            "publisher": dict(_LABS)[release.org],
        },
        "review": {
            "url": f"https://news.example.com/reviews/{slug}",
            "title": f"{release.name}, tested",
            "published": release.date + dt.timedelta(days=rng.randint(2, 20)),
        },
        "prices": {
            "url": f"https://docs.example.net/pricing/{slug}",
            "title": f"{release.name} pricing",
        },
    }
    open_weights = rng.random() < 0.3
    extras = rng.sample([b[0] for b in _BENCHMARKS if b[0] not in _CORE_BENCHMARKS], 3)
    benchmarks: list[dict[str, Any]] = [
        {
            "benchmark": benchmark,
            "score": round(rng.uniform(20, 95), 1),
            "reported_by": rng.choice(("vendor", "vendor", "independent")),
            "setting": rng.choice(("0-shot", "5-shot", "CoT", "pass@1", "maj@8")),
            "source": "launch" if rng.random() < 0.7 else "review",
        }
        for benchmark in (*_CORE_BENCHMARKS, *extras)
    ]
    benchmarks[-1] = {
        "benchmark": benchmarks[-1]["benchmark"],
        "score": None,
        "why_empty": "named in the launch post, no number published",
        "reported_by": "vendor",
        "source": "launch",
    }
    record: dict[str, Any] = {
        "id": release.id,
        "name": release.name,
        "org": release.org,
        "family": release.family,
        "status": "released",
        "announced": release.date,
        "released": release.date + dt.timedelta(days=rng.choice((0, 0, 7, 14))),
        "dates_source": "launch",
    }
    if release.predecessor:
        record["predecessor"] = release.predecessor
    record |= {
        "aliases": [release.name.replace(" ", "-")],
        "summary": _paragraph(rng)[:600],
        "sources": sources,
        "weights": {"type": "open", "license": "Apache-2.0", "source": "launch"}
        if open_weights
        else {"type": "closed", "source": "launch"},
        "params": {
            "total": {
                "value": float(rng.choice((7, 13, 34, 70, 180, 400, 1000))) * 1e9,
                "status": "confirmed" if open_weights else rng.choice(("estimated", "rumored")),
                "source": "launch" if open_weights else "review",
            }
        },
        "context_window": {"value": rng.choice((32768, 131072, 200000, 1000000)),
                           "source": "launch"},
        "modalities": {"input": ["text", "image"], "output": ["text"], "source": "launch"},
        "pricing": {
            "api": [
                {
                    "provider": dict(_LABS)[release.org],
                    "input": round(rng.uniform(0.1, 15), 2),
                    "output": round(rng.uniform(0.4, 60), 2),
                    "as_of": release.date,
                    "source": "prices",
                }
            ]
        },
        "benchmarks": benchmarks,
        "arena": [
            {
                "board": "lmarena-text",
                "score": rng.randint(1100, 1450),
                "votes": rng.randint(2000, 40000),
                "as_of": release.date + dt.timedelta(days=30 * k + 20),
                "source": "review",
            }
            for k in range(rng.randint(1, 2))
        ],
        "availability": [
            {"channel": "api", "provider": dict(_LABS)[release.org], "status": "ga",
             "since": release.date, "source": "launch"},
        ],
    }  # fmt: skip
    return record


_INCIDENT_TITLES = ("leaked a system prompt", "gave unsafe advice", "misreported a benchmark")
_POST_TITLES = (
    "a closer look",
    "the numbers",
    "first impressions",
    "what changed",
    "priced to move",
    "benchmarks versus taste",
)


def _incident_record(index: int, releases: list[_Release], rng: random.Random) -> dict[str, Any]:
    involved = rng.sample(releases, min(len(releases), rng.randint(1, 2)))
    date = max(r.date for r in involved) + dt.timedelta(days=rng.randint(5, 60))
    return {
        "id": f"incident-{index:03d}",
        "date": date,
        "title": f"{involved[0].name} {rng.choice(_INCIDENT_TITLES)}",
        "summary": _paragraph(rng)[:800],
        "releases": [{"release": r.id, "role": "developer"} for r in involved],
        "sources": {
            "report": {
                "url": f"https://news.example.com/incidents/{index}",
                "title": f"Incident report {index}",
            }
        },
    }  # fmt: skip


def _registries() -> dict[str, str]:
    orgs = {"orgs": [{"id": i, "name": n, "url": f"https://example.org/{i}"} for i, n in _LABS]}
    benchmarks = {
        "benchmarks": [
            {"id": i, "name": n, "unit": "percent", "direction": "higher", "url": u}
            for i, n, u in _BENCHMARKS
        ]
    }
    return {"orgs.yaml": dump_yaml(orgs), "benchmarks.yaml": dump_yaml(benchmarks)}


# --- posts -----------------------------------------------------------------------------


@dataclass
class _Post:
    slug: str
    title: str
    date: dt.date
    headings: list[str]
    models: list[_Release]
    categories: list[str] = field(default_factory=list)


def _plan_posts(count: int, releases: list[_Release], rng: random.Random) -> list[_Post]:
    posts = []
    step = SPAN_DAYS / count
    for index in range(count):
        date = START + dt.timedelta(days=int(index * step) + 3)
        available = [r for r in releases if r.date <= date] or releases[:1]
        recent = available[-12:]
        models = rng.sample(recent, min(len(recent), rng.randint(1, 3)))
        lead = models[0]
        title = f"{lead.name}: {rng.choice(_POST_TITLES)}"
        posts.append(
            _Post(
                slug=f"review-{index + 1:05d}-{_slugify(lead.name)}",
                title=title,
                date=date,
                headings=rng.sample(_HEADINGS, 5),
                models=models,
                categories=rng.sample(CATEGORIES, rng.randint(1, 2)),
            )
        )  # fmt: skip
    return posts


def _chart_fence(post: _Post, releases: list[_Release], rng: random.Random) -> str:
    pool = [r for r in releases if r.date <= post.date] or releases
    models = list(dict.fromkeys([*post.models, *rng.sample(pool, min(len(pool), 3))]))[:4]
    benchmarks = rng.sample(_CORE_BENCHMARKS, rng.randint(2, 3))
    return "\n".join(
        [
            CHART_FENCE,
            "type: benchmarks",
            f"models: [{', '.join(r.id for r in models)}]",
            f"benchmarks: [{', '.join(benchmarks)}]",
            f"title: {post.models[0].name} against its peers",
            "```",
        ]
    )


def _external(rng: random.Random, slug: str) -> str:
    return rng.choice(_SITES).format(n=rng.randint(2301, 2512), m=rng.randint(1, 99999), slug=slug)


def _post_markdown(
    post: _Post,
    index: int,
    posts: list[_Post],
    releases: list[_Release],
    rng: random.Random,
    *,
    title_in_front_matter: bool,
) -> str:
    """About 1,500 words in five sections, 13 links, 5 footnotes and 0-3 charts."""
    earlier = posts[:index] or posts[index + 1 :] or [post]
    linked = [earlier[rng.randrange(len(earlier))] for _ in range(4)]
    model_links = [f" (see [{m.name}](../../models/{m.id}.md))" for m in post.models]
    while len(model_links) < 3:
        m = post.models[len(model_links) % len(post.models)]
        model_links.append(f", as the [{m.name} page](../../models/{m.id}.md) shows")
    inserts = [
        *model_links,
        *(f" ([{p.title}]({p.slug}.md))" for p in linked[:3]),
        f", as [that review argued]({linked[3].slug}.md#{_slugify(linked[3].headings[1])})",
        f" ([below](#{_slugify(post.headings[-1])}))",
        *(f"[^{n}]" for n in range(1, 6)),
    ]
    rng.shuffle(inserts)
    charts = rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
    chart_sections = set(rng.sample(range(5), charts))
    names = ", ".join(m.name for m in post.models)
    front: dict[str, Any] = {
        "title": post.title,
        "subtitle": f"What {names} changes, and what the launch numbers leave out",
        "date": {"created": post.date},
        "authors": ["editors"],
        "categories": post.categories,
        "models": [m.id for m in post.models],
        "slug": post.slug,
    }
    if not title_in_front_matter:
        del front["title"]
    lines = ["---", dump_yaml(front).rstrip(), "---", ""]
    if not title_in_front_matter:
        lines += [f"# {post.title}", ""]
    lines += [_paragraph(rng), "", "<!-- more -->", ""]
    per_section = [inserts[i::5] for i in range(5)]
    for number, heading in enumerate(post.headings):
        lines += [f"## {heading}", ""]
        paragraphs = 2 if number else 1
        chunks = [per_section[number][i::paragraphs] for i in range(paragraphs)]
        for chunk in chunks:
            lines += [_paragraph(rng, chunk), ""]
        if number in chart_sections:
            lines += [_chart_fence(post, releases, rng), ""]
        if number == 2:
            lines += [_paragraph(rng), "", _paragraph(rng), "", _paragraph(rng), ""]
    for n in range(1, 6):
        url = _external(rng, post.slug)
        lines.append(f"[^{n}]: {_sentence(rng)[:-1]}, [{url.split('/')[2]}]({url}).")
    return "\n".join(lines) + "\n"


def strip_chart_fences(markdown: str) -> str:
    """The same Markdown without its ```chart blocks: what plain Material gets to build."""
    out: list[str] = []
    skipping = False
    for line in markdown.splitlines(keepends=True):
        if not skipping and line.rstrip("\n") == CHART_FENCE:
            skipping = True
            continue
        if skipping:
            if line.rstrip("\n") == "```":
                skipping = False
            continue
        out.append(line)
    text = "".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


# --- the site ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """What :func:`generate` wrote, for the benchmark's report."""

    root: Path
    posts: int
    releases: int
    incidents: int
    charts: int
    words: int
    modelpress: bool


_AUTHORS = {
    "authors": {
        "editors": {
            "name": "The bench editors",
            "description": "Writers of synthetic reviews",
            "avatar": "https://example.org/avatar.png",
        }
    }
}


def _copy_site_assets(dest: Path, config: dict[str, Any]) -> None:
    """The theme overrides and non-Markdown files (styles, scripts) the site's config names."""
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir and (REPO / custom_dir).is_dir():
        shutil.copytree(REPO / custom_dir, dest / custom_dir, dirs_exist_ok=True)
    docs = REPO / "content"
    for path in sorted(docs.rglob("*")):
        if path.is_file() and path.suffix != ".md" and not path.name.startswith(".authors"):
            target = dest / "content" / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def generate(
    dest: Path,
    *,
    posts: int,
    releases: int | None = None,
    seed: int = 1,
    modelpress: bool = True,
    titles_in_front_matter: bool = True,
    ignore_claims: bool = False,
) -> Corpus:
    """Write a complete site with ``posts`` reviews and ``releases`` records into ``dest``.

    ``dest`` is replaced. The same arguments always give a byte-identical tree,
    and ``modelpress=False`` gives the same posts (same seed) minus their charts.
    ``titles_in_front_matter=False`` puts each title in a ``# heading`` instead, as
    many writers do, which is what makes the blog plugin's build time grow faster
    than the number of posts. ``ignore_claims``: see :func:`site_config`.
    """
    if posts < 1:
        raise ValueError("posts must be at least 1")
    release_count = releases if releases is not None else releases_for(posts)
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content" / "reviews" / "posts").mkdir(parents=True)
    planned = _plan_releases(release_count)
    planned_posts = _plan_posts(posts, planned, rng)
    records_rng = random.Random(seed + 1)
    records = [_release_record(r, records_rng) for r in planned]
    incidents = [
        _incident_record(i + 1, planned, records_rng) for i in range(max(1, release_count // 20))
    ]

    chart_count = words = 0
    for index, post in enumerate(planned_posts):
        text = _post_markdown(
            post, index, planned_posts, planned, rng, title_in_front_matter=titles_in_front_matter
        )
        chart_count += text.count(CHART_FENCE + "\n")
        words += len(text.split())
        if not modelpress:
            text = strip_chart_fences(text)
        path = dest / "content" / "reviews" / "posts" / f"{post.slug}.md"
        path.write_text(text, encoding="utf-8")
    if not modelpress:
        chart_count = 0

    config = site_config(
        read_config(REPO / "mkdocs.yml"), modelpress=modelpress, ignore_claims=ignore_claims
    )
    (dest / "mkdocs.yml").write_text(dump_yaml(config), encoding="utf-8")
    if modelpress:
        _copy_site_assets(dest, config)
    (dest / "content" / "index.md").write_text(
        "# Bench corpus\n\nSynthetic reviews of fictional model releases, for timing builds.\n",
        encoding="utf-8",
    )
    (dest / "content" / "reviews" / "index.md").write_text("# Reviews\n", encoding="utf-8")
    (dest / "content" / "reviews" / ".authors.yml").write_text(
        dump_yaml(_AUTHORS), encoding="utf-8"
    )

    if modelpress:
        data = dest / "data"
        (data / "releases").mkdir(parents=True)
        (data / "incidents").mkdir()
        for name, text in _registries().items():
            (data / name).write_text(text, encoding="utf-8")
        for record in records:
            (data / "releases" / f"{record['id']}.yaml").write_text(
                dump_yaml(record), encoding="utf-8"
            )
        for incident in incidents:
            (data / "incidents" / f"{incident['id']}.yaml").write_text(
                dump_yaml(incident), encoding="utf-8"
            )
    return Corpus(
        root=dest,
        posts=posts,
        releases=release_count if modelpress else 0,
        incidents=len(incidents) if modelpress else 0,
        charts=chart_count,
        words=words,
        modelpress=modelpress,
    )
