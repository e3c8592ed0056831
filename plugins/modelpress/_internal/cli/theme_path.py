"""``modelpress theme-path``: print the folder of the installed newsletter layout.

Under MkDocs and ProperDocs the ``modelpress/reviews`` plugin adds the layout by
itself. Engines that run no Python plugins (Zensical) only see the layout when
``theme.custom_dir`` names this folder, and the folder moves with every
virtual environment, so it is printed rather than written down.
"""

from __future__ import annotations

import argparse
from typing import Any

from modelpress._internal.layout import theme_dir

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "theme-path",
        help="print the folder of the newsletter layout that ships with Modelpress",
        description="Print the absolute path of the installed layout (templates, stylesheet, "
        "typeface): copy a file from it into your site_overrides/ to change it, or point "
        "an engine without our plugins (Zensical) at it with theme.custom_dir.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print(theme_dir())
    return 0
