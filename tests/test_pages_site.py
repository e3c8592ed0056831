"""Generated pages in a real ``mkdocs build``: model pages, index, timeline, incidents, downloads.

One small fixture site (tests/fixtures/pages/site) is built once per module; it
holds a fully described release, one with no benchmarks or prices, an open-weights
one, and one whose every string is hostile.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.support.site import Build, run_mkdocs

pytestmark = pytest.mark.e2e

SITE = Path(__file__).parent / "fixtures" / "pages" / "site"
RELEASES = ("nova-1", "nova-2", "open-1", "bare-1", "evil-1")
GENERATED = ["models/", *(f"models/{r}/" for r in RELEASES), "timeline/", "incidents/"]


def copy_site(destination: Path) -> Path:
    shutil.copytree(SITE, destination)
    return destination


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    built = run_mkdocs(copy_site(tmp_path_factory.mktemp("pages") / "site"))
    assert built.returncode == 0, built.output
    return built


def text_of(soup: BeautifulSoup) -> str:
    article = soup.find("article")
    assert isinstance(article, Tag)
    return " ".join(article.get_text(" ").split())


def row_values(table: Tag) -> dict[str, Tag]:
    """First cell text → second cell, for a two-column table."""
    found = {}
    for row in table.find_all("tr")[1:]:
        cells = row.find_all(["td", "th"])
        found[cells[0].get_text(strip=True)] = cells[1]
    return found


def table_after(soup: BeautifulSoup, heading_id: str) -> Tag:
    heading = soup.find(id=heading_id)
    assert isinstance(heading, Tag), heading_id
    table = heading.find_next("table")
    assert isinstance(table, Tag)
    return table


def test_every_release_has_a_page_at_its_url(build: Build) -> None:
    for release in RELEASES:
        assert (build.site / "models" / release / "index.html").is_file()
    assert not (build.root / "content" / "models").exists(), "pages must not be written to docs"


def test_model_page_spec_card_shows_status_and_footnoted_source(build: Build) -> None:
    soup = build.html("models/nova-2/")
    assert soup.title is not None
    assert soup.title.get_text().startswith("Nova 2 - ")
    spec = row_values(table_after(soup, "specifications"))
    total = spec["Parameters (total)"]
    rumored = total.find(class_="mp-status-rumored")
    assert isinstance(rumored, Tag)
    assert rumored.get_text() == "400B"
    assert "from an unnamed source" in str(rumored["title"])
    assert total.find(class_="mp-status-label").get_text() == "rumored"  # type: ignore[union-attr]
    ref = total.find("a", class_="footnote-ref")
    assert isinstance(ref, Tag)
    footnote = soup.find(id=str(ref["href"]).lstrip("#"))
    assert isinstance(footnote, Tag)
    link = footnote.find("a", href="https://news.example.org/nova-2")
    assert isinstance(link, Tag)
    assert link.get_text() == "A review of Nova 2"
    active = spec["Parameters (active)"].find(class_="mp-status-estimated")
    assert isinstance(active, Tag)
    assert active.get_text() == "40B"
    assert spec["Context window"].get_text(" ", strip=True).startswith("128K tokens")
    assert "text, image in; text out" in spec["Modalities"].get_text()
    assert "Closed" in spec["Weights"].get_text()


def test_model_page_sections(build: Build) -> None:
    soup = build.html("models/nova-2/")
    text = text_of(soup)
    assert "Acme AI · released · Announced 2025-01-10 · Released 2025-01-20" in text
    pricing = table_after(soup, "api").get_text(" ", strip=True)
    assert "$3.00" in pricing
    assert "$0.75" in pricing
    assert "$15.00" in pricing
    plans = table_after(soup, "consumer-plans").get_text(" ", strip=True)
    assert "Acme Pro" in plans
    assert "$20.00 per month" in plans
    benchmarks = table_after(soup, "benchmarks")
    rows = [r.get_text(" ", strip=True) for r in benchmarks.find_all("tr")[1:]]
    assert any("61.0%" in r and "0-shot CoT" in r and "vendor" in r for r in rows)
    assert any("58.2%" in r and "disputed" in r and "independent" in r for r in rows)
    assert any("No number" in r and "without a number" in r for r in rows)
    arena = table_after(soup, "arena").get_text(" ", strip=True)
    assert "1301" in arena
    assert "1295 – 1307" in arena
    assert "12,345" in arena
    availability = table_after(soup, "availability").get_text(" ", strip=True)
    assert "Acme Chat" in availability
    assert "Pro subscribers" in availability


def test_model_page_links_lineage_incidents_and_reviews(build: Build) -> None:
    soup = build.html("models/nova-2/")
    hrefs = {a.get_text(" ", strip=True): str(a["href"]) for a in soup.select("article a")}
    assert hrefs["Nova 1"] == "../nova-1/"
    assert hrefs["Evil <script>alert('name')</script>"] == "../evil-1/"
    assert hrefs["Nova 2 repeated a hidden instruction"] == "../../incidents/#nova-2-leak"
    reviews = [a for a in soup.select("article a") if "reviews/" in str(a["href"])]
    titles = [a.get_text() for a in reviews]
    assert titles[:2] == ["A second look at Nova 2", "Nova 2 review"], "newest review first"
    assert str(reviews[0]["href"]) == "../../reviews/a-second-look-at-nova-2/"
    assert (build.site / "reviews" / "a-second-look-at-nova-2" / "index.html").is_file()
    nova1 = text_of(build.html("models/nova-1/"))
    assert "Nova 2 review" in nova1
    assert "A second look" not in nova1


def test_page_without_benchmarks_or_prices_says_what_is_unknown(build: Build) -> None:
    soup = build.html("models/bare-1/")
    text = text_of(soup)
    assert "No benchmark results are recorded for Bare 1 yet." in text
    assert "No API price is recorded: Bare 1 is announced; Acme has opened no API" in text
    assert "No API prices or consumer plans are recorded" not in text, "the reason replaces it"
    assert "Where Bare 1 can be used is not recorded." in text
    assert "No review covers Bare 1 yet." in text
    spec = row_values(table_after(soup, "specifications"))
    assert spec["Context window"].get_text() == "Not published"
    total = spec["Parameters (total)"].find(class_="mp-unknown")
    assert total is not None
    assert total.get_text() == "Not published: Acme has not said how large Bare 1 is"
    assert "rumored" in spec["Weights"].get_text()
    assert "None" not in text
    assert "nan" not in text.split()


def test_models_index_lists_every_release_with_sortable_values(build: Build) -> None:
    soup = build.html("models/")
    table = soup.find("table", class_="mp-models-table")
    assert isinstance(table, Tag)
    rows = {str(r["data-id"]): r for r in table.select("tbody tr")}
    assert set(rows) == set(RELEASES)
    open_row = rows["open-1"]
    assert open_row["data-open"] == "true"
    assert open_row["data-context"] == "1000000"
    assert open_row["data-price"] == "0.2"
    assert open_row["data-org"] == "open-co"
    link = open_row.find("a")
    assert isinstance(link, Tag)
    assert link["href"] == "open-1/"
    assert (build.site / "models" / "open-1" / "index.html").is_file()
    cells = {str(c["data-label"]): c for c in rows["nova-2"].find_all(["td", "th"])}
    assert cells["Parameters"]["data-sort"] == "400000000000"
    assert cells["Parameters"].find(class_="mp-status-rumored") is not None
    assert cells["Released"]["data-sort"] == "2025-01-20"
    assert cells["Price"].get_text(" ", strip=True) == "$3.00 / $15.00"
    assert rows["bare-1"].find("td", attrs={"data-label": "Price"})["data-sort"] == ""  # type: ignore[index]
    bare = {str(c["data-label"]): c for c in rows["bare-1"].find_all(["td", "th"])}
    reason = bare["Parameters"].find(class_="mp-unknown")
    assert reason is not None
    assert (reason.get_text(), reason["title"]) == (
        "Unknown",
        "Acme has not said how large Bare 1 is",
    )
    downloads = {a.get_text(): str(a["href"]) for a in soup.select("article a")}
    assert downloads["releases.json"] == "../data/releases.json"
    assert downloads["releases.csv"] == "../data/releases.csv"
    assert downloads["incidents.json"] == "../data/incidents.json"
    assert downloads["release"] == "../data/schema/release.schema.json"


def test_timeline_lists_releases_by_year(build: Build) -> None:
    soup = build.html("timeline/")
    years = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert years == ["2025", "2024", "Date not known"]
    text = text_of(soup)
    assert "2024-07-01: Open 1 (Open Co, released)" in text
    assert "Bare 1 (Acme AI, announced)" in text
    assert "```chart" not in text, "no charts plugin here, so no chart fence"


def test_incident_log_newest_first_and_linked(build: Build) -> None:
    soup = build.html("incidents/")
    headings = [h["id"] for h in soup.select("article h2")]
    assert headings == ["evil-incident", "nova-2-leak"]
    links = [str(a["href"]) for a in soup.select("article a") if a.get_text() == "Nova 2"]
    assert links
    assert all(href == "../models/nova-2/" for href in links)
    assert "AI Incident Database #42" in text_of(soup)
    on_release = build.html("models/nova-2/").find(id="incidents")
    assert isinstance(on_release, Tag)
    listed = on_release.find_next("ul")
    assert isinstance(listed, Tag)
    items = [li.get_text(" ", strip=True) for li in listed.find_all("li")]
    assert items[0].startswith("2025-06-10: <script>alert('incident')</script>")
    assert items[0].endswith("(involved)")
    assert items[1] == "2025-02-01: Nova 2 repeated a hidden instruction (developer)"


def test_generated_pages_are_in_nav_search_and_sitemap(build: Build) -> None:
    home = build.html("index.html")
    nav = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a")]
    for section in ("Models", "Timeline", "Incidents"):
        assert section in nav
    assert "Nova 2" not in nav, "model pages stay out of the navigation"
    index = json.loads((build.site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    sitemap = (build.site / "sitemap.xml").read_text()
    for url in GENERATED:
        assert url in locations
        assert f"https://example.org/pages-test/{url}</loc>" in sitemap
    assert "Not included in the nav" not in build.output
    assert 'not included in the "nav"' not in build.output


def test_generated_pages_are_themed_and_load_their_assets(build: Build) -> None:
    soup = build.html("models/")
    assert soup.select_one("header.md-header") is not None
    scripts = [str(s.get("src", "")) for s in soup.find_all("script")]
    assert "../assets/modelpress/models-table.js" in scripts
    styles = [str(s["href"]) for s in soup.find_all("link", rel="stylesheet")]
    assert "../assets/modelpress/models.css" in styles
    assert (build.site / "assets" / "modelpress" / "models-table.js").is_file()


HOSTILE_ATTRIBUTES = ("onerror", "onload", "onclick")


@pytest.mark.parametrize(
    "path", ["models/evil-1/", "models/", "models/nova-2/", "timeline/", "incidents/"]
)
def test_hostile_strings_are_escaped_everywhere(build: Build, path: str) -> None:
    soup = build.html(path)
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text(), str(script)[:200]
    for element in soup.find_all(True):
        for attribute in HOSTILE_ATTRIBUTES:
            assert not element.has_attr(attribute), str(element)[:200]
        for attribute in ("href", "src"):
            value = str(element.get(attribute, ""))
            assert not value.lower().startswith("javascript:"), str(element)[:200]
        assert element.name not in ("svg", "b", "i") or element.find_parent("article") is None
    assert soup.find("img", src="x") is None


def test_hostile_strings_read_as_written(build: Build) -> None:
    soup = build.html("models/evil-1/")
    h1 = soup.find("h1")
    assert isinstance(h1, Tag)
    assert h1.get_text() == "Evil <script>alert('name')</script>"
    assert soup.title is not None
    assert soup.title.get_text().startswith("Evil <script>alert('name')</script> - ")
    text = text_of(soup)
    assert "[click me](javascript:alert('link'))" in text
    assert "**bold** `code` {: onclick=\"alert('attr')\" } [^evil] | table |" in text
    assert 'Evil <b>Labs</b> & "Co"' in text
    assert "<b>host</b> | x" in text
    assert "[tier](javascript:alert(1))" in text
    footnotes = soup.select_one("div.footnote")
    assert footnotes is not None
    source = footnotes.find("a", href="https://evil.example.org/a?x=1&y=2")
    assert isinstance(source, Tag)
    assert source.get_text() == "</a><script>alert('source')</script>"
    incidents = text_of(build.html("incidents/"))
    assert "<script>alert('incident')</script> [x](javascript:alert(1))" in incidents
    index = json.loads((build.site / "search" / "search_index.json").read_text())
    titles = [d["title"] for d in index["docs"] if d["location"] == "models/evil-1/"]
    assert len(titles) == 1
    assert "<" not in titles[0], "Material shows search titles as HTML"
    assert titles[0].startswith("Evil &lt;script&gt;alert(")


def test_downloads_are_published(build: Build) -> None:
    data = build.site / "data"
    releases = json.loads((data / "releases.json").read_text())
    assert [r["id"] for r in releases["releases"]][:2] == ["nova-1", "open-1"]
    assert (data / "releases.csv").read_text().startswith("release,name,org,field,")
    assert json.loads((data / "incidents.json").read_text())["incidents"][0]["id"] == (
        "evil-incident"
    )
    assert json.loads((data / "schema" / "release.schema.json").read_text())["title"] == "Release"
    model_index = (data / "model-index" / "nova-2.yaml").read_text()
    assert "name: GPQA Diamond (0-shot CoT, vendor-reported)" in model_index
    hf_link = build.html("models/nova-2/").find("a", string="nova-2.yaml")
    assert isinstance(hf_link, Tag)
    assert hf_link["href"] == "../../data/model-index/nova-2.yaml"


@pytest.mark.parametrize(
    ("front_matter", "blog_options"),
    [
        pytest.param("draft: true\ndate: 2025-04-01", "", id="draft"),
        pytest.param("date: 2999-01-01", "      draft_if_future_date: true\n", id="future-date"),
    ],
)
def test_model_page_leaves_out_reviews_the_build_leaves_out(
    tmp_path: Path, front_matter: str, blog_options: str
) -> None:
    """A draft review is not built, so a model page linking it would fail --strict."""
    root = copy_site(tmp_path / "site")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            'post_url_format: "{slug}"\n', 'post_url_format: "{slug}"\n' + blog_options
        )
    )
    (root / "content" / "reviews" / "posts" / "unfinished.md").write_text(
        f"---\ntitle: Unfinished thoughts on Nova 2\n{front_matter}\nmodels: [nova-2]\n---\n\n"
        "# Unfinished thoughts on Nova 2\n\nNot yet.\n"
    )
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    page = text_of(built.html("models/nova-2/"))
    assert "A second look at Nova 2" in page
    assert "Unfinished thoughts" not in page
    assert not (built.site / "reviews" / "unfinished-thoughts-on-nova-2").exists()
