"""The records plugin inside a real ``mkdocs build``: all problems listed, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.site import run_mkdocs

BASE = Path(__file__).parent / "fixtures" / "records" / "base"
CONFIG = """\
site_name: Records test
docs_dir: docs
theme: {name: material}
plugins:
  - modelpress/records
"""


def make_site(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_valid_records_build(tmp_path: Path) -> None:
    build = run_mkdocs(make_site(tmp_path))
    assert build.returncode == 0, build.output
    assert (build.site / "index.html").is_file()


def test_broken_records_stop_the_build_before_anything_is_written(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    release = site / "data" / "releases" / "nova-2.yaml"
    text = release.read_text(encoding="utf-8")
    release.write_text(
        text.replace("org: acme", "org: acmee").replace("status: released", "status: gone"),
        encoding="utf-8",
    )
    (site / "data" / "incidents" / "nova-2-leak.yaml").write_text("id: [\n", encoding="utf-8")
    build = run_mkdocs(site)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert "data/releases/nova-2.yaml:3:6: error: unknown org 'acmee'" in build.output
    assert (
        "data/releases/nova-2.yaml:4:9: error: 'gone' is not allowed for 'status'" in build.output
    )
    assert "data/incidents/nova-2-leak.yaml:2:1: error: YAML syntax" in build.output
    assert "modelpress: 3 errors in the records under data/" in build.output
    assert not (build.site / "index.html").exists()


def test_missing_records_plugin_is_explained(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "mkdocs.yml").write_text(
        CONFIG.replace("  - modelpress/records\n", "  - modelpress/checks\n"), encoding="utf-8"
    )
    build = run_mkdocs(site)
    assert build.returncode == 1
    assert "add 'modelpress/records' to the plugins in mkdocs.yml" in build.output
    assert "Traceback" not in build.output
