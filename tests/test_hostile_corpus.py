"""The hostile-input corpus: broken sites that must fail at the exact place, valid ones that pass.

Each case under ``tests/fixtures/hostile/cases/<name>/`` is a tiny site overlay:

- ``site/``: files laid over a copy of ``tests/fixtures/hostile/base/`` (a valid site with
  records, a review, a chart fence, footnotes and links). Files are copied byte for byte,
  so CRLF, a BOM, NUL or Latin-1 bytes reach the readers as written
  (``.gitattributes`` keeps git from converting them).
- ``expected.txt``: the exact output of ``modelpress check``: one
  ``path:line:col: severity: message [code]`` line per problem. Empty means the case is a
  false-positive guard: the site must pass (exit 0).
- ``case.json`` (optional): ``"remove"``: base files to delete; ``"generate"``: files too
  large to keep in git, as ``{"path": [["text", times], ...]}`` (a 1 MB line, 10,000
  nested brackets); ``"build": true``: also run a real ``mkdocs build --strict`` and find
  every expected line in its log; ``"why"``: what the case guards.

A message in ``expected.txt`` written as a lone ``…`` matches any message: position,
severity and code must still match exactly. It marks a case whose wording belongs to
another change in progress; ``--update-fixtures`` replaces it with the full line.

Regenerate after a deliberate change with
``pytest tests/test_hostile_corpus.py --update-fixtures`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from modelpress._internal.cli import main
from tests.support.site import run_mkdocs

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
BASE = HOSTILE / "base"
CASES = sorted(p.name for p in (HOSTILE / "cases").iterdir() if p.is_dir())

_LINE = re.compile(
    r"^(?P<where>[^\s:][^:]*:\d+:\d+): (?P<severity>error|warning): .+ \[(?P<code>[a-z0-9-]+)\]$"
)


MAX_LINE = 1000
"""However long the writer's line or value, a diagnostic stays one readable line."""


def case_options(case: str) -> dict[str, Any]:
    path = HOSTILE / "cases" / case / "case.json"
    if not path.exists():
        return {}
    options = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(options, dict)
    return options


def expected_lines(case: str) -> list[str]:
    return (HOSTILE / "cases" / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def make_site(case: str, destination: Path) -> Path:
    """The base site with the case's files laid over it, removed and generated."""
    root = Path(shutil.copytree(BASE, destination))
    overlay = HOSTILE / "cases" / case / "site"
    if overlay.is_dir():
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    options = case_options(case)
    for relative in options.get("remove", []):
        target = root / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    for relative, parts in options.get("generate", {}).items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes("".join(text * times for text, times in parts).encode("utf-8"))
    return root


def matches(expected: str, actual: str) -> bool:
    """Exact, except that a lone ``…`` as the message matches any message."""
    if expected == actual:
        return True
    head, sep, tail = expected.partition(": … [")
    if not sep:
        return False
    severity_at = head.rfind(": ")
    prefix = head + ": "
    return (
        severity_at > 0
        and actual.startswith(prefix)
        and actual.endswith(" [" + tail)
        and len(actual) > len(prefix) + len(tail) + 2
    )


def assert_same_report(expected: list[str], actual: list[str]) -> None:
    paired = len(expected) == len(actual) and all(
        matches(e, a) for e, a in zip(expected, actual, strict=True)
    )
    assert paired, "\n".join(["expected:", *expected, "actual:", *actual])


def test_there_are_at_least_80_broken_cases_and_15_that_must_pass() -> None:
    broken = [case for case in CASES if expected_lines(case)]
    assert len(broken) >= 80, len(broken)
    assert len(CASES) - len(broken) >= 15


def test_the_base_site_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(shutil.copytree(BASE, tmp_path / "site"))
    assert main(["check", "--config", str(root / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("case", CASES)
def test_expected_files_are_well_formed(case: str) -> None:
    """Every expected line names a file of the site, a position and a code."""
    for line in expected_lines(case):
        match = _LINE.match(line)
        assert match, line
        path = match["where"].split(":", 1)[0]
        assert not path.startswith("/"), line
        assert path.split("/", 1)[0] in ("data", "content", "mkdocs.yml"), line


@pytest.mark.parametrize("case", CASES)
def test_check_reports_exactly_the_expected_lines(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], update_fixtures: bool
) -> None:
    root = make_site(case, tmp_path / "site")
    code = main(["check", "--config", str(root / "mkdocs.yml")])
    captured = capsys.readouterr()
    if update_fixtures:
        (HOSTILE / "cases" / case / "expected.txt").write_text(captured.out, encoding="utf-8")
    assert "Traceback" not in captured.out + captured.err
    expected = expected_lines(case)
    assert_same_report(expected, captured.out.splitlines())
    for line in captured.out.splitlines():
        assert len(line) < MAX_LINE, f"{len(line):,} characters: {line[:300]}…"
    assert code == (1 if expected else 0), captured.err


BUILD_CASES = [case for case in CASES if case_options(case).get("build")]


@pytest.mark.e2e
@pytest.mark.parametrize("case", BUILD_CASES)
def test_the_build_agrees_with_check(case: str, tmp_path: Path) -> None:
    """``mkdocs build --strict`` refuses what ``check`` reports, at the same places."""
    root = make_site(case, tmp_path / "site")
    build = run_mkdocs(root)
    assert "Traceback" not in build.output
    expected = expected_lines(case)
    logged = [
        line.split(" -  ", 1)[1].strip()
        for line in build.output.splitlines()
        if line.startswith(("ERROR", "WARNING")) and " -  " in line
    ]
    for line in expected:
        assert any(matches(line, seen) for seen in logged), "\n".join([line, "log:", *logged])
    assert build.returncode == (1 if expected else 0), build.output
    if any(": error: " in line for line in expected):
        assert not build.site.exists(), "the build wrote files before failing"


def test_the_build_subset_covers_every_kind_of_input() -> None:
    kinds = {case.split("-", 1)[0] for case in BUILD_CASES}
    assert {"rec", "fm", "chart", "fn", "link", "html", "enc", "ok"} <= kinds, kinds


@pytest.mark.parametrize("where", ["data/releases/nova-3.yaml", "content/notes.md"])
def test_a_fifo_named_like_a_source_is_refused_without_hanging(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reading a FIFO (or a link to /dev/zero) never ends; git cannot hold one, so it is made
    here. Without the guard this test blocks until pytest-timeout fails it."""
    root = Path(shutil.copytree(BASE, tmp_path / "site"))
    os.mkfifo(root / where)
    assert main(["check", "--config", str(root / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"{where}:1:1: error: cannot read the file: {Path(where).name} is not a regular file "
        "[unreadable]\n"
    )
