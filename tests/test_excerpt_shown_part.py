"""A listing converts only the part of a post it shows: the same HTML, or no cut at all.

``shown_part`` decides when the Markdown above ``<!-- more -->`` converts to the same
HTML on its own as inside the whole post. These tests hold it to that with the real
renderer (Python-Markdown with the demo site's extensions, configured as
Material's blog configures an excerpt's converter): every cut it allows must give the
same HTML above the separator, the same table of contents, and a "rest" exactly when
the whole conversion has one. Blocks that a cut would get wrong are in the mix on
purpose (a reference defined below, a footnote, an abbreviation, an id given by hand,
a fence or an HTML block left open), so an allowance too wide fails here.
"""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st
from markdown import Markdown

from modelpress._internal.reviews.excerpt import EXCERPT_MARKER, shown_part
from tests.support.site import REPO

SITE = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
EXTENSIONS = list(  # MkDocs' three first, then the site's, each once
    dict.fromkeys(
        ["toc", "tables", "fenced_code"]
        + [e if isinstance(e, str) else next(iter(e)) for e in SITE["markdown_extensions"]]
    )
)
EXCERPT_TOC = {"anchorlink": True, "baselevel": 2, "permalink": False, "toc_depth": 2}
"""What Material's blog sets on an excerpt's converter (``structure._patch``)."""

ABOVE = [
    "Plain paragraph with *emphasis* and a [link](https://example.com/a).",
    "A shortcut [ref] and a [full][ref] reference.",
    "Uses HTML and ABBR words.",
    "A claim with a note[^1].",
    "## Intro",
    "Intro",
    "# Top heading",
    "- item one\n- item two",
    "1. first\n2. second",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "!!! note\n    Admonition body with *emphasis*.",
    '??? tip "Details"\n    Hidden text.',
    "```python\nprint('x')\n```",
    "```\nan unclosed fence",
    "<div markdown>\n*inside*\n</div>",
    "<div>\nan unclosed block",
    "An unclosed <!-- comment",
    "[TOC]",
    "    indented code",
    "> a quote",
    "Smart symbols (c) --> 1/2.",
    "Term\n: not a definition list here",
]
BELOW = [
    "## Section\n\nMore text.",
    "# Another top heading",
    "Setext\n======",
    "[ref]: https://example.com/ref",
    "*[ABBR]: An abbreviation",
    "*[HTML]: Hyper Text Markup Language",
    "[^1]: The source, <https://example.com/s>.",
    "## Intro {#intro}",
    '<h2 id="intro" markdown>Raw</h2>',
    "| x | y |\n|---|---|\n| 3 | 4 |",
    "```\ncode\n```",
    "a closing fence\n```",
    "</div>",
    "-->",
    EXCERPT_MARKER,
    "   ",
]
JOINS = [
    f"\n\n{EXCERPT_MARKER}\n\n",
    f"\n\n{EXCERPT_MARKER}\n",
    f"\n{EXCERPT_MARKER}\n\n",
    f"\n\n  {EXCERPT_MARKER}\n\n",
    f" {EXCERPT_MARKER} ",
    f"\n\n{EXCERPT_MARKER} and text\n\n",
]


def convert(markdown: str) -> tuple[str, object]:
    """The HTML and table of contents of one conversion, as an excerpt's first one."""
    md = Markdown(extensions=EXTENSIONS, extension_configs={"toc": EXCERPT_TOC})
    html = md.convert(f"# Title\n\n{markdown}")
    return html, getattr(md, "toc_tokens", None)


def assert_same_above_separator(markdown: str) -> bool:
    """When ``shown_part`` cuts, the cut converts as the whole does; whether it cut."""
    shown = shown_part(markdown)
    if shown is None:
        return False
    whole_html, whole_toc = convert(markdown)
    cut_html, cut_toc = convert(shown)
    whole_above, *whole_rest = whole_html.split(EXCERPT_MARKER, 1)
    cut_above, *cut_rest = cut_html.split(EXCERPT_MARKER, 1)
    assert cut_above == whole_above
    assert cut_toc == whole_toc
    assert cut_rest == [""], "the cut ends at the separator"
    rest_written = bool(markdown[len(shown) :].strip())
    assert bool(whole_rest and whole_rest[0]) == rest_written
    return True


@given(
    above=st.lists(st.sampled_from(ABOVE), max_size=4),
    below=st.lists(st.sampled_from(BELOW), max_size=4),
    join=st.sampled_from(JOINS),
)
def test_a_cut_post_converts_as_the_whole_post_above_the_separator(
    above: list[str], below: list[str], join: str
) -> None:
    assert_same_above_separator("\n\n".join(above) + join + "\n\n".join(below))


def test_a_typical_review_is_cut_after_its_verdict() -> None:
    review = (
        "**Verdict:** fast and *cheap*, see [the card](https://example.com/card).\n\n"
        "- one\n- two\n\n"
        f"{EXCERPT_MARKER}\n\n"
        "## Pricing\n\nA claim[^1].\n\n| tier | price |\n|---|---|\n| Pro | $20 |\n\n"
        "```chart\ntype: bar\n```\n\n"
        "[^1]: The source, <https://example.com/s>.\n"
    )
    assert shown_part(review) == review[: review.index(EXCERPT_MARKER) + len(EXCERPT_MARKER)]
    assert assert_same_above_separator(review)


def test_what_the_text_below_defines_for_the_text_above_stops_the_cut() -> None:
    for below in (
        "[ref]: https://example.com/ref",
        "  > [ref]: https://example.com/ref",
        "*[HTML]: Hyper Text Markup Language",
        "## Intro {#intro}",
        '<h2 id="intro">Intro</h2>',
        "# Another top heading",
        "Setext\n======",
    ):
        assert shown_part(f"Intro\n\n{EXCERPT_MARKER}\n\n{below}\n") is None, below


def test_what_reads_the_whole_text_above_stops_the_cut() -> None:
    for above in (
        "A note[^1].",
        "[TOC]",
        "```\ncode\n```",
        "<div>\nraw\n</div>",
        "An unclosed <!-- comment",
    ):
        assert shown_part(f"{above}\n\n{EXCERPT_MARKER}\n\nRest.\n") is None, above
    assert shown_part("[[_TOC_]]\n\n<!-- more -->\n", toc_marker="[[_TOC_]]") is None
    assert shown_part("[TOC]\n\n<!-- more -->\n\nRest.\n", toc_marker="") is not None


def test_a_separator_that_is_not_a_block_of_its_own_stops_the_cut() -> None:
    assert shown_part(f"Intro {EXCERPT_MARKER}\n\nRest.\n") is None
    assert shown_part(f"Intro\n{EXCERPT_MARKER}\n\nRest.\n") is None
    assert shown_part(f"Intro\n\n  {EXCERPT_MARKER}\n\nRest.\n") is None
    assert shown_part("Intro without a separator.\n") is None
    assert shown_part(f"Intro\n\n{EXCERPT_MARKER}\n\nRest.\n") == f"Intro\n\n{EXCERPT_MARKER}"
