"""``make serve`` rebuilds when a record under data/ changes, not only when Markdown does."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tests.support.site import clean_env

BASE = Path(__file__).parent / "fixtures" / "records" / "base"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(lines: list[str], text: str, start: int, limit: float = 60.0) -> int:
    """Index of the first output line from ``start`` on containing ``text``; fail past a bound."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for index in range(start, len(lines)):
            if text in lines[index]:
                return index
        time.sleep(0.1)
    raise AssertionError(f"no {text!r} in the server's output:\n" + "".join(lines))


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
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    assert server.stdout is not None
    reader = threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")))
    reader.start()
    try:
        served = wait_for(lines, "Serving on", 0)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200
        record = tmp_path / "data" / "releases" / "nova-2.yaml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("org: acme", "org: acmee"),
            encoding="utf-8",
        )
        wait_for(lines, "Building documentation", served)
        wait_for(lines, "unknown org 'acmee'", served)
    finally:
        server.terminate()
        server.wait(timeout=20)
        reader.join(timeout=10)
