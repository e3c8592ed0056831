"""Benchmark results: the targets judged, bench/results.json, the Performance page, a table.

Every figure comes from ``results.json``; the page and the terminal table are
views of it. Sections not measured in this run keep their previous figures
(each says when and in which mode it was measured), so ``--only page`` does
not erase the build timings.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["JSON_PATH", "PAGE_PATH", "load", "merge", "targets", "terminal_table", "write"]

REPO = Path(__file__).resolve().parents[1]
JSON_PATH = REPO / "bench" / "results.json"
PAGE_PATH = REPO / "content" / "performance.md"
PACKAGES = (
    "modelpress",
    "mkdocs",
    "mkdocs-material",
    "mkdocs-rss-plugin",
    "plotly",
    "mkdocs-htmlproofer-plugin",
    "mkdocs-plotly-plugin",
    "playwright",
)
ANCHORS = {
    "plain_ms_per_post": "≈36 ms per post at 100 posts, ≈44 ms at 500",
    "htmlproofer_overhead": "adds 58–62 % to a build",
    "plotly_fcp": "first paint of a chart page ≈8× a page without charts",
}
"""Figures the issue measured for the anchors on a 2-core machine, for comparison."""
FIGURE_JSON_LIMIT = 1536
PLOTLY_BYTES_LIMIT = 1_200_000


def load() -> dict[str, Any]:
    if JSON_PATH.is_file():
        loaded = json.loads(JSON_PATH.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            return loaded
    return {}


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _chromium() -> str:
    chromium = os.environ.get("MODELPRESS_CHROMIUM", "/usr/bin/chromium")
    try:
        completed = subprocess.run(
            [chromium, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return "not installed"
    return completed.stdout.strip() or "unknown"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def merge(
    previous: dict[str, Any], measured: dict[str, Any], *, mode: str, seed: int
) -> dict[str, Any]:
    sections = dict(previous.get("sections") or {})
    sections.update(measured)
    results: dict[str, Any] = {
        "generated_at": (
            previous["generated_at"]
            if not measured and "generated_at" in previous
            else dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        ),
        "mode": mode,
        "seed": seed,
        "machine": {
            "cores": os.cpu_count(),
            "cpu": _cpu(),
            "system": f"{platform.system()} {platform.release()}",
        },
        "versions": {
            "python": platform.python_version(),
            **{name: _version(name) for name in PACKAGES},
            "chromium": _chromium(),
        },
        "sections": sections,
    }
    results["targets"] = targets(sections)
    return results


# --- reading the sections ------------------------------------------------------------------


def _median(entry: Any) -> float | None:
    """The figure targets are judged on: the median CPU time when it was measured.

    This machine (like CI's) is shared: another job stretches the wall clock of
    whichever build runs at that moment, not its CPU time. Every build is one
    Python process on one core, so on a quiet machine the two agree.
    """
    if isinstance(entry, dict) and "cpu_median_s" in entry:
        return float(entry["cpu_median_s"])
    if isinstance(entry, dict) and "median_s" in entry:
        return float(entry["median_s"])
    return None


def _wall(entry: Any) -> float | None:
    if isinstance(entry, dict) and "median_s" in entry:
        return float(entry["median_s"])
    return None


def _row_at(rows: list[dict[str, Any]], posts: int, *, largest: bool) -> dict[str, Any] | None:
    exact = [r for r in rows if r.get("posts") == posts]
    if exact:
        return exact[0]
    if not rows:
        return None
    return max(rows, key=lambda r: r["posts"]) if largest else min(rows, key=lambda r: r["posts"])


def _added_ms_per_post(row: dict[str, Any]) -> float | None:
    plain, mp = _median(row.get("plain")), _median(row.get("modelpress"))
    if plain is None or mp is None:
        return None
    return (mp - plain) / int(row["posts"]) * 1000


def target_row(
    key: str, what: str, goal: str, measured: str | None, met: bool | None, note: str = ""
) -> dict[str, Any]:
    """One row of the targets table; every section builds its rows with this one shape."""
    return {
        "id": key,
        "what": what,
        "target": goal,
        "measured": measured if measured is not None else "not available",
        "met": met,
        "note": note,
    }


def _where(row: dict[str, Any], wanted: int) -> str:
    return "" if row["posts"] == wanted else f"at {row['posts']:,} posts, not {wanted:,}"


def _build_note(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    wall = _wall_ratio(row)
    parts = [_where(row, 500), f"wall clock {wall:.2f}×" if wall is not None else ""]
    return "; ".join(p for p in parts if p)


def targets(sections: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue, judged on the figures at hand (None: not measured)."""
    out = []
    rows = list((sections.get("build") or {}).get("rows") or [])

    row = _row_at(rows, 500, largest=True)
    ratio = None
    if row is not None:
        plain, mp = _median(row.get("plain")), _median(row.get("modelpress"))
        ratio = mp / plain if plain and mp else None
    out.append(
        target_row(
            "build-ratio",
            "Full Modelpress build vs plain Material blog, same posts, 500 posts",
            "≤ 1.15×",
            f"{ratio:.2f}×" if ratio is not None else None,
            ratio <= 1.15 if ratio is not None else None,
            _build_note(row),
        )
    )

    small, large = _row_at(rows, 100, largest=False), _row_at(rows, 2000, largest=True)
    growth: str | None = None
    linear: bool | None = None
    note = None
    if small and large and small is not large:
        a, b = _added_ms_per_post(small), _added_ms_per_post(large)
        note = (
            f"{a:.1f} → {b:.1f} ms per post added by Modelpress"
            if a is not None and b is not None
            else ""
        )
        if a is not None and b is not None:
            if b <= 0:  # faster than plain Material at the large size: nothing grows
                growth, linear = "nothing added", True
            elif a > 0:
                growth, linear = f"{b / a:.2f}×", b / a <= 1.10
            else:  # nothing added on the small site, something on the large one
                growth, linear = "grows from nothing", False
        if small["posts"] != 100 or large["posts"] != 2000:
            note += f" (at {small['posts']:,} and {large['posts']:,} posts)"
    out.append(
        target_row(
            "build-linear",
            "What Modelpress adds per post, 2,000 posts vs 100",
            "≤ 1.10× (linear)",
            growth,
            linear,
            note or "",
        )
    )

    row = _row_at([r for r in rows if "check" in r], 500, largest=True)
    share = None
    if row is not None:
        check, mp = _median(row.get("check")), _median(row.get("modelpress"))
        share = check / mp if check is not None and mp else None
    out.append(
        target_row(
            "check-share",
            "`modelpress check` vs the full build",
            "≤ 10 %",
            f"{share:.1%}" if share is not None else None,
            share <= 0.10 if share is not None else None,
            _where(row, 500) if row else "",
        )
    )

    links = sections.get("links") or {}
    speedup = None
    build, proofed = _median(links.get("build")), _median(links.get("build_htmlproofer"))
    ours = _median(links.get("modelpress_links"))
    if build is not None and proofed is not None and ours:
        speedup = (proofed - build) / ours
    out.append(
        target_row(
            "links-speed",
            "Built-site link check vs mkdocs-htmlproofer-plugin, same site",
            "≥ 5× faster",
            f"{speedup:.1f}× faster" if speedup is not None else None,
            speedup >= 5 if speedup is not None else None,
            f"at {links['posts']:,} posts" if "posts" in links else "",
        )
    )

    pages = (sections.get("page") or {}).get("pages") or {}
    chart, plain = pages.get("modelpress_chart"), pages.get("modelpress_plain")
    fcp = None
    if chart and plain and chart.get("fcp") and plain.get("fcp"):
        fcp = chart["fcp"]["median_ms"] / plain["fcp"]["median_ms"]
    out.append(
        target_row(
            "page-fcp",
            "First contentful paint, chart page vs chart-less page",
            "≤ 1.3×",
            f"{fcp:.2f}×" if fcp is not None else None,
            fcp <= 1.3 if fcp is not None else None,
        )
    )
    anchor = pages.get("anchor_chart")
    full = pages.get("modelpress_chart_full")
    chart_bytes = chart.get("bytes_plotly") if chart else None
    before = f"full bundle {full['bytes_plotly']:,} bytes" if full else ""
    out.append(
        target_row(
            "page-plotly-bytes",
            "plotly.js bytes on a chart page",
            "≤ 1.2 MB",
            f"{chart_bytes:,} bytes" if chart_bytes else None,
            chart_bytes <= PLOTLY_BYTES_LIMIT if chart_bytes else None,
            before,
        )
    )
    drawn = _median_ms(chart, "charts_drawn")
    anchor_drawn = _median_ms(anchor, "charts_drawn")
    full_drawn = _median_ms(full, "charts_drawn")
    out.append(
        target_row(
            "page-charts-drawn",
            "All charts drawn on a chart page vs mkdocs-plotly-plugin's",
            "≤ the anchor's",
            f"{drawn:,.0f} ms vs {anchor_drawn:,.0f} ms"
            if drawn is not None and anchor_drawn is not None
            else None,
            drawn <= anchor_drawn if drawn is not None and anchor_drawn is not None else None,
            f"{full_drawn:,.0f} ms with the full bundle" if full_drawn is not None else "",
        )
    )
    plotly = plain.get("bytes_plotly") if plain else None
    out.append(
        target_row(
            "page-no-plotly",
            "plotly.js bytes on a chart-less page",
            "0 bytes",
            f"{plotly:,} bytes" if plotly is not None else None,
            plotly == 0 if plotly is not None else None,
        )
    )
    figure = chart.get("figure_bytes_per_chart") if chart else None
    largest = (chart.get("figure_bytes_max") if chart else None) or figure
    out.append(
        target_row(
            "page-figure-json",
            "Figure JSON per chart (the largest chart of the page)",
            "≤ 1.5 KB",
            f"{largest:,} bytes" if largest is not None else None,
            largest <= FIGURE_JSON_LIMIT if largest is not None else None,
            f"{figure:,} bytes on average over {chart.get('charts', 0)} charts"
            if chart and figure is not None
            else "",
        )
    )
    if sections.get("import"):
        from bench import importing

        out.append(importing.target(sections["import"]))
    if sections.get("facts"):
        from bench import facts

        out.append(facts.target(sections["facts"]))
    if sections.get("serve"):
        from bench import serve

        out.extend(serve.serve_targets(sections["serve"]))
    return out


def _median_ms(entry: dict[str, Any] | None, key: str) -> float | None:
    """The median of a page entry's timing ``key`` (``fcp``, ``charts_drawn``), if measured."""
    timing = (entry or {}).get(key)
    return timing.get("median_ms") if isinstance(timing, dict) else None


# --- views ---------------------------------------------------------------------------------


def _s(entry: Any) -> str:
    """``1.23 s (1.20–1.31), CPU 1.19 s`` from a samples entry, or why there is none."""
    if isinstance(entry, dict) and "median_s" in entry:
        median, low, high = entry["median_s"], entry["min_s"], entry["max_s"]
        cpu = f", CPU {entry['cpu_median_s']:.2f} s" if "cpu_median_s" in entry else ""
        if len(entry.get("samples_s") or []) == 1:
            return f"{median:.2f} s{cpu}"
        return f"{median:.2f} s ({low:.2f}–{high:.2f}){cpu}"
    if isinstance(entry, dict) and "error" in entry:
        return "not available" if "not available" in entry["error"] else "failed"
    return "—"


def _ms(entry: Any) -> str:
    if isinstance(entry, dict) and "median_ms" in entry:
        return f"{entry['median_ms']:.0f} ms ({entry['min_ms']:.0f}–{entry['max_ms']:.0f})"
    return "—"


def _per_post(entry: Any, posts: int) -> str:
    median = _median(entry)
    return f"{median / posts * 1000:.1f}" if median is not None else "—"


def _met(value: bool | None) -> str:
    return "met" if value is True else "**not met**" if value is False else "not available"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _wall_ratio(row: dict[str, Any]) -> float | None:
    a, b = _wall(row.get("plain")), _wall(row.get("modelpress"))
    return b / a if a and b is not None else None


def _build_rows(section: dict[str, Any]) -> list[list[str]]:
    rows = []
    for row in section.get("rows") or []:
        posts = row["posts"]
        plain, mp, check = row.get("plain"), row.get("modelpress"), row.get("check")
        ratio = share = added = "—"
        wall = _wall_ratio(row)
        if _median(plain) and _median(mp):
            ratio = f"{_median(mp) / _median(plain):.2f}×"  # type: ignore[operator]
            added = f"{_added_ms_per_post(row):.1f}"
        if wall is not None:
            ratio += f" (wall {wall:.2f}×)"
        if _median(check) is not None and _median(mp):
            share = f"{_median(check) / _median(mp):.1%}"  # type: ignore[operator]
        rows.append(
            [
                f"{posts:,}",
                f"{row.get('releases', 0):,}",
                f"{row.get('charts', 0):,}",
                f"{row.get('pages_built', 0):,}",
                _s(plain),
                _s(mp),
                ratio,
                _per_post(plain, posts),
                _per_post(mp, posts),
                added,
                _s(check),
                share,
            ]
        )
    return rows


BUILD_HEADER = [
    "posts",
    "records",
    "charts",
    "HTML files",
    "plain Material",
    "Modelpress",
    "ratio",
    "plain ms/post",
    "Modelpress ms/post",
    "added ms/post",
    "modelpress check",
    "check / build",
]


def _blog_rows(section: dict[str, Any]) -> list[list[str]]:
    rows = []
    for row in section.get("rows") or []:
        posts = row["posts"]
        titled, untitled = row.get("plain"), row.get("plain_untitled")
        rows.append(
            [
                f"{posts:,}",
                _s(titled),
                _per_post(titled, posts),
                _s(untitled),
                _per_post(untitled, posts),
            ]
        )
    return rows


def _links_rows(links: dict[str, Any]) -> list[list[str]]:
    build, proofed = _median(links.get("build")), _median(links.get("build_htmlproofer"))
    ours = _median(links.get("modelpress_links"))
    cost = f"{proofed - build:.2f} s" if build is not None and proofed is not None else "—"
    overhead = f"{(proofed - build) / build:.0%}" if build and proofed is not None else "—"
    our_share = f"{ours / build:.1%}" if ours is not None and build else "—"
    return [
        ["Modelpress build", _s(links.get("build")), "", ""],
        [
            "the same build with mkdocs-htmlproofer-plugin",
            _s(links.get("build_htmlproofer")),
            f"{cost} added",
            overhead,
        ],
        [
            "Modelpress built-site link check",
            _s(links.get("modelpress_links")),
            "",
            our_share,
        ],
    ]


PAGE_NAMES = {
    "modelpress_chart": "Modelpress, chart page",
    "modelpress_chart_full": "Modelpress, chart page with the full plotly.js (before)",
    "modelpress_plain": "Modelpress, page without charts",
    "anchor_chart": "mkdocs-plotly-plugin, chart page",
    "anchor_plain": "mkdocs-plotly-plugin, page without charts",
}


def _kb(value: Any) -> str:
    return f"{value / 1024:,.1f} KB" if isinstance(value, int) else "—"


def _page_rows(section: dict[str, Any]) -> list[list[str]]:
    pages = section.get("pages") or {}
    rows = []
    for key, label in PAGE_NAMES.items():
        entry = pages.get(key)
        if entry is None:
            rows.append([label, "not available", "", "", "", "", "", "", ""])
            continue
        figure = entry.get("figure_bytes_per_chart")
        rows.append(
            [
                label,
                f"`{entry['path'] or '/'}`",
                _ms(entry.get("fcp")),
                _ms(entry.get("charts_drawn")),
                str(entry.get("charts", 0)),
                _kb(entry.get("bytes_total")),
                _kb(entry.get("bytes_gzip")),
                _kb(entry.get("bytes_plotly")),
                f"{figure:,} B" if isinstance(figure, int) else "—",
            ]
        )
    return rows


PAGE_HEADER = [
    "page",
    "path",
    "first contentful paint",
    "all charts drawn",
    "charts",
    "bytes",
    "gzip",
    "plotly.js",
    "figure JSON / chart",
]


def _measured(section: dict[str, Any]) -> str:
    mode = section.get("mode", "?")
    rounds = section.get("rounds")
    warmup = section.get("warmup")
    runs = (
        f", {rounds} timed round{'s' if rounds != 1 else ''} after {warmup} warm-up"
        if rounds
        else ""
    )
    partial = f" Partial: {section['partial']} measured." if section.get("partial") else ""
    return f"*Measured {section.get('measured_at', '?')}, {mode} run{runs}.{partial}*"


def _error_lines(section: dict[str, Any]) -> list[str]:
    if "error" not in section:
        return []
    return ["", "This section failed on its last run:", "", "```text", section["error"], "```"]


def _breakdown_lines(breakdown: dict[str, Any]) -> list[str]:
    """Where the CPU time of one build of each site goes, by plugin and by kind of page."""
    plain, mp = breakdown.get("plain"), breakdown.get("modelpress")
    if not plain or not mp:
        return []
    posts = int(breakdown["posts"])
    lines = [
        "",
        "### Where the time goes",
        "",
        f"One more build of each site at {posts:,} posts, with the CPU time of every plugin's",
        "event handlers counted (`bench/events.py`), and the time MkDocs spent rendering each",
        "kind of page (Markdown to HTML, plugins' page events included).",
        "",
    ]
    rows = [["whole build", f"{plain['cpu_s']:.2f} s", f"{mp['cpu_s']:.2f} s", ""]]
    names = sorted(set(plain["plugins"]) | set(mp["plugins"]))
    for name in sorted(names, key=lambda n: -float(mp["plugins"].get(n, 0.0))):
        a, b = plain["plugins"].get(name), mp["plugins"].get(name)
        rows.append(
            [
                f"plugin `{name}`",
                f"{a:.2f} s" if a is not None else "—",
                f"{b:.2f} s" if b is not None else "—",
                f"{b / posts * 1000:.2f}"
                if b is not None and name.startswith("modelpress")
                else "",
            ]
        )
    kinds = sorted(set(plain["markdown_rendering"]) | set(mp["markdown_rendering"]))
    for kind in kinds:
        a, b = plain["markdown_rendering"].get(kind), mp["markdown_rendering"].get(kind)
        rows.append(
            [
                f"rendering {kind}",
                f"{a['cpu_s']:.2f} s ({a['pages']:,})" if a else "—",
                f"{b['cpu_s']:.2f} s ({b['pages']:,})" if b else "—",
                "",
            ]
        )
    lines += _table(["CPU time", "plain site", "Modelpress site", "Modelpress ms/post"], rows)
    return lines


def page_markdown(results: dict[str, Any]) -> str:
    sections = results.get("sections") or {}
    machine, versions = results["machine"], results["versions"]
    lines = [
        "# Performance",
        "",
        "Writers with years of reviews must not wait on their site, and readers must not wait",
        "on a chart. These figures are ratios measured side by side, in one run, against the",
        "tool a Material user would pick instead. `make bench` measures them again (about",
        "an hour and a half on two cores, the preview section alone about 45 minutes;",
        "`make bench QUICK=1` takes under three minutes on smaller sites) and rewrites this",
        "page and `bench/results.json`.",
        "",
        f"Last run: {results['generated_at']} ({results['mode']} mode) on "
        f"{machine['cores']} cores ({machine['cpu']}).",
        "",
        "## Targets",
        "",
    ]
    lines += _table(
        ["target", "goal", "measured", "", "note"],
        [
            [t["what"], t["target"], t["measured"], _met(t["met"]), t["note"]]
            for t in results.get("targets") or []
        ],
    )
    breakdown = (sections.get("build") or {}).get("breakdown") or {}
    if (
        breakdown.get("plain")
        and breakdown.get("modelpress")
        and any(
            t["met"] is False and str(t["id"]).startswith("build")
            for t in results.get("targets") or []
        )
    ):
        lines += [
            "",
            "Where a build target is not met, [Where the time goes](#where-the-time-goes) shows",
            "which plugin, and which kind of page, the extra time is spent in.",
        ]
    if results.get("mode") == "quick":
        lines += [
            "",
            '!!! note "Quick run"',
            "    These figures come from a quick run: small sites and one round. Targets set at",
            "    500 or 2,000 posts are judged at the sizes measured and are indicative only.",
        ]

    build = sections.get("build") or {}
    lines += ["", "## Build", "", _measured(build) if build else "*Not measured yet.*", ""]
    lines += [
        "The full Modelpress site (records, model pages, checks, charts, reviews layout and",
        "theme overrides) against the plain Material blog of the same posts: the same Markdown",
        "with the chart fences taken out, built by mkdocs-material with the same theme",
        "features and every plugin of the site that is not Modelpress's. Each build is",
        "`python -m mkdocs build` in a fresh process, timed from outside: wall clock, median",
        "(min–max), and the process's CPU time. Ratios, ms/post and shares use the CPU-time",
        "medians, because the machine is shared and other jobs stretch the wall clock of",
        "whichever build runs at that moment (each build runs on one core, so on a quiet",
        "machine the two agree; the wall-clock ratio is shown in brackets). *Added ms/post*",
        "is what Modelpress adds: the difference of the medians divided by the number of",
        "posts. `modelpress check` runs in the same rounds on the Modelpress site. The sites",
        "have one release record per ten posts.",
        "",
    ]
    for flavour, label in (("modelpress", "Modelpress site"), ("plain", "plain site")):
        names = (build.get("plugins") or {}).get(flavour)
        if names:
            lines += [f"- {label} plugins: " + ", ".join(f"`{n}`" for n in names)]
    if build.get("plugins"):
        lines += [""]
    if build.get("rows"):
        lines += _table(BUILD_HEADER, _build_rows(build))
    lines += _error_lines(build)
    if build.get("note"):
        lines += ["", f"*{build['note']}*"]
    lines += _breakdown_lines(build.get("breakdown") or {})
    lines += ["", f"Issue anchor for plain Material: {ANCHORS['plain_ms_per_post']}."]

    blog = sections.get("blog") or {}
    lines += ["", "### The blog plugin's own growth", ""]
    lines += [
        "The synthetic posts carry their `title:` in front matter. Material's blog plugin",
        "compares every page with every post, and for a post whose title is only in its",
        "`# heading` each comparison reads the Markdown again, so such sites grow faster",
        "than linearly. The same plain posts with their titles moved into a heading:",
        "",
    ]
    if blog.get("rows"):
        lines += [_measured(blog), ""]
        lines += _table(
            ["posts", "title in front matter", "ms/post", "title in `# heading`", "ms/post"],
            _blog_rows(blog),
        )
    else:
        lines += ["*Not measured in this run (full runs measure it).*"]

    if sections.get("serve"):
        from bench import serve

        lines += serve.serve_lines(sections["serve"])

    links = sections.get("links") or {}
    lines += ["", "## Link check", "", _measured(links) if links else "*Not measured yet.*", ""]
    lines += [
        "Both check the same built Modelpress site with external URLs off.",
        "mkdocs-htmlproofer-plugin works inside a build, so its cost is the build with it",
        "minus the same build without it (both timed in the same rounds).",
        "Modelpress's check (`check_built_site`, what `modelpress links` and the checks plugin",
        "run) is timed inside its worker process around the check alone, so neither side pays",
        "for starting Python. Times are CPU-time medians (wall clock in the JSON).",
        "",
    ]
    if links and "error" not in links:
        lines += _table(["what", "time", "cost", "share of the build"], _links_rows(links))
        lines += [
            "",
            f"Problems reported: Modelpress {links.get('modelpress_problems', '—')}, "
            f"htmlproofer {links.get('htmlproofer_problems', '—')} (warning lines). "
            f"Issue anchor: htmlproofer {ANCHORS['htmlproofer_overhead']}.",
        ]
    lines += _error_lines(links)
    for key, label in (
        ("modelpress_links", "Modelpress's built-site check"),
        ("build_htmlproofer", "the build with mkdocs-htmlproofer-plugin"),
        ("build", "the Modelpress build"),
    ):
        entry = links.get(key)
        if isinstance(entry, dict) and "error" in entry:
            lines += [
                "",
                f"{label.capitalize()} did not run:",
                "",
                "```text",
                entry["error"],
                "```",
            ]

    page = sections.get("page") or {}
    lines += ["", "## Page load", "", _measured(page) if page else "*Not measured yet.*", ""]
    lines += [
        "Headless Chromium opens each page in a fresh context (a first visit) from a",
        "loopback server without compression; *gzip* estimates what a compressing host such",
        "as GitHub Pages sends. *All charts drawn* is when every chart holds Plotly's SVG",
        "after being scrolled into view, in milliseconds since navigation started. The",
        "anchor is a small Material site charted by mkdocs-plotly-plugin, with the full",
        "plotly.js from the installed `plotly` package. Modelpress serves plotly.js's basic",
        "partial bundle (bar, pie and scatter traces; the charts use bar and scatter); the",
        "*full plotly.js (before)* row is the same chart page with the full bundle's bytes",
        "in its place, as Modelpress served it before.",
        "",
    ]
    if page.get("pages"):
        lines += _table(PAGE_HEADER, _page_rows(page))
        lines += ["", f"Issue anchor: mkdocs-plotly-plugin {ANCHORS['plotly_fcp']}."]
    for note in page.get("notes") or []:
        lines += ["", f"*{note}.*"]
    lines += _error_lines(page)

    if sections.get("import"):
        from bench import importing

        lines += importing.page_lines(sections["import"], _measured(sections["import"]))

    if sections.get("facts"):
        from bench import facts

        lines += facts.page_lines(sections["facts"], _measured(sections["facts"]))

    lines += ["", "## Machine and versions", ""]
    lines += _table(
        ["", ""],
        [["cores", str(machine["cores"])], ["CPU", machine["cpu"]], ["system", machine["system"]]]
        + [[name, version] for name, version in versions.items()],
    )
    lines += [
        "",
        "The synthetic site comes from `bench/corpus.py` (seed "
        f"{results.get('seed', 1)}): reviews of about 1,500 words with five footnotes,",
        "thirteen links and zero to three charts each, one release record per ten posts.",
    ]
    return "\n".join(lines) + "\n"


def terminal_table(results: dict[str, Any]) -> str:
    lines = [f"Modelpress bench ({results['mode']}), {results['machine']['cores']} cores", ""]
    build = (results.get("sections") or {}).get("build") or {}
    for row in build.get("rows") or []:
        posts = row["posts"]
        lines.append(
            f"build {posts:>5} posts: plain {_s(row.get('plain'))}, "
            f"modelpress {_s(row.get('modelpress'))}, check {_s(row.get('check'))}"
        )
    width = max((len(t["what"]) for t in results["targets"]), default=0)
    lines.append("")
    for target in results["targets"]:
        status = {True: "met", False: "NOT MET", None: "n/a"}[target["met"]]
        lines.append(
            f"{target['what']:<{width}}  {target['target']:<18} {target['measured']:<22} {status}"
        )
    return "\n".join(lines)


def write(results: dict[str, Any]) -> None:
    JSON_PATH.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    PAGE_PATH.write_text(page_markdown(results), encoding="utf-8")
