"""Sites the generated pages must refuse, or serve differently, in a real ``mkdocs build``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.site import run_mkdocs

pytestmark = pytest.mark.e2e

SITE = Path(__file__).parent / "fixtures" / "pages" / "site"


def site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITE, tmp_path / "site"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_review_naming_an_unknown_release_fails_with_its_line(tmp_path: Path) -> None:
    root = site(tmp_path)
    edit(root / "content/reviews/posts/second-look.md", "models: [nova-2]", "models: [nova-22]")
    build = run_mkdocs(root)
    assert build.returncode == 1
    assert (
        "content/reviews/posts/second-look.md:4:10: error: unknown release 'nova-22' in "
        "'models' (did you mean" in build.output
    )
    assert "Traceback" not in build.output


def test_predecessor_cycle_fails_before_anything_is_written(tmp_path: Path) -> None:
    root = site(tmp_path)
    edit(
        root / "data/releases/nova-1.yaml",
        "status: retired",
        "status: retired\npredecessor: nova-2",
    )
    build = run_mkdocs(root)
    assert build.returncode == 1
    assert (
        "data/releases/nova-1.yaml:5:14: error: predecessors form a loop: "
        "nova-2 → nova-1 → nova-2" in build.output
    )
    assert not (build.site / "models").exists()


def test_two_releases_claiming_one_slug_fail(tmp_path: Path) -> None:
    root = site(tmp_path)
    shutil.copy(root / "data/releases/open-1.yaml", root / "data/releases/open-1-copy.yaml")
    build = run_mkdocs(root)
    assert build.returncode == 1
    assert (
        "data/releases/open-1.yaml:1:5: error: release id 'open-1' is already used by "
        "data/releases/open-1-copy.yaml:1" in build.output
    )
    assert not (build.site / "models").exists()


def test_release_id_that_would_replace_the_models_index_fails(tmp_path: Path) -> None:
    root = site(tmp_path)
    edit(root / "data/releases/bare-1.yaml", "id: bare-1", "id: index")
    (root / "data/releases/bare-1.yaml").rename(root / "data/releases/index.yaml")
    build = run_mkdocs(root)
    assert build.returncode == 1
    assert (
        "data/releases/index.yaml:1:1: error: the release id 'index' is the name of the models "
        "index page; choose another id [reserved-id]" in build.output
    )


def test_writer_page_in_the_way_of_a_generated_page_fails(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "content/timeline.md").write_text("# My timeline\n", encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 1
    assert "timeline.md:1:1: error: 'timeline.md' is generated from the records" in build.output


def test_site_template_overrides_the_packaged_one(tmp_path: Path) -> None:
    root = site(tmp_path)
    edit(root / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    overrides = root / "overrides" / "modelpress"
    overrides.mkdir(parents=True)
    (overrides / "timeline.md.j2").write_text(
        "# Our timeline\n\n{% for year, items in years %}{% for item in items %}"
        "- {{ item.link }} in {{ item.date }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    timeline = build.html("timeline/")
    assert timeline.find("h1").get_text() == "Our timeline"  # type: ignore[union-attr]
    items = [li.get_text() for li in timeline.select("article li")]
    assert "Evil <script>alert('name')</script> in 2025-06-01" in items, "still escaped"
    assert build.html("models/nova-2/").find(id="specifications") is not None, "others unchanged"


def test_models_table_links_work_without_directory_urls(tmp_path: Path) -> None:
    root = site(tmp_path)
    edit(
        root / "mkdocs.yml", "docs_dir: content\n", "docs_dir: content\nuse_directory_urls: false\n"
    )
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    index = build.html("models/index.html")
    link = index.select_one('tr[data-id="nova-2"] a')
    assert link is not None
    assert link["href"] == "nova-2.html"
    assert (build.site / "models" / "nova-2.html").is_file()
