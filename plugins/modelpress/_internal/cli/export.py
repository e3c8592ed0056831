"""``modelpress export``: the site's downloads, written without building the site.

``hf-model-index ID`` prints a release's benchmark scores as Hugging Face
``model-index`` YAML (for a model card); ``releases`` and ``incidents`` print
the JSON/CSV downloads; ``downloads --out DIR`` writes all of them. Files are
written atomically, so a reader never sees half a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from modelpress._internal.cli.common import add_config_option, load_site, print_diagnostics
from modelpress._internal.diagnostics import did_you_mean, has_errors, quote
from modelpress._internal.pages import (
    build_downloads,
    incidents_json,
    model_index_yaml,
    releases_json,
)
from modelpress._internal.pages.facts import write_facts
from modelpress._internal.records import Catalog, load_catalog

EXIT_OK = 0
EXIT_PROBLEMS = 1


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="export records: HF model-index, releases JSON/CSV, incidents, all downloads",
        description="Export the records in the formats the site publishes under /data/.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    hf = kinds.add_parser(
        "hf-model-index", help="a release's benchmark scores as Hugging Face model-index YAML"
    )
    hf.add_argument("release", help="release id, name or alias, e.g. grok-4")
    _common(hf)

    releases = kinds.add_parser("releases", help="every release as JSON or CSV")
    releases.add_argument("--format", choices=("json", "csv"), default="json")
    _common(releases)

    incidents = kinds.add_parser("incidents", help="the incident log as JSON")
    _common(incidents)

    everything = kinds.add_parser(
        "downloads", help="write every download (JSON, CSV, schemas, model-index) into a folder"
    )
    add_config_option(everything)
    everything.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.set_defaults(func=run)


def _common(parser: argparse.ArgumentParser) -> None:
    add_config_option(parser)
    parser.add_argument(
        "-o", "--out", type=Path, metavar="FILE", help="write to FILE instead of printing"
    )


def _load(args: argparse.Namespace) -> Catalog | None:
    site = load_site(args)
    if site is None:
        return None
    catalog, diagnostics = load_catalog(site.data_dir, root=site.root)
    if has_errors(diagnostics):
        print_diagnostics(diagnostics, what="fix the records before exporting")
        return None
    return catalog


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def run(args: argparse.Namespace) -> int:
    catalog = _load(args)
    if catalog is None:
        return EXIT_PROBLEMS
    if args.kind == "downloads":
        for name, data in build_downloads(catalog).items():
            write_atomically(args.out / name.removeprefix("data/"), data)
        print(f"wrote the downloads into {args.out}", file=sys.stderr)
        return EXIT_OK
    if args.kind == "hf-model-index":
        release_id = catalog.release_id(args.release)
        if release_id is None:
            print(
                f"modelpress: unknown release {quote(args.release)}"
                f"{did_you_mean(args.release, catalog.release_names)}; "
                "give an id from data/releases/",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
        text = model_index_yaml(catalog.releases[release_id], catalog)
    elif args.kind == "releases":
        text = releases_json(catalog) if args.format == "json" else write_facts(catalog)
    else:
        text = incidents_json(catalog)
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.out, text.encode("utf-8"))
        print(f"wrote {args.out}", file=sys.stderr)
    return EXIT_OK
