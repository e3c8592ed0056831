"""The committed JSON Schemas must match the record models."""

from __future__ import annotations

import json
from pathlib import Path

from modelpress._internal.cli import main
from modelpress._internal.records.schema import SCHEMAS, stale_schemas


def test_committed_schemas_are_current(repo: Path) -> None:
    assert stale_schemas(repo / "schema") == [], "run 'make schema' and commit schema/"


def test_schema_check_flags_a_stale_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 0
    release = tmp_path / "release.schema.json"
    schema = json.loads(release.read_text())
    del schema["properties"]["params"]
    release.write_text(json.dumps(schema))
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 1
    assert "release.schema.json:1:1: error: out of date" in capsys.readouterr().out


def test_release_schema_forbids_unknown_fields() -> None:
    schema = SCHEMAS["release.schema.json"].model_json_schema()
    assert schema["additionalProperties"] is False
    assert {"id", "name", "org", "status", "sources"} <= set(schema["required"])
