"""Reading a site's ``mkdocs.yml`` without MkDocs.

The CLI checks a site without building it, and the core must not import MkDocs,
so this reads the few settings Modelpress needs (folders, ``site_url``, the
modelpress plugins' options) straight from the YAML. MkDocs-specific tags such
as ``!!python/name:`` and ``!ENV`` are accepted and left unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["SiteConfig", "SiteConfigError", "read_site_config"]


class SiteConfigError(Exception):
    """The config file is missing or unreadable; the message says how to fix it."""


class _TolerantLoader(yaml.SafeLoader):
    pass


def _unresolved(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return None


_TolerantLoader.add_multi_constructor("!", _unresolved)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unresolved)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str | None
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    site_name: str = ""

    def plugin(self, name: str) -> dict[str, Any]:
        """Options of plugin ``name`` (e.g. ``modelpress/records``), empty if unset."""
        return self.plugins.get(name, {})

    @property
    def data_dir(self) -> Path:
        return self.root / str(self.plugin("modelpress/records").get("data_dir", "data"))


def read_site_config(config_file: Path) -> SiteConfig:
    try:
        text = config_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteConfigError(
            f"{config_file}: not found; run in the site's folder or pass --config PATH"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(f"{config_file}: cannot read it: {exc}") from None
    try:
        raw = yaml.load(text, Loader=_TolerantLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{config_file}:{mark.line + 1}:{mark.column + 1}" if mark else str(config_file)
        raise SiteConfigError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(raw, dict):
        raise SiteConfigError(f"{config_file}:1:1: expected a mapping of settings")
    root = config_file.resolve().parent
    plugins: dict[str, dict[str, Any]] = {}
    for entry in raw.get("plugins") or []:
        if isinstance(entry, str):
            plugins[entry] = {}
        elif isinstance(entry, dict):
            for name, options in entry.items():
                plugins[str(name)] = options if isinstance(options, dict) else {}
    return SiteConfig(
        root=root,
        config_file=config_file,
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        site_dir=root / str(raw.get("site_dir", "site")),
        site_url=raw.get("site_url") or None,
        plugins=plugins,
        extra=raw.get("extra") or {},
        site_name=str(raw.get("site_name") or ""),
    )
