"""``modelpress serve``: after each kind of save, every served page is the clean build's page.

A real server on 127.0.0.1 serves a small generated site. Three saves follow (a
review's body, a review's title, a value in a release record); after each, the
test waits until the server has rebuilt, and in the end every page it serves
must be byte-identical (the live-reload script aside) to a clean ``mkdocs build``
of the same files for the same address.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from bench import corpus

from modelpress._internal.cli import main
from tests.support.server import Server, free_port
from tests.support.site import clean_env, lenient

pytestmark = pytest.mark.e2e

SERVED = "Reloading browsers"
"""The server's line once the new build is what it serves. Not "Documentation built in
N seconds": MkDocs' build logger drops any message it logged before (its
``DuplicateFilter``), so a rebuild as fast as an earlier one prints no such line."""
PROBLEMS = "modelpress-build-problems"
"""The id of the notice a failed rebuild puts on every page (see ``BuildProblems``)."""
FROM_CACHE = re.compile(r"modelpress: (\d+) of (\d+) pages from the build cache, (\d+) rendered")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
        return body


def without_livereload(page: bytes) -> bytes:
    """The page as written to disk: the server adds one script just before ``</body>``."""
    end = page.rfind(b"</body>")
    if end < 0:
        return page
    start = page.rfind(b"<script>", 0, end)
    if start < 0 or not page[start:end].endswith(b"</script>"):
        return page
    return page[:start] + page[end:]


@pytest.mark.parametrize("watching", [[], ["--poll"]], ids=["native-events", "polling"])
def test_served_pages_equal_a_clean_build_after_each_kind_of_save(
    tmp_path: Path, watching: list[str]
) -> None:
    root = corpus.generate(tmp_path / "site", posts=6, seed=5).root
    lenient(root)
    port = free_port()
    server = Server(
        [sys.executable, "-m", "modelpress", "serve", "--dev-addr", f"127.0.0.1:{port}", *watching],
        root,
    )
    lines = server.lines
    base = f"http://127.0.0.1:{port}/modelpress/"  # the path of the corpus's site_url
    try:
        done = server.wait_for("Serving on", -1)
        post = sorted((root / "content" / "reviews" / "posts").glob("*.md"))[2]
        slug = re.search(r"(?m)^slug: (.*)$", post.read_text(encoding="utf-8"))
        assert slug is not None
        url = f"{base}reviews/{slug.group(1)}/"
        before = fetch(url)

        text = post.read_text(encoding="utf-8")
        post.write_text(text.replace("<!-- more -->", "<!-- more -->\n\nA saved sentence.", 1))
        done = server.wait_for(SERVED, done)
        assert b"A saved sentence." in fetch(url)

        text = post.read_text(encoding="utf-8")
        post.write_text(re.sub(r"(?m)^title: .*$", "title: A saved title", text, count=1))
        done = server.wait_for(SERVED, done)
        assert b"A saved title" in fetch(url)

        record = sorted((root / "data" / "releases").glob("*.yaml"))[0]
        text = record.read_text(encoding="utf-8")
        record.write_text(
            re.sub(r"(context_window:\n  value: )\d+", r"\g<1>4194304", text, count=1),
            encoding="utf-8",
        )
        done = server.wait_for(SERVED, done)
        assert b"4M tokens" in fetch(f"{base}models/{record.stem}/")
        assert fetch(url) != before

        served = {}
        reference = clean_reference(root, port)
        written = (p for p in reference.rglob("*") if p.suffix in (".html", ".xml", ".json"))
        for page in sorted(written):
            path = page.relative_to(reference).as_posix()
            served[path] = without_livereload(fetch(base + path))
        different = [p for p, body in served.items() if body != (reference / p).read_bytes()]
        assert different == [], "".join(lines[-40:])
        assert served, "the reference build wrote no pages"
        # Each save re-rendered only part of the site (the first build rendered it all).
        counts = [FROM_CACHE.search(line) for line in lines]
        rendered = [(int(m.group(3)), int(m.group(2))) for m in counts if m]
        assert len(rendered) == 4, "".join(lines)
        assert all(0 < done < total for done, total in rendered[1:]), rendered
    finally:
        server.stop()


def clean_reference(root: Path, port: int) -> Path:
    """A clean build of the same files for the server's address, without the cache."""
    config = root / "mkdocs-reference.yml"
    config.write_text(
        f"INHERIT: mkdocs.yml\nsite_url: http://127.0.0.1:{port}/modelpress/\n"
        "site_dir: reference\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", config.name],
        cwd=root,
        env=clean_env() | {"MODELPRESS_NO_CACHE": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return root / "reference"


def test_serve_refuses_an_address_without_a_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    assert main(["serve", "--config-file", str(config), "--dev-addr", "localhost"]) == 2
    assert "HOST:PORT" in capsys.readouterr().err


def test_serve_needs_a_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--config-file", str(tmp_path / "missing.yml")]) == 2
    assert "no such config file" in capsys.readouterr().err


def test_serve_says_where_the_config_has_a_date_that_is_no_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MkDocs itself stops on this with a traceback; serve says it in one line first."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  since: 2025-02-30\n", encoding="utf-8")
    assert main(["serve", "--config-file", str(config)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        f"modelpress: {config}:3:10: '2025-02-30' is not a real date; write it as "
        "YYYY-MM-DD, or put it in quotes to keep it as text\n",
    )


def test_a_save_that_does_not_build_is_shown_on_the_page_until_one_does(tmp_path: Path) -> None:
    """MkDocs only logs a failed rebuild, and holds every page request until a build
    succeeds; the writer, looking at the browser, sees nothing. modelpress serve tells
    the browsers to reload and shows the problems, as the terminal has them, on the page."""
    root = corpus.generate(tmp_path / "site", posts=4, seed=3).root
    lenient(root)
    port = free_port()
    server = Server(
        [sys.executable, "-m", "modelpress", "serve", "--dev-addr", f"127.0.0.1:{port}"], root
    )
    base = f"http://127.0.0.1:{port}/modelpress/"
    try:
        done = server.wait_for("Serving on", -1)
        page = fetch(base).decode()
        epoch = re.search(r"livereload\((\d+), \d+\)", page)
        assert epoch is not None, page[-2000:]
        assert PROBLEMS not in page

        post = sorted((root / "content" / "reviews" / "posts").glob("*.md"))[1]
        text = post.read_text(encoding="utf-8")
        broken = re.sub(r"(?m)^  created: .*$", "  created: 2025-02-30", text, count=1)
        assert broken != text
        post.write_text(broken, encoding="utf-8")
        done = server.wait_for("An error happened during the rebuild", done)
        # The browsers' poll answers at once with a newer version (MkDocs: after a minute,
        # with the same one), and pages are served, not held.
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/livereload/{epoch.group(1)}/1", timeout=10
        ) as response:
            assert int(response.read()) > int(epoch.group(1))
        shown = fetch(base).decode()
        notice = shown[shown.index(f'<div id="{PROBLEMS}"') :]
        notice = notice[: notice.index("</div>")]
        line = f"content/reviews/posts/{post.name}:"
        assert line in notice
        assert "is not a real date; write it as YYYY-MM-DD [bad-date]" in notice
        assert "The last save did not build" in notice

        post.write_text(text, encoding="utf-8")
        server.wait_for(SERVED, done)
        assert PROBLEMS not in fetch(base).decode()
    finally:
        server.stop()
