"""The demo site builds to the same bytes under ProperDocs as under MkDocs 1.6.

ProperDocs (``properdocs`` on PyPI) continues MkDocs 1.x while MkDocs itself has
had no release since 2024 and MkDocs 2 drops the plugin API. A Modelpress site
should be able to switch by changing only the command, so the demo is built
with both, each in its own copy, and every output file is compared. ProperDocs
reads ``mkdocs.yml`` (passed with ``-f``, as its own name is ``properdocs.yml``)
and loads plugins registered under the ``mkdocs.plugins`` entry points, ours and
Material's included, so the plugins need no second registration.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.site import Build, clean_env, copy_demo, run_modelpress

SHOWN_FILES = 5
"""How many differing files an assertion message names."""

ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
"""Zensical colours its messages even when its output is not a terminal."""


def build_with(engine: str, root: Path) -> Build:
    """``<engine> build --strict`` in ``root`` with the other e2e tests' environment.

    ``SOURCE_DATE_EPOCH`` is unset, so the reviews plugin dates both builds by the
    newest review (see tests/test_reproducible.py) and the clock plays no part.
    """
    env = clean_env()
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    result = Build(done.returncode, done.stdout + done.stderr, root)
    assert result.returncode == 0, f"{engine} build failed:\n{result.output}"
    return result


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def first_difference(name: str, one: bytes, two: bytes) -> str:
    """A few lines of unified diff for a text file, or the sizes for a binary one."""
    try:
        left, right = one.decode("utf-8"), two.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name}: {len(one)} bytes under MkDocs, {len(two)} under ProperDocs (binary)"
    diff = difflib.unified_diff(
        left.splitlines(),
        right.splitlines(),
        "mkdocs/" + name,
        "properdocs/" + name,
        n=0,
        lineterm="",
    )
    return "\n".join(line[:200] for line in list(diff)[:8])


def differences(mkdocs: dict[str, bytes], properdocs: dict[str, bytes]) -> str:
    """What differs between the two builds, first files first; empty when nothing does."""
    only_mkdocs = sorted(set(mkdocs) - set(properdocs))
    only_properdocs = sorted(set(properdocs) - set(mkdocs))
    changed = sorted(
        name for name in set(mkdocs) & set(properdocs) if mkdocs[name] != properdocs[name]
    )
    report: list[str] = []
    if only_mkdocs:
        report.append(f"only in the MkDocs build: {only_mkdocs[:SHOWN_FILES]}")
    if only_properdocs:
        report.append(f"only in the ProperDocs build: {only_properdocs[:SHOWN_FILES]}")
    if changed:
        report.append(f"{len(changed)} files differ, first: {changed[:SHOWN_FILES]}")
        report.append(first_difference(changed[0], mkdocs[changed[0]], properdocs[changed[0]]))
    return "\n".join(report)


@pytest.mark.e2e
def test_properdocs_builds_the_demo_byte_for_byte_as_mkdocs(tmp_path: Path) -> None:
    version = subprocess.run(
        [sys.executable, "-m", "properdocs", "--version"],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # The engine really is ProperDocs 1.x, run from its own package, not MkDocs under a name.
    assert re.search(r"properdocs, version 1\.\d+\.\d+ from \S+/properdocs ", version.stdout), (
        version.stdout
    )

    mkdocs = files_of(build_with("mkdocs", copy_demo(tmp_path / "mkdocs")).site)
    properdocs = files_of(build_with("properdocs", copy_demo(tmp_path / "properdocs")).site)

    assert differences(mkdocs, properdocs) == ""
    # Both builds are whole sites, the plugins' pages and feeds included.
    for name in ("index.html", "models/grok-4/index.html", "feed_rss_created.xml"):
        assert name in properdocs


def test_the_difference_report_names_the_first_differing_files() -> None:
    """The assertion message above is what a failing CI run shows; it must point somewhere."""
    mkdocs = {"a.html": b'<meta content="mkdocs-1.6.1">\n', "b.xml": b"same", "c.gz": b"\x1f\x8b"}
    properdocs = {
        "a.html": b'<meta content="mkdocs-ProperDocs 1.6.7">\n',
        "b.xml": b"same",
        "c.gz": b"\x1f\x8b\xff",
        "d.txt": b"new",
    }
    report = differences(mkdocs, properdocs)
    assert "only in the ProperDocs build: ['d.txt']" in report
    assert "2 files differ, first: ['a.html', 'c.gz']" in report
    assert '-<meta content="mkdocs-1.6.1">' in report
    assert '+<meta content="mkdocs-ProperDocs 1.6.7">' in report
    assert differences(mkdocs, dict(mkdocs)) == ""


def zensical_build(root: Path) -> subprocess.CompletedProcess[str]:
    """``zensical build`` in ``root``, its output without terminal colours."""
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build"],
        cwd=root,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    done.stdout = ANSI_COLOUR.sub("", done.stdout + done.stderr)
    return done


@pytest.mark.e2e
def test_zensical_builds_the_demo_layout_blog_and_feeds_without_our_plugins(
    tmp_path: Path,
) -> None:
    """Zensical runs no Python plugins but renders our templates with MiniJinja.

    The demo's templates once called ``replace`` with a count, which MiniJinja
    refuses ("too many arguments" in partials/post.html) and which aborted the
    whole build. The demo is strict; Zensical's strict build stops at the links
    to pages only our plugins write (models, timeline, incidents), so this copy
    is not strict and those links are the only warnings.

    The layout ships in the package and our reviews plugin adds it; Zensical
    finds it only when ``custom_dir`` names the folder ``modelpress theme-path``
    prints, as the README's "Engines" says to do.
    """
    root = copy_demo(tmp_path / "zensical")
    printed = run_modelpress(root, "theme-path")
    assert printed.returncode == 0, printed.stderr
    layout = printed.stdout.strip()
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("\nstrict: true\n", "\nstrict: false\n")
    assert "\n  custom_dir: site_overrides\n" in text
    config.write_text(
        text.replace("\n  custom_dir: site_overrides\n", f"\n  custom_dir: {layout}\n"),
        encoding="utf-8",
    )
    done = zensical_build(root)
    assert done.returncode == 0, done.stdout
    assert "Error" not in done.stdout
    warnings = re.findall(r"Warning: (.+)", done.stdout)
    assert warnings, "expected the links to the plugins' pages to be reported"
    assert set(warnings) == {"page does not exist"}
    build = Build(done.returncode, done.stdout, root)

    # The newsletter layout: the review's own template with headline and byline.
    review = build.html("reviews/grok-4/")
    headline = review.select_one("h1.mp-review__headline")
    assert headline is not None
    assert headline.get_text(strip=True) == "Grok 4: frontier scores, and a week that buried them"
    assert review.select_one(".mp-byline__names") is not None
    assert review.select_one("link[href$='assets/stylesheets/modelpress.css']") is not None
    # The layout's static files come with it: the stylesheet and the review typeface.
    assert (build.site / "assets" / "stylesheets" / "modelpress.css").is_file()
    assert len(list((build.site / "assets" / "fonts").glob("*.woff2"))) == 4
    # The reviews index: Zensical's blog, every excerpt with its subtitle under the headline.
    excerpts = build.html("reviews/").select(".md-post--excerpt")
    assert len(excerpts) == 5
    for excerpt in excerpts:
        heading = excerpt.select_one(".md-post__content > h2")
        assert heading is not None
        subtitle = heading.find_next_sibling()
        assert subtitle is not None
        assert subtitle.get("class") == ["mp-excerpt__subtitle"]
    # Zensical's own RSS, one item per review.
    feed = (build.site / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 5
    # What needs our plugins: no model pages, and chart fences stay code.
    assert not (build.site / "models").exists()
    fences = build.html("reviews/grok-3/").select("pre code")
    assert fences
    assert [fence.get_text().split("\n", 1)[0] for fence in fences] == [
        "type: benchmarks",
        "type: arena",
    ]
