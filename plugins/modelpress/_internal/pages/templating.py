"""The Jinja environment for generated pages: site overrides first, package templates second.

A site changes one page's layout by putting a file of the same name under
``<theme custom_dir>/modelpress/`` — no fork of the plugin needed. Every value
a template prints goes through :func:`~modelpress._internal.pages.escape.md_text` unless
it is already :class:`~markupsafe.Markup`, so an override cannot forget to escape.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from modelpress._internal import format as fmt
from modelpress._internal.pages.escape import md_text

__all__ = ["OVERRIDE_FOLDER", "PACKAGE_TEMPLATES", "template_environment"]

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
OVERRIDE_FOLDER = "modelpress"
"""Sub-folder of the theme's ``custom_dir`` searched before the package's templates."""


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_text(value)


def template_environment(custom_dir: Path | None = None) -> Environment:
    loaders = []
    if custom_dir is not None and (custom_dir / OVERRIDE_FOLDER).is_dir():
        loaders.append(FileSystemLoader(custom_dir / OVERRIDE_FOLDER))
    loaders.append(FileSystemLoader(PACKAGE_TEMPLATES))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        parameters=fmt.parameters,
        tokens=fmt.tokens,
        money=fmt.money,
        score=fmt.score,
        count=fmt.count,
        isodate=fmt.date,
    )
    return env
