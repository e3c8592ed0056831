"""Chart fences read and checked: every mistake a writer can make, with exact file:line output.

Each ``tests/fixtures/charts/fences/<name>.md`` is a page; ``<name>.expected`` beside
it holds exactly what the chart check reports for it. Regenerate after a deliberate
change with ``pytest tests/test_charts_spec.py --update-fixtures`` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelpress._internal.charts import ChartSpec, chart_fences, parse_chart
from modelpress._internal.checks import PAGE_CHECKS, CheckContext
from modelpress._internal.checks.charts import check_charts
from modelpress._internal.content import read_markdown_page
from modelpress._internal.diagnostics import Severity
from modelpress._internal.records import Catalog, load_catalog

FIXTURES = Path(__file__).parent / "fixtures" / "charts"
FENCES = FIXTURES / "fences"
CASES = sorted(p.stem for p in FENCES.glob("*.md"))
DATA = Path(__file__).parent / "fixtures" / "pages" / "site" / "data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(DATA)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    return loaded


def report(case: str, catalog: Catalog) -> str:
    page = read_markdown_page(FENCES / f"{case}.md", FENCES, FIXTURES)
    found = check_charts(page, CheckContext(catalog, frozenset()))
    return "".join(f"{d}\n" for d in sorted(found))


def test_there_are_fixture_cases() -> None:
    assert len(CASES) >= 12
    assert "valid" in CASES


@pytest.mark.parametrize("case", CASES)
def test_fence_case(case: str, catalog: Catalog, update_fixtures: bool) -> None:
    out = report(case, catalog)
    expected_file = FENCES / f"{case}.expected"
    if update_fixtures:
        expected_file.write_text(out, encoding="utf-8")
    assert out == expected_file.read_text(encoding="utf-8")
    assert (out == "") == (case == "valid")


def test_check_is_registered() -> None:
    assert check_charts in PAGE_CHECKS


def test_unknown_model_suggests_the_id(catalog: Catalog) -> None:
    out = report("unknown-model", catalog)
    assert "fences/unknown-model.md:9:10: error: unknown release 'nova2' (did you mean " in out
    assert "'nova-2'?)" in out


def test_valid_fences_resolve_aliases_and_names(catalog: Catalog) -> None:
    page = read_markdown_page(FENCES / "valid.md", FENCES, FIXTURES)
    fences = chart_fences(page, catalog)
    assert [f.line for f in fences] == [7, 16, 22, 26, 32]
    first = fences[0].spec
    assert first == ChartSpec(
        type="benchmarks",
        models=("nova-2", "nova-1", "open-1"),
        benchmarks=("gpqa",),
        title="GPQA",
        sort="value",
        highlight="nova-2",
    )
    timeline = fences[2].spec
    assert timeline is not None
    assert timeline.models == tuple(catalog.releases)


def test_body_line_offsets_the_positions(catalog: Catalog) -> None:
    spec, problems = parse_chart("type: pie\nmodels: [nova-2]\n", "x.md", 41, catalog)
    assert spec is None
    assert [str(p) for p in problems] == [
        "x.md:41:7: error: unknown chart type 'pie'; types are benchmarks, price-performance, "
        "timeline, params, arena [chart-unknown-type]"
    ]


def test_a_warning_alone_still_gives_a_spec(catalog: Catalog) -> None:
    spec, problems = parse_chart("type: params\nmodels: [nova-2, Nova 2]\n", "x.md", 2, catalog)
    assert spec is not None
    assert spec.models == ("nova-2",)
    assert [p.code for p in problems] == ["chart-duplicate"]
    assert problems[0].severity is Severity.WARNING


@pytest.mark.parametrize("body", ["# type: benchmarks\n", "# a\n\n# b\n", "---\n", "~\n"])
def test_a_fence_with_no_option_written_is_empty(body: str, catalog: Catalog) -> None:
    """Comments alone used to reach the record loader's "the file is empty; add a record",
    one line below the fence's last line."""
    spec, problems = parse_chart(body, "x.md", 6, catalog)
    assert spec is None
    assert [(p.line, p.col, p.code) for p in problems] == [(5, 1, "chart-empty")]


def quoted_report(tmp_path: Path, text: str, catalog: Catalog) -> list[str]:
    page_path = tmp_path / "notes.md"
    page_path.write_text(text, encoding="utf-8")
    page = read_markdown_page(page_path, tmp_path, tmp_path)
    return [str(d) for d in sorted(check_charts(page, CheckContext(catalog, frozenset())))]


@pytest.mark.parametrize(
    ("prefix", "col"), [("> ", 12), (">> ", 13), ("   ", 13), (">", 11), ("> > ", 14)]
)
def test_columns_count_the_container_prefix(
    prefix: str, col: int, tmp_path: Path, catalog: Catalog
) -> None:
    """markdown-it's fence body has lost each line's '> ' or indentation; a column that
    left it out sent the writer characters left of the mistake."""
    fence = "```chart\ntype: benchmarks\nmodels: [nova-7]\nbenchmarks: [gpqa]\n```\n"
    text = "# Notes\n\n" + "".join(prefix + line + "\n" for line in fence.splitlines())
    out = quoted_report(tmp_path, text, catalog)
    assert [line.split(": error:")[0] for line in out] == [f"notes.md:5:{col}"], out


def test_a_list_item_fence_counts_its_indentation(tmp_path: Path, catalog: Catalog) -> None:
    text = "- Item:\n\n    ```chart\n    type: pie\n    models: [nova-2]\n    ```\n"
    out = quoted_report(tmp_path, text, catalog)
    assert [line.split(": error:")[0] for line in out] == ["notes.md:4:11"], out


def test_an_empty_quoted_fence_is_reported_at_its_marker(tmp_path: Path, catalog: Catalog) -> None:
    out = quoted_report(tmp_path, "Text.\n\n> ```chart\n> # nothing yet\n> ```\n", catalog)
    assert [line.split(": error:")[0] for line in out] == ["notes.md:3:3"], out
