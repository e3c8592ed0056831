"""``modelpress check`` refuses every review the build refuses, at the same ``file:line:col``.

A differential test: each case breaks a copy of the demo's reviews in one way,
then runs the real ``mkdocs build --strict`` and the real ``modelpress check``
on it. Both must fail, and both must report exactly the same problems (path,
line, column, code) — before this, ``check`` passed unknown authors, categories
outside ``categories_allowed``, empty reviews, front matter never closed and
reviews without a date, and neither noticed two reviews sharing one address.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.site import copy_demo, run_mkdocs, run_modelpress

pytestmark = pytest.mark.e2e

POSTS = Path("content/reviews/posts")
GROK_3 = POSTS / "grok-3.md"
GROK_4 = POSTS / "grok-4.md"
_PROBLEM = re.compile(
    r"(?P<path>(?:content|data)/\S+):(?P<line>\d+):(?P<col>\d+): "
    r"(?:error|warning): .*\[(?P<code>[\w-]+)\]$",
    re.M,
)

Problem = tuple[str, int, int, str]


def edit(root: Path, path: Path, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(root: Path, path: Path, text: str) -> None:
    (root / path).write_text(text, encoding="utf-8")


def add_post(root: Path, name: str, front_matter: str, body: str = "Text.\n") -> None:
    write(root, POSTS / name, f"---\n{front_matter}---\n\n{body}")


@dataclass(frozen=True)
class Case:
    name: str
    breaks: Callable[[Path], None]
    expected: frozenset[Problem]


def _problems(output: str) -> set[Problem]:
    return {
        (m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in _PROBLEM.finditer(output)
    }


CASES = [
    Case(
        "unknown-author",
        lambda root: edit(root, GROK_3, "authors: [theo]", "authors: [thoe]"),
        frozenset({(str(GROK_3), 5, 11, "unknown-author")}),
    ),
    Case(
        "category-not-allowed",
        lambda root: edit(
            root, GROK_3, "categories: [xAI, Benchmarks]", "categories: [xAI, Bench]"
        ),
        frozenset({(str(GROK_3), 6, 19, "unknown-category")}),
    ),
    Case(
        "empty-review",
        lambda root: write(root, GROK_3, ""),
        frozenset({(str(GROK_3), 1, 1, "empty-review")}),
    ),
    Case(
        "front-matter-never-closed",
        lambda root: edit(root, GROK_3, "slug: grok-3\n---\n", "slug: grok-3\n"),
        frozenset({(str(GROK_3), 1, 1, "unclosed-front-matter")}),
    ),
    Case(
        "no-front-matter",
        lambda root: write(root, GROK_3, "# Grok 3\n\nA review without front matter.\n"),
        frozenset({(str(GROK_3), 1, 1, "missing-front-matter")}),
    ),
    Case(
        "no-date",
        lambda root: edit(root, GROK_3, "date: 2025-02-20\n", ""),
        frozenset({(str(GROK_3), 1, 1, "missing-date")}),
    ),
    Case(
        "date-that-is-text",
        lambda root: edit(root, GROK_3, "date: 2025-02-20", 'date: "20 Feb 2025"'),
        frozenset({(str(GROK_3), 4, 7, "bad-date")}),
    ),
    Case(
        "updated-before-date",
        lambda root: edit(
            root, GROK_3, "date: 2025-02-20\n", "date: 2025-02-20\nupdated: 2025-01-01\n"
        ),
        frozenset({(str(GROK_3), 5, 10, "bad-date")}),
    ),
    Case(
        "slug-not-text",
        lambda root: edit(root, GROK_3, "slug: grok-3", "slug: [grok-3]"),
        frozenset({(str(GROK_3), 8, 7, "wrong-type")}),
    ),
    Case(
        "same-slug-twice",
        lambda root: edit(root, GROK_4, "slug: grok-4", "slug: grok-3"),
        frozenset({(str(GROK_3), 8, 7, "duplicate-slug"), (str(GROK_4), 8, 7, "duplicate-slug")}),
    ),
    Case(
        # No slug: the blog slugifies the title ("Grok 3" → grok-3), as Material does.
        "slug-from-title-collides",
        lambda root: add_post(
            root, "grok-3-notes.md", 'title: "Grok 3"\ndate: 2025-03-01\nauthors: [theo]\n'
        ),
        frozenset(
            {
                (str(GROK_3), 8, 7, "duplicate-slug"),
                (str(POSTS / "grok-3-notes.md"), 2, 8, "duplicate-slug"),
            }
        ),
    ),
    Case(
        # No slug and no title: the first line's heading is the title, as in MkDocs.
        "slug-from-heading-collides",
        lambda root: add_post(
            root, "grok-3-heading.md", "date: 2025-03-01\nauthors: [theo]\n", "# Grok 3\n\nText.\n"
        ),
        frozenset(
            {
                (str(GROK_3), 8, 7, "duplicate-slug"),
                (str(POSTS / "grok-3-heading.md"), 6, 1, "duplicate-slug"),
            }
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_and_check_refuse_the_same_review_problems(case: Case, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    case.breaks(root)

    build = run_mkdocs(root)
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output
    assert not build.site.exists(), "the build wrote files before failing"

    check = run_modelpress(root, "check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Traceback" not in check.stdout + check.stderr

    assert _problems(build.output) == case.expected, build.output
    assert _problems(check.stdout) == case.expected, check.stdout


def test_a_unique_slug_builds_and_checks_clean(tmp_path: Path) -> None:
    """The counterpart of the slug cases: a title that slugifies to a new address is fine."""
    root = copy_demo(tmp_path / "site")
    add_post(root, "grok-3-notes.md", 'title: "Grok 3 notes"\ndate: 2025-03-01\nauthors: [theo]\n')
    check = run_modelpress(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    assert (build.site / "reviews/grok-3-notes/index.html").is_file()
    assert (build.site / "reviews/grok-3/index.html").is_file()


def test_reviews_naming_an_invalid_release_say_so_and_point_at_its_file(tmp_path: Path) -> None:
    """A broken record is reported once; what names it is told why, not "did you mean"."""
    root = copy_demo(tmp_path / "site")
    edit(root, Path("data/releases/grok-4.yaml"), "\norg: xai", "\norg: xai\nparamz: 1")
    check = run_modelpress(root, "check")
    output = check.stdout + check.stderr
    assert check.returncode == 1, output
    assert "unknown release 'grok-4'" not in output
    found = _problems(check.stdout)
    invalid = {(path, line, col) for path, line, col, code in found if code == "invalid-release"}
    assert {
        (str(GROK_4), 7, 10),  # models: [grok-4, …]
        (str(GROK_4), 11, 23),  # [Grok 4](../../models/grok-4.md)
        (str(GROK_4), 49, 10),  # a chart fence's models:
        ("data/incidents/grok-4-searches-musk-views-2025-07.yaml", 13, 15),
    } <= invalid, output
    assert (
        "release 'grok-4' in 'models' exists but its record is invalid "
        "(see data/releases/grok-4.yaml)" in output
    )
    assert all(code != "unknown-id" for *_, code in found), output


POST_URL_SETTINGS = {
    "slug": 'post_url_format: "{slug}"',
    "date-and-slug": 'post_url_date_format: yyyy/MM\n      post_url_format: "{date}/{slug}"',
    "categories-and-title": 'post_url_format: "{categories}/{slug}"\n'
    "      post_url_max_categories: 2",
    "named-date-and-file": 'post_url_date_format: long\n      post_url_format: "{date}/{file}"',
    "case-kept": "post_slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: none}}\n"
    '      post_url_format: "{slug}"',
}


def small_blog(root: Path, settings: str) -> Path:
    """A Material blog without Modelpress: where the blog itself puts each post."""
    (root / "docs/blog/posts").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs/blog/index.md").write_text("# Blog\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Small\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        "  language: de\nplugins:\n  - blog:\n      " + settings + "\n",
        encoding="utf-8",
    )
    posts = {
        "first.md": 'title: "Grok 3: a fast climb"\ndate: 2025-02-20\n'
        "categories: [xAI, Bench Marks]\n",
        "second.md": "date: 2025-07-14\ncategories: [Große Modelle]\n",
        "third.md": "date: 2025-08-01\nslug: Custom-Slug\n",
    }
    bodies = {"second.md": "# Überschrift – Ä la carte\n\nText.\n"}
    for name, front in posts.items():
        body = bodies.get(name, "Text.\n")
        (root / "docs/blog/posts" / name).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return root


@pytest.mark.parametrize("settings", list(POST_URL_SETTINGS), ids=list(POST_URL_SETTINGS))
def test_post_addresses_are_computed_as_the_blog_publishes_them(
    settings: str, tmp_path: Path
) -> None:
    """The duplicate-slug check is only as good as its addresses: compare with a real build."""
    from modelpress._internal.reviews.meta import read_post_pages
    from modelpress._internal.reviews.posturl import post_path
    from modelpress._internal.siteconfig import read_site_config

    root = small_blog(tmp_path, POST_URL_SETTINGS[settings])
    site = read_site_config(root / "mkdocs.yml")
    assert site.blog is not None
    computed = {
        page.src_uri: post_path(page, site.blog)
        for page in read_post_pages(site.docs_dir, site.root, site.blog)
    }
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    built = {
        p.parent.relative_to(build.site).as_posix()
        for p in (build.site / "blog").rglob("index.html")
    }
    for src_uri, path in computed.items():
        assert path is not None, src_uri
        assert path.removesuffix(".md") in built, (src_uri, path, sorted(built))
    assert len(set(computed.values())) == 3


def test_a_broken_benchmark_registry_does_not_make_every_chart_benchmark_unknown(
    tmp_path: Path,
) -> None:
    """data/benchmarks.yaml's own error is the one to fix; fences naming benchmarks stay quiet."""
    from modelpress._internal.charts import parse_chart
    from modelpress._internal.records import load_catalog

    data = tmp_path / "data"
    (data / "releases").mkdir(parents=True)
    (data / "benchmarks.yaml").write_text(
        'benchmarks:\n  - {id: gpqa, name: GPQA, unit: percentage, url: "https://example.org"}\n',
        encoding="utf-8",
    )
    catalog, problems = load_catalog(data, root=tmp_path)
    assert [p.code for p in problems] == ["bad-value"]
    body = "type: benchmarks\nbenchmarks: [gpqa, nonsense]\n"
    _, found = parse_chart(body, "content/a.md", 5, catalog)
    assert not any("unknown benchmark" in d.message for d in found), found
