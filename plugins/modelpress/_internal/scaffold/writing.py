"""Writing a stub so that a refused or failed run leaves nothing behind."""

from __future__ import annotations

import os
from pathlib import Path

from modelpress._internal.scaffold.errors import ScaffoldError

__all__ = ["shown_path", "write_new_file"]


def write_new_file(path: Path, text: str, *, shown: str) -> None:
    """Create ``path`` with ``text``; refuse if anything is already there.

    ``O_EXCL`` makes "refuse to overwrite" hold even against a file created
    between a check and the write.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ScaffoldError([f"{shown}: already exists; nothing was written"]) from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def shown_path(path: Path, root: Path) -> str:
    """``path`` as the writer would type it from the site's folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
