"""``modelpress clean``: drop the build cache, so the next build renders every page."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from modelpress._internal.cache import CACHE_DIR, clean_cache

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "clean",
        help=f"remove the build cache ({CACHE_DIR.as_posix()}/)",
        description=f"Remove the build cache in {CACHE_DIR.as_posix()}/ next to the config "
        "file. Builds and the preview server make it again as they go.",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        dest="config",
        default="mkdocs.yml",
        metavar="FILE",
        help="the site's MkDocs config (default: mkdocs.yml in the current folder)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    root = Path(args.config).resolve().parent
    if clean_cache(root):
        print(f"modelpress: removed {root / CACHE_DIR}", file=sys.stderr)
    else:
        print(f"modelpress: no build cache in {root / CACHE_DIR}", file=sys.stderr)
    return 0
