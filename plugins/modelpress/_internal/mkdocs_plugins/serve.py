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
:func:`_serve_settled`), and later builds leave their full collection until the new
page is out (see :class:`IdleCollection`). A save that does not build is shown on the
page itself, not only in the terminal (see :class:`BuildProblems`).
"""

from __future__ import annotations

import gc
import html
import logging
import os
import threading
from collections.abc import Callable
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
    server.builder = IdleCollection().around(BuildProblems(server).around(server.builder))
    _MKDOCS_SERVE(server, *args, **kwargs)


class BuildProblems:
    """What stopped the last rebuild, shown at the foot of every page the server sends.

    MkDocs' server only logs a failed rebuild: the browser keeps the old page, with no
    sign that the save did not build, and every page asked for waits until a build
    succeeds ("the server will appear stuck"). A writer looks at the page, not at the
    terminal. So after a failed rebuild the browsers are told to reload, as after a good
    one, and each page carries the problems the failed build logged, one line each as
    in the terminal, until a save builds again. The page is what the site folder holds:
    the last good build's, or this one's when ``--strict`` stopped it after writing.
    """

    LIMIT = 40
    """Lines shown at most; the terminal has all of them."""

    def __init__(self, server: LiveReloadServer) -> None:
        self.server = server
        self.lines: list[str] = []
        self._inject = server._inject_js_into_html
        server._inject_js_into_html = self.inject  # type: ignore[method-assign]

    def around(self, builder: Callable[[], None]) -> Callable[[], None]:
        def build() -> None:
            heard = _Problems()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(heard)
            try:
                builder()
            except (Exception, SystemExit) as exc:  # MkDocs' Abort is both
                # What the build logged says why; "Aborted with a BuildError!" adds nothing.
                self.lines = heard.lines or [str(exc) or type(exc).__name__]
                self._reload_browsers()
                raise
            else:
                self.lines = []
            finally:
                logger.removeHandler(heard)

        return build

    def _reload_browsers(self) -> None:
        server = self.server
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    def inject(self, content: bytes, epoch: int) -> bytes:
        page: bytes = self._inject(content, epoch)
        lines = self.lines
        if not lines:
            return page
        shown = [html.escape(line) for line in lines[: self.LIMIT]]
        if len(lines) > self.LIMIT:
            shown.append(f"… and {len(lines) - self.LIMIT} more: see the terminal")
        notice = (
            f'<div id="{PROBLEMS_ID}" role="alert" style="{_NOTICE_STYLE}">'
            "<strong>The last save did not build.</strong> What you see may be out of "
            "date. Fix these, then save again:\n" + "\n".join(shown) + "</div>"
        ).encode()
        end = page.rfind(b"</body>")
        end = len(page) if end < 0 else end
        return page[:end] + notice + page[end:]


PROBLEMS_ID = "modelpress-build-problems"
_NOTICE_STYLE = (
    "position:fixed;left:0;right:0;bottom:0;z-index:100000;max-height:45vh;overflow:auto;"
    "margin:0;padding:.75rem 1rem;background:#7a0916;color:#fff;white-space:pre-wrap;"
    "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "box-shadow:0 -2px 8px rgba(0,0,0,.4)"
)


class _Problems(logging.Handler):
    """The warnings and errors a build logs (``--strict`` fails on either), as lines."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class IdleCollection:
    """Rebuilds without Python's full garbage collections; one full collection after each.

    Even with the first build frozen, a rebuild leaves tens of thousands of objects
    alive until the next one (its pages, its files, the cache's decisions), and the
    full collections Python starts while a rebuild runs walk them all, several times:
    0.1–0.5 s of a 3 s save at 2,000 reviews (measured with ``gc.callbacks``). So a
    rebuild runs with full collections held back (the young generations are still
    collected as usual), and one full collection runs :attr:`delay` seconds after it,
    once the browsers have been told to reload: 0.13 s, freeing about 57,000 objects
    per save at 2,000 reviews. A rebuild that starts first cancels it; the garbage
    waits for the next quiet moment, as it would have waited for the next collection.
    """

    NEVER = 1_000_000_000
    """A threshold for the oldest generation that a rebuild does not reach."""

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self._pending: threading.Timer | None = None
        self._lock = threading.Lock()

    def around(self, builder: Callable[[], None]) -> Callable[[], None]:
        def build() -> None:
            self._cancel()
            young, middle, oldest = gc.get_threshold()
            gc.set_threshold(young, middle, self.NEVER)
            try:
                builder()
            finally:
                gc.set_threshold(young, middle, oldest)
                self._schedule()

        return build

    def _cancel(self) -> None:
        with self._lock:
            if self._pending is not None:
                self._pending.cancel()
                self._pending = None

    def _schedule(self) -> None:
        with self._lock:
            self._pending = threading.Timer(self.delay, gc.collect)
            self._pending.daemon = True  # never holds the server open at Ctrl-C
            self._pending.start()


def _hear_saves_natively() -> None:
    """Give MkDocs' live-reload server watchdog's native observer (see the module doc)."""

    def init(server: LiveReloadServer, *args: Any, **kwargs: Any) -> None:
        _MKDOCS_INIT(server, *args, **kwargs)
        # The same schedule/start/stop API as the PollingObserver MkDocs types it as.
        server.observer = _SavesObserver()

    LiveReloadServer.__init__ = init  # type: ignore[method-assign, assignment]
