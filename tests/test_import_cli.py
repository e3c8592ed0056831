"""``modelpress import`` as a writer runs it: exit codes, safety, and what the site says after.

The shared samples (``tests/fixtures/import/``, copied from ``../shared/formats``)
and a Substack export zipped from files are imported into copies of the demo
site; the site's own ``modelpress check`` and ``mkdocs build`` are then run on it.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from modelpress._internal.cli import main
from modelpress._internal.importer.writer import write_atomic
from tests.support.http import serve_directory
from tests.support.site import copy_demo, run_mkdocs
from tests.test_import_fixtures import FIXTURES, IMPORT_DAY, zip_export

SAMPLES = sorted(
    [
        FIXTURES / "pandoc" / "substack-pandoc.md",
        FIXTURES / "pasted" / "pasted-paid-post.md",
        FIXTURES / "pasted" / "vendor-mojibake.md",
        FIXTURES / "transcript" / "transcript-notes.md",
    ]
)
LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>\w+): .* \[(?P<code>[\w-]+)\]$"
)


@pytest.fixture(autouse=True)
def _import_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", IMPORT_DAY)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "site")


def posts_of(site: Path) -> Path:
    return site / "content" / "reviews" / "posts"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def run(site: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["import", *args, "--config", str(site / "mkdocs.yml")])
    out, err = capsys.readouterr()
    return code, out, err


def located(lines: str) -> set[tuple[str, str, str, str]]:
    """(path, line, col, code) of every diagnostic line."""
    found = set()
    for line in lines.splitlines():
        match = LINE.match(line)
        if match:
            found.add((match["path"], match["line"], match["col"], match["code"]))
    return found


def test_check_after_import_reports_only_what_the_import_reported(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--config", str(site / "mkdocs.yml")]) in (0, 1)
    before = located(capsys.readouterr().out)
    export = zip_export(FIXTURES / "substack" / "export", tmp_path / "export.zip")
    code, out, err = run(site, *map(str, SAMPLES), str(export), capsys=capsys)
    assert code == 0, err
    assert "imported 7 of 7 posts" in err
    reported = located(out)
    assert {p for p, *_ in reported} >= {"content/reviews/posts/nova-2-beta-release.md"}

    main(["check", "--config", str(site / "mkdocs.yml")])
    after = located(capsys.readouterr().out)
    new = after - before
    assert new, "the demo site's rule footnotes_need_links must flag the imported notes"
    assert new <= reported, sorted(new - reported)


def test_imported_posts_build(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Front matter the blog accepts (dates, known authors, allowed categories), and no
    build warning about an imported post that the import did not report."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("footnotes_need_links: true", "footnotes_need_links: false")
    config.write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
    export = zip_export(FIXTURES / "substack" / "export", tmp_path / "export.zip")
    transcript = FIXTURES / "transcript" / "links-to-pages.md"
    before = set(posts_of(site).glob("*.md"))
    code, out, err = run(site, *map(str, SAMPLES), str(export), str(transcript), capsys=capsys)
    assert code == 0, err
    imported = {p.relative_to(site).as_posix() for p in set(posts_of(site).glob("*.md")) - before}
    assert len(imported) == 8
    build = run_mkdocs(site, "build")
    assert build.returncode == 0, build.output
    stems = {Path(p).stem for p in imported}
    errors = [line for line in build.output.splitlines() if "ERROR" in line]
    assert not [line for line in errors if any(stem in line for stem in stems)], errors
    warned = located("\n".join(line.split("-  ", 1)[-1] for line in build.output.splitlines()))
    warned = {w for w in warned if w[0] in imported}  # the demo's own posts are not ours
    assert warned <= located(out), sorted(warned - located(out))
    for slug in ("nova-3-benchmarks-up-taste-flat", "orion-2-a-week-later", "nova-2-beta-release"):
        page = build.html(f"reviews/{slug}/")
        assert page.find("h1") is not None, slug
    notes = build.html("reviews/notes-on-the-grok-4-episode/")
    links = {a.get("href") for a in notes.find_all("a")}
    assert "../grok-4/" in links
    assert "../../methodology/" in links
    assert not (build.site / "reviews" / "draft-notes-on-pricing").exists()  # draft: true


def test_no_overwrite_without_force(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = str(FIXTURES / "pasted" / "vendor-mojibake.md")
    assert run(site, sample, capsys=capsys)[0] == 0
    code, out, err = run(site, sample, capsys=capsys)  # again, nothing edited: nothing to say
    assert code == 0, out
    assert "1 unchanged since an earlier import" in err
    post = posts_of(site) / "nova-2-beta-release.md"
    edited = post.read_text(encoding="utf-8") + "\nThe writer's own edit.\n"
    post.write_text(edited, encoding="utf-8")

    code, out, err = run(site, sample, capsys=capsys)
    assert code == 1
    assert "content/reviews/posts/nova-2-beta-release.md:1:1: error: exists already" in out
    assert "[file-exists]" in out
    assert "imported 0 of 1 post" in err
    assert post.read_text(encoding="utf-8") == edited

    code, out, _ = run(site, sample, "--dry-run", capsys=capsys)
    assert code == 1  # a dry run says what a real run would refuse
    assert "a real run would leave it as it is" in out
    assert post.read_text(encoding="utf-8") == edited

    code, _, err = run(site, sample, "--force", capsys=capsys)
    assert code == 0, err
    assert "The writer's own edit." not in post.read_text(encoding="utf-8")


def test_dry_run_writes_nothing(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(site)
    export = zip_export(FIXTURES / "substack" / "export", tmp_path / "export.zip")
    code, out, err = run(site, *map(str, SAMPLES), str(export), "--dry-run", capsys=capsys)
    assert code == 0
    assert "dry run: would write 7 posts" in err
    assert "[table-lost]" in out
    assert "[link-not-url]" in out
    assert snapshot(site) == before


def test_corrupt_zip_is_one_line_and_nothing_is_written(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = zip_export(FIXTURES / "substack" / "export", tmp_path / "good.zip")
    broken = tmp_path / "broken.zip"
    data = good.read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # a download cut short
    before = snapshot(site)
    code, out, err = run(
        site, str(FIXTURES / "pasted" / "vendor-mojibake.md"), str(broken), capsys=capsys
    )
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{broken}:1:1: error: not a readable zip archive")
    assert lines[0].endswith("[export-unreadable]")
    assert "Traceback" not in out + err
    assert "nothing imported" in err
    assert snapshot(site) == before


def test_a_zip_that_is_not_an_export(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "photos.zip"
    shutil.make_archive(str(other.with_suffix("")), "zip", FIXTURES / "pasted")
    code, out, _ = run(site, str(other), capsys=capsys)
    assert code == 1
    assert "not a Substack export: no posts.csv in it [export-unreadable]" in out


def test_unknown_shape_and_missing_source(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "slides.md"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02")
    before = snapshot(site)
    code, out, err = run(site, str(binary), str(tmp_path / "nowhere.md"), capsys=capsys)
    assert code == 1
    assert f"{binary}:1:1: error: not a shape the importer reads: a binary file" in out
    assert f"{tmp_path / 'nowhere.md'}:1:1: error: no such file or folder [source-missing]" in out
    assert "Traceback" not in out + err
    assert snapshot(site) == before


def test_export_row_without_its_html(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES / "substack" / "export", folder)
    (folder / "posts" / "170000002.draft-notes-on-pricing.html").unlink()
    code, out, _ = run(site, str(folder), capsys=capsys)
    assert code == 1
    assert "[export-post-missing]" in out
    assert (posts_of(site) / "orion-2-a-week-later.md").is_file()


def test_usage_errors(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import"]) == 2
    assert main(["import", "x.md", "--from", "word"]) == 2
    assert run(site, "x.md", "--into", str(site / "mkdocs.yml"), capsys=capsys)[0] == 2


def test_into_a_folder_outside_any_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a mkdocs.yml, --into is enough (no site checks, no authors to match)."""
    out_dir = tmp_path / "out"
    code = main(
        [
            "import",
            str(FIXTURES / "pasted" / "pasted-paid-post.md"),
            "--into",
            str(out_dir),
            "--config",
            str(tmp_path / "missing.yml"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    written = (out_dir / "nova-3-benchmarks-up-taste-flat.md").read_text(encoding="utf-8")
    assert "[^1]: Nova-2 reached the API" in written
    assert "[unknown-author]" in out


def test_same_slug_twice_in_one_run(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "again" / "vendor-mojibake.md"
    copy.parent.mkdir()
    shutil.copy(FIXTURES / "pasted" / "vendor-mojibake.md", copy)
    code, out, _ = run(
        site, str(FIXTURES / "pasted" / "vendor-mojibake.md"), str(copy), capsys=capsys
    )
    assert code == 1
    assert "[slug-taken]" in out


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "posts" / "a.md"
    write_atomic(target, b"first", force=False)
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second", force=False)
    assert target.read_bytes() == b"first"
    write_atomic(target, b"third", force=True)
    assert target.read_bytes() == b"third"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]  # no temporary left


def test_atomic_write_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    blocker = tmp_path / "posts"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(FileExistsError):  # mkdir of the folder: a file has its name
        write_atomic(blocker / "a.md", b"text", force=False)
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def _png() -> bytes:
    """A 1×1 PNG, built here so the test needs no file from anywhere."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_download_images_from_a_loopback_server(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    served = tmp_path / "served"
    served.mkdir()
    (served / "chart_1200x600.png").write_bytes(_png())
    with serve_directory(served) as base:
        post = tmp_path / "170000009.pictures.html"
        post.write_text(
            '<div class="captioned-image-container"><figure><img src="'
            + base
            + 'chart_1200x600.png" alt="A chart"><figcaption>The chart.</figcaption></figure></div>'
            '<div class="captioned-image-container"><figure><img src="'
            + base
            + 'gone.png" alt="Gone"></figure></div>',
            encoding="utf-8",
        )
        code, out, err = run(site, str(post), "--download-images", capsys=capsys)
    assert code == 0, err
    text = (posts_of(site) / "pictures.md").read_text(encoding="utf-8")
    assert "![A chart](images/pictures/chart_1200x600.png)" in text
    assert (posts_of(site) / "images" / "pictures" / "chart_1200x600.png").read_bytes() == _png()
    assert f"could not download '{base}gone.png'; kept the URL [image-not-downloaded]" in out
    assert f"![Gone]({base}gone.png)" in text
    assert not os.environ.get("http_proxy")  # loopback only: no proxy in between


def test_html_nested_too_deeply_is_one_line(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES / "substack" / "export", folder)
    deep = folder / "posts" / "170000002.draft-notes-on-pricing.html"
    deep.write_text("<div>" * 5000 + "text" + "</div>" * 5000, encoding="utf-8")
    code, out, err = run(site, str(folder), capsys=capsys)
    assert code == 1
    assert f"{deep}:1:1: error: its HTML is nested too deeply" in out
    assert "[convert-failed]" in out
    assert "Traceback" not in out + err
    assert (posts_of(site) / "orion-2-a-week-later.md").is_file()
    assert not (posts_of(site) / "draft-notes-on-pricing.md").exists()


def test_a_slug_an_existing_post_has(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two reviews with one slug would share one address; the import refuses the second."""
    other = posts_of(site) / "beta-notes.md"
    other.write_text(
        "---\ntitle: Beta\ndate: 2025-03-03\nslug: nova-2-beta-release\n---\n\nText.\n"
    )
    code, out, _ = run(site, str(FIXTURES / "pasted" / "vendor-mojibake.md"), capsys=capsys)
    assert code == 1
    assert "is the slug of content/reviews/posts/beta-notes.md already" in out
    assert "[slug-taken]" in out
    assert not (posts_of(site) / "nova-2-beta-release.md").exists()


def test_windows_line_ends_import_the_same(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = FIXTURES / "pasted" / "glued-numbers.md"
    crlf = tmp_path / "crlf" / sample.name
    crlf.parent.mkdir()
    crlf.write_bytes(sample.read_bytes().replace(b"\n", b"\r\n"))
    assert run(site, str(crlf), capsys=capsys)[0] == 0
    written = posts_of(site) / "orion-3-and-the-long-tail-of-evals.md"
    expected = (FIXTURES / "pasted" / "glued-numbers.expected.md").read_text(encoding="utf-8")
    assert written.read_text(encoding="utf-8").replace("source: glued-numbers.md", "") == (
        expected.replace("source: glued-numbers.md", "")
    )


def test_local_images_beside_the_source_are_copied(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "old" / "substack-pandoc.md"
    source.parent.mkdir()
    shutil.copy(FIXTURES / "pandoc" / "substack-pandoc.md", source)
    image = "images/160000001.nova-2-and-the-price-of-a-good-benchmark_0f1e2d3c.png"
    (source.parent / image).parent.mkdir()
    (source.parent / image).write_bytes(_png())
    code, out, err = run(site, str(source), capsys=capsys)
    assert code == 0, err
    assert "[image-missing]" not in out
    assert (posts_of(site) / image).read_bytes() == _png()
    text = (posts_of(site) / "nova-2-and-the-price-of-a-good-benchmark.md").read_text("utf-8")
    assert f"![Image]({image})" in text
    main(["check", "--config", str(site / "mkdocs.yml")])
    assert "missing-file" not in capsys.readouterr().out


def _large_export(folder: Path, posts: int) -> Path:
    """An export of ``posts`` posts made from the fixture's, each under its own id and slug."""
    source = FIXTURES / "substack" / "export"
    html = (source / "posts" / "170000001.orion-2-a-week-later.html").read_text("utf-8")
    (folder / "posts").mkdir(parents=True)
    rows = ["post_id,post_date,is_published,type,audience,title,subtitle"]
    for number in range(posts):
        post_id = f"{190000000 + number}.orion-2-take-{number}"
        rows.append(f"{post_id},2025-05-06T13:00:00.000Z,true,newsletter,everyone,Take {number},")
        (folder / "posts" / f"{post_id}.html").write_text(html, encoding="utf-8")
    (folder / "posts.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_worker_processes_write_what_one_process_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _large_export(tmp_path / "export", 70)  # two workers of 32 posts or more
    results = []
    for jobs in ("1", "2"):
        site = copy_demo(tmp_path / f"site-{jobs}")
        code, out, err = run(site, str(export), "--jobs", jobs, capsys=capsys)
        assert code == 0, err
        assert "imported 70 of 70 posts" in err
        results.append((snapshot(posts_of(site)), out))
    assert results[0] == results[1]
    assert results[0][1].count("[models-offered]") == 70


def test_jobs_must_be_a_count(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(site, "x.md", "--jobs", "0", capsys=capsys)[0] == 2


def test_names_are_checked_outside_the_docs_folder_too(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site's checks do not read a folder outside docs; the import still says it."""
    out_dir = tmp_path / "drafts"
    sample = FIXTURES / "transcript" / "transcript-notes.md"
    code, out, err = run(site, str(sample), "--into", str(out_dir), capsys=capsys)
    assert code == 0, err
    assert "'Kwen' looks like a misspelling of 'Qwen'" in out
    assert out.count("[misspelled-name]") == 3
