"""``modelpress new site DIR``: a complete site that builds strictly as it is written.

The files come from the package (``scaffold/site/``) and the JSON Schemas the
records' first lines point at are rendered from the record models, so nothing
is copied from the Modelpress repository by hand. The site is written into a
hidden folder beside ``DIR`` and renamed into place at the end: a failure
leaves no half-made site.
"""

from __future__ import annotations

import tempfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from modelpress._internal.records.schema import render_schemas
from modelpress._internal.scaffold.errors import ScaffoldError

__all__ = ["new_site", "site_files"]

DOT_PREFIX = "dot-"
"""Stored name prefix of a file or folder whose real name starts with a dot."""


def _real_name(stored: str) -> str:
    return "." + stored[len(DOT_PREFIX) :] if stored.startswith(DOT_PREFIX) else stored


def site_files() -> dict[str, bytes]:
    """Every file of a new site by its ``/``-separated path, schemas included."""
    found: dict[str, bytes] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            name = prefix + _real_name(child.name)
            if child.is_dir():
                walk(child, name + "/")
            elif child.is_file():
                found[name] = child.read_bytes()

    walk(files("modelpress._internal.scaffold") / "site", "")
    for name, text in render_schemas().items():
        found[f"schema/{name}"] = text.encode("utf-8")
    return dict(sorted(found.items()))


def new_site(target: Path) -> list[str]:
    """Write a new site into ``target`` (absent or an empty folder); return the paths written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "a folder that is not empty" if target.is_dir() else "not a folder"
        raise ScaffoldError([f"{target}: {what}; give a new or empty folder (nothing was written)"])
    contents = site_files()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-", dir=target.parent) as scratch:
        staging = Path(scratch) / "site"
        for name, data in contents.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if target.exists():
            target.rmdir()  # empty, checked above
        staging.rename(target)
    return list(contents)
