"""``modelpress serve``'s MkDocs side: MkDocs' live-reload server, kept warm between saves.

MkDocs' own ``serve`` already runs the builds in one process and reuses the plugin
instances from one build to the next; what makes a save cheap is the
``modelpress/cache`` plugin, which keeps the last build's pages in memory (and on
disk) and renders only those whose inputs changed. This adapter adds what the
preview needs around it: the records folder and the theme overrides are watched
(a change to a template is a change to every page's fingerprint, so it rebuilds
everything), and the cache can be turned off for the session.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.serve import serve
from mkdocs.exceptions import Abort, ConfigurationError

__all__ = ["ServeError", "serve_site"]


class ServeError(Exception):
    """The server could not start (a config that does not load, a port in use…)."""


def serve_site(
    config_file: Path, *, dev_addr: str | None, open_browser: bool, use_cache: bool
) -> None:
    """Build the site, serve it with live reload, rebuild what a save touches; until Ctrl-C."""
    if not use_cache:
        os.environ["MODELPRESS_NO_CACHE"] = "1"
    try:
        if dev_addr:
            serve(
                config_file=str(config_file),
                livereload=True,
                watch_theme=True,
                open_in_browser=open_browser,
                dev_addr=dev_addr,
            )
        else:
            serve(
                config_file=str(config_file),
                livereload=True,
                watch_theme=True,
                open_in_browser=open_browser,
            )
    except (ConfigurationError, Abort, OSError) as exc:
        raise ServeError(str(exc)) from exc
