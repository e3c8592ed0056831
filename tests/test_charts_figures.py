"""Figures from specs: the right numbers, missing values as missing, statuses shown, small JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from modelpress._internal.charts import (
    ChartSpec,
    build_figure,
    chart_id,
    figure_json,
    parse_chart,
    render_error,
    render_figure,
)
from modelpress._internal.charts.data import blended_price, pick_price, pick_score
from modelpress._internal.charts.links import model_link
from modelpress._internal.records import Catalog, load_catalog

DATA = Path(__file__).parent / "fixtures" / "pages" / "site" / "data"
MAX_FIGURE_BYTES = 1500


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DATA)[0]


def spec(catalog: Catalog, body: str) -> ChartSpec:
    parsed, problems = parse_chart(body, "t.md", 2, catalog)
    assert parsed is not None, [str(p) for p in problems]
    return parsed


def payload(catalog: Catalog, body: str) -> dict[str, Any]:
    figure = build_figure(spec(catalog, body), catalog)
    data: dict[str, Any] = json.loads(figure_json(figure, ("../models/", "/")))
    return data


EVERY_TYPE = {
    "benchmarks": "type: benchmarks\nmodels: [nova-2, nova-1, open-1, evil-1]\nbenchmarks: [gpqa]",
    "price-performance": "type: price-performance\nmodels: [nova-2, nova-1, open-1, evil-1]\n"
    "benchmarks: [gpqa]",
    "timeline": "type: timeline",
    "params": "type: params\nmodels: [nova-2, nova-1, open-1, evil-1, bare-1]",
    "arena": "type: arena\nmodels: [nova-2, nova-1]",
}


@pytest.mark.parametrize("kind", sorted(EVERY_TYPE))
def test_every_type_builds_a_small_sorted_figure(kind: str, catalog: Catalog) -> None:
    figure = build_figure(spec(catalog, EVERY_TYPE[kind]), catalog)
    text = figure_json(figure, ("../models/", "/"))
    assert len(text.encode()) <= MAX_FIGURE_BYTES
    assert text == json.dumps(
        json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert "template" not in text
    assert figure.traces
    assert figure.table.rows
    assert figure.alt


def test_benchmark_missing_value_is_null_with_a_note(catalog: Catalog) -> None:
    data = payload(catalog, "type: benchmarks\nmodels: [nova-2, nova-1]\nbenchmarks: [gpqa]")
    (trace,) = data["data"]
    assert trace["y"] == [61, None]
    assert data["ids"] == ["nova-2", "nova-1"]
    assert data["layout"]["annotations"][0]["text"] == "n/a"
    figure = build_figure(
        spec(catalog, "type: benchmarks\nmodels: [nova-2, nova-1]\nbenchmarks: [gpqa]"), catalog
    )
    assert figure.notes == ["Nova 1: no GPQA Diamond score"]
    assert figure.table.rows == [["Nova 2", "61 %"], ["Nova 1", "— (not reported)"]]


def test_surest_score_wins_and_hover_names_setting_status_source(catalog: Catalog) -> None:
    score = pick_score(catalog.releases["nova-2"], "gpqa")
    assert score is not None
    assert (score.score, score.status) == (61.0, "confirmed")
    data = payload(catalog, "type: benchmarks\nmodels: [nova-2]\nbenchmarks: [gpqa]")
    lines = [data["s"][i] for i in data["data"][0]["h"][0]]
    assert lines == ["0-shot CoT", "vendor, confirmed", "source: Acme"]
    assert data["data"][0]["meta"] == " %"


def test_sort_by_value_puts_missing_last(catalog: Catalog) -> None:
    data = payload(
        catalog,
        "type: benchmarks\nmodels: [nova-1, open-1, nova-2]\nbenchmarks: [gpqa]\nsort: value",
    )
    assert data["ids"] == ["nova-2", "open-1", "nova-1"]


def test_highlight_is_bold_and_outlined(catalog: Catalog) -> None:
    data = payload(
        catalog,
        "type: benchmarks\nmodels: [nova-2, open-1]\nbenchmarks: [gpqa]\nhighlight: open-1",
    )
    assert data["x"] == ["Nova 2", "<b>Open 1</b>"]
    assert data["data"][0]["marker"]["line"]["width"] == [0, 3]


def test_blended_price_is_three_to_one(catalog: Catalog) -> None:
    price = pick_price(catalog.releases["nova-2"])
    assert price is not None
    assert blended_price(price) == (3 * 3.0 + 15.0) / 4


def test_price_performance_uses_log_price_when_it_spans_a_decade(catalog: Catalog) -> None:
    data = payload(
        catalog, "type: price-performance\nmodels: [nova-2, nova-1, open-1]\nbenchmarks: [gpqa]"
    )
    (trace,) = data["data"]
    assert trace["customdata"] == ["nova-2", "open-1"]
    assert trace["x"] == [6, 0.3]
    assert trace["textposition"] == ["top left", "top right"], "edge labels point inwards"
    assert data["layout"]["xaxis"]["type"] == "log"
    figure = build_figure(
        spec(
            catalog, "type: price-performance\nmodels: [nova-2, nova-1, open-1]\nbenchmarks: [gpqa]"
        ),
        catalog,
    )
    assert figure.notes == ["Nova 1: no GPQA Diamond score"]


def test_params_show_unconfirmed_values_differently(catalog: Catalog) -> None:
    data = payload(catalog, "type: params\nmodels: [nova-2, nova-1]")
    total, active = data["data"]
    assert total["y"] == [400, 70]
    assert total["marker"]["pattern"]["shape"] == ["x", ""]
    assert total["marker"]["opacity"][0] < total["marker"]["opacity"][1] == 1
    assert active["y"] == [40, None]
    assert active["marker"]["pattern"]["shape"][0] == "/"
    figure = build_figure(spec(catalog, "type: params\nmodels: [nova-2, nova-1]"), catalog)
    assert figure.table.rows[0] == ["Nova 2", "400B (rumored)", "40B (estimated)"]
    assert figure.key == (
        "Hatched, paler bars are not confirmed: estimated (diagonal lines), rumored (crosses)"
    )


def test_arena_has_ci95_error_bars(catalog: Catalog) -> None:
    data = payload(catalog, "type: arena\nmodels: [nova-2]")
    (trace,) = data["data"]
    assert trace["y"] == [1301]
    assert trace["error_y"] == {"array": [6], "arrayminus": [6]}
    assert trace["x"] == ["2025-02-01"]


def test_timeline_groups_by_org_and_repeats_y(catalog: Catalog) -> None:
    data = payload(catalog, "type: timeline\nmodels: [nova-1, nova-2, open-1, bare-1]")
    names = [t["name"] for t in data["data"]]
    assert names == ["Acme AI", "Open Co"]
    assert data["data"][0]["customdata"] == ["nova-1", "nova-2"]
    assert data["data"][0]["yrep"] == "Acme AI"


def test_hostile_strings_are_inert(catalog: Catalog) -> None:
    body = (
        "type: benchmarks\nmodels: [evil-1, nova-2]\nbenchmarks: [gpqa]\n"
        'title: "<script>alert(\'t\')</script>\\"><img src=x onerror=alert(1)>"'
    )
    figure = build_figure(spec(catalog, body), catalog)
    html = render_figure(figure, chart_id("p.md", 0), ("../models/", "/"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.find("img") is None
    assert soup.figcaption is not None
    assert (
        soup.figcaption.get_text() == "<script>alert('t')</script>\"><img src=x onerror=alert(1)>"
    )
    plot = soup.select_one("[data-modelpress-chart]")
    assert plot is not None
    data = json.loads(str(plot["data-modelpress-chart"]))
    assert data["x"][0] == "Evil &lt;script&gt;alert('name')&lt;/script&gt;"
    assert all("<script" not in line for line in data["s"])


def test_html_has_table_caption_and_alt(catalog: Catalog) -> None:
    figure = build_figure(spec(catalog, EVERY_TYPE["params"]), catalog)
    soup = BeautifulSoup(render_figure(figure, "mp-chart-x", None), "html.parser")
    plot = soup.select_one(".modelpress-chart__plot")
    assert plot is not None
    assert plot["role"] == "img"
    assert str(plot["aria-label"]).startswith("Bar chart of parameter counts for Nova 2")
    details = soup.select_one("details.modelpress-chart__data")
    assert details is not None
    assert details.has_attr("open")
    headers = [th.get_text() for th in soup.select("thead th")]
    assert headers == ["Model", "Total parameters", "Active parameters"]
    assert "Bare 1: no published parameter count" in soup.get_text()
    assert "link" not in json.loads(str(plot["data-modelpress-chart"]))


def test_chart_ids_are_stable_and_distinct() -> None:
    assert chart_id("reviews/posts/a.md", 0) == chart_id("reviews/posts/a.md", 0)
    assert chart_id("reviews/posts/a.md", 0) != chart_id("reviews/posts/a.md", 1)
    assert chart_id("a.md", 0).startswith("mp-chart-")


@pytest.mark.parametrize(
    ("url", "directory_urls", "expected"),
    [
        ("reviews/grok-3/", True, ("../../models/", "/")),
        ("", True, ("models/", "/")),
        ("timeline/", True, ("../models/", "/")),
        ("reviews/grok-3.html", False, ("../models/", ".html")),
        ("index.html", False, ("models/", ".html")),
    ],
)
def test_model_links_are_relative_to_the_page(
    url: str, directory_urls: bool, expected: tuple[str, str]
) -> None:
    assert model_link(url, directory_urls) == expected


def test_error_box_escapes() -> None:
    soup = BeautifulSoup(render_error(["bad <script>x</script>"]), "html.parser")
    assert soup.find("script") is None
    assert "bad <script>x</script>" in soup.get_text()


def test_table_rows_link_to_model_pages(catalog: Catalog) -> None:
    figure = build_figure(spec(catalog, EVERY_TYPE["arena"]), catalog)
    soup = BeautifulSoup(render_figure(figure, "mp-chart-x", ("../models/", "/")), "html.parser")
    links = [(a.get_text(), a["href"]) for a in soup.select("tbody th a")]
    assert links == [("Nova 2", "../models/nova-2/"), ("Nova 1", "../models/nova-1/")]
    unlinked = BeautifulSoup(render_figure(figure, "mp-chart-x", None), "html.parser")
    assert unlinked.select("tbody th a") == []
