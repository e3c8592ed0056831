"""Material's blog in ``modelpress serve``: unchanged front matter is not parsed again."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from material.plugins.blog import structure

from modelpress._internal.mkdocs_plugins.blogmeta import KeptFrontMatter, keep_blog_front_matter

FRONT = "title: A review\ndate: 2025-01-02\ncategories: [Reviews]\n"


@pytest.fixture
def kept() -> KeptFrontMatter:
    return KeptFrontMatter(yaml)


def test_an_unchanged_front_matter_gives_an_equal_mapping_that_is_not_shared(
    kept: KeptFrontMatter,
) -> None:
    first = kept.load(FRONT, yaml.SafeLoader)
    first["categories"].append("Written by the build")
    kept.next_build()
    again = kept.load(FRONT, yaml.SafeLoader)
    assert again == {"title": "A review", "date": dt.date(2025, 1, 2), "categories": ["Reviews"]}
    assert again is not first


def test_a_front_matter_that_does_not_parse_raises_every_time(kept: KeptFrontMatter) -> None:
    for _ in range(2):
        with pytest.raises(yaml.YAMLError):
            kept.load("title: [unclosed\n", yaml.SafeLoader)


def test_parses_not_used_by_the_last_two_builds_are_let_go(kept: KeptFrontMatter) -> None:
    kept.load(FRONT, yaml.SafeLoader)
    kept.next_build()
    kept.next_build()
    assert kept.load(FRONT.replace("A review", "B"), yaml.SafeLoader)["title"] == "B"
    assert len(kept) == 1


def test_only_serve_installs_it_and_a_build_puts_pyyaml_back() -> None:
    keep_blog_front_matter(True)
    installed: object = structure.yaml
    assert isinstance(installed, KeptFrontMatter)
    keep_blog_front_matter(False)
    restored: object = structure.yaml
    assert restored is yaml
