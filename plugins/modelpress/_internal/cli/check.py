"""``modelpress check``: every record and Markdown page checked, without building the site."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from modelpress._internal.checks import check_site_sources
from modelpress._internal.cli.common import add_config_option, load_site, print_diagnostics
from modelpress._internal.content import iter_markdown_pages
from modelpress._internal.records import load_catalog
from modelpress._internal.reviews.meta import check_site_reviews


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="check data/ and the Markdown under the docs folder without building",
        description="Check every record under data/ and every Markdown page (footnotes, "
        "links, chart fences, review front matter). Exit 0 when clean, 1 when problems "
        "were found, 2 on a usage error.",
    )
    add_config_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args)
    if site is None:
        return 2
    catalog, diagnostics = load_catalog(site.data_dir, root=site.root)
    pages = list(iter_markdown_pages(site.docs_dir, site.root)) if site.docs_dir.is_dir() else []
    diagnostics += check_site_sources(site, catalog, pages)
    # The reviews' front matter as the build's reviews plugin checks it (authors,
    # categories, dates, one address per review), with the blog settings of mkdocs.yml.
    diagnostics += check_site_reviews(site, pages)
    if print_diagnostics(diagnostics):
        return 1
    print(
        f"modelpress: {_count(len(catalog.releases), 'release')}, "
        f"{_count(len(catalog.incidents), 'incident')} and the site's pages: no problems found",
        file=sys.stderr,
    )
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
