"""JSON Schemas of the record files, for editors' autocompletion and for other tools.

The committed files under ``schema/`` are generated from the pydantic models;
``modelpress schema --check`` (and a test) fail when they are stale.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from modelpress._internal.records.models import BenchmarkRegistry, Incident, OrgRegistry, Release

__all__ = ["SCHEMAS", "render_schemas", "stale_schemas", "write_schemas"]

SCHEMAS: dict[str, type[BaseModel]] = {
    "release.schema.json": Release,
    "incident.schema.json": Incident,
    "benchmarks.schema.json": BenchmarkRegistry,
    "orgs.schema.json": OrgRegistry,
}


def render_schemas() -> dict[str, str]:
    """File name → schema text, deterministic so the committed copy can be compared."""
    return dict(_rendered())


@cache
def _rendered() -> dict[str, str]:
    """The schemas depend only on the models: rendered once per process, not once per build
    (pydantic's schema generation costs a tenth of a second; ``mkdocs serve`` rebuilds often)."""
    rendered = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = name
        rendered[name] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return rendered


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        target = directory / name
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
        written.append(target)
    return written


def stale_schemas(directory: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    stale = []
    for name, text in render_schemas().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
