"""``modelpress serve``'s MkDocs side: MkDocs' own live-reload server, kept warm between saves.

MkDocs' ``serve`` already runs every build in one process and reuses the plugin
instances from one build to the next; what makes a save cheap is the
``modelpress/cache`` plugin, which keeps the last build's pages in memory (and on
disk) and renders only those whose inputs changed. So this adapter runs MkDocs'
own ``serve`` command (its logging, its strict mode, its server) with the theme
and overrides watched, since a template change is a change to every page's
fingerprint and rebuilds everything; the records plugin adds ``data/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from mkdocs.__main__ import cli

__all__ = ["ServeError", "serve_site"]


class ServeError(Exception):
    """The server could not start (a config that does not load, a port in use…)."""


def serve_site(
    config_file: Path, *, dev_addr: str | None, open_browser: bool, use_cache: bool
) -> None:
    """Build the site, serve it with live reload, rebuild what a save touches; until Ctrl-C."""
    if not use_cache:
        os.environ["MODELPRESS_NO_CACHE"] = "1"
    args = ["serve", "--config-file", str(config_file), "--livereload", "--watch-theme"]
    if dev_addr:
        args += ["--dev-addr", dev_addr]
    if open_browser:
        args.append("--open")
    try:
        cli.main(args=args, prog_name="modelpress", standalone_mode=False)
    except click.ClickException as exc:  # MkDocs' Abort and config errors are these
        raise ServeError(exc.format_message()) from exc
    except OSError as exc:  # e.g. the address is in use
        raise ServeError(str(exc)) from exc
