"""``make bench``: Modelpress against the tools a user would pick instead, side by side.

Sections (``--only`` picks some):

build   the full Modelpress site vs the same site minus Modelpress (its plugins, theme
        overrides and chart fences removed: plain mkdocs-material with search, blog and
        whatever else the site uses) on the same posts, at each ``--sizes`` N;
        ``modelpress check`` runs in the same rounds
check   ``modelpress check`` vs the full Modelpress build (part of build when both run)
blog    plain Material with post titles in a ``# heading`` instead of front matter, to
        show the blog plugin's own growth (full runs only unless named)
links   Modelpress's built-site link check vs mkdocs-htmlproofer-plugin on the same site
page    first paint and charts drawn in headless Chromium, Modelpress vs mkdocs-plotly-plugin
import  ``modelpress import`` of a generated 1,000-post Substack export (bench/importing.py)
serve   save → served page, ``modelpress serve`` vs plain ``mkdocs serve``; cold and warm
        builds with the build cache; peak memory of a build (bench/serve.py)
facts   CPU per review of the facts-in-prose checks and rendering on the corpus size
        nearest 500 (bench/facts.py)

Results go to bench/results.json and content/performance.md (sections not run
keep their previous figures; both files are rewritten after every section, so
an interrupted run keeps what it measured) and a table is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.site import clean_env

from bench import corpus, report
from bench.timing import Failed, Samples, Timing, interleave, run_timed

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("build", "check", "blog", "links", "page", "import", "facts", "serve")
MKDOCS_BUILD = ["-m", "mkdocs", "build"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sites, one round (< 3 min)")
    parser.add_argument("--rounds", type=int, help="timed rounds after the warm-up")
    parser.add_argument("--warmup", type=int, help="untimed rounds first (default 1)")
    parser.add_argument("--sizes", help="comma-separated post counts for build (e.g. 100,500)")
    parser.add_argument("--links-size", type=int, help="post count of the links section's site")
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--workdir", type=Path, help="build here and keep it (default: a temp dir)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one Modelpress build of the largest size with pyinstrument",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave result files")
    parser.add_argument("--note", help="a sentence for the page's build section (e.g. why sizes)")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rewrite the page and table from bench/results.json",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.mode = "quick" if quick else "full"
    args.rounds = args.rounds or (1 if quick else 3)
    args.warmup = 1 if args.warmup is None else args.warmup
    args.size_list = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else [30, 60]
        if quick
        else [100, 500, 2000]
    )
    args.links_size = args.links_size or (30 if quick else 500)
    wanted = (
        args.only.split(",") if args.only else [s for s in SECTIONS if s != "blog" or not quick]
    )
    unknown = set(wanted) - set(SECTIONS)
    if unknown or args.rounds < 1 or args.warmup < 0:
        parser.error(f"unknown section(s) {sorted(unknown)}" if unknown else "rounds must be >= 1")
    args.sections = wanted
    return args


class Sites:
    """Generated corpora, made once per (size, flavour) and reused across sections."""

    def __init__(self, work: Path, seed: int) -> None:
        self.work = work
        self.seed = seed
        self.made: dict[tuple[int, str], corpus.Corpus] = {}

    def get(self, posts: int, flavour: str) -> corpus.Corpus:
        key = (posts, flavour)
        if key not in self.made:
            log(f"generating {flavour} corpus with {posts} posts")
            self.made[key] = corpus.generate(
                self.work / f"{flavour}-{posts}",
                posts=posts,
                seed=self.seed,
                modelpress=flavour == "modelpress",
                titles_in_front_matter=flavour != "plain-untitled",
                ignore_claims=True,
            )
        return self.made[key]


def _timed(args: list[str], cwd: Path) -> Callable[[], Timing]:
    return lambda: run_timed(args, cwd)


def _samples(result: Samples | Failed) -> dict[str, Any]:
    if isinstance(result, Failed):
        return {"error": str(result)}
    return result.as_dict()


def _pages_built(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0


def _plugin_names(root: Path) -> list[str]:
    config = corpus.read_config(root / "mkdocs.yml")
    return [name for name, _ in corpus.plugin_entries(config)]


def run_build(args: argparse.Namespace, sites: Sites, measured: dict[str, Any]) -> dict[str, Any]:
    with_plain = "build" in args.sections
    with_check = "check" in args.sections
    rows = []
    plugins: dict[str, list[str]] = {}
    for posts in args.size_list:
        mp = sites.get(posts, "modelpress")
        plugins["modelpress"] = _plugin_names(mp.root)
        contenders: dict[str, Callable[[], Timing]] = {}
        if with_plain:
            plain = sites.get(posts, "plain")
            plugins["plain"] = _plugin_names(plain.root)
            contenders["plain"] = _timed(MKDOCS_BUILD, plain.root)
        contenders["modelpress"] = _timed(MKDOCS_BUILD, mp.root)
        if with_check:
            contenders["check"] = _timed(["-m", "modelpress", "check"], mp.root)
        log(f"build: {posts} posts, {mp.releases} releases, {mp.charts} charts")
        timed = interleave(contenders, rounds=args.rounds, warmup=args.warmup, progress=log)
        rows.append(
            {
                "posts": posts,
                "releases": mp.releases,
                "charts": mp.charts,
                "words_per_post": round(mp.words / posts),
                "pages_built": _pages_built(mp.root / "site"),
                **{name: _samples(result) for name, result in timed.items()},
            }
        )
        if len(rows) < len(args.size_list):
            # A full run takes long: keep each size's figures as soon as they exist.
            done = f"{len(rows)} of {len(args.size_list)} sizes"
            args.checkpoint("build", {"rows": rows, "plugins": plugins, "partial": done})
    section: dict[str, Any] = {
        "rows": rows,
        "rounds": args.rounds,
        "warmup": args.warmup,
        "plugins": plugins,
    }
    if with_plain:
        section["breakdown"] = _breakdown(args, sites)
    if args.note:
        section["note"] = args.note
    return section


def _events(root: Path) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "events.py")],
        cwd=root,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise Failed(f"bench/events.py in {root} exited {completed.returncode}")
    answer: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return answer


def _breakdown(args: argparse.Namespace, sites: Sites) -> dict[str, Any]:
    """One more build of each site at the size nearest 500, CPU time split by plugin."""
    posts = min(args.size_list, key=lambda n: abs(n - 500))
    log(f"build: where the time goes, {posts} posts")
    try:
        return {
            "posts": posts,
            "plain": _events(sites.get(posts, "plain").root),
            "modelpress": _events(sites.get(posts, "modelpress").root),
        }
    except Failed as exc:
        return {"posts": posts, "error": str(exc)}


def run_blog(args: argparse.Namespace, sites: Sites, measured: dict[str, Any]) -> dict[str, Any]:
    """The blog plugin's own growth: titles in front matter vs only in a ``# heading``.

    The titled plain build was timed by the build section of this run (interleaved
    with Modelpress, several rounds); only when that section did not run is it
    timed here again, so a full run does not spend minutes building it twice.
    """
    timed_plain = {
        row["posts"]: row["plain"]
        for row in (measured.get("build") or {}).get("rows") or []
        if isinstance(row.get("plain"), dict) and "median_s" in row["plain"]
    }
    rows = []
    for posts in args.size_list:
        contenders = {
            "plain_untitled": _timed(MKDOCS_BUILD, sites.get(posts, "plain-untitled").root)
        }
        if posts not in timed_plain:
            contenders["plain"] = _timed(MKDOCS_BUILD, sites.get(posts, "plain").root)
        log(f"blog: {posts} posts, titles in a # heading instead of front matter")
        timed = interleave(contenders, rounds=1, warmup=0, progress=log)
        row = {"posts": posts, **{k: _samples(v) for k, v in timed.items()}}
        row.setdefault("plain", timed_plain.get(posts))
        rows.append(row)
    return {"rows": rows, "rounds": 1, "warmup": 0}


def _with_htmlproofer(mp: corpus.Corpus) -> Path:
    """A second config for the same site: the Modelpress build plus mkdocs-htmlproofer-plugin.

    htmlproofer keeps its defaults (it checks each page's rendered Markdown, not the
    theme around it; Modelpress checks whole pages) except that external URLs are
    off, as they are for Modelpress's check.
    """
    config = corpus.read_config(mp.root / "mkdocs.yml")
    config["site_dir"] = "site-htmlproofer"
    config["strict"] = False  # htmlproofer's findings are counted, not fatal
    config["plugins"].append({"htmlproofer": {"validate_external_urls": False}})
    path = mp.root / "mkdocs-htmlproofer.yml"
    path.write_text(corpus.dump_yaml(config), encoding="utf-8")
    return path


def _link_check(mp: corpus.Corpus, found: dict[str, int]) -> Callable[[], Timing]:
    def run() -> Timing:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.linkcheck",
                str(mp.root / "site"),
                str(mp.root / "mkdocs.yml"),
            ],
            cwd=REPO,
            env=clean_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode == 3:
            raise Failed(completed.stderr.strip())
        if completed.returncode != 0:
            raise Failed(completed.stdout + completed.stderr)
        answer = json.loads(completed.stdout.strip().splitlines()[-1])
        found["problems"] = int(answer["problems"])
        return Timing(float(answer["seconds"]), float(answer["cpu_seconds"]))

    return run


def _htmlproofer_warnings(mp: corpus.Corpus, config: Path) -> int:
    completed = subprocess.run(
        [sys.executable, *MKDOCS_BUILD, "-f", config.name],
        cwd=mp.root,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    return sum(
        "htmlproofer" in line and "invalid url" in line for line in completed.stderr.splitlines()
    )


def run_links(args: argparse.Namespace, sites: Sites, measured: dict[str, Any]) -> dict[str, Any]:
    mp = sites.get(args.links_size, "modelpress")
    config = _with_htmlproofer(mp)
    found: dict[str, int] = {}
    contenders = {
        "build": _timed(MKDOCS_BUILD, mp.root),
        "build_htmlproofer": _timed([*MKDOCS_BUILD, "-f", config.name], mp.root),
        "modelpress_links": _link_check(mp, found),
    }
    log(f"links: {args.links_size} posts")
    timed = interleave(contenders, rounds=args.rounds, warmup=args.warmup, progress=log)
    return {
        "posts": args.links_size,
        "pages_built": _pages_built(mp.root / "site"),
        "rounds": args.rounds,
        "warmup": args.warmup,
        **{name: _samples(result) for name, result in timed.items()},
        "modelpress_problems": found.get("problems"),
        "htmlproofer_problems": _htmlproofer_warnings(mp, config),
    }


def run_page(args: argparse.Namespace, sites: Sites, measured: dict[str, Any]) -> dict[str, Any]:
    from bench import page

    rounds = 3 if args.quick else 15
    log("page: building the demo site and the mkdocs-plotly-plugin anchor")
    demo, twin = page.build_demo(sites.work)
    if twin is not None:
        chart_path: str | None = f"reviews/{twin}/"
        plain_path: str | None = f"reviews/{twin}{page.TWIN_SUFFIX}/"
    else:
        chart_path, plain_path = page.find_pages(demo)
    anchor, anchor_figure = page.build_plotly_anchor(sites.work)
    targets = {"anchor_chart": (anchor, "chart/"), "anchor_plain": (anchor, "")}
    notes = []
    if chart_path is None:
        notes.append("no page of the demo site has a chart: Modelpress rows not available")
    else:
        targets["modelpress_chart"] = (demo, chart_path)
        targets["modelpress_chart_full"] = (page.with_full_plotly(demo), chart_path)
    if plain_path is not None:
        targets["modelpress_plain"] = (demo, plain_path)
    log(f"page: {', '.join(f'{k} /{p}' for k, (_, p) in targets.items())}")
    load_before = os.getloadavg()[0]
    stats = page.measure_pages(targets, rounds=rounds, warmup=1)
    notes.append(
        f"Load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
        f"on {os.cpu_count()} cores: page timings spread with whatever else the machine runs"
    )
    pages = {
        name: s.as_dict(figure_bytes_override=anchor_figure if name == "anchor_chart" else None)
        for name, s in stats.items()
    }
    if twin is not None:
        notes.append(
            f"The page without charts is `{plain_path}`, a copy of the review `{chart_path}` "
            "with its chart fences removed, made for the benchmark in its copy of the demo "
            "site: the same title, text and layout, so the difference is the charts"
        )
    return {"rounds": rounds, "warmup": 1, "pages": pages, "notes": notes}


def run_import(args: argparse.Namespace, sites: Sites, measured: dict[str, Any]) -> dict[str, Any]:
    from bench import importing

    return importing.run_import_section(
        sites.work, rounds=args.rounds, warmup=args.warmup, seed=args.seed, log=log
    )


def run_facts(args: argparse.Namespace, sites: Sites, measured: dict[str, Any]) -> dict[str, Any]:
    from bench import facts

    posts = min(args.size_list, key=lambda n: abs(n - 500))
    return facts.run_facts_section(sites.work, posts=posts, rounds=args.rounds)


def run_serve(args: argparse.Namespace, sites: Sites, measured: dict[str, Any]) -> dict[str, Any]:
    """``modelpress serve`` vs plain ``mkdocs serve`` after a save; cold and warm builds."""
    from bench import serve

    return serve.measure(sites, args.size_list, 1 if args.quick else 2, log)


def profile(args: argparse.Namespace, sites: Sites) -> None:
    """pyinstrument profiles of both builds at the largest size, to see where time goes."""
    posts = max(args.size_list)
    for flavour in ("plain", "modelpress"):
        site = sites.get(posts, flavour)
        out = sites.work / f"profile-{flavour}-{posts}.txt"
        run_timed(
            ["-m", "pyinstrument", "-r", "text", "-o", str(out), "-m", "mkdocs", "build", "-q"],
            site.root,
        )
        log(f"profile of the {flavour} build at {posts} posts ({out}):")
        log("\n".join(out.read_text(encoding="utf-8").splitlines()[:80]))


RUNNERS: dict[str, Callable[[argparse.Namespace, Sites, dict[str, Any]], dict[str, Any]]] = {
    "page": run_page,
    "import": run_import,
    "facts": run_facts,
    "links": run_links,
    "build": run_build,
    "serve": run_serve,
    "blog": run_blog,
}
"""In this order: the short sections first and the blog plugin's growth (an explanation,
not a target) last, so a full run cut short still has its figures for every target."""


def _save(args: argparse.Namespace, measured: dict[str, Any]) -> dict[str, Any]:
    results = report.merge(report.load(), measured, mode=args.mode, seed=args.seed)
    if not args.no_write:
        report.write(results)
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Every build the other sections time is a cold one; the serve section turns the
    # build cache on for its own builds and servers.
    os.environ["MODELPRESS_NO_CACHE"] = "1"
    if args.report_only:
        previous = report.load()
        args.mode = previous.get("mode", args.mode)
        args.seed = previous.get("seed", args.seed)
        results = _save(args, {})
        print(report.terminal_table(results))
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="modelpress-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sites = Sites(work, args.seed)
    measured: dict[str, Any] = {}
    started = dt.datetime.now(dt.UTC)
    log(f"bench: {args.mode} run, sections {','.join(args.sections)}, work in {work}")

    def checkpoint(name: str, section: dict[str, Any]) -> None:
        measured[name] = {
            **section,
            "rounds": args.rounds,
            "warmup": args.warmup,
            "mode": args.mode,
            "measured_at": started.strftime("%Y-%m-%d %H:%M UTC"),
        }
        _save(args, measured)

    args.checkpoint = checkpoint
    try:
        for name, runner in RUNNERS.items():
            if name in args.sections or (name == "build" and "check" in args.sections):
                try:
                    measured[name] = runner(args, sites, measured)
                except Failed as exc:
                    log(f"{name}: FAILED\n{exc}")
                    measured[name] = {"error": str(exc)}
                except Exception:  # one broken section must not lose the others' figures
                    text = traceback.format_exc()
                    log(f"{name}: FAILED\n{text}")
                    measured[name] = {"error": "\n".join(text.strip().splitlines()[-12:])}
                measured[name]["mode"] = args.mode
                measured[name]["measured_at"] = started.strftime("%Y-%m-%d %H:%M UTC")
                _save(args, measured)
        if args.profile:
            profile(args, sites)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    results = _save(args, measured)
    print(report.terminal_table(results))
    if not args.no_write:
        log(f"wrote {report.JSON_PATH.relative_to(REPO)} and {report.PAGE_PATH.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
