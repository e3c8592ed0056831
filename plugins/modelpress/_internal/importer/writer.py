"""The review file: front matter in the README's format, written atomically, never clobbering.

A file is written to a temporary name in the same folder and then linked to its
name (which fails if the name is taken, so a post a writer edited after an
earlier import is never replaced, even by a second import running at the same
moment) or, with ``--force``, renamed over it. Either way a reader of the folder
sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

__all__ = ["FRONT_MATTER_KEYS", "render_post", "write_atomic"]

FRONT_MATTER_KEYS = (
    "title",
    "subtitle",
    "date",
    "authors",
    "categories",
    "models",
    "slug",
    "draft",
    "imported",
)
"""The order of the keys, as the README's review example has them; ``imported`` last."""


_PLAIN = re.compile(r"^[A-Za-z][\w.-]*$")
_YAML_WORDS = frozenset(["true", "false", "yes", "no", "on", "off", "null", "y", "n"])


def _scalar(value: Any, *, plain: bool = True) -> str:
    if isinstance(value, str):
        if plain and _PLAIN.match(value) and value.lower() not in _YAML_WORDS:
            return value
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    if isinstance(value, dt.datetime):
        return json.dumps(value.isoformat())
    if isinstance(value, dt.date):
        return value.isoformat()
    dumped = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False
    )
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def render_post(meta: dict[str, Any], comments: dict[str, list[str]], body: str) -> str:
    """The file's text: ``---`` front matter ``---``, a blank line, the body."""
    lines = ["---"]
    for key in FRONT_MATTER_KEYS:
        value = meta.get(key)
        if key == "imported" and isinstance(value, dict) and value:
            lines.append("imported:")
            lines.extend(f"  {k}: {_scalar(v)}" for k, v in value.items())
        elif value is not None and value != [] and key != "imported":
            lines.append(f"{key}: {_scalar(value, plain=key not in ('title', 'subtitle'))}")
        lines.extend(f"# {text}" for text in comments.get(key, []))
    lines.append("---")
    body = body.strip("\n")
    return "\n".join(lines) + "\n" + (f"\n{body}\n" if body else "")


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` in one step; ``FileExistsError`` if it exists (unless forced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temporary, path)
        else:
            _link_without_clobbering(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _link_without_clobbering(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: check, then rename (a small window, no better way).
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)
