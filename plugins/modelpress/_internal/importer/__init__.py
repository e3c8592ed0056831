"""``modelpress import``: old posts (Substack exports, pandoc Markdown, pasted posts,
transcript notes) turned into reviews, with a report of what could not be carried.

One module per source shape (:mod:`.substack`, :mod:`.pandoc`, :mod:`.pasted`,
:mod:`.transcript`), shared passes (:mod:`.encoding`, :mod:`.footnotes`,
:mod:`.models`, :mod:`.cleanup`, :mod:`.finish`), and :mod:`.pipeline` running
them; :mod:`.writer` writes the files. Nothing here imports MkDocs.
"""

from modelpress._internal.importer.detect import SHAPES
from modelpress._internal.importer.pipeline import (
    ImportedPost,
    ImportOptions,
    ImportReport,
    run_import,
)
from modelpress._internal.importer.report import summary

__all__ = ["SHAPES", "ImportOptions", "ImportReport", "ImportedPost", "run_import", "summary"]
