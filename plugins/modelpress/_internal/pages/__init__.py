"""Pages and downloads generated from the catalog: model pages, index, timeline, incidents.

Nothing here imports MkDocs: :func:`build_pages` returns Markdown text and
:func:`build_downloads` returns bytes, keyed by the path they take in the site.
The ``modelpress/records`` plugin adds them to a build; the CLI writes exports.
"""

from modelpress._internal.pages.downloads import build_downloads, incidents_json, releases_json
from modelpress._internal.pages.facts import (
    CSV_COLUMNS,
    Fact,
    read_facts,
    release_facts,
    write_facts,
)
from modelpress._internal.pages.modelindex import model_index, model_index_yaml
from modelpress._internal.pages.site import (
    PageOptions,
    build_pages,
    generated_page_uris,
    page_conflicts,
)
from modelpress._internal.pages.templating import OVERRIDE_FOLDER

__all__ = [
    "CSV_COLUMNS",
    "OVERRIDE_FOLDER",
    "Fact",
    "PageOptions",
    "build_downloads",
    "build_pages",
    "generated_page_uris",
    "incidents_json",
    "model_index",
    "model_index_yaml",
    "page_conflicts",
    "read_facts",
    "release_facts",
    "releases_json",
    "write_facts",
]
