"""Put the packaged newsletter layout into MkDocs' template search path.

MkDocs builds one Jinja loader from ``config.theme.dirs`` (``Theme.get_env``)
and copies a theme's static files from the first of those folders that holds
each path (``Files.add_files_from_theme``), both after every plugin's
``on_config``. The site's ``custom_dir`` is first, the theme's folders after it;
the layout goes just below the site's folder, so a site's ``site_overrides/``
still replaces any of its files one by one, and the layout replaces Material's.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from modelpress._internal.layout import theme_dir

__all__ = ["insert_layout"]


def insert_layout(config: MkDocsConfig) -> None:
    """Add the layout folder below the site's ``custom_dir``, once."""
    layer = str(theme_dir())
    dirs: list[str] = config.theme.dirs
    if layer in dirs:
        return
    custom_dir = config.theme.custom_dir
    position = 1 if custom_dir is not None and dirs and dirs[0] == custom_dir else 0
    dirs.insert(position, layer)
