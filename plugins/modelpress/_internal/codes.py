"""Every diagnostic code, once: where it is reported, how bad it is, what it means, how to fix it.

:class:`~modelpress._internal.diagnostics.Diagnostic` refuses a code that is not here, so
a new check cannot ship an undocumented code; the README's code tables are
generated from this list (``scripts/gen-codes-table.py``), and
``tests/test_codes.py`` checks that the README is current and that every code
is produced by at least one fixture. To add a code: add an entry here, run the
script, add a fixture that produces it.

One entry is one row of a README table. A code may sit in several tables (``unknown-id``
is a record, chart and review problem), with the meaning that table gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CODES", "ENTRIES", "TABLES", "CodeEntry", "Table", "is_registered"]

Table = Literal["import", "records", "checks", "charts"]

TABLES: dict[Table, tuple[str, ...]] = {
    "import": ("code", "severity", "what was not carried as it was", "fix"),
    "records": ("code", "severity", "what it means", "fix"),
    "checks": ("code", "level", "severity", "meaning", "fix"),
    "charts": ("code", "severity", "problem", "fix"),
}
"""The README table each entry goes to, and its columns."""


@dataclass(frozen=True)
class CodeEntry:
    codes: tuple[str, ...]
    table: Table
    severity: str
    """``error``, ``warning``, ``info``, or both (``error / warning``) when the case decides."""
    meaning: str
    """One line, Markdown: what the writer wrote that the code reports."""
    fix: str
    """One line: what to do about it."""
    level: str = ""
    """For checks: ``source``, ``built`` or ``online`` (when it runs)."""


ENTRIES: tuple[CodeEntry, ...] = (
    CodeEntry(
        ("source-missing", "source-empty", "source-unreadable"),
        "import",
        "error",
        "a SOURCE that does not exist, a folder with nothing to import, a file that cannot be read",
        "check the path; give a file or a folder of posts",
    ),
    CodeEntry(
        ("unknown-shape", "wrong-shape"),
        "import",
        "error",
        "a binary or empty file; an archive given with a `--from` other than `substack`",
        "pass a text, Markdown or HTML file, or a Substack export with --from substack",
    ),
    CodeEntry(
        ("export-unreadable",),
        "import",
        "error",
        "a zip that is damaged or cut short, or holds no `posts.csv`",
        "download the export again; it must be the zip Substack sends, whole",
    ),
    CodeEntry(
        ("export-post-missing",),
        "import",
        "error",
        "a row of `posts.csv` whose HTML file is not in the export (the other posts are written)",
        "download the export again, or import that post from its own HTML",
    ),
    CodeEntry(
        ("convert-failed",),
        "import",
        "error",
        "HTML nested thousands of levels deep, which cannot be converted",
        "save the post as plain text and import that",
    ),
    CodeEntry(
        ("slug-taken", "file-exists", "write-failed"),
        "import",
        "error",
        "two sources for one file; the file exists (use `--force`); the file could not be written",
        "give one of the posts a slug, or pass --force to replace the file",
    ),
    CodeEntry(
        ("not-utf8", "front-matter-unreadable"),
        "import",
        "warning",
        "the file was read as Windows-1252; the source's front matter was not usable",
        "read the imported text; save sources as UTF-8 next time",
    ),
    CodeEntry(
        ("mojibake-repaired",),
        "import",
        "warning",
        "text decoded with the wrong encoding was repaired: check the wording",
        "read the repaired words against the original",
    ),
    CodeEntry(
        ("table-lost", "chart-lost", "image-lost", "video-lost"),
        "import",
        "warning",
        (
            'a placeholder (`[Table of benchmark results]`, a lone "Image") where the '
            "thing was; an HTML comment marks the place"
        ),
        "put the thing back by hand where the comment marks it",
    ),
    CodeEntry(
        ("embed-lost", "embed-link"),
        "import",
        "warning",
        (
            "an audio or video player, a poll, a formula or a note embed (`![[…]]`) with "
            "no Markdown form; an embedded frame or a Hugo embed shortcode kept as a link"
        ),
        "link the original or describe it in words",
    ),
    CodeEntry(
        ("template-tag",),
        "import",
        "warning",
        (
            "a Jekyll or Hugo template tag with no Markdown form (`{% include … %}`, "
            "`{{ page.x }}`, a theme's shortcode), kept in an HTML comment"
        ),
        "write what the tag showed in Markdown, or delete the comment",
    ),
    CodeEntry(
        ("link-not-url",),
        "import",
        "warning",
        "a link whose target is a sentence, not a URL: the text is kept, the link dropped",
        "find the link's real address in the original and add it",
    ),
    CodeEntry(
        ("image-missing", "image-not-downloaded"),
        "import",
        "warning",
        (
            "a local image not beside the source (kept in a comment); an image "
            "`--download-images` could not fetch (its URL kept)"
        ),
        "put the image beside the source, or rerun with --download-images",
    ),
    CodeEntry(
        ("title-missing", "date-missing", "empty-post"),
        "import",
        "warning",
        (
            "no title (one made from the file name); no date (the import's day, and "
            "`draft: true`); no text at all (a Substack thread or an empty draft: `draft: "
            "true`)"
        ),
        "write the title, date or text in the front matter, then remove draft: true",
    ),
    CodeEntry(
        ("unknown-author", "unknown-category"),
        "import",
        "warning",
        "an author or category the blog does not know, left out",
        "add the author to .authors.yml or the category to categories_allowed, then to the post",
    ),
    CodeEntry(
        ("models-offered",),
        "import",
        "warning",
        "`models:` filled from release names in the text: keep the ones the review covers",
        "keep in models: only the releases the review covers",
    ),
    CodeEntry(
        ("unknown-release",),
        "import",
        "warning",
        "a release in the source's own `models:` with no record under `data/releases/` (left out)",
        "add a record under data/releases/ (modelpress new release ID) or fix the id",
    ),
    CodeEntry(
        ("misspelled-name",),
        "import",
        "warning",
        (
            "a name spelled nearly like a release, benchmark or organisation (`Kwen`, "
            "`swee bench`, `Grock`), found by the site's own matcher (see facts in prose), "
            "with the same message `modelpress check` gives"
        ),
        "correct the name, or add it to the record's aliases",
    ),
    CodeEntry(
        ("wikilink-unresolved", "timestamp-no-video", "timestamp-unreadable"),
        "import",
        "warning",
        (
            "a `[[wiki link]]` to no page of the site (its text kept); a timestamp with no "
            "`videoId` or no time"
        ),
        "link the page by its path, or add the video's id",
    ),
    CodeEntry(
        (
            "yaml-syntax",
            "tab-indent",
            "duplicate-key",
            "yaml-alias",
            "yaml-merge",
            "multiple-documents",
            "too-deep",
        ),
        "records",
        "error",
        (
            "the YAML itself: a syntax error (a control character, or an invisible U+2028 "
            "that YAML reads as a line break, is named), a tab in indentation, a key given "
            "twice (YAML would keep only the last), an alias bomb or alias loop, a `<<` "
            "merge key, more than one document, values nested more than 64 levels (`[[[[…`)"
        ),
        "fix the YAML at that line: indent with spaces, one key once, no aliases or merges",
    ),
    CodeEntry(
        (
            "empty-file",
            "not-utf8",
            "file-too-large",
            "unreadable",
            "wrong-extension",
            "missing-file",
        ),
        "records",
        "error",
        (
            "the file: empty, only comments or only `null`; not UTF-8 (Latin-1, "
            "Windows-1252, UTF-16, a NUL byte: one error at the first bad byte's line and "
            "column, for records and Markdown pages alike; a UTF-8 BOM and CRLF line ends "
            "are fine); over 2 MiB, `.yml` instead of `.yaml`, no data folder"
        ),
        (
            "write the record (see data/releases/ for an example), save as UTF-8 .yaml, or "
            "delete the file"
        ),
    ),
    CodeEntry(
        (
            "unknown-field",
            "missing-field",
            "missing-source",
            "wrong-type",
            "bad-value",
            "bad-date",
            "bad-id",
            "bad-url",
            "out-of-range",
            "empty-value",
        ),
        "records",
        "error",
        (
            "the record's shape: typos, missing fields, a value or date without a source, "
            "text where a number belongs, a value not in the allowed list, dates that are "
            "not real dates or `YYYY-MM-DD`, a negative price or an absurd parameter "
            "count, a percent over 100, `released` before `announced`"
        ),
        (
            "follow the message: the field's right name, a source for the value, a real "
            "date, a value in range"
        ),
    ),
    CodeEntry(
        ("unknown-id", "unknown-source", "duplicate-id", "ambiguous-alias", "predecessor-cycle"),
        "records",
        "error",
        (
            "cross-references: an org, predecessor, benchmark, included release or "
            "incident release that does not exist; a `source:` key not under `sources:`; "
            "the same id in two files; one alias naming two things; predecessors that loop"
        ),
        "use an id that exists (the 'did you mean'), or add the missing record",
    ),
    CodeEntry(
        ("invalid-release",),
        "records",
        "error",
        (
            "a predecessor, included release or incident release whose own record has "
            "errors: \"release 'x' exists but its record is invalid (see "
            'data/releases/x.yaml)", instead of an unknown id with a misleading "did you '
            "mean\"; reviews' `models:`, chart fences and links to its model page say the "
            "same. When `orgs.yaml` or `benchmarks.yaml` itself has an error, only that "
            "error is reported: the org and benchmark names that refer to it are not "
            "each reported as unknown"
        ),
        "fix the errors in the named record first",
    ),
    CodeEntry(
        ("unused-source", "id-mismatch"),
        "records",
        "warning",
        "a source nobody cites; a file name that differs from the id",
        "cite the source or delete it; name the file after the id",
    ),
    CodeEntry(
        ("footnote-undefined",),
        "checks",
        "error",
        (
            "`[^x]` with no `[^x]: …` definition (Python-Markdown would publish the "
            "literal text `[^x]`)"
        ),
        "add the definition [^x]: … or fix the label",
        level="source",
    ),
    CodeEntry(
        ("footnote-duplicate",),
        "checks",
        "error",
        "a second definition of the same label (the last one silently wins)",
        "give each definition its own label, or delete the copy",
        level="source",
    ),
    CodeEntry(
        ("footnote-unused",),
        "checks",
        "warning",
        "a definition nothing references",
        "reference it with [^x] or delete it",
        level="source",
    ),
    CodeEntry(
        ("footnote-empty",),
        "checks",
        "error",
        (
            "a definition with no text (text on the lines below the label counts, indented "
            "or not, as Python-Markdown reads it)"
        ),
        "write the note's text after the label",
        level="source",
    ),
    CodeEntry(
        ("markdown-too-deep",),
        "checks",
        "error / warning",
        (
            "block quotes and lists nested so deep that Python-Markdown fails on the page "
            "(error: the build fails too, e.g. 3,000 list markers), or so deep on so long "
            "a text that rendering it takes very long (warning); its footnotes were "
            "checked from the source instead"
        ),
        "flatten the nesting",
        level="source",
    ),
    CodeEntry(
        ("footnote-too-many-references",),
        "checks",
        "warning",
        (
            "one footnote referenced more than 1,000 times on a page: Python-Markdown's time "
            "grows with the square of the count (10,000 took minutes), so the page's "
            "footnotes were checked from the source instead"
        ),
        "cite the source once per paragraph, or split the page",
        level="source",
    ),
    CodeEntry(
        ("footnote-no-link",),
        "checks",
        "error",
        (
            "with `footnotes_need_links: true`: a footnote that links nothing (a bare "
            "`https://…` counts)"
        ),
        "add the source's link to the footnote",
        level="source",
    ),
    CodeEntry(
        ("bad-url",),
        "checks",
        "error",
        (
            "a link or image target that is not a URL: a sentence pasted as the target "
            "(`http://GROK%203%20IMPROVES%20DAILY—…`), spaces, no scheme "
            "(`www.example.org/x`), no host, an invalid host name, an unknown scheme"
        ),
        "write the link's real address (https://host/path)",
        level="source",
    ),
    CodeEntry(
        ("missing-file",),
        "checks",
        "error",
        (
            "a local image or file that is not in the docs folder and is not a generated "
            "download (`data/releases.json`, `data/model-index/<id>.yaml`, …). Markdown "
            "links start from the page's file (MkDocs rewrites them); raw HTML "
            "`src`/`href` is published as written, so it starts from the page's URL "
            "(`setup/cards.md` is served at `setup/cards/`; a blog post at its blog's "
            "`post_url_format`)"
        ),
        "add the file, or fix the path relative to the page (raw HTML: to its URL)",
        level="source",
    ),
    CodeEntry(
        ("missing-page",),
        "checks",
        "error",
        (
            "a link to a `.md` page that neither exists nor is generated, or a raw-HTML "
            "`href` naming a `.md` file (MkDocs rewrites only Markdown links; the built "
            "site has no `.md` files)"
        ),
        "fix the path to an existing .md page (in raw HTML, use the page's URL)",
        level="source",
    ),
    CodeEntry(
        ("unknown-model",),
        "checks",
        "error",
        (
            "a link to `models/<id>.md` or `models/<id>/` for a release not in the "
            'records, with "did you mean"'
        ),
        "use a release id that has a record (the 'did you mean'), or add the record",
        level="source",
    ),
    CodeEntry(
        ("invalid-release",),
        "checks",
        "error",
        (
            "`models:`, a chart fence or a model-page link naming a release whose record "
            "has errors (it gets no page); points at the record's file"
        ),
        "fix the errors in the release's record",
        level="source",
    ),
    CodeEntry(
        ("unknown-id",),
        "checks",
        "error",
        '`models:` naming no release, with "did you mean"',
        "use a release id from data/releases/ (the 'did you mean')",
        level="source",
    ),
    CodeEntry(
        (
            "empty-review",
            "missing-front-matter",
            "unclosed-front-matter",
            "missing-date",
            "bad-date",
            "unknown-author",
            "unknown-category",
            "wrong-type",
            "duplicate-slug",
        ),
        "checks",
        "error",
        (
            "a review's front matter that the blog would refuse, or two reviews at one "
            "address (see [Writing a review](#writing-a-review))"
        ),
        "follow the message: front matter the blog accepts, and one address per review (slug:)",
        level="source",
    ),
    CodeEntry(
        ("html-in-subtitle",),
        "checks",
        "warning",
        "HTML in a review's `subtitle` (shown as text)",
        "write the subtitle as plain text",
        level="source",
    ),
    CodeEntry(
        (
            "bound-unknown-release",
            "bound-unknown-path",
            "bound-empty",
            "bound-bad-option",
            "bound-syntax",
        ),
        "checks",
        "error",
        (
            "a `{{ release.path }}` binding that names no value: unknown release or path "
            '(with "did you mean"), a value the record does not have (with its '
            "`why_empty` reason), an option the path does not take, unreadable (see "
            "[Facts in prose](#facts-in-prose-bound-values-model-links-names-and-claims))"
        ),
        "use a release and path that exist (the 'did you mean'), or fill the record",
        level="source",
    ),
    CodeEntry(
        ("misspelled-name",),
        "checks",
        "warning",
        "a near miss of a release, org or benchmark name in a review, with the suggestion",
        "correct the name, or add it to the record's aliases",
        level="source",
    ),
    CodeEntry(
        ("claim-mismatch",),
        "checks",
        "warning",
        (
            "a number contradicting the record of the release its sentence names, with the "
            "record's value, status and source"
        ),
        "correct the number, or the record if it is the record that is wrong",
        level="source",
    ),
    CodeEntry(
        ("unlisted-model",),
        "checks",
        "info",
        (
            "a release a review names three times or more but does not list under "
            "`models:` (a suggestion: never fails)"
        ),
        "add the release to models: if the review covers it",
        level="source",
    ),
    CodeEntry(
        ("unsafe-url",),
        "checks",
        "error",
        (
            "a link whose scheme runs code or opens a page made of the URL: "
            "`javascript:`, `vbscript:`, or `data:` anywhere but an image's source "
            '(`![…](data:image/…)` and `<img src="data:…">` are fine). Read as a browser '
            "reads it: any case, leading spaces or control characters, tabs or newlines "
            "inside the scheme, character references (`&#106;avascript:`) in raw HTML. "
            "Checked in Markdown links, images, autolinks, reference definitions and "
            "raw-HTML `href`/`src` of any tag, and in every built page (a theme "
            "override, a record, another plugin). `ignore_urls` does not skip it; "
            "`ignore_codes` can"
        ),
        "link an https:// address instead",
        level="source, built",
    ),
    CodeEntry(
        ("broken-link",),
        "checks",
        "error",
        "an internal link or image to no file of the built site",
        "fix the link's path, or add the file",
        level="built",
    ),
    CodeEntry(
        ("broken-anchor",),
        "checks",
        "error",
        "a `#fragment` with no element of that `id` on the target page",
        "link an id that the target page has",
        level="built",
    ),
    CodeEntry(
        ("broken-footnote",),
        "checks",
        "error",
        "a footnote link or back-link (`#fn:…`, `#fnref:…`) to nothing",
        "fix the footnote's label in the source",
        level="built",
    ),
    CodeEntry(
        ("unreadable-page",),
        "checks",
        "error",
        (
            "a built page the HTML parser could not read to its end (raw HTML nested "
            "deeper than 2,048 elements); the rest of the page was not checked"
        ),
        "flatten the raw HTML that the page nests",
        level="built",
    ),
    CodeEntry(
        ("link-broken",),
        "checks",
        "error",
        "404, 410, other 4xx, or a redirect loop; suggests `https://web.archive.org/web/*/URL`",
        "link another copy (the web archive's, for one) or remove the link",
        level="online",
    ),
    CodeEntry(
        ("link-malformed",),
        "checks",
        "error",
        "not a URL at all (never requested)",
        "write the link's real address",
        level="online",
    ),
    CodeEntry(
        ("link-redirected",),
        "checks",
        "warning",
        "answers after redirects; the message names the final URL to link instead",
        "link the final URL the message names",
        level="online",
    ),
    CodeEntry(
        ("link-unreachable",),
        "checks",
        "warning",
        "DNS failure, connection refused or reset, TLS error, 5xx after retries",
        "check the link later; remove it if the site is gone",
        level="online",
    ),
    CodeEntry(
        ("link-timeout",),
        "checks",
        "warning",
        "no answer within the timeout, after retries",
        "check the link later, or raise --timeout",
        level="online",
    ),
    CodeEntry(
        ("link-blocked",),
        "checks",
        "warning",
        (
            "403/429 from a host that refuses automated requests (x.com, …), or 429 that "
            "never lifts: unverifiable, not broken"
        ),
        "check the link by hand in a browser",
        level="online",
    ),
    CodeEntry(
        ("chart-empty",),
        "charts",
        "error",
        "the fence has no body, or only YAML comments (`# ...`), a bare `---` or `~`",
        "write at least type: and models: in the fence",
    ),
    CodeEntry(
        ("chart-fence-not-closed",),
        "charts",
        "error",
        (
            "the fence is never closed: reported at the line it opens (its body is not "
            "read; superfences would publish it as text)"
        ),
        "close the fence with ``` on its own line",
    ),
    CodeEntry(
        ("chart-not-mapping",),
        "charts",
        "error",
        "the body is a list or a single value, not `option: value` lines",
        "write the body as option: value lines",
    ),
    CodeEntry(
        ("chart-unknown-type",),
        "charts",
        "error",
        "`type` is not one of the five (with a suggestion)",
        "use one of the five types (the suggestion)",
    ),
    CodeEntry(
        ("chart-unknown-option",),
        "charts",
        "error",
        "an option that does not exist (with a suggestion)",
        "fix the option's name (the suggestion) or remove it",
    ),
    CodeEntry(
        ("chart-missing-option",),
        "charts",
        "error",
        "`type`, `models` or `benchmarks` is missing",
        "add the missing option",
    ),
    CodeEntry(
        ("chart-no-models",),
        "charts",
        "error",
        "`models: []`",
        "list at least one release under models:",
    ),
    CodeEntry(
        ("chart-wrong-type",),
        "charts",
        "error",
        "an option has the wrong kind of value (a mapping for `models`, …)",
        "give the option the kind of value it takes (models: a list of ids)",
    ),
    CodeEntry(
        ("chart-bad-option",),
        "charts",
        "error",
        (
            "a bad `sort`, a `highlight` not in `models`, two benchmarks for "
            "`price-performance`, empty `benchmarks`"
        ),
        "follow the message: a valid sort, a highlighted model that is listed, one benchmark",
    ),
    CodeEntry(
        ("chart-no-data",),
        "charts",
        "error",
        "none of the chosen models has the benchmark (or price, parameters, arena reading)",
        "choose models that have the value, or add it to their records",
    ),
    CodeEntry(
        ("unknown-id",),
        "charts",
        "error",
        'an unknown release or benchmark, with "did you mean"',
        "use an id that exists (the 'did you mean')",
    ),
    CodeEntry(
        ("chart-duplicate",),
        "charts",
        "warning",
        "a model or benchmark listed twice",
        "list each model and benchmark once",
    ),
    CodeEntry(
        ("chart-unused-option",),
        "charts",
        "warning",
        "`benchmarks` or `board` on a type that ignores it",
        "remove the option: this chart type ignores it",
    ),
    CodeEntry(
        ("yaml-syntax", "duplicate-key", "tab-indent"),
        "charts",
        "error",
        "the YAML itself",
        "fix the YAML in the fence at that line",
    ),
    CodeEntry(
        ("reserved-id", "generated-page-conflict"),
        "records",
        "error",
        (
            "generated pages: a release id (`index`, `README`) whose model page would take "
            "the place of the models index; a file of the site at the path of a generated "
            "page or download (the file is kept and that page is not generated)"
        ),
        (
            "choose another release id; rename or remove the file (to change a generated "
            "page, override its template)"
        ),
    ),
)

CODES: frozenset[str] = frozenset(code for entry in ENTRIES for code in entry.codes)
"""Every code a diagnostic may carry."""


def is_registered(code: str) -> bool:
    return code in CODES
