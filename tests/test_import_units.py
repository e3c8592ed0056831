"""The importer's passes one by one: encoding repair, glued footnotes, names, front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from modelpress._internal.content import split_front_matter
from modelpress._internal.importer.encoding import decode_bytes, repair_text
from modelpress._internal.importer.footnotes import convert_glued_footnotes
from modelpress._internal.importer.frontmatter import parse_date
from modelpress._internal.importer.models import ModelMatcher
from modelpress._internal.importer.post import Draft, place_notes
from modelpress._internal.importer.writer import render_post
from modelpress._internal.records import load_catalog

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def matcher() -> ModelMatcher:
    catalog, _ = load_catalog(REPO / "data", root=REPO)
    return ModelMatcher(catalog)


# --- encoding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "meant"),
    [
        ("to \uf8ffùïè Premium", "to 𝕏 Premium"),  # 4-byte UTF-8 read as Mac Roman: ftfy keeps it
        ("‚Ä† evaluated 0-shot", "† evaluated 0-shot"),
        ("‚Ä° maj@1", "‡ maj@1"),
        ("¬ß pass@1", "§ pass@1"),
        ("¬∂ test split", "¶ test split"),
        ("Nova‚Äôs team", "Nova’s team"),
        ("cafÃ© latte", "café latte"),  # UTF-8 read as Windows-1252: ftfy's own repair
    ],
)
def test_mojibake_is_repaired(broken: str, meant: str) -> None:
    fixed, repairs = repair_text(broken)
    assert fixed == meant
    assert repairs.count >= 1


@pytest.mark.parametrize(
    "text",
    [
        "café —épée naïve",  # "—é" is a valid UTF-8 pair in Mac Roman bytes (ю): not mojibake
        "“curly” and ‘single’ quotes, an apostrophe’s curl",
        "the ﬁrst ligature and ＦＵＬＬＷＩＤＴＨ letters",
        "e\u0301 decomposed, é composed",
        "Grok 4 — o3 ±2 °C ≤ 5 µs, 10× faster, 𝕏 and ю and 中文",
        "¬ alone, √ alone, ∂x/∂t",
    ],
)
def test_repair_changes_nothing_else(text: str) -> None:
    assert repair_text(text) == (text, repair_text("")[1])


def test_legacy_files_are_decoded() -> None:
    assert decode_bytes("naïve".encode()) == ("naïve", None)
    assert decode_bytes("\ufeffBOM".encode()) == ("BOM", None)
    assert decode_bytes("naïve “x”".encode("cp1252")) == ("naïve “x”", "Windows-1252")


# --- glued footnotes ----------------------------------------------------------------------

NOTES = "\n\n1\nOne.\n\n2\nTwo.\n\n3\nThree.\n\n4\nFour.\n\n5\nFive.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("search queries).1", "search queries).[^1]"),
        ("(AI based5)", "(AI based[^5])"),
        ("for the lab.1 The claim", "for the lab.[^1] The claim"),
        ("on the hardest split3 and", "on the hardest split[^3] and"),
        ("the plan,2 and", "the plan,[^2] and"),
        ("“a quote”4 here", "“a quote”[^4] here"),
    ],
)
def test_glued_numbers_become_references(text: str, expected: str) -> None:
    assert convert_glued_footnotes(text + NOTES).split("\n\n")[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "compared with o3 and K2 today",
        "GPT-4.5 and Claude 4 and Gemini 2.5 Pro",
        "a 10X jump over 2.4T tokens at $300/month",
        "Qwen2 and llama3 and gpt4 and R1 and V3 and H100 chips",
        "it ranked #1 for 2 days in 2025, up 5% on 3 of 4 tests",
        "version 1.5 of the app, and 4.1 of the API",
    ],
)
def test_numbers_that_belong_to_the_text_are_left_alone(text: str) -> None:
    assert convert_glued_footnotes(text + NOTES).split("\n\n")[0] == text


def test_no_notes_no_references() -> None:
    text = "the lab.1 The claim\n\nMore text.\n"
    assert convert_glued_footnotes(text) == text


def test_a_number_with_no_note_is_text() -> None:
    converted = convert_glued_footnotes("the lab.1 Then plan.7\n\n1\nOne.\n")
    assert converted.startswith("the lab.[^1] Then plan.7")


def test_notes_over_several_lines_are_kept_whole() -> None:
    converted = convert_glued_footnotes(
        "Claim.1\n\n1\n> A quoted card\n> on two lines\nhttps://example.org/post\n"
    )
    assert converted.endswith(
        "[^1]: > A quoted card\n    > on two lines\n    <https://example.org/post>\n"
    )


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("neither was Gemni 2.5 Pro.", "Gemni", "Gemini"),
        ("scores on swee bench are", "swee bench", "SWE-bench"),
        ("scores on AIME and Amy are overfit", "Amy", "AIME"),
        ("the hosts preferred Kwen 2", "Kwen", "Qwen"),
        ("about Grock pricing", "Grock", "Grok"),
    ],
)
def test_near_misses_are_found(
    matcher: ModelMatcher, text: str, found: str, suggestion: str
) -> None:
    misses = matcher.near_misses(text)
    assert [(m.found, m.suggestion) for m in misses] == [(found, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "We compared it with o3 and GPT-4.5 on our prompts, and with Kimi K2 on code.",
        "Claude 3.7 Sonnet and Claude 4 were not part of the comparison.",
        "GPT-4.1 is another model, and so is Grok 5.",
        "The model is good at math, reasoning and modeling; the benchmarks say so.",
        "It ranked #1 for 2 days, a 10X jump, at $300/month in 2025.",
        "Google, OpenAI, Anthropic and Meta shipped models the same week.",
        "The grok of it is that nobody reads the model card.",
        "Humanity needs better evaluations than a single leaderboard.",
    ],
)
def test_ordinary_sentences_have_no_near_misses(matcher: ModelMatcher, text: str) -> None:
    assert matcher.near_misses(text) == []


def test_mentions_are_offered_in_order(matcher: ModelMatcher) -> None:
    ids, _ = matcher.mentions("Kimi K2 beat GPT-4.5 but not o3; Kimi K2 again.")
    assert ids == ["kimi-k2", "gpt-4.5", "o3"]


# --- front matter and notes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ['Nova-3: "benchmarks" up', "yes", "#1 model? @lab's # comment", "Tab\there, ü 𝕏", "- dash"],
)
def test_front_matter_reads_back_as_written(title: str) -> None:
    meta = {
        "title": title,
        "subtitle": "a: b",
        "date": dt.date(2025, 8, 2),
        "authors": ["mara"],
        "slug": "on",
        "draft": True,
        "imported": {"from": "pasted", "substack_id": 1, "audience": "only_paid"},
    }
    text = render_post(meta, {"authors": ["author in the source: A. Writer"]}, "Body.")
    raw, body, _ = split_front_matter(text)
    assert raw is not None
    assert yaml.safe_load(raw) == meta
    assert body == "\nBody.\n"


def test_notes_are_placed_where_their_markers_were() -> None:
    draft = Draft("x.md", "pasted")
    text = f"---\ntitle: x\n---\n\nab{draft.mark('c1', 'one')}cd\n{draft.mark('c2', 'two')}ef\n"
    draft.note("c3", "three")
    clean, placed = place_notes(text, draft.notes)
    assert clean == "---\ntitle: x\n---\n\nabcd\nef\n"
    assert [(p.note.code, p.line, p.col) for p in placed] == [
        ("c1", 5, 3),
        ("c2", 6, 1),
        ("c3", 1, 1),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-08-02", dt.date(2025, 8, 2)),
        ("2025-05-06T13:00:02.511Z", dt.date(2025, 5, 6)),
        ("Aug 02, 2025", dt.date(2025, 8, 2)),
        ("March 3, 2025", dt.date(2025, 3, 3)),
        ("3rd March 2025", dt.date(2025, 3, 3)),
        ("garbage", None),
        ("2025-02-30", None),
    ],
)
def test_dates(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


# --- Substack markup variants -------------------------------------------------------------


def test_substack_footnotes_with_post_ids_in_their_ids() -> None:
    """Newer exports number footnotes ``footnote-2-148274655`` and link them by full URL."""
    from modelpress._internal.importer.substackhtml import substack_html_to_markdown

    html = (
        '<p>Text.<a class="footnote-anchor" id="footnote-anchor-2-148274655" '
        'href="https://x.substack.com/p/s#footnote-2-148274655"></a> Thanks '
        '<span class="mention-wrap" data-attrs=\'{"name":"Ada Writer"}\'></span>.</p>'
        '<div class="file-embed-wrapper"><div class="file-embed-details-h1">Slides</div>'
        '<a class="file-embed-button" href="https://x.substack.com/api/v1/file/a.pdf">Get</a></div>'
        '<div class="footnote"><a id="footnote-2-148274655" href="#footnote-anchor-2-148274655" '
        'class="footnote-number"></a><div class="footnote-content"><p>Note.</p></div></div>'
    )
    assert substack_html_to_markdown(html, Draft("x", "substack")) == (
        "Text.[^2] Thanks @Ada Writer.\n\n"
        "[Slides](https://x.substack.com/api/v1/file/a.pdf)\n\n"
        "[^2]: Note.\n"
    )


def test_substack_line_breaks_stay_line_breaks() -> None:
    """``<br>`` inside a paragraph renders as one (two trailing spaces, which the clean-up
    of trailing spaces used to remove); at a paragraph's end, in code, a table cell or a
    heading it is no break."""
    from markdown import Markdown

    from modelpress._internal.importer.substackhtml import substack_html_to_markdown

    html = (
        "<p>Roses are red,<br>violets are blue.<br></p>"
        "<pre><code>a = 1<br>b = 2</code></pre>"
        "<table><tr><th>Model</th></tr><tr><td>one<br>two</td></tr></table>"
        "<h2>Title<br>continued</h2>"
    )
    markdown = substack_html_to_markdown(html, Draft("x", "substack"))
    assert markdown.startswith("Roses are red,  \nviolets are blue.\n\n```\na = 1\nb = 2\n```")
    assert "| one two |" in markdown
    assert "## Title continued" in markdown
    assert [line for line in markdown.splitlines() if line.endswith(" ")] == ["Roses are red,  "]
    html_out = Markdown(extensions=["tables"]).convert(markdown)
    assert "<p>Roses are red,<br />\nviolets are blue.</p>" in html_out


def test_pandoc_line_breaks_and_escapes_become_python_markdown_outside_code() -> None:
    """pandoc ends a broken line with a backslash, which Python-Markdown would print; an
    escaped backslash is no break, and code keeps what it says."""
    from markdown import Markdown

    from modelpress._internal.importer.pandoc import convert_pandoc

    draft = Draft("x", "pandoc")
    convert_pandoc(
        "Roses are red,\\\nviolets are \\'blue\\'.\n\n"
        "A path C:\\\\\nthen text.\n\n"
        "```\nprint('a\\'b')\\\nx\n```\n",
        draft,
    )
    assert draft.body == (
        "Roses are red,  \nviolets are 'blue'.\n\n"
        "A path C:\\\\\nthen text.\n\n"
        "```\nprint('a\\'b')\\\nx\n```\n"
    )
    assert "<p>Roses are red,<br />\nviolets" in Markdown().convert(draft.body)


def test_pandoc_footnotes_with_post_ids_in_their_ids() -> None:
    from modelpress._internal.importer.pandoc import convert_pandoc

    draft = Draft("x", "pandoc")
    convert_pandoc(
        "Text.[2](https://x.substack.com/p/s#footnote-2-148274655){#footnote-anchor-2-148274655 "
        '.footnote-anchor target="_self"}\n\n:::: {.footnote}\n'
        "[2](#footnote-anchor-2-148274655){#footnote-2-148274655 .footnote-number}\n\n"
        "::: footnote-content\nNote two.\n:::\n::::\n",
        draft,
    )
    assert draft.body == "Text.[^2]\n\n[^2]: Note two.\n"


def test_pandoc_chrome_leaves_one_blank_line_and_code_as_it_was() -> None:
    from modelpress._internal.importer.pandoc import convert_pandoc

    draft = Draft("x", "pandoc")
    convert_pandoc(
        "a\n\n::: subscription-widget-wrap\nSubscribe!\n:::\n\n\nb\n\n```\ncode\n\n\nmore\n```\n",
        draft,
    )
    assert draft.body == "a\n\nb\n\n```\ncode\n\n\nmore\n```\n"


def test_a_title_in_another_script_gets_a_slug_from_the_file(matcher: ModelMatcher) -> None:
    from modelpress._internal.importer.finish import finish_draft
    from modelpress._internal.importer.site import ImportSite

    draft = Draft("2024-notes.md", "pasted", body="正文。\n")
    draft.meta.update({"title": "模型评测", "date": "2024-05-01"})
    finish_draft(draft, ImportSite(None), matcher, dt.date(2026, 1, 1))
    assert draft.meta["slug"] == "2024-notes"
    assert draft.meta["title"] == "模型评测"


# --- Jekyll and Hugo template tags ---------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected", "codes"),
    [
        ("{% raw %}Text{% endraw %}", "Text", []),
        (
            "{{< tweet 1790089521985466587 >}}",
            "[Post on X](https://x.com/i/status/1790089521985466587)",
            ["embed-link"],
        ),
        (
            '{{< youtube id="abc_12-3" >}}',
            "[Watch on YouTube](https://www.youtube.com/watch?v=abc_12-3)",
            [],
        ),
        (
            "{{< vimeo 146022717 >}}",
            "[Watch on Vimeo](https://vimeo.com/146022717)",
            ["embed-link"],
        ),
        (
            "{{< instagram BWNjjyYFxVx >}}",
            "[Post on Instagram](https://www.instagram.com/p/BWNjjyYFxVx/)",
            ["embed-link"],
        ),
        ('[a]({{< relref "/posts/other-post#scores" >}})', "[a](other-post.md#scores)", []),
        ("[b]({% post_url 2024-03-04-Claude_3 %})", "[b](claude_3.md)", []),
        ('{{< figure src="x.png" >}}', "![](x.png)", []),
        ("{{< figure >}}", "<!-- Hugo shortcode: {{< figure >}} -->", ["template-tag"]),
        ("{{< notice %}}", "<!-- Hugo shortcode: {{< notice %}} -->", ["template-tag"]),
        (
            "{% comment %}a -- b{% endcomment %}",
            "<!-- Jekyll tag: {% comment %} -->a -- b<!-- Jekyll tag: {% endcomment %} -->",
            ["template-tag", "template-tag"],
        ),
        ("Costs {{ grok-4.price.input }}.", "Costs {{ grok-4.price.input }}.", []),
        (
            '{{ "x" | upcase }} and `{{ site.url }}`',
            '<!-- Jekyll value: {{ "x" | upcase }} --> and `{{ site.url }}`',
            ["template-tag"],
        ),
    ],
)
def test_template_tags_become_markdown_or_a_reported_comment(
    source: str, expected: str, codes: list[str]
) -> None:
    from modelpress._internal.importer.post import strip_markers
    from modelpress._internal.importer.templates import convert_template_tags

    draft = Draft("x.md", "pasted", body=source)
    convert_template_tags(draft)
    assert strip_markers(draft.body) == expected
    assert [note.code for note in draft.notes] == codes
