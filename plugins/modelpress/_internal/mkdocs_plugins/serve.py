"""``modelpress serve``'s MkDocs side: MkDocs' own live-reload server, kept warm between saves.

MkDocs' ``serve`` already runs every build in one process and reuses the plugin
instances from one build to the next; what makes a save cheap is the
``modelpress/cache`` plugin, which keeps the last build's pages in memory (and on
disk) and renders only those whose inputs changed. So this adapter runs MkDocs'
own ``serve`` command (its logging, its strict mode, its server) with the theme
and overrides watched, since a template change is a change to every page's
fingerprint and rebuilds everything; the records plugin adds ``data/``.

One thing is changed in MkDocs' server: it notices saves by polling every watched
file twice a second (watchdog's ``PollingObserver``), so a save waited 0.25 s on
average, and up to 0.5 s, before its rebuild began. ``modelpress serve`` uses
watchdog's native observer instead (inotify, FSEvents, ReadDirectoryChangesW),
which hears a save at once and costs nothing between saves. Folders where native
events do not arrive (some network and container mounts) keep polling with
``--poll``, as Hugo's ``--poll`` and Jekyll's ``--force_polling`` do. And once the
first build is done, what it left alive is exempted from garbage collection (see
:func:`_serve_settled`).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

import click
import watchdog.observers
from mkdocs.__main__ import cli
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)

__all__ = ["ServeError", "serve_site"]


class ServeError(Exception):
    """The server could not start (a config that does not load, a port in use…)."""


def serve_site(
    config_file: Path,
    *,
    dev_addr: str | None,
    open_browser: bool,
    use_cache: bool,
    poll: bool = False,
) -> None:
    """Build the site, serve it with live reload, rebuild what a save touches; until Ctrl-C."""
    if not poll:
        _hear_saves_natively()
    LiveReloadServer.serve = _serve_settled  # type: ignore[method-assign, assignment]
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
    except OSError as exc:  # e.g. the address is in use, or no inotify watches left
        hint = "" if poll else " (if saves are not noticed in this folder, try --poll)"
        raise ServeError(f"{exc}{hint}") from exc


_MKDOCS_INIT = LiveReloadServer.__init__


CHANGES: list[type[FileSystemEvent]] = [
    FileAttribEvent,  # ``touch``: polling saw a new mtime, so a touch rebuilt there too
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
"""The events that are a save. Native observers also report files being opened and
closed unwritten, which the build itself does to every watched file: MkDocs, which
rebuilds on any event, would then rebuild after every build."""


class _SavesObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, told about changes to files only."""

    def schedule(self, event_handler: Any, path: Any, **options: Any) -> Any:
        options.setdefault("event_filter", CHANGES)
        return super().schedule(event_handler, path, **options)


_MKDOCS_SERVE = LiveReloadServer.serve


def _serve_settled(server: LiveReloadServer, *args: Any, **kwargs: Any) -> None:
    """Start serving once the first build is done, with its heap exempt from collections.

    What the first build leaves alive (the records, the memos, the parsed posts, the
    modules) is most of the process's heap, and each of Python's full garbage
    collections walks all of it: 0.5 s at 500 posts, during random saves. Collected
    once and frozen (``gc.freeze``), it is not walked again; the rebuilds' own garbage
    is collected as usual. A frozen object is still freed when nothing refers to it;
    only a cycle among frozen objects outlives its use, a part of the first build's
    state, once.
    """
    gc.collect()
    gc.freeze()
    _MKDOCS_SERVE(server, *args, **kwargs)


def _hear_saves_natively() -> None:
    """Give MkDocs' live-reload server watchdog's native observer (see the module doc)."""

    def init(server: LiveReloadServer, *args: Any, **kwargs: Any) -> None:
        _MKDOCS_INIT(server, *args, **kwargs)
        # The same schedule/start/stop API as the PollingObserver MkDocs types it as.
        server.observer = _SavesObserver()

    LiveReloadServer.__init__ = init  # type: ignore[method-assign, assignment]
