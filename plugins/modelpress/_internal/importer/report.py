"""What an import reports: every code it uses, and the closing line of a run.

:data:`CODES` is the importer's own list (the README's table is checked against
it); the site's source checks, run on every imported post, add theirs.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from modelpress._internal.diagnostics import Severity

if TYPE_CHECKING:
    from modelpress._internal.importer.pipeline import ImportReport

__all__ = ["CODES", "summary"]

CODES: dict[str, str] = {
    # a source or a post could not be imported or written: exit 1
    "source-missing": "a SOURCE that does not exist",
    "source-empty": "a folder with no Markdown, text or HTML file and no posts.csv",
    "source-unreadable": "a file that cannot be read",
    "unknown-shape": "a binary or empty file, not one of the shapes",
    "wrong-shape": "an archive given with --from other than substack",
    "export-unreadable": "a zip that is damaged or cut short, or holds no posts.csv",
    "export-post-missing": "a row of posts.csv whose HTML file is not in the export",
    "convert-failed": "HTML nested too deeply to convert",
    "slug-taken": "two sources would be written to the same file",
    "file-exists": "the review's file exists (not replaced without --force)",
    "write-failed": "the file could not be written",
    # what could not be carried as it was: warnings, the post is written
    "not-utf8": "the file was not UTF-8 and was read as Windows-1252",
    "front-matter-unreadable": "the source's front matter was not YAML or not a mapping",
    "mojibake-repaired": "text decoded with the wrong encoding was repaired",
    "table-lost": "a placeholder such as [Table of benchmark results] where a table was",
    "chart-lost": "a placeholder where a chart was",
    "image-lost": "an 'Image' placeholder or an image without a source",
    "video-lost": "a placeholder where a video was",
    "embed-lost": "an audio or video player, a poll, a formula or an embed without a link",
    "embed-link": "an embedded frame (or a Hugo embed shortcode) that became a plain link",
    "template-tag": "a Jekyll or Hugo template tag kept in an HTML comment",
    "link-not-url": "a link whose target is a sentence, not a URL (text kept, link dropped)",
    "image-missing": "a local image that is not beside the source",
    "image-not-downloaded": "--download-images could not fetch an image (its URL is kept)",
    "title-missing": "no title in the source; one made from its file name",
    "empty-post": "the source has no text, only its metadata",
    "date-missing": "no date in the source; the day of the import, and draft: true",
    "unknown-author": "an author not in the blog's .authors.yml (left out)",
    "unknown-category": "a category not in categories_allowed (left out)",
    "models-offered": "models: filled from release names in the text, to confirm",
    "unknown-release": "a release in the source's models: with no record (left out)",
    "misspelled-name": "a name spelled nearly like a release, benchmark or organisation "
    "(the site's own check and matcher)",
    "wikilink-unresolved": "a [[wiki link]] to no page of the site (its text kept)",
    "timestamp-no-video": "a transcript timestamp with no videoId to link to",
    "timestamp-unreadable": "a transcript timestamp without a time",
}


def summary(report: ImportReport, into: str) -> str:
    """One line for standard error, e.g. ``modelpress: imported 3 of 3 posts … into …``."""
    diagnostics = report.diagnostics
    counts = Counter(d.severity for d in diagnostics)
    problems = ", ".join(
        f"{n} {kind.value}{'s' if n != 1 else ''}"
        for kind in (Severity.ERROR, Severity.WARNING)
        if (n := counts[kind])
    )
    shapes = Counter(p.shape for p in report.posts)
    by_shape = ", ".join(f"{n} {shape}" for shape, n in sorted(shapes.items()))
    if report.aborted:
        return (
            f"modelpress: nothing imported: a source could not be read ({problems}); "
            "fix or leave out the sources named above"
        )
    posts = f"post{'s' if len(report.posts) != 1 else ''}"
    if report.dry_run:
        done = f"dry run: would write {len(report.posts)} {posts}"
    else:
        done = f"imported {sum(p.written for p in report.posts)} of {len(report.posts)} {posts}"
    unchanged = sum(p.unchanged for p in report.posts)
    if unchanged:
        by_shape += f"; {unchanged} unchanged since an earlier import"
    detail = f" ({by_shape})" if by_shape else ""
    return f"modelpress: {done}{detail} into {into}" + (f"; {problems}" if problems else "")
