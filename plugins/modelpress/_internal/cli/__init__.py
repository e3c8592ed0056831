"""The ``modelpress`` command: ``main(argv) -> exit code``, so tests call it directly.

Each subcommand lives in its own module with a ``register(subparsers)`` function;
exit codes are 0 for clean, 1 for problems found, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from modelpress._internal.cli import (
    check,
    clean,
    email,
    export,
    importer,
    links,
    new,
    schema,
    serve,
    theme_path,
)
from modelpress._internal.version import __version__

__all__ = ["main"]

SUBCOMMANDS = (check, schema, export, links, email, importer, serve, clean, new, theme_path)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="modelpress",
        description="Check, export and publish a Modelpress site of AI model reviews.",
    )
    parser.add_argument("--version", action="version", version=f"modelpress {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("modelpress: interrupted", file=sys.stderr)
        return 130
