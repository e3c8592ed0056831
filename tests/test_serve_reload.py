"""``make serve`` rebuilds when a record under data/ changes, not only when Markdown does."""

from __future__ import annotations

import shutil
import sys
import urllib.request
from pathlib import Path

from tests.support.server import Server, free_port

BASE = Path(__file__).parent / "fixtures" / "records" / "base"


def test_serve_rebuilds_when_a_record_changes(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Serve test\ndocs_dir: docs\ntheme: {name: material}\n"
        "plugins:\n  - modelpress/records\n",
        encoding="utf-8",
    )
    port = free_port()
    server = Server(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        tmp_path,
    )
    try:
        served = server.wait_for("Serving on", limit=60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200
        record = tmp_path / "data" / "releases" / "nova-2.yaml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("org: acme", "org: acmee"),
            encoding="utf-8",
        )
        server.wait_for("Building documentation", served, limit=60)
        server.wait_for("unknown org 'acmee'", served, limit=60)
    finally:
        server.stop()
