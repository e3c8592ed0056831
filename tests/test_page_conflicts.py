"""A writer's file where the records would generate a page is reported, never overwritten."""

from __future__ import annotations

from modelpress._internal.pages.generate import generate
from modelpress._internal.records import load_catalog
from tests.support.site import REPO


def test_a_site_file_at_a_generated_path_is_reported_and_kept() -> None:
    catalog, problems = load_catalog(REPO / "tests/fixtures/records/base", root=REPO)
    assert not problems
    result = generate(catalog, ["timeline.md", "index.md"], [])
    assert [(d.path, d.code) for d in result.problems] == [
        ("timeline.md", "generated-page-conflict")
    ]
    assert "timeline.md" not in result.pages
