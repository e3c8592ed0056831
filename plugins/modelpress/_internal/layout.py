"""Where the newsletter layout ships: a Material ``custom_dir``-style folder in the package.

The templates, stylesheet, review typeface and their licence live in
``modelpress/theme/`` so that a site made with ``modelpress new site`` gets the
layout from ``pip install modelpress`` alone, with nothing copied by hand. The
``modelpress/reviews`` plugin puts this folder between the site's own
``custom_dir`` and Material's templates (see ``mkdocs_plugins/layout.py``);
engines that run no Python plugins (Zensical) are pointed at it with
``modelpress theme-path``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["layer_files", "theme_dir"]


def theme_dir() -> Path:
    """The installed layout folder, as a real path (MkDocs and Zensical read folders).

    The package is installed as files (setuptools, editable or wheel), never
    zipped, so the resource is a folder on disk.
    """
    return Path(str(files("modelpress._internal") / "theme"))


def layer_files() -> list[str]:
    """Every file of the layout, as ``/``-separated paths relative to the folder, sorted.

    Read through :mod:`importlib.resources`, i.e. what the installed package
    really holds, not what the repository has.
    """
    found: list[str] = []

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            name = prefix + child.name
            if child.is_dir():
                walk(child, name + "/")
            elif child.is_file():
                found.append(name)

    walk(files("modelpress._internal") / "theme", "")
    return sorted(found)
