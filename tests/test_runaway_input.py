"""Runaway input: deep nesting, unclosed chart fences, and anything hypothesis makes up.

markdown-it stops nesting at its limit (``maxNesting``) and runs an unclosed
fence to the end of the page; Python-Markdown recurses once per nesting level.
The checks must still report each mistake at its line, never raise, and never
report a place outside the file. (pytest-timeout guards against a hang; no test
asserts how long anything takes.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from modelpress._internal.charts import chart_fences
from modelpress._internal.checks import check_page
from modelpress._internal.checks.context import CheckContext
from modelpress._internal.checks.footnotes import check_footnotes
from modelpress._internal.cli import main
from modelpress._internal.content import MarkdownPage, read_markdown_page
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.records.catalog import Catalog

DOCS = Path("/nonexistent-site/content")


def _page(text: str, name: str = "page.md") -> MarkdownPage:
    """A page read from ``text`` (nothing is read from disk)."""
    return read_markdown_page(DOCS / name, DOCS, DOCS.parent, text=text)


def _context() -> CheckContext:
    return CheckContext(Catalog(), frozenset({"page.md"}), {"footnotes_need_links": True})


def _where(found: list[Diagnostic]) -> list[str]:
    return [f"{d.line}:{d.col} {d.code}" for d in sorted(found)]


@pytest.mark.timeout(120)
def test_undefined_footnote_under_400_block_quotes() -> None:
    text = "# Deep\n\n" + "> " * 400 + "Claim[^missing].\n\n[^used]: unused\n"
    assert _where(list(check_footnotes(_page(text), _context()))) == [
        "3:806 footnote-undefined",
        "5:1 footnote-no-link",
        "5:1 footnote-unused",
    ]


@pytest.mark.timeout(120)
def test_undefined_footnote_under_300_list_markers() -> None:
    text = "# Deep\n\n" + "- " * 300 + "Claim[^missing].\n"
    assert _where(list(check_footnotes(_page(text), _context()))) == ["3:606 footnote-undefined"]


@pytest.mark.timeout(120)
def test_undefined_footnote_under_200_indented_lists() -> None:
    lines = "".join("    " * depth + "- item\n" for depth in range(200))
    text = "# Deep\n\n" + lines + "    " * 200 + "  Claim[^missing].\n"
    assert _where(list(check_footnotes(_page(text), _context()))) == ["203:808 footnote-undefined"]


@pytest.mark.timeout(120)
def test_nesting_the_renderer_cannot_render_is_reported_with_the_footnote() -> None:
    """3,000 list markers make Python-Markdown exceed Python's recursion limit (MkDocs
    fails on the page): that is an error at the line, and the footnote is still found."""
    text = "# Deep\n\nIntro.\n\n" + "- " * 3000 + "Claim[^missing].\n"
    found = _where(list(check_footnotes(_page(text), _context())))
    assert found == ["5:1 markdown-too-deep", "5:6006 footnote-undefined"]
    severities = {d.code: d.severity.value for d in check_footnotes(_page(text), _context())}
    assert severities["markdown-too-deep"] == "error"


@pytest.mark.timeout(120)
def test_a_long_deeply_nested_paragraph_is_not_handed_to_the_renderer() -> None:
    """1,000 block-quote levels over 1 MB of text would keep Python-Markdown busy for
    half a minute: the check warns and reads the footnotes from the source instead."""
    lines = "".join("> " * depth + "text\n" for depth in range(1, 1001))
    text = "# Deep\n\n" + lines + "> " * 1000 + "Claim[^missing].\n"
    found = _where(list(check_footnotes(_page(text), _context())))
    assert found == ["1002:1 markdown-too-deep", "1003:2006 footnote-undefined"]


@pytest.mark.timeout(60)
def test_a_reference_after_many_spaced_list_markers() -> None:
    """Found by hypothesis: deciding whether ``[^a]:`` starts a definition once
    backtracked exponentially over '    - ' repeated (each run of spaces split every
    possible way); 25 repeats never finished."""
    text = "Intro.\n\n- item\n" + "    - " * 25 + "x[^a]: y\n"
    assert _where(list(check_footnotes(_page(text), _context()))) == ["4:152 footnote-undefined"]


CHART_AFTER_PROSE = """\
# A review

Some prose.

```chart
type: benchmarks
models: [a, b]

More prose: written after the fence the writer forgot to close,
- with a list: [that is not YAML
"""


def test_unclosed_chart_fence_is_reported_where_it_opens() -> None:
    found = [
        d for fence in chart_fences(_page(CHART_AFTER_PROSE), Catalog()) for d in fence.diagnostics
    ]
    assert [d.format() for d in found] == [
        "content/page.md:5:1: error: chart fence opened at line 5 is not closed; end the chart "
        "with a line '```' (nothing below it is read as the chart, and the page would show "
        "the fence as text) [chart-fence-not-closed]"
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("> ```chart\n> type: benchmarks\n\nAfter.\n", "1:3"),
        ("- item\n\n  ~~~~chart\n  type: x\n  ~~~\n", "3:3"),
        ("```chart\n", "1:1"),
    ],
    ids=["ends-with-its-quote", "shorter-closing-fence", "last-line"],
)
def test_unclosed_chart_fence_in_containers(text: str, where: str) -> None:
    found = [d for fence in chart_fences(_page(text), Catalog()) for d in fence.diagnostics]
    assert [f"{d.line}:{d.col} {d.code}" for d in found] == [f"{where} chart-fence-not-closed"]


def test_closed_chart_fences_are_read() -> None:
    """A longer closing fence, one inside a quote: closed, so read (and found wanting)."""
    text = "````chart\ntype: nope\n`````\n\n> ```chart\n> type: nope\n> ```\n"
    found = [d.code for fence in chart_fences(_page(text), Catalog()) for d in fence.diagnostics]
    assert "chart-fence-not-closed" not in found
    assert found.count("chart-unknown-type") == 2


def test_modelpress_check_reports_the_unclosed_fence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: content\nplugins:\n  - modelpress/records\n  - modelpress/checks\n"
    )
    (tmp_path / "content" / "index.md").write_text(CHART_AFTER_PROSE)
    code = main(["check", "--config", str(tmp_path / "mkdocs.yml")])
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert code == 1
    assert "content/index.md:5:1: error: chart fence opened at line 5 is not closed" in err
    assert "Traceback" not in err


# Property tests: text made of the characters that build footnotes, quotes, lists,
# fences and code, in any order.
_MARKDOWN_BITS = st.sampled_from(
    [
        "[^",
        "]",
        "]:",
        "[^a]",
        "[^a]:",
        "[^1]: [s](https://e.org)",
        "> ",
        "- ",
        "1. ",
        "    ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "`",
        "```",
        "```chart\n",
        "~~~",
        "!!! note\n",
        "<div markdown>",
        "</div>",
        "<img src=x>",
        "type: benchmarks\n",
        "models: [a",
        "text",
        "\t",
        "\x00",
        "é",
    ]
)
_NESTING = st.builds(
    lambda prefix, depth: prefix * depth,
    st.sampled_from(["> ", "- ", "    - ", "1. "]),
    st.integers(min_value=0, max_value=400),
)
_MARKDOWN = st.lists(st.one_of(_MARKDOWN_BITS, _NESTING, st.text(max_size=5)), max_size=60).map(
    "".join
)


def _inside(text: str, found: list[Diagnostic]) -> None:
    lines = text.split("\n")
    for d in found:
        assert 1 <= d.line <= len(lines), d.format()
        assert 1 <= d.col <= len(lines[d.line - 1]) + 1, d.format()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWN)
@example("\r[^[^]")  # a lone CR: a line end to markdown-it, so to the page's text as well
def test_footnote_check_never_raises_and_stays_in_the_file(text: str) -> None:
    page = _page(text)
    _inside(page.text, list(check_footnotes(page, _context())))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWN)
def test_fence_parser_never_raises_and_stays_in_the_file(text: str) -> None:
    page = _page(text)
    _inside(page.text, [d for fence in chart_fences(page, Catalog()) for d in fence.diagnostics])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWN)
def test_every_page_check_stays_in_the_file(text: str) -> None:
    page = _page(text)
    _inside(page.text, check_page(page, _context()))
