"""The downloads round-trip: loading them back gives the records' values, statuses and sources."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from modelpress._internal.cli import main
from modelpress._internal.pages import (
    build_downloads,
    incidents_json,
    model_index,
    read_facts,
    release_facts,
    releases_json,
    write_facts,
)
from modelpress._internal.records import Catalog, Incident, Release, load_catalog

SITE = Path(__file__).parent / "fixtures" / "pages" / "site"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, problems = load_catalog(SITE / "data", root=SITE)
    assert problems == []
    return loaded


def test_releases_json_round_trips_to_equal_records(catalog: Catalog) -> None:
    document = json.loads(releases_json(catalog))
    assert [r["id"] for r in document["releases"]] == list(catalog.releases)
    for entry in document["releases"]:
        assert Release.model_validate_json(json.dumps(entry)) == catalog.releases[entry["id"]]
    nova = next(r for r in document["releases"] if r["id"] == "nova-2")
    assert nova["params"]["total"] == {
        "value": 4e11,
        "status": "rumored",
        "source": "review",
        "note": "from an unnamed source",
    }
    assert nova["sources"]["review"]["url"] == "https://news.example.org/nova-2"
    assert nova["context_window"]["status"] == "confirmed", "defaults are written out"
    assert {o["id"] for o in document["orgs"]} == set(catalog.orgs)


def test_incidents_json_round_trips(catalog: Catalog) -> None:
    document = json.loads(incidents_json(catalog))
    assert [i["id"] for i in document["incidents"]] == ["evil-incident", "nova-2-leak"]
    for entry in document["incidents"]:
        assert Incident.model_validate_json(json.dumps(entry)) == catalog.incidents[entry["id"]]


def test_csv_round_trips_every_fact(catalog: Catalog) -> None:
    text = write_facts(catalog)
    expected = [f for r in catalog.releases.values() for f in release_facts(r, catalog)]
    assert read_facts(text) == expected
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(expected)


def test_csv_values_statuses_and_sources_match_the_records(catalog: Catalog) -> None:
    facts = read_facts(write_facts(catalog))
    for fact in facts:
        release = catalog.releases[fact.release]
        if fact.source:
            assert fact.source_url == str(release.sources[fact.source].url)
            assert fact.source_title == release.sources[fact.source].title
    for release in catalog.releases.values():
        scores = [f for f in facts if f.release == release.id and f.field == "benchmark"]
        assert len(scores) == len(release.benchmarks)
        for fact, record in zip(scores, release.benchmarks, strict=True):
            assert fact.key == record.benchmark
            assert (float(fact.value) if fact.value else None) == record.score
            assert fact.status == record.status
            assert fact.reported_by == record.reported_by
            assert fact.source == record.source
            assert fact.why_empty == (record.why_empty or "")
    nova_total = next(f for f in facts if f.release == "nova-2" and f.field == "params.total")
    assert float(nova_total.value) == 4e11
    assert nova_total.status == "rumored"
    assert nova_total.source_url == "https://news.example.org/nova-2"
    prices = [f for f in facts if f.release == "nova-2" and f.field.startswith("price.")]
    assert [(f.field, float(f.value)) for f in prices] == [
        ("price.input", 3.0),
        ("price.cached_input", 0.75),
        ("price.output", 15.0),
    ]
    window = next(f for f in facts if f.release == "open-1" and f.field == "context_window")
    assert int(window.value) == 1_000_000
    evil = next(f for f in facts if f.release == "evil-1" and f.field == "params.total")
    assert evil.note == "\"><svg onload=alert('note')>", "quotes and commas survive"
    assert evil.source == "bad key ]"


def test_model_index_has_scores_with_their_sources(catalog: Catalog) -> None:
    index = model_index(catalog.releases["nova-2"], catalog)
    [entry] = index["model-index"]
    assert entry["name"] == "Nova 2"
    results = entry["results"]
    assert len(results) == 2, "the score without a number is left out"
    first, second = results
    assert first["dataset"] == {"name": "GPQA Diamond", "type": "gpqa"}
    assert first["metrics"] == [
        {
            "type": "accuracy",
            "value": 61.0,
            "name": "GPQA Diamond (0-shot CoT, vendor-reported)",
            "verified": False,
        }
    ]
    assert first["source"] == {"name": "Nova 2 launch", "url": "https://acme.example.org/nova-2"}
    assert second["metrics"][0]["name"] == "GPQA Diamond (0-shot, independent-reported, disputed)"
    assert model_index(catalog.releases["bare-1"], catalog)["model-index"][0]["results"] == []


def test_downloads_are_deterministic(catalog: Catalog) -> None:
    again, _ = load_catalog(SITE / "data", root=SITE)
    assert build_downloads(catalog) == build_downloads(again)


CONFIG = str(SITE / "mkdocs.yml")


def test_cli_prints_hf_model_index(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "hf-model-index", "Nova-2", "--config", CONFIG]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Generated by Modelpress from the release record 'nova-2'.")
    assert yaml.safe_load(printed)["model-index"][0]["results"][0]["metrics"][0]["value"] == 61.0


def test_cli_unknown_release_suggests_an_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "hf-model-index", "nova2", "--config", CONFIG]) == 1
    error = capsys.readouterr().err
    assert "unknown release 'nova2' (did you mean 'nova-2'?)" in error


def test_cli_writes_csv_and_all_downloads(tmp_path: Path, catalog: Catalog) -> None:
    out = tmp_path / "releases.csv"
    assert main(["export", "releases", "--format", "csv", "--out", str(out), "-f", CONFIG]) == 0
    assert read_facts(out.read_text(encoding="utf-8")) == read_facts(write_facts(catalog))
    folder = tmp_path / "downloads"
    assert main(["export", "downloads", "--out", str(folder), "--config", CONFIG]) == 0
    assert (folder / "releases.json").read_text(encoding="utf-8") == releases_json(catalog)
    assert (folder / "model-index" / "nova-2.yaml").is_file()
    assert (folder / "schema" / "release.schema.json").is_file()
    assert not list(folder.rglob("*.tmp")), "no temporary files left behind"


def test_cli_refuses_broken_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data" / "releases").mkdir(parents=True)
    (tmp_path / "data" / "releases" / "x.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    config = str(tmp_path / "mkdocs.yml")
    assert main(["export", "releases", "--config", config]) == 1
    captured = capsys.readouterr()
    assert "data/releases/x.yaml:2:1: error: YAML syntax" in captured.out
    assert captured.out.count("{") == 0, "nothing exported"
