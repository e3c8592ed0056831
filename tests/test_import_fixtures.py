"""``modelpress import`` on fixture sources, one expected review and report per case.

Each source under ``tests/fixtures/import/<shape>/`` (a file, or a folder holding
a Substack export's ``posts.csv`` and ``posts/``, which the test zips first) is
imported into a fresh copy of the demo site. What was written must equal
``<case>.expected.md`` (several posts one after the other, each under a
``==> name <==`` line) and the importer's own report lines ``<case>.expected.txt``
(the site's source checks add theirs to the same report; they have their own
fixtures, and ``test_import_cli`` checks that the import reports all of them).
After a deliberate change, ``pytest --update-fixtures`` rewrites the files;
review the diff.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from modelpress._internal.cli import main
from modelpress._internal.importer.report import CODES
from tests.support.site import copy_demo

FIXTURES = Path(__file__).parent / "fixtures" / "import"
IMPORT_DAY = "1767225600"  # SOURCE_DATE_EPOCH of 2026-01-01: posts without a date get it


def _cases() -> list[Path]:
    found = []
    for shape in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for case in sorted(shape.iterdir()):
            if ".expected." in case.name:
                continue
            if case.is_file() or (case / "posts.csv").is_file():
                found.append(case)
    return found


CASES = _cases()


def zip_export(folder: Path, destination: Path) -> Path:
    """A Substack export as downloaded: the folder's files in a zip archive."""
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return destination


def imported_files(posts_dir: Path, before: set[str]) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(posts_dir.glob("*.md"))
        if p.name not in before
    }


def importer_lines(out: str) -> str:
    """The report lines whose code is one of the importer's own."""
    kept = [line for line in out.splitlines() if line.rsplit("[", 1)[-1].rstrip("]") in CODES]
    return "".join(f"{line}\n" for line in kept)


def as_expected(files: dict[str, str]) -> str:
    if len(files) == 1:
        return next(iter(files.values()))
    return "".join(f"==> {name} <==\n{text}\n" for name, text in files.items())


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_import_case(
    case: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    update_fixtures: bool,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", IMPORT_DAY)
    site = copy_demo(tmp_path / "site")
    posts = site / "content" / "reviews" / "posts"
    before = {p.name for p in posts.glob("*.md")}
    source = zip_export(case, tmp_path / "export.zip") if case.is_dir() else case
    code = main(["import", str(source), "--config", str(site / "mkdocs.yml")])
    out, err = capsys.readouterr()
    written = as_expected(imported_files(posts, before))
    summary = err.strip().split(";")[0]  # the counts include the site checks' findings
    report = f"exit {code}\n{importer_lines(out)}{summary}\n"
    stem = case.name.rsplit(".", 1)[0] if case.is_file() else case.name
    expected_md = case.parent / f"{stem}.expected.md"
    expected_txt = case.parent / f"{stem}.expected.txt"
    if update_fixtures:
        expected_md.write_text(written, encoding="utf-8")
        expected_txt.write_text(report, encoding="utf-8")
    assert written == expected_md.read_text(encoding="utf-8")
    assert report == expected_txt.read_text(encoding="utf-8")


def test_every_shape_has_a_case() -> None:
    shapes = {case.parent.name for case in CASES}
    assert shapes == {"substack", "pandoc", "pasted", "transcript"}


def test_every_code_is_documented_and_most_are_in_the_fixtures(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"`{code}`" not in readme]
    assert missing == []
    reported = "".join(p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.expected.txt"))
    untested = {code for code in CODES if f"[{code}]" not in reported}
    # the rest are exercised by test_import_cli (errors, downloads) or need a broken disk
    assert untested <= {
        "source-missing", "source-empty", "source-unreadable", "unknown-shape", "wrong-shape",
        "export-unreadable", "export-post-missing", "convert-failed", "slug-taken",
        "file-exists", "write-failed",
        "image-not-downloaded", "not-utf8", "front-matter-unreadable", "title-missing",
        "chart-lost", "video-lost", "timestamp-unreadable",
    }  # fmt: skip
