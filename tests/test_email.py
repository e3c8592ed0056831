"""``modelpress email``: one review as a self-contained HTML file, called as a user would."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from modelpress._internal.cli import main
from modelpress._internal.content import read_markdown_page
from modelpress._internal.facts.bound import Mode, render_bindings
from modelpress._internal.records import load_catalog
from tests.support.site import REPO, copy_demo

POSTS = sorted((REPO / "content/reviews/posts").glob("*.md"))
SITE_URL = "https://modelpress.github.io/modelpress/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_demo(tmp_path_factory.mktemp("email") / "site")


def write_email(site: Path, post: str, out: Path) -> int:
    return main(["email", "--config", str(site / "mkdocs.yml"), str(site / post), "-o", str(out)])


@pytest.mark.parametrize("post", POSTS, ids=lambda p: p.stem)
def test_email_is_self_contained_with_absolute_links(
    site: Path, tmp_path: Path, post: Path
) -> None:
    out = tmp_path / "email.html"
    assert write_email(site, f"content/reviews/posts/{post.name}", out) == 0
    html = out.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.find("link") is None
    assert soup.find("style") is None
    assert "<script" not in html.lower()
    hrefs = [str(a["href"]) for a in soup.find_all("a", href=True)]
    assert hrefs
    for href in hrefs:
        assert urlsplit(href).scheme == "https", href
    for image in soup.find_all(src=True):
        assert urlsplit(str(image["src"])).scheme == "https"
    assert soup.select_one(".wrapper[style]") is not None, "CSS was not inlined"

    source = post.read_text(encoding="utf-8")
    # Bound values ({{ release.path }}) cite their sources as endnotes too.
    page = read_markdown_page(site / "content/reviews/posts" / post.name, site / "content", site)
    catalog, _ = load_catalog(site / "data", root=site)
    with_values = render_bindings(page.body, page.tokens, catalog, Mode.EMAIL).markdown
    notes = re.findall(r"^\[\^[^\]]+\]:", with_values, flags=re.M)
    endnotes = soup.select(".endnotes li")
    assert len(endnotes) == len(notes)
    assert all(li.select_one("a[href^='https://']") for li in endnotes)
    refs = soup.select("sup.note-ref")
    assert refs
    assert all(ref.find("a") is None for ref in refs)

    fences = source.count("```chart")
    charts = soup.select(".chart")
    assert len(charts) == fences
    slug = re.search(r"^slug: (.+)$", source, flags=re.M)
    assert slug is not None
    page_url = f"{SITE_URL}reviews/{slug.group(1)}/"
    for chart in charts:
        rows = chart.select("tbody tr")
        assert rows
        link = chart.select_one(".chart-link a")
        assert link is not None
        assert str(link["href"]).startswith(f"{page_url}#mp-chart-")
    assert "```" not in soup.get_text()
    assert soup.select_one(".web-link a")["href"] == page_url  # type: ignore[index]


def test_chart_links_point_at_the_charts_on_the_built_site(site: Path, tmp_path: Path) -> None:
    """The anchors the email links to are the ids the charts plugin gives the figures."""
    from tests.support.site import run_mkdocs

    out = tmp_path / "email.html"
    assert write_email(site, "content/reviews/posts/grok-4.md", out) == 0
    anchors = re.findall(r"reviews/grok-4/#(mp-chart-[0-9a-f]+)", out.read_text())
    assert len(anchors) == 2
    build = run_mkdocs(site)
    assert build.returncode == 0, build.output
    page = build.html("reviews/grok-4/")
    for anchor in anchors:
        assert page.find(id=anchor) is not None, anchor


def test_strip_and_numbers_match_the_records(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "email.html"
    assert write_email(site, "content/reviews/posts/grok-4-heavy.md", out) == 0
    text = " ".join(BeautifulSoup(out.read_text(), "html.parser").get_text(" ").split())
    assert "Models in this review" in text
    assert "$300.00/month (SuperGrok Heavy)" in text
    assert "44.4" in text


def test_site_url_unset_is_a_clear_error_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_demo(tmp_path / "site")
    config = root / "mkdocs.yml"
    config.write_text(
        re.sub(r"^site_url:.*\n", "", config.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    out = tmp_path / "email.html"
    assert write_email(root, "content/reviews/posts/grok-3.md", out) == 1
    assert "site_url is not set" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    "address", ["http://127.0.0.1:8000/", "http://localhost:8000/blog/", "http://[::1]:8000/"]
)
def test_a_local_site_url_writes_the_email_with_a_warning_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    """A new site's site_url is the preview address: fine for a look at the email, not for
    sending it, so the writer is told where to change it."""
    root = copy_demo(tmp_path / "site")
    config = root / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url:.*$", f"site_url: {address}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    line = text[: text.index("site_url:")].count("\n") + 1
    out = tmp_path / "email.html"
    assert write_email(root, "content/reviews/posts/grok-3.md", out) == 0
    err = capsys.readouterr().err
    assert f"{config}:{line}: warning: site_url is {address}, this machine" in err
    assert out.exists()


def test_a_published_site_url_gives_no_warning(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert write_email(site, "content/reviews/posts/grok-3.md", tmp_path / "email.html") == 0
    assert "warning" not in capsys.readouterr().err


def test_unknown_release_is_reported_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_demo(tmp_path / "site")
    post = root / "content/reviews/posts/grok-3.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("models: [grok-3,", "models: [grok3,"),
        encoding="utf-8",
    )
    out = tmp_path / "email.html"
    assert write_email(root, "content/reviews/posts/grok-3.md", out) == 1
    printed = capsys.readouterr()
    assert (
        "content/reviews/posts/grok-3.md:7:10: error: unknown release 'grok3' in 'models'"
        in printed.out
    )
    assert not out.exists()


def test_unknown_chart_model_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_demo(tmp_path / "site")
    post = root / "content/reviews/posts/grok-3.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("models: [grok-3, deepseek-r1,", "models: [grok-3, deepsek-r1,"))
    line = (
        text.splitlines().index(
            "models: [grok-3, deepseek-r1, claude-3.7-sonnet, o3, gemini-2.5-pro]"
        )
        + 1
    )
    out = tmp_path / "email.html"
    assert write_email(root, "content/reviews/posts/grok-3.md", out) == 1
    printed = capsys.readouterr().out
    assert f"content/reviews/posts/grok-3.md:{line}:" in printed
    assert "deepsek-r1" in printed
    assert not out.exists()


def test_a_page_that_is_not_a_review_is_refused(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "email.html"
    assert write_email(site, "content/methodology.md", out) == 1
    assert "not a review" in capsys.readouterr().err
    assert not out.exists()
