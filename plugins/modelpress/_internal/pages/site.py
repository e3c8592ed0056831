"""All generated pages of a site, as Markdown text keyed by the path MkDocs will serve.

Each page carries its title in front matter: MkDocs and the blog plugin then
never re-read the Markdown to find it, which keeps large builds linear.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from modelpress._internal.diagnostics import Diagnostic, Severity, quote
from modelpress._internal.pages.cells import status_legend
from modelpress._internal.pages.downloads import (
    INCIDENTS_JSON,
    RELEASES_CSV,
    RELEASES_JSON,
    SCHEMA_DIR,
)
from modelpress._internal.pages.escape import html_text
from modelpress._internal.pages.templating import template_environment
from modelpress._internal.pages.urls import INCIDENTS, MODELS_INDEX, TIMELINE, md_link, release_uri
from modelpress._internal.pages.views import (
    catalog_links,
    incidents_view,
    index_view,
    release_view,
    timeline_view,
)
from modelpress._internal.records.catalog import Catalog
from modelpress._internal.records.models import Incident, Release
from modelpress._internal.reviews.coverage import ReviewLink

__all__ = ["PageOptions", "Remember", "build_pages", "generated_page_uris", "page_conflicts"]

Remember = Callable[[tuple[object, ...], Callable[[], str]], str]
"""``remember(key, render)``: a generated page's Markdown, ``render()`` or a kept result.
``key`` holds what the page is made of besides the records it reads; a memo that keeps
results by it must also check those reads (the ``modelpress/cache`` plugin's does)."""

RESERVED_IDS = frozenset({"index", "README"})
"""Release ids whose page would take the place of the models index."""


@dataclass(frozen=True)
class PageOptions:
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: the models table links pages in raw HTML."""
    timeline_chart: bool = True
    """Put a ``chart`` fence on the timeline (rendered by the ``modelpress/charts`` plugin)."""
    custom_dir: Path | None = None
    """The theme's ``custom_dir``; templates under ``<custom_dir>/modelpress/`` win."""


def _front_matter(title: str, description: str | None = None, **extra: Any) -> str:
    """YAML front matter written as JSON values (valid YAML, and far faster to emit)."""
    meta: dict[str, Any] = {"title": html_text(title)}
    if description:
        meta["description"] = html_text(description)
    meta.update(extra)
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _render(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    return env.get_template(name).render(legend=status_legend(), **context)


def build_pages(
    catalog: Catalog,
    reviews: Mapping[str, Sequence[ReviewLink]] | None = None,
    options: PageOptions | None = None,
    remember: Remember | None = None,
) -> dict[str, str]:
    """``src_uri`` → Markdown of every generated page: one per release, index, timeline,
    incident log. Releases whose id :func:`page_conflicts` rejects are left out.

    With ``remember``, each page is asked of it first (see :data:`Remember`): after
    a record is saved, the preview server renders only the pages that read what changed.
    """
    options = options or PageOptions()
    env = template_environment(options.custom_dir)
    reviews = reviews or {}
    pages: dict[str, str] = {}
    successors, incidents = catalog_links(catalog)

    def release_page(
        release: Release,
        listed: Sequence[ReviewLink],
        later: Sequence[Release],
        involved: Sequence[Incident],
    ) -> str:
        org = catalog.orgs.get(release.org)
        description = release.summary or f"{release.name} by {org.name if org else release.org}"
        context = release_view(release, catalog, listed, later, involved)
        return _front_matter(release.name, description) + _render(env, "release.md.j2", context)

    for release_id, release in catalog.releases.items():
        if release_id in RESERVED_IDS:
            continue
        inputs = (
            tuple(reviews.get(release_id, ())),
            tuple(successors.get(release_id, ())),
            tuple(incidents.get(release_id, ())),
        )
        render = functools.partial(release_page, release, *inputs)
        key = (release_id, *inputs)
        pages[release_uri(release_id)] = remember(key, render) if remember else render()
    downloads = {
        "releases_json": md_link(MODELS_INDEX, RELEASES_JSON),
        "releases_csv": md_link(MODELS_INDEX, RELEASES_CSV),
        "incidents_json": md_link(MODELS_INDEX, INCIDENTS_JSON),
        "release_schema": md_link(MODELS_INDEX, f"{SCHEMA_DIR}/release.schema.json"),
        "incident_schema": md_link(MODELS_INDEX, f"{SCHEMA_DIR}/incident.schema.json"),
    }

    def models_index() -> str:
        return _front_matter(
            "Models",
            "Every AI model release on this site, sortable and filterable.",
            hide=["navigation"],
        ) + _render(
            env,
            "models.md.j2",
            {
                **index_view(catalog, directory_urls=options.directory_urls),
                "downloads": downloads,
                "timeline_link": md_link(MODELS_INDEX, TIMELINE),
                "incidents_link": md_link(MODELS_INDEX, INCIDENTS),
            },
        )

    def timeline() -> str:
        return _front_matter("Timeline", "AI model releases over time, by organization.") + (
            _render(env, "timeline.md.j2", timeline_view(catalog, chart=options.timeline_chart))
        )

    def incident_log() -> str:
        return _front_matter(
            "Incidents", "Safety incidents involving AI model releases, newest first."
        ) + _render(env, "incidents.md.j2", incidents_view(catalog))

    # Made of the records alone (no review is listed on them): kept while what they read is.
    whole_catalog = ((MODELS_INDEX, models_index), (TIMELINE, timeline), (INCIDENTS, incident_log))
    for uri, render_page in whole_catalog:
        pages[uri] = remember((uri,), render_page) if remember else render_page()
    return pages


def generated_page_uris(catalog: Catalog) -> set[str]:
    """The ``src_uri`` of every page :func:`build_pages` makes, without rendering any.

    For link checks that run without a build: ``[Grok 4](../../models/grok-4.md)``
    in a review points at a page that only exists once the records plugin runs.
    """
    releases = {release_uri(r) for r in catalog.releases if r not in RESERVED_IDS}
    return releases | {MODELS_INDEX, TIMELINE, INCIDENTS}


def page_conflicts(
    catalog: Catalog, existing: Iterable[str], generated: Iterable[str]
) -> list[Diagnostic]:
    """Problems that stop a page from being generated.

    ``existing`` are the site's own files (``src_uri``), ``generated`` the paths the
    records would produce; a writer's file in the way is reported, never overwritten.
    """
    problems = []
    for release_id in sorted(RESERVED_IDS & set(catalog.releases)):
        origin = catalog.origins.get(f"release:{release_id}")
        problems.append(
            Diagnostic(
                origin.path if origin else "data/releases",
                origin.line if origin else 1,
                1,
                Severity.ERROR,
                "reserved-id",
                f"the release id {quote(release_id)} is the name of the models index page; "
                "choose another id",
            )
        )
    for src_uri in sorted(set(existing) & set(generated)):
        problems.append(
            Diagnostic(
                src_uri,
                1,
                1,
                Severity.ERROR,
                "generated-page-conflict",
                f"{quote(src_uri)} is generated from the records; rename or remove this file "
                "(to change the generated page, override its template instead)",
            )
        )
    return problems
