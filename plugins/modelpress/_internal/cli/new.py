"""``modelpress new site|review|release``: start a site, a review or a record.

Each refuses to overwrite anything, reports every problem with the request one
line each, and writes nothing when it refuses (exit 1; 2 for a usage error).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from modelpress._internal.cli.common import add_config_option, load_site
from modelpress._internal.scaffold import ScaffoldError, new_release, new_review, new_site
from modelpress._internal.scaffold.writing import shown_path

__all__ = ["register"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "new",
        help="start a site, a review or a release record",
        description="Write a new site, a draft review or a release record stub. Nothing is "
        "ever overwritten: exit 1 (and nothing written) when the target exists.",
    )
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    site = kinds.add_parser(
        "site",
        help="a complete site in DIR: config, content, data, workflows, README",
        description="Write a site that builds with 'mkdocs build --strict' as it is: "
        "mkdocs.yml, content/ (home, methodology, an example review), data/ (an example "
        "record and the registries), schema/, .github/workflows/ (test, Pages deploy), "
        ".gitignore and a README. DIR must be new or empty.",
    )
    site.add_argument("dir", type=Path, metavar="DIR")
    site.set_defaults(func=run_site)

    review = kinds.add_parser(
        "review",
        help="a draft review under the blog's posts folder, named by its slug",
        description="Write <docs>/<post_dir>/<slug>.md with front matter (title, date, "
        "models, slug as Material's blog computes it) as a draft.",
    )
    review.add_argument("title", metavar="TITLE")
    review.add_argument(
        "--models",
        default="",
        metavar="ID,ID",
        help="release ids from data/releases/, comma-separated",
    )
    review.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="publication date (default: today)",
    )
    add_config_option(review)
    review.set_defaults(func=run_review)

    release = kinds.add_parser(
        "release",
        help="a release record stub: data/releases/ID.yaml",
        description="Write data/releases/ID.yaml with the schema comment and the required "
        "facts left empty for 'modelpress check' to list; no value is made up.",
    )
    release.add_argument("id", metavar="ID")
    add_config_option(release)
    release.set_defaults(func=run_release)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _refused(error: ScaffoldError) -> int:
    for problem in error.problems:
        print(f"modelpress: {problem}", file=sys.stderr)
    return 1


def run_site(args: argparse.Namespace) -> int:
    try:
        written = new_site(args.dir)
    except ScaffoldError as error:
        return _refused(error)
    print(f"modelpress: wrote a new site in {args.dir} ({len(written)} files)", file=sys.stderr)
    print(f"  cd {args.dir} && modelpress serve", file=sys.stderr)
    return 0


def run_review(args: argparse.Namespace) -> int:
    site = load_site(args)
    if site is None:
        return 2
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    try:
        path = new_review(site, args.title, models=models, date=args.date or dt.date.today())
    except ScaffoldError as error:
        return _refused(error)
    print(shown_path(path, site.root))
    return 0


def run_release(args: argparse.Namespace) -> int:
    site = load_site(args)
    if site is None:
        return 2
    try:
        path = new_release(site, args.id)
    except ScaffoldError as error:
        return _refused(error)
    print(shown_path(path, site.root))
    return 0
