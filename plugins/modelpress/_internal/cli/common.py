"""Pieces every subcommand shares: the --config option and printing diagnostics."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from modelpress._internal.diagnostics import Diagnostic, Severity
from modelpress._internal.siteconfig import SiteConfig, SiteConfigError, read_site_config

__all__ = ["add_config_option", "load_site", "print_diagnostics"]


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the site's MkDocs config (default: mkdocs.yml in the current folder)",
    )


def load_site(args: argparse.Namespace) -> SiteConfig | None:
    """The site config, or None after printing why it cannot be read."""
    try:
        return read_site_config(args.config)
    except SiteConfigError as exc:
        print(f"modelpress: {exc}", file=sys.stderr)
        return None


def print_diagnostics(diagnostics: Iterable[Diagnostic], *, what: str = "") -> int:
    """Print each problem on its own line and a summary; return how many there were, not
    counting suggestions (``info``), which never make a command fail."""
    items = sorted(diagnostics)
    for diagnostic in items:
        print(diagnostic.format())
    counts = Counter(d.severity.value for d in items)
    files = len({d.path for d in items})
    if items:
        parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(counts.items())]
        print(
            f"modelpress: {', '.join(parts)} in {files} file{'s' if files != 1 else ''}"
            + (f" ({what})" if what else ""),
            file=sys.stderr,
        )
    return sum(d.severity is not Severity.INFO for d in items)  # suggestions never fail
