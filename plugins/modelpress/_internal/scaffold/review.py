"""``modelpress new review "Title"``: a draft review with valid front matter.

The file is named after the slug Material's blog would give the title (the
site's ``post_slugify`` and separator, as ``pages/posturl.py`` reads them), and
the slug is written into the front matter so the address stays put if the
headline is edited later. The review starts as a draft; models are checked
against the records so a typo is caught now rather than at build time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from modelpress._internal.diagnostics import did_you_mean, quote
from modelpress._internal.records import load_catalog
from modelpress._internal.scaffold.errors import ScaffoldError
from modelpress._internal.scaffold.writing import shown_path, write_new_file
from modelpress._internal.siteconfig import SiteConfig

__all__ = ["new_review"]

_TEMPLATES = Environment(
    loader=PackageLoader("modelpress._internal.scaffold", ""),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,  # Markdown and YAML, not HTML; values are quoted with json.dumps
)


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it."""
    return json.dumps(text, ensure_ascii=False)


def _unknown_models(site: SiteConfig, models: Sequence[str]) -> list[str]:
    catalog, _ = load_catalog(site.data_dir, root=site.root)
    known = set(catalog.releases)
    names = {**{r: r for r in known}, **catalog.release_names}
    return [
        f"unknown model {quote(model)}{did_you_mean(model, names)}; "
        f"models are release ids from {site.data_dir.relative_to(site.root).as_posix()}/releases/"
        for model in models
        if model not in known
    ]


def new_review(site: SiteConfig, title: str, *, models: Sequence[str] = (), date: dt.date) -> Path:
    """Write the draft; return its path. Raises :class:`ScaffoldError` with every problem."""
    problems: list[str] = []
    title = title.strip()
    if not title:
        problems.append("the title is empty")
    elif any(not ch.isprintable() for ch in title):
        problems.append(f"the title {quote(title)} must be one line of text")
    blog = site.blog
    if blog is None:
        problems.append(f"{site.config_file}: the site has no blog plugin, so it has no reviews")
    problems += _unknown_models(site, models)
    slug = ""
    if blog is not None and title and not problems:
        slug = blog.post_slugify(title, blog.post_slugify_separator)
        if not slug:
            problems.append(f"the title {quote(title)} gives an empty address; use words")
    if problems or blog is None:
        raise ScaffoldError(problems)
    path = site.docs_dir / blog.post_dir / f"{slug}.md"
    text = _TEMPLATES.get_template("review.md.j2").render(
        title=_yaml_string(title),
        date=date.isoformat(),
        models=", ".join(models),
        slug=slug,
        authors_file=(Path(site.docs_dir.name) / blog.authors_file).as_posix(),
    )
    write_new_file(path, text, shown=shown_path(path, site.root))
    return path
