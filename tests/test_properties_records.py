"""Property tests: no input makes the record loader or the front-matter reader raise, and
every position they report is inside the file.

The corpus (``test_hostile_corpus.py``) pins exact reports for inputs we thought of;
these throw inputs nobody thought of at the same readers: YAML-ish text with brackets,
quotes, anchors, tabs, every kind of line end, control characters, a BOM, deep nesting,
and raw bytes that are not UTF-8 at all. ``deadline=None``: speed is measured in
``bench/``, never asserted in tests.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelpress._internal.content import read_markdown_page, split_front_matter
from modelpress._internal.diagnostics import Diagnostic
from modelpress._internal.records import load_catalog
from modelpress._internal.records.yamlsource import load_yaml_text
from modelpress._internal.textfile import decode_text

PROPERTY = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])

_YAML_PIECES = [
    "id: ",
    "name: ",
    "models: ",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: ",
    "'",
    '"',
    "#",
    "---",
    "...",
    "!!python/object ",
    "2025-02-30",
    "1e9",
    "nova-2",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x00",
    "\x1b",
    "é",
    "𝕏",
]

yaml_like = st.lists(
    st.one_of(st.sampled_from(_YAML_PIECES), st.text(max_size=8)), max_size=60
).map("".join)
"""Text made of YAML's own syntax, so that most examples get past the first character."""

nested = st.tuples(st.sampled_from(["[", "{a: ", "- ", "a:\n  "]), st.integers(1, 3000)).map(
    lambda pair: "x: " + pair[0] * pair[1]
)
"""Deep nesting, down to where PyYAML's recursive composer runs out of stack."""

markdown_like = st.lists(
    st.one_of(
        st.sampled_from(["---", "...", "\n", "\r\n", "title: x", "date: 2025-01-01", "[^1]", "#"]),
        yaml_like,
    ),
    max_size=20,
).map("".join)


def lines_of(text: str) -> list[str]:
    """The file's lines as an editor shows them: CRLF, CR and LF end a line, nothing else."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")


def assert_inside(diagnostics: list[Diagnostic], text: str, *, first_line: int = 1) -> None:
    lines = lines_of(text)
    for diagnostic in diagnostics:
        line = diagnostic.line - first_line + 1
        assert 1 <= line <= len(lines) + 1, diagnostic
        assert diagnostic.col >= 1, diagnostic
        if line <= len(lines):
            assert diagnostic.col <= len(lines[line - 1]) + 1, diagnostic
        assert "\n" not in diagnostic.format(), diagnostic
        assert len(diagnostic.message) < 1000, diagnostic


@PROPERTY
@given(st.one_of(yaml_like, nested, st.text()), st.integers(0, 50))
def test_load_yaml_text_never_raises_and_stays_inside(text: str, offset: int) -> None:
    doc = load_yaml_text(text, "x.yaml", line_offset=offset)
    assert_inside(doc.diagnostics, text, first_line=offset + 1)
    for position in [*doc.values.values(), *doc.keys.values()]:
        assert 1 + offset <= position.line <= len(lines_of(text)) + 1 + offset
        assert position.col >= 1
    if doc.diagnostics:
        assert all(d.path == "x.yaml" for d in doc.diagnostics)


@PROPERTY
@given(
    st.one_of(yaml_like.map(lambda t: t.encode("utf-8")), st.binary(max_size=300)),
    st.sampled_from(
        ["releases/x.yaml", "incidents/x.yaml", "orgs.yaml", "benchmarks.yaml", "releases/x.yml"]
    ),
)
def test_load_catalog_never_raises_and_stays_inside_the_file(raw: bytes, where: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for sub in ("releases", "incidents"):
            (root / "data" / sub).mkdir(parents=True)
        (root / "data" / where).write_bytes(raw)
        _, diagnostics = load_catalog(root / "data", root=root)
    text = raw.decode("utf-8", errors="replace")
    if where.startswith(("releases/", "incidents/")):
        assert diagnostics, "a record file that is not a valid record is reported"
    for diagnostic in diagnostics:
        assert diagnostic.path.startswith("data/"), diagnostic
    assert_inside([d for d in diagnostics if d.path == f"data/{where}"], text)


@PROPERTY
@given(st.one_of(markdown_like, st.text()))
def test_split_front_matter_keeps_the_body_and_its_line(text: str) -> None:
    meta, body, body_line = split_front_matter(text)
    assert text.endswith(body)
    assert body_line == text[: len(text) - len(body)].count("\n") + 1
    if meta is None:
        assert body == text
        assert body_line == 1


@PROPERTY
@given(
    st.one_of(
        markdown_like.map(lambda t: t.encode("utf-8")),
        st.binary(max_size=300),
        st.tuples(yaml_like, st.binary(max_size=20)).map(
            lambda pair: ("---\n" + pair[0] + "\n---\n").encode("utf-8") + pair[1]
        ),
    )
)
def test_read_markdown_page_never_raises_and_stays_inside(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "docs"
        docs.mkdir()
        (docs / "page.md").write_bytes(raw)
        page = read_markdown_page(docs / "page.md", docs, Path(folder))
    assert page.display == "docs/page.md"
    assert_inside(page.diagnostics, raw.decode("utf-8", errors="replace"))
    assert page.body_line >= 1
    if page.front_matter is not None:
        for position in page.front_matter.values.values():
            assert 2 <= position.line < page.body_line, "a front-matter value is inside it"


def _editor_position(prefix: str) -> tuple[int, int]:
    """Line and column just after ``prefix``, counting lines as an editor does."""
    lines = prefix.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1


@PROPERTY
@given(
    st.lists(
        st.one_of(
            st.sampled_from([b"\r\n", b"\n", b"\r", b"\x00", b"\xe9", b"\xc3", b"\xef\xbb\xbf"]),
            st.text(max_size=6).map(lambda t: t.encode("utf-8")),
        ),
        max_size=30,
    ).map(b"".join)
)
def test_decode_text_names_the_first_bad_byte(raw: bytes) -> None:
    """The position is where the file stops being UTF-8 text, as an editor shows it."""
    decoded = decode_text(raw, "x.md")
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        assert decoded.text is None
        assert decoded.diagnostic is not None
        where = _editor_position(body[: exc.start].decode("utf-8"))
        assert (decoded.diagnostic.line, decoded.diagnostic.col) == where
        return
    if "\0" in text:
        assert decoded.text is None
        assert decoded.diagnostic is not None
        where = _editor_position(text[: text.index("\0")])
        assert (decoded.diagnostic.line, decoded.diagnostic.col) == where
        return
    assert decoded.diagnostic is None
    assert decoded.text == text.replace("\r\n", "\n").replace("\r", "\n")
