"""The ``serve`` section of ``make bench``: from a save to the new page, and warm builds.

For each size, on the same generated posts:

- ``modelpress serve`` and plain Material's ``mkdocs serve`` (which rebuilds the whole
  site on every save) run as real servers on 127.0.0.1. Each kind of save (a review's
  body, its title; on the Modelpress site also a value in a release record) is made
  ``rounds`` times; the time is from writing the file until the server answers the
  page that shows the change with the change in it (polled every 50 ms).
- ``mkdocs build`` of the Modelpress site with an empty cache (cold, which also writes
  the cache) and again unchanged (warm), each in a fresh process.
- The peak memory (RSS) of a cold Modelpress build and of the plain build, at the
  largest size.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.server import free_port
from tests.support.site import clean_env

from bench import corpus
from bench.report import target_row
from bench.timing import Failed, Samples, Timing

__all__ = ["measure", "serve_lines", "serve_targets"]

POLL = 0.05
LIMIT = 1800.0
SERVING = re.compile(r"Serving on (\S+)")
FROM_CACHE = re.compile(r"modelpress: (\d+) of (\d+) pages from the build cache, (\d+) rendered")
RSS_WRAPPER = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if done.returncode == 0 "
    "else -1)"
)


LENIENT = "mkdocs-bench-serve.yml"


def _lenient(root: Path) -> str:
    """A config beside the site's that only turns strict mode off: the generated prose can
    trip the writing checks (a random number next to a model name), which must not stop
    a server whose speed is measured here. Both sides use it."""
    (root / LENIENT).write_text("INHERIT: mkdocs.yml\nstrict: false\n", encoding="utf-8")
    return LENIENT


def _env(cache: bool) -> dict[str, str]:
    env = clean_env()
    env.pop("MODELPRESS_NO_CACHE", None)
    if not cache:
        env["MODELPRESS_NO_CACHE"] = "1"
    return env


class Server:
    """A preview server in a subprocess, its output collected line by line."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            command,
            cwd=root,
            env=_env(cache=True),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        out = self.process.stdout
        assert out is not None
        self.reader = threading.Thread(target=lambda: self.lines.extend(iter(out.readline, "")))
        self.reader.start()
        found = self.wait_for(SERVING, -1)
        match = SERVING.search(self.lines[found])
        assert match is not None
        self.base = match.group(1).rstrip("/") + "/"
        self.seen = found

    def wait_for(self, pattern: re.Pattern[str], after: int) -> int:
        deadline = time.monotonic() + LIMIT
        while time.monotonic() < deadline:
            for index in range(after + 1, len(self.lines)):
                if pattern.search(self.lines[index]):
                    return index
            if self.process.poll() is not None:
                break
            time.sleep(POLL)
        raise Failed("the server stopped or timed out:\n" + "".join(self.lines[-15:]))

    def save_and_wait(self, save: Callable[[], None], path: str, marker: str) -> dict[str, Any]:
        """Seconds from the save until ``path`` is served with ``marker``; pages rendered."""
        start = time.perf_counter()
        save()
        deadline = time.monotonic() + LIMIT
        url = self.base + path
        while True:
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    if marker.encode() in response.read():
                        break
            except (urllib.error.URLError, TimeoutError, ConnectionError):
                pass  # between two builds the page may be missing, or the server busy
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise Failed(f"{url} never showed {marker!r}:\n" + "".join(self.lines[-15:]))
            time.sleep(POLL)
        seconds = time.perf_counter() - start
        # Not "Documentation built": MkDocs' build logger drops a message it logged before,
        # so a rebuild as fast as an earlier one prints none.
        built = self.wait_for(re.compile("Reloading browsers"), self.seen)
        self.seen = built
        rendered = None
        for line in self.lines[: built + 1][::-1]:
            match = FROM_CACHE.search(line)
            if match:
                rendered = int(match.group(3))
                break
        return {"seconds": seconds, "rendered": rendered}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.reader.join(timeout=10)


def _post(root: Path) -> tuple[Path, str]:
    posts = sorted((root / "content" / "reviews" / "posts").glob("*.md"))
    post = posts[len(posts) // 2]
    slug = re.search(r"(?m)^slug: (.*)$", post.read_text(encoding="utf-8"))
    if slug is None:
        raise Failed(f"{post} has no slug")
    return post, f"reviews/{slug.group(1)}/"


def _edit_body(post: Path, marker: str) -> Callable[[], None]:
    def save() -> None:
        text = post.read_text(encoding="utf-8")
        post.write_text(text.replace("<!-- more -->", f"<!-- more -->\n\n{marker}", 1))

    return save


def _edit_title(post: Path, marker: str) -> Callable[[], None]:
    def save() -> None:
        text = post.read_text(encoding="utf-8")
        post.write_text(re.sub(r"(?m)^title: .*$", f"title: {marker}", text, count=1))

    return save


def _edit_record(record: Path, mebi: int) -> Callable[[], None]:
    def save() -> None:
        text = record.read_text(encoding="utf-8")
        value = mebi * 1024 * 1024
        record.write_text(
            re.sub(r"(context_window:\n  value: )\d+", rf"\g<1>{value}", text, count=1)
        )

    return save


def _saves(server: Server, root: Path, rounds: int, with_record: bool) -> dict[str, Any]:
    post, path = _post(root)
    records = sorted((root / "data" / "releases").glob("*.yaml")) if with_record else []
    kinds: dict[str, list[dict[str, Any]]] = {"body": [], "title": []}
    if records:
        kinds["record"] = []
    for number in range(rounds):
        marker = f"Bench save {number} {time.time_ns()}."
        kinds["body"].append(server.save_and_wait(_edit_body(post, marker), path, marker))
        title = f"Bench title {number} {time.time_ns()}"
        kinds["title"].append(server.save_and_wait(_edit_title(post, title), path, title))
        if records:
            record = records[number % len(records)]
            mebi = 3 + number  # 3M, 4M, … tokens: never the generated values
            kinds["record"].append(
                server.save_and_wait(
                    _edit_record(record, mebi), f"models/{record.stem}/", f"{mebi}M tokens"
                )
            )
    return {
        kind: {
            **Samples(tuple(r["seconds"] for r in runs)).as_dict(),
            "rendered": [r["rendered"] for r in runs],
        }
        for kind, runs in kinds.items()
    }


def _serve(command: list[str], root: Path, rounds: int, with_record: bool) -> dict[str, Any]:
    try:
        server = Server(command, root)
    except Failed as exc:
        return {"error": str(exc)}
    try:
        return _saves(server, root, rounds, with_record)
    except Failed as exc:
        return {"error": str(exc)}
    finally:
        server.stop()


def _build(root: Path, *, cache: bool) -> Timing:
    """``mkdocs build`` in a fresh process with the cache on or off."""
    args = [sys.executable, "-m", "mkdocs", "build", "-f", _lenient(root)]
    started = time.perf_counter()
    done = subprocess.run(args, cwd=root, env=_env(cache), capture_output=True, text=True)
    if done.returncode != 0:
        raise Failed(done.stderr[-2000:])
    return Timing(time.perf_counter() - started)


def _peak_rss_mb(root: Path, *, cache: bool) -> float | None:
    """Peak RSS of one build in a fresh process; with the cache on, an empty one (cold)."""
    if cache:
        subprocess.run([sys.executable, "-m", "modelpress", "clean"], cwd=root, env=_env(True))
    command = [sys.executable, "-c", RSS_WRAPPER, sys.executable, "-m", "mkdocs", "build"]
    command += ["-f", _lenient(root)]
    done = subprocess.run(command, cwd=root, env=_env(cache), capture_output=True, text=True)
    try:
        kilobytes = int(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    return round(kilobytes / 1024, 1) if kilobytes > 0 else None


def measure(
    sites: Any, sizes: list[int], rounds: int, progress: Callable[[str], None]
) -> dict[str, Any]:
    """The serve section: one row per size, and peak memory at the largest."""
    rows = []
    for posts in sizes:
        mp: corpus.Corpus = sites.get(posts, "modelpress")
        plain: corpus.Corpus = sites.get(posts, "plain")
        row: dict[str, Any] = {"posts": posts, "releases": mp.releases}
        try:
            subprocess.run(
                [sys.executable, "-m", "modelpress", "clean"], cwd=mp.root, env=_env(True)
            )
            progress(f"serve: {posts} posts, cold and warm builds")
            row["build_plain"] = _build(plain.root, cache=False).wall
            row["build_cold"] = _build(mp.root, cache=True).wall
            row["build_warm"] = _build(mp.root, cache=True).wall
        except Failed as exc:
            row["build_error"] = str(exc)
        progress(f"serve: {posts} posts, modelpress serve")
        address = f"127.0.0.1:{free_port()}"
        config = _lenient(mp.root)
        row["modelpress"] = _serve(
            [sys.executable, "-m", "modelpress", "serve", "--config-file", config, "-a", address],
            mp.root,
            rounds,
            with_record=True,
        )
        progress(f"serve: {posts} posts, plain mkdocs serve")
        address, config = f"127.0.0.1:{free_port()}", _lenient(plain.root)
        row["plain"] = _serve(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", config, "-a", address],
            plain.root,
            rounds,
            with_record=False,
        )
        rows.append(row)
        progress(f"serve: {posts} posts: {_summary(row)}")
    largest = max(sizes)
    progress(f"serve: peak memory of a build at {largest} posts")
    memory = {
        "posts": largest,
        "modelpress_mb": _peak_rss_mb(sites.get(largest, "modelpress").root, cache=True),
        "plain_mb": _peak_rss_mb(sites.get(largest, "plain").root, cache=False),
        "cache": True,
    }
    return {"rows": rows, "rounds": rounds, "memory": memory}


def _summary(row: dict[str, Any]) -> str:
    parts = []
    for who in ("modelpress", "plain"):
        for kind, entry in (row.get(who) or {}).items():
            if isinstance(entry, dict) and "median_s" in entry:
                parts.append(f"{who} {kind} {entry['median_s']:.2f} s")
    return ", ".join(parts)


# -- the page ------------------------------------------------------------------------------


def _s(entry: Any) -> str:
    if isinstance(entry, dict) and "median_s" in entry:
        low, high = entry["min_s"], entry["max_s"]
        spread = f" ({low:.2f}–{high:.2f})" if high - low >= 0.01 else ""
        return f"{entry['median_s']:.2f} s{spread}"
    if isinstance(entry, (int, float)):
        return f"{entry:.2f} s"
    return "—"


def _rendered(entry: Any) -> str:
    counts = entry.get("rendered") if isinstance(entry, dict) else None
    numbers = [n for n in counts or [] if isinstance(n, int)]
    return ", ".join(str(n) for n in numbers) if numbers else "—"


def serve_lines(section: dict[str, Any]) -> list[str]:
    """The section of content/performance.md: Markdown lines."""
    lines = ["", "## Preview and warm builds", ""]
    if not section.get("rows"):
        return [*lines, "*Not measured yet.*"]
    lines += [
        f"Measured {section.get('measured_at', '')} ({section.get('mode', '')} mode, "
        f"{section.get('rounds')} save(s) of each kind per server).",
        "",
        "Time from saving a file until the preview server answers the page that shows the",
        "change with the change in it (polled every 50 ms): `modelpress serve` against plain",
        "Material's `mkdocs serve`, which rebuilds the whole site on every save, on the same",
        "posts. *Pages rendered* is what the build cache did not supply (of every page of the",
        "site). Builds are `mkdocs build` in a fresh process: cold with an empty cache (it",
        "also writes the cache), warm with the cache of the previous build and no change.",
        "",
        "| posts | save | `modelpress serve` | pages rendered | plain `mkdocs serve` |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for row in section["rows"]:
        mp, plain = row.get("modelpress") or {}, row.get("plain") or {}
        for kind, label in (("body", "a review's body"), ("title", "a review's title")):
            lines.append(
                f"| {row['posts']:,} | {label} | {_s(mp.get(kind))} | {_rendered(mp.get(kind))} "
                f"| {_s(plain.get(kind))} |"
            )
        lines.append(
            f"| {row['posts']:,} | a release record | {_s(mp.get('record'))} "
            f"| {_rendered(mp.get('record'))} | (no records) |"
        )
    lines += [
        "",
        "| posts | plain Material build | Modelpress cold | Modelpress warm | warm / plain |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in section["rows"]:
        plain, cold, warm = row.get("build_plain"), row.get("build_cold"), row.get("build_warm")
        ratio = f"{warm / plain:.2f}×" if plain and warm else "—"
        lines.append(f"| {row['posts']:,} | {_s(plain)} | {_s(cold)} | {_s(warm)} | {ratio} |")
    memory = section.get("memory") or {}
    if memory.get("modelpress_mb") and memory.get("plain_mb"):
        ratio = memory["modelpress_mb"] / memory["plain_mb"]
        lines += [
            "",
            f"Peak memory (RSS) of a cold build at {memory['posts']:,} posts "
            f"(Modelpress {'writing its build cache' if memory.get('cache') else 'cache off'}): "
            "Modelpress "
            f"{memory['modelpress_mb']:,.0f} MB, plain Material {memory['plain_mb']:,.0f} MB "
            f"({ratio:.2f}×).",
        ]
    if section.get("note"):
        lines += ["", f"*{section['note']}*"]
    for row in section["rows"]:
        for who in ("modelpress", "plain"):
            error = (row.get(who) or {}).get("error")
            if error:
                lines += ["", f"*{who} serve at {row['posts']} posts failed:* `{error[:300]}`"]
    return lines


def _row(section: dict[str, Any], posts: int) -> dict[str, Any] | None:
    rows = [r for r in section.get("rows") or [] if r.get("posts") == posts]
    return rows[0] if rows else None


def serve_targets(section: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's preview, warm-build and memory targets, judged on this section."""
    out = []
    for posts, limit in ((500, 2.0), (2000, 3.0)):
        row = _row(section, posts) or {}
        medians = [
            entry["median_s"]
            for entry in (row.get("modelpress") or {}).values()
            if isinstance(entry, dict) and "median_s" in entry
        ]
        worst = max(medians) if len(medians) == 3 else None
        out.append(
            target_row(
                f"serve-{posts}",
                f"Save → served page with `modelpress serve`, {posts:,} reviews, slowest kind",
                f"≤ {limit:.0f} s",
                f"{worst:.2f} s" if worst is not None else None,
                worst <= limit if worst is not None else None,
            )
        )
    row = _row(section, 500) or {}
    plain, warm = row.get("build_plain"), row.get("build_warm")
    ratio = warm / plain if plain and warm else None
    out.append(
        target_row(
            "warm-build",
            "Warm build of an unchanged 500-review site vs plain Material's build",
            "≤ 0.3×",
            f"{ratio:.2f}×" if ratio is not None else None,
            ratio <= 0.3 if ratio is not None else None,
        )
    )
    memory = section.get("memory") or {}
    mp_mb, plain_mb = memory.get("modelpress_mb"), memory.get("plain_mb")
    share = mp_mb / plain_mb if mp_mb and plain_mb else None
    out.append(
        target_row(
            "memory",
            f"Peak memory of a build, {memory.get('posts', 2000):,} reviews, vs plain Material",
            "≤ 1.15× (at 2,000)",
            f"{share:.2f}× ({mp_mb:,.0f} MB)" if share is not None and mp_mb else None,
            share <= 1.15 if share is not None and memory.get("posts") == 2000 else None,
        )
    )
    return out
