"""Release records: YAML with positions, pydantic models, and the cross-checked catalog.

Nothing here imports MkDocs: the CLI, the tests and the MkDocs plugins all load
records through :func:`load_catalog`.
"""

from modelpress._internal.records.catalog import Catalog, load_catalog
from modelpress._internal.records.models import (
    Benchmark,
    BenchmarkScore,
    Incident,
    Org,
    Release,
    Source,
    Status,
)

__all__ = [
    "Benchmark",
    "BenchmarkScore",
    "Catalog",
    "Incident",
    "Org",
    "Release",
    "Source",
    "Status",
    "load_catalog",
]
