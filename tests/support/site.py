"""Building real sites in temporary folders, the way a writer would.

Tests copy the demo site (or write a small one), run the real ``mkdocs build``
in a subprocess, and read the output with BeautifulSoup.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

REPO = Path(__file__).resolve().parents[2]
SITE_PARTS = ("mkdocs.yml", "content", "data", "site_overrides", "schema")


@dataclass
class Build:
    returncode: int
    output: str
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, path: str) -> BeautifulSoup:
        """Parse a built page; ``path`` like ``models/grok-4/`` or ``index.html``."""
        target = self.site / path
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")


def copy_demo(destination: Path) -> Path:
    """Copy the repository's demo site (config, content, data, overrides) to ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        elif source.is_file():
            shutil.copy2(source, destination / part)
    return destination


def clean_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_mkdocs(root: Path, *args: str, timeout: float = 600) -> Build:
    """Run ``mkdocs build --strict`` (or other args) in ``root``, as a separate process."""
    command = [sys.executable, "-m", "mkdocs", *(args or ("build", "--strict"))]
    completed = subprocess.run(
        command,
        cwd=root,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Build(completed.returncode, completed.stdout + completed.stderr, root)


def run_modelpress(
    root: Path, *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``modelpress`` command in ``root``, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "modelpress", *args],
        cwd=root,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def rebuild_in_process(
    config_file: Path | BinaryIO, *, first: bool
) -> tuple[MkDocsConfig, list[str]]:
    """Build as ``modelpress serve`` does after a save: in this process, with the plugins
    of the previous build (MkDocs keeps those with ``on_startup``); the build's config
    and the messages it logged.

    ``first`` starts the plugins as the server does once, before its first build. An
    open file is what MkDocs' command line passes for ``--config-file`` (its first build
    sees the paths in it as written).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler, level = Collect(logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = load_config(
            config_file=str(config_file) if isinstance(config_file, Path) else config_file
        )
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return config, messages


def replace_once(file: Path, old: str, new: str) -> None:
    """Edit ``file`` as a writer's save would: the first ``old`` becomes ``new``."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def lenient(root: Path) -> None:
    """Turn off ``strict`` in a generated site's ``mkdocs.yml``: warnings about its random
    text must not stop builds whose pages are compared with a build made the same way."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
