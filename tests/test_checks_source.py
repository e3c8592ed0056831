"""Source checks on fixture reviews that hold every footnote and link mistake.

Each review under ``tests/fixtures/checks/site/content/reviews/posts/`` has its
exact expected report in ``tests/fixtures/checks/expected/<name>.txt``; run
``pytest --update-fixtures`` after a deliberate change and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelpress._internal.checks import check_page, check_site_sources
from modelpress._internal.checks.context import CheckContext
from modelpress._internal.checks.urlsyntax import url_problem
from modelpress._internal.cli import main
from modelpress._internal.content import read_markdown_page
from modelpress._internal.records import load_catalog
from modelpress._internal.siteconfig import read_site_config

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
SITE = FIXTURES / "site"
POSTS = sorted((SITE / "content" / "reviews" / "posts").glob("*.md"))


def _report(page_path: Path) -> str:
    site = read_site_config(SITE / "mkdocs.yml")
    catalog, problems = load_catalog(site.data_dir, root=site.root)
    assert problems == []
    pages = sorted(p.relative_to(site.docs_dir).as_posix() for p in site.docs_dir.rglob("*.md"))
    context = CheckContext.for_site(site, catalog, pages)
    page = read_markdown_page(page_path, site.docs_dir, site.root)
    return "".join(d.format() + "\n" for d in sorted(check_page(page, context)))


@pytest.mark.parametrize("post", POSTS, ids=[p.stem for p in POSTS])
def test_each_mistake_is_reported_at_its_line(post: Path, update_fixtures: bool) -> None:
    expected_file = FIXTURES / "expected" / f"{post.stem}.txt"
    actual = _report(post)
    if update_fixtures:
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_code_appears_in_the_fixtures() -> None:
    """The fixtures cover every source check (a code no fixture triggers is untested)."""
    text = "".join(p.read_text(encoding="utf-8") for p in (FIXTURES / "expected").glob("*.txt"))
    for code in (
        "footnote-undefined",
        "footnote-unused",
        "footnote-duplicate",
        "footnote-empty",
        "footnote-no-link",
        "bad-url",
        "missing-file",
        "missing-page",
        "unknown-model",
    ):
        assert f"[{code}]" in text, code


def test_site_and_page_ignores_hold() -> None:
    report = _report(SITE / "content/reviews/posts/ignored-codes.md")
    assert "SENTENCE" not in report  # ignore_codes glob in mkdocs.yml drops bad-url here
    assert "footnote-unused" not in report  # the page's own modelpress_ignore
    assert "generated/later.png" not in report  # the page's modelpress_ignore_urls
    assert "images/later.png" in report


def test_check_command_fails_on_the_fixture_site(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", str(SITE / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    assert "content/reviews/posts/links.md:8:42: error: link target 'http://GROK" in out


def test_the_demo_site_passes_the_source_checks(repo: Path) -> None:
    site = read_site_config(repo / "mkdocs.yml")
    catalog, problems = load_catalog(site.data_dir, root=site.root)
    found = [d.format() for d in check_site_sources(site, catalog)]
    assert problems == []
    assert found == []


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("http://GROK%203%20IMPROVES%20DAILY—YOU’LL", "sentence"),
        ("www.example.org/x", "no scheme"),
        ("https://", "no host"),
        ("https://a b.org", "spaces"),
        ("https://under_score.org/", "not a valid domain"),
        ("https://intranet/", "no dot"),
        ("https://example.org:99999/", "cannot be parsed"),
        ("https://10.0.0.999/", "ends in a number"),
        ("javascript:alert(1)", "unknown scheme"),
    ],
)
def test_bad_targets_say_why(target: str, problem: str) -> None:
    assert problem in (url_problem(target) or "")


@pytest.mark.parametrize(
    "target",
    [
        "https://example.org/a%20b?q=1#x",
        "https://bücher.de/",
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "mailto:editor@example.org",
        "#section",
        "../models/grok-4.md",
        "//cdn.example.org/x.js",
    ],
)
def test_good_targets_pass(target: str) -> None:
    assert url_problem(target) is None


def test_a_config_date_that_is_no_day_is_one_line_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PyYAML raises a bare ValueError for 2025-13-45, not a YAML error: still one line."""
    config = tmp_path / "mkdocs.yml"
    text = (SITE / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text + "\nextra_dates:\n  launch: 2025-13-45\n", encoding="utf-8")
    line = text.count("\n") + 3

    assert main(["check", "--config", str(config)]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"modelpress: {config}:{line}:11: '2025-13-45' is not a real date; write it as "
        "YYYY-MM-DD, or put it in quotes to keep it as text\n"
    )
