"""Every mistake a writer can make in data/ ends in exact ``file:line`` lines and exit 1.

Each case under ``tests/fixtures/records/cases/<name>/data/`` is laid over a copy of
the valid ``base`` data; ``expected.txt`` beside it holds the exact output of
``modelpress check``. Regenerate after a deliberate change with
``pytest tests/test_records_broken.py --update-fixtures`` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from modelpress._internal.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "records"
CASES = sorted(p.name for p in (FIXTURES / "cases").iterdir() if p.is_dir())


def make_site(tmp_path: Path) -> Path:
    """A site folder with the valid base records and an empty docs folder."""
    shutil.copytree(FIXTURES / "base", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\ndocs_dir: docs\nplugins:\n  - modelpress/records\n", encoding="utf-8"
    )
    return tmp_path


def run_check(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", "--config", str(site / "mkdocs.yml")])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_base_records_are_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(make_site(tmp_path), capsys)
    assert (code, out) == (0, ""), err
    assert "2 releases, 1 incident and" in err


def test_there_are_at_least_25_broken_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_broken_case(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], update_fixtures: bool
) -> None:
    site = make_site(tmp_path)
    shutil.copytree(FIXTURES / "cases" / case / "data", site / "data", dirs_exist_ok=True)
    code, out, err = run_check(site, capsys)
    expected_file = FIXTURES / "cases" / case / "expected.txt"
    if update_fixtures:
        expected_file.write_text(out, encoding="utf-8")
    assert code == 1
    assert "Traceback" not in out + err
    assert out == expected_file.read_text(encoding="utf-8")
    for line in out.splitlines():
        assert line.startswith("data/"), line
        assert line.endswith("]"), line


def test_a_50_mb_file_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path)
    with (site / "data" / "releases" / "huge.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, out, _ = run_check(site, capsys)
    assert code == 1
    assert out == (
        "data/releases/huge.yaml:1:1: error: the file is 50.0 MiB; records are limited to "
        "2 MiB: split it or remove what does not belong [file-too-large]\n"
    )


def test_a_file_that_is_not_utf8_names_the_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = make_site(tmp_path)
    text = "id: nova-3\nname: Caf\xe9\n".encode("latin-1")
    (site / "data" / "releases" / "nova-3.yaml").write_bytes(text)
    code, out, _ = run_check(site, capsys)
    assert code == 1
    assert out == (
        "data/releases/nova-3.yaml:2:10: error: byte 0xe9 is not UTF-8; re-save the file "
        "with UTF-8 encoding [not-utf8]\n"
    )


def test_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    shutil.rmtree(site / "data")
    code, out, _ = run_check(site, capsys)
    assert code == 1
    assert out.startswith("data:1:1: error: the data folder does not exist")


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", str(tmp_path / "nope.yml")]) == 2
    assert "not found; run in the site's folder or pass --config PATH" in capsys.readouterr().err
    assert main(["no-such-command"]) == 2
