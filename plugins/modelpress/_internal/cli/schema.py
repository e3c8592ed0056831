"""``modelpress schema``: write (or verify) the JSON Schemas of the record files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from modelpress._internal.records.schema import stale_schemas, write_schemas


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="write the JSON Schemas that editors use to check record files",
        description="Write release, incident, benchmark and org JSON Schemas generated from "
        "the record models. With --check, write nothing and exit 1 if the files are stale.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("schema"),
        metavar="DIR",
        help="folder to write to (default: schema)",
    )
    parser.add_argument(
        "--check", action="store_true", help="only report whether the files in --out are up to date"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.check:
        stale = stale_schemas(args.out)
        for name in stale:
            print(
                f"{args.out / name}:1:1: error: out of date with the record models; "
                "run 'modelpress schema' [stale-schema]"
            )
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(f"wrote {path}", file=sys.stderr)
    return 0
