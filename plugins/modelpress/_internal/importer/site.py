"""What the importer needs to know about the site it imports into.

The blog's posts folder, its authors and allowed categories decide what an
imported post's front matter may say (the build refuses unknown authors and
categories); the records decide which model names are known; the site's pages
decide where a ``[[wiki link]]`` can point. All of it is read from
``mkdocs.yml`` and the files it names, without MkDocs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from modelpress._internal.content import read_markdown_page
from modelpress._internal.records import Catalog, load_catalog
from modelpress._internal.siteconfig import SiteConfig

__all__ = ["ImportSite", "slugify"]

_NOT_WORD = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")


def slugify(text: str) -> str:
    """Python-Markdown's ``toc.slugify``, restated (the core imports no Markdown extension).

    ASCII only, runs of separators joined: ``Nova-3: benchmarks & more`` gives
    ``nova-3-benchmarks-more`` (Material's default, pymdownx's, would keep ``--``). The
    slug is written into the post's front matter, so the blog uses it as it is.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SEPARATORS.sub("-", _NOT_WORD.sub("", ascii_text).strip().lower()).strip("-")


@dataclass
class ImportSite:
    """The target site: its config, or None when importing into a bare folder."""

    config: SiteConfig | None
    catalog: Catalog = field(default_factory=Catalog)

    @classmethod
    def load(cls, config: SiteConfig | None) -> ImportSite:
        if config is None:
            return cls(None)
        catalog, _ = load_catalog(config.data_dir, root=config.root)
        return cls(config, catalog)

    @property
    def blog(self) -> dict[str, object]:
        if self.config is None:
            return {}
        return self.config.plugin("blog") or self.config.plugin("material/blog")

    @property
    def blog_dir(self) -> str:
        return str(self.blog.get("blog_dir", "blog")).strip("/")

    @property
    def posts_dir(self) -> Path | None:
        """The blog's posts folder (``post_dir`` of Material's blog plugin)."""
        if self.config is None:
            return None
        post_dir = str(self.blog.get("post_dir", "{blog}/posts")).format(blog=self.blog_dir)
        return self.config.docs_dir / post_dir.strip("/")

    @cached_property
    def authors(self) -> dict[str, str]:
        """Author id → name, from the blog's ``.authors.yml``; empty when there is none."""
        if self.config is None:
            return {}
        name = str(self.blog.get("authors_file", "{blog}/.authors.yml")).format(blog=self.blog_dir)
        try:
            data = yaml.safe_load((self.config.docs_dir / name).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):
            return {}
        entries = data.get("authors") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            return {}
        return {
            str(key): str(value.get("name") or key) if isinstance(value, dict) else str(key)
            for key, value in entries.items()
        }

    @property
    def categories_allowed(self) -> list[str] | None:
        """The blog's ``categories_allowed``; None when any category is allowed."""
        allowed = self.blog.get("categories_allowed")
        return [str(c) for c in allowed] if isinstance(allowed, list) and allowed else None

    def author_id(self, name: str) -> str | None:
        """The id of an author given by id or by name (case and spacing ignored)."""
        wanted = " ".join(name.split()).casefold()
        for key, full in self.authors.items():
            if wanted in (key.casefold(), " ".join(full.split()).casefold()):
                return key
        return None

    def category(self, name: str) -> str | None:
        """The allowed spelling of a category, or None when the blog does not allow it."""
        allowed = self.categories_allowed
        if allowed is None:
            return name
        for category in allowed:
            if category.casefold() == name.strip().casefold():
                return category
        return None

    @cached_property
    def pages(self) -> dict[str, str]:
        """Ways a writer names a page (file stem, slug, title, lowercased) → its ``src_uri``."""
        if self.config is None or not self.config.docs_dir.is_dir():
            return {}
        found: dict[str, str] = {}
        docs = self.config.docs_dir
        for path in sorted(docs.rglob("*.md")):
            if any(part.startswith(".") for part in path.relative_to(docs).parts):
                continue
            page = read_markdown_page(path, docs, self.config.root)
            names = [path.stem, str(page.meta.get("slug") or ""), str(page.meta.get("title") or "")]
            for name in names:
                if name and name not in ("index", "README"):
                    found.setdefault(name.casefold(), page.src_uri)
                    found.setdefault(slugify(name), page.src_uri)
        return found
