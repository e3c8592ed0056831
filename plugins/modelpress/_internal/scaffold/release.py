"""``modelpress new release ID``: a record whose required facts are empty placeholders.

No number is filled in: the empty ``name``, ``org``, ``status`` and ``sources``
are exactly what ``modelpress check`` then reports, so the writer's to-do list
is the checker's output. The first line points editors at the JSON Schema.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from modelpress._internal.diagnostics import quote
from modelpress._internal.records import load_catalog
from modelpress._internal.records.models import ID_PATTERN
from modelpress._internal.scaffold.errors import ScaffoldError
from modelpress._internal.scaffold.writing import shown_path, write_new_file
from modelpress._internal.siteconfig import SiteConfig

__all__ = ["new_release"]

_TEMPLATES = Environment(
    loader=PackageLoader("modelpress._internal.scaffold", ""),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,  # YAML, not HTML; the id is checked against ID_PATTERN first
)


def new_release(site: SiteConfig, release_id: str) -> Path:
    """Write ``data/releases/<id>.yaml``; return its path. Raises :class:`ScaffoldError`."""
    releases = site.data_dir / "releases"
    if not re.fullmatch(ID_PATTERN, release_id) or len(release_id) > 80:
        raise ScaffoldError(
            [
                f"{quote(release_id)} is not a record id: lower-case letters, digits, '.' "
                "and '-', starting and ending with a letter or digit (e.g. grok-4)"
            ]
        )
    catalog, _ = load_catalog(site.data_dir, root=site.root)
    shown = shown_path(releases / f"{release_id}.yaml", site.root)
    if release_id in catalog.releases or (releases / f"{release_id}.yml").exists():
        raise ScaffoldError([f"{shown}: a release {quote(release_id)} already exists"])
    schema = os.path.relpath(site.root / "schema" / "release.schema.json", releases)
    text = _TEMPLATES.get_template("release.yaml.j2").render(
        id=release_id, schema=Path(schema).as_posix()
    )
    path = releases / f"{release_id}.yaml"
    write_new_file(path, text, shown=shown)
    return path
