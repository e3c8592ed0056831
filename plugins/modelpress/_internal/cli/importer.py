"""``modelpress import``: bring old posts into the site as reviews (see the importer package)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from modelpress._internal.cli.common import add_config_option
from modelpress._internal.importer import SHAPES, ImportOptions, run_import, summary
from modelpress._internal.importer.site import ImportSite
from modelpress._internal.siteconfig import SiteConfigError, read_site_config


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="turn old posts (Substack export, pandoc, pasted, transcript notes) into reviews",
        description="Import each SOURCE (a Markdown, text or HTML file, a folder of them, or a "
        "Substack export .zip or folder) as reviews, and report what could not be carried as "
        "path:line:col lines in the written files. Exit 0 when every post was written, 1 when "
        "a source could not be read or a post not written, 2 on a usage error.",
    )
    parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    parser.add_argument(
        "--into",
        type=Path,
        metavar="DIR",
        help="where to write the reviews (default: the blog's posts folder from mkdocs.yml)",
    )
    parser.add_argument(
        "--from",
        dest="shape",
        choices=SHAPES,
        help="the shape of every source, instead of detecting it",
    )
    parser.add_argument("--dry-run", action="store_true", help="write nothing; print the report")
    parser.add_argument("--force", action="store_true", help="replace files that exist")
    parser.add_argument(
        "--download-images",
        action="store_true",
        help="save remote images next to the posts instead of keeping their URLs",
    )
    parser.add_argument(
        "--jobs",
        type=_positive,
        default=_cores(),
        metavar="N",
        help="worker processes for a large import (default: one per core, here %(default)s)",
    )
    add_config_option(parser)
    parser.set_defaults(func=run)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (1 or more)")
    return number


def _today() -> dt.date | None:
    """The import's day, given to posts without a date: ``SOURCE_DATE_EPOCH``'s day when set
    (the reproducible-builds convention, so a re-run writes the same files), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        return None


def run(args: argparse.Namespace) -> int:
    try:
        config = read_site_config(args.config)
    except SiteConfigError as exc:
        if args.into is None:
            print(
                f"modelpress: {exc} (or name the folder to write to with --into DIR)",
                file=sys.stderr,
            )
            return 2
        config = None
    into: Path | None = args.into
    if into is None:
        into = ImportSite(config).posts_dir
        assert into is not None
    elif into.exists() and not into.is_dir():
        print(f"modelpress: --into {into}: not a folder", file=sys.stderr)
        return 2
    today = _today()
    if today is None:
        print("modelpress: SOURCE_DATE_EPOCH must be a number of seconds", file=sys.stderr)
        return 2
    options = ImportOptions(
        sources=list(args.sources),
        into=into,
        shape=args.shape,
        dry_run=args.dry_run,
        force=args.force,
        download_images=args.download_images,
        today=today,
        jobs=args.jobs,
    )
    report = run_import(options, config)
    for diagnostic in report.diagnostics:
        print(diagnostic.format())
    shown = into.as_posix()
    if config is not None:
        with contextlib.suppress(ValueError):
            shown = into.resolve().relative_to(config.root).as_posix()
    print(summary(report, shown), file=sys.stderr)
    return 1 if report.problems else 0
