"""The catalog built from valid records: lookups, normalisation and YAML details."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from modelpress._internal.diagnostics import did_you_mean, quote
from modelpress._internal.records import Catalog, load_catalog
from modelpress._internal.records.yamlsource import load_yaml_text

BASE = Path(__file__).parent / "fixtures" / "records" / "base"


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    shutil.copytree(BASE, tmp_path / "data")
    loaded, diagnostics = load_catalog(tmp_path / "data", root=tmp_path)
    assert diagnostics == []
    return loaded


def test_aliases_resolve_to_ids(catalog: Catalog) -> None:
    assert catalog.release_id("Nova-2") == "nova-2"
    assert catalog.release_id("nova 2") == "nova-2"
    assert catalog.benchmark_id("LCB") == "livecodebench"
    assert catalog.benchmark_id("gpqa diamond") == "gpqa"
    assert catalog.release_id("nova-9") is None


def test_benchmark_aliases_are_normalised_and_units_filled(catalog: Catalog) -> None:
    scores = catalog.releases["nova-2"].benchmarks
    assert [s.benchmark for s in scores] == ["gpqa", "livecodebench"]
    assert [s.unit for s in scores] == ["percent", "percent"]
    assert scores[1].score is None
    assert scores[1].why_empty == "named in the launch post without a number"


def test_statuses_default_to_confirmed_and_keep_rumors(catalog: Catalog) -> None:
    nova2 = catalog.releases["nova-2"]
    assert nova2.params.total is not None
    assert (nova2.params.total.value, nova2.params.total.status) == (4.0e11, "rumored")
    assert nova2.context_window is not None
    assert nova2.context_window.status == "confirmed"


def test_links_between_records(catalog: Catalog) -> None:
    assert [r.id for r in catalog.chronological()] == ["nova-1", "nova-2"]
    assert [r.id for r in catalog.successors("nova-1")] == ["nova-2"]
    assert [i.id for i in catalog.incidents_for("nova-2")] == ["nova-2-leak"]
    assert catalog.incidents_for("nova-1") == []
    assert catalog.origins["release:nova-2"].path == "data/releases/nova-2.yaml"


def test_exponent_numbers_are_numbers_and_quoted_ones_stay_text() -> None:
    doc = load_yaml_text("a: 2.4e12\nb: 1e9\nc: '2.4e12'\nd: 1.5\n", "x.yaml")
    assert doc.data == {"a": 2.4e12, "b": 1e9, "c": "2.4e12", "d": 1.5}


def test_positions_follow_the_front_matter_offset() -> None:
    doc = load_yaml_text("title: x\nmodels:\n  - a\n  - b\n", "p.md", line_offset=1)
    assert doc.position(("models", 1)).line == 5
    assert doc.position(("title",), key=True).line == 2


def test_messages_stay_on_one_line_whatever_the_input() -> None:
    hostile = "x\n\x1b[31mred\r<script>" + "a" * 200
    quoted = quote(hostile)
    assert "\n" not in quoted
    assert "\x1b" not in quoted
    assert "\r" not in quoted
    assert len(quoted) <= 62
    assert did_you_mean("gpt4o", ["gpt-4o", "o3"]) == " (did you mean 'gpt-4o'?)"
    assert did_you_mean("zzz", ["gpt-4o"]) == ""
