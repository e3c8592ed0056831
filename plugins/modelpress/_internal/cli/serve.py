"""``modelpress serve``: preview the site; a save re-renders only the pages it touches."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from modelpress._internal.siteconfig import SiteConfigError, read_site_config

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve",
        help="preview the site with live reload; a save rebuilds only what it touches",
        description="Build the site, serve it on http://127.0.0.1:8000/ and reload the "
        "browser after each save. Pages whose inputs did not change come from the build "
        "cache (.cache/modelpress/); mkdocs.yml, templates and overrides rebuild everything.",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the site's MkDocs config (default: mkdocs.yml in the current folder)",
    )
    parser.add_argument(
        "-a",
        "--dev-addr",
        metavar="HOST:PORT",
        help="address to serve on (default: the config's dev_addr, 127.0.0.1:8000)",
    )
    parser.add_argument("--open", action="store_true", help="open the site in a browser")
    parser.add_argument(
        "--poll",
        action="store_true",
        help="notice saves by polling the files twice a second, as mkdocs serve does "
        "(for folders where the system's change events do not arrive, e.g. some network "
        "or container mounts)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="render every page on every save and leave the build cache alone",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.config_file.is_file():
        print(f"modelpress: {args.config_file}: no such config file", file=sys.stderr)
        return 2
    if args.dev_addr is not None and not _is_host_port(args.dev_addr):
        print(
            f"modelpress: --dev-addr must be HOST:PORT (e.g. 127.0.0.1:8000), got "
            f"{args.dev_addr!r}",
            file=sys.stderr,
        )
        return 2
    try:  # MkDocs stops with a traceback on some of what this reports in one line
        read_site_config(args.config_file)
    except SiteConfigError as exc:
        print(f"modelpress: {exc}", file=sys.stderr)
        return 2
    # Imported here: the other commands must not pay for importing MkDocs.
    from modelpress._internal.mkdocs_plugins.serve import ServeError, serve_site

    try:
        serve_site(
            args.config_file,
            dev_addr=args.dev_addr,
            open_browser=args.open,
            use_cache=not args.no_cache,
            poll=args.poll,
        )
    except ServeError as exc:
        print(f"modelpress: {exc}", file=sys.stderr)
        return 1
    return 0


def _is_host_port(value: str) -> bool:
    host, sep, port = value.rpartition(":")
    return bool(sep and host and port.isdigit() and 0 < int(port) < 65536)
