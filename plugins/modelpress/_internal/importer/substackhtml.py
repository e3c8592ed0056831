"""Substack's post HTML to Markdown: markdownify, plus rules for Substack's own markup.

markdownify (on BeautifulSoup) turns ordinary HTML into Markdown; Substack
wraps much of a post in components of its own, which the rules here handle:

- footnote anchors (``a.footnote-anchor``) → ``[^n]``; footnote blocks
  (``div.footnote`` with ``a.footnote-number`` and ``div.footnote-content``) →
  ``[^n]: …`` definitions;
- captioned images (``div.captioned-image-container``) → the image and its
  caption (the CDN URL is kept; see :mod:`modelpress._internal.importer.images`);
- YouTube (``div.youtube-wrap`` with its ``videoId``), tweets (``div.tweet``,
  ``div.twitter-embed``), embedded posts and other embeds → a link, the tweet's
  text quoted when the export carries it;
- subscribe widgets, share and subscribe buttons, header-anchor chrome → removed.

What cannot be carried (audio, video files, polls, math) is reported at its place.
"""

from __future__ import annotations

import json
import re
from typing import Any, cast
from urllib.parse import quote as url_quote

from bs4 import BeautifulSoup, Tag
from markdownify import ATX, MarkdownConverter

from modelpress._internal.diagnostics import quote
from modelpress._internal.importer.post import Draft

__all__ = ["CHROME_CLASSES", "CHROME_TAGS", "substack_html_to_markdown"]

_PARSER = "lxml"
"""libxml2's HTML parser through BeautifulSoup: several times faster than html.parser."""

CHROME_TAGS = frozenset({"script", "style", "noscript", "form", "button", "svg"})
CHROME_CLASSES = frozenset(
    {
        "subscription-widget-wrap",
        "subscription-widget-wrap-editor",
        "subscription-widget",
        "subscribe-widget",
        "button-wrapper",
        "captioned-button-wrap",
        "share-dialog",
        "header-anchor-parent",
        "header-anchor-widget",
        "image-link-expand",
        "paywall-jump",
        "install-substack-app-embed",
        "post-ufi",
        "community-chat",
    }
)
"""Substack's page furniture: not part of the writing, removed without a note."""

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_HARD_BREAK = "\x00br\x00"
_BREAK_AT_END = re.compile(rf"[ \t]*{_HARD_BREAK}\n(?=[ \t]*(?:\n|$))")
_LOST = {
    "native-audio-embed": "an audio player",
    "native-video-embed": "a video uploaded to Substack",
    "poll-embed": "a poll",
    "latex-rendered": "a math formula",
    "apple-podcast-container": "a podcast player",
    "spotify-wrap": "a Spotify player",
}


def substack_html_to_markdown(html: str, draft: Draft) -> str:
    """The Markdown of one exported post; problems are noted on ``draft`` at their place."""
    soup = BeautifulSoup(html, _PARSER)
    root = _post_body(soup, draft)
    chrome = [
        el
        for el in soup.find_all(True)
        if el.name in CHROME_TAGS or not CHROME_CLASSES.isdisjoint(_classes(el))
    ]
    for element in chrome:
        if not element.decomposed:
            element.decompose()
    converter = SubstackConverter(draft)
    text = converter.convert_soup(root)
    text = _hard_breaks(_TRAILING_SPACE.sub("\n", text))
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"


def _hard_breaks(text: str) -> str:
    """The line breaks' markers as two trailing spaces; none where the paragraph ends."""
    return _BREAK_AT_END.sub("\n", text).replace(f"{_HARD_BREAK}\n", "  \n")


_BLOCK_START = re.compile(r"^(\s*)(?:(\d+)([.)])(?=\s)|(#)|([>+-])(?=\s|$))")


def _escape_block_start(text: str) -> str:
    """A paragraph that starts like Markdown syntax ("2025. A year…", "#1 on the board",
    "- not a list") keeps reading as a paragraph: the marker is backslash-escaped."""

    def escape(match: re.Match[str]) -> str:
        if match.group(2):
            return f"{match.group(1)}{match.group(2)}\\{match.group(3)}"
        return f"{match.group(1)}\\{match.group(4) or match.group(5)}"

    return _BLOCK_START.sub(escape, text, count=1)


def _post_body(soup: BeautifulSoup, draft: Draft) -> Tag:
    """The post itself when the HTML is a whole page saved from the browser.

    An export holds only the post's body; a saved page wraps it in the site's
    navigation, header and comments. Its title and subtitle are taken from the page.
    """
    body = (
        soup.find("div", class_="available-content")
        or soup.find("div", class_="markup")
        or soup.find("article")
    )
    if not isinstance(body, Tag):
        return soup
    for key, tag, cls in (("title", "h1", "post-title"), ("subtitle", "h3", "subtitle")):
        found = soup.find(tag, class_=cls)
        if isinstance(found, Tag) and found.get_text(strip=True):
            draft.meta.setdefault(key, " ".join(found.get_text().split()))
    dated = soup.find("time", datetime=True) or soup.find("div", class_="post-date")
    if isinstance(dated, Tag):
        draft.meta.setdefault("date", str(dated.get("datetime") or dated.get_text(" ", strip=True)))
    canonical = soup.find("link", rel="canonical")
    if isinstance(canonical, Tag) and canonical.get("href"):
        draft.imported.setdefault("original_url", str(canonical.get("href")))
    return body


def _classes(el: Tag) -> list[str]:
    value = el.get("class")
    if isinstance(value, list):
        return [str(c) for c in value]
    return str(value).split() if value else []


def _attrs(el: Tag) -> dict[str, Any]:
    """A Substack component's ``data-attrs`` JSON, or an empty dict when absent or broken."""
    raw = el.get("data-attrs")
    if not isinstance(raw, str):
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


_FOOTNOTE_ID = re.compile(r"footnote(?:-anchor)?-(\d+)")


def _footnote_number(el: Tag) -> str:
    """The number in ``footnote-anchor-3`` or ``footnote-3-148274655`` (id, then href)."""
    for attr in ("id", "href"):
        match = _FOOTNOTE_ID.search(str(el.get(attr) or ""))
        if match:
            return match.group(1)
    return "?"


def _youtube_url(video_id: str, start: object = None) -> str:
    url = f"https://www.youtube.com/watch?v={url_quote(video_id, safe='-_')}"
    if isinstance(start, int | float) and start > 0:
        url += f"&t={int(start)}s"
    return url


class SubstackConverter(MarkdownConverter):
    """markdownify with Substack's components; notes go to the draft being converted."""

    def __init__(self, draft: Draft) -> None:
        super().__init__(
            heading_style=ATX,
            bullets="-",
            escape_misc=False,
            strip_document="strip",
        )
        self.draft = draft

    def _base(self) -> Any:
        """The parent's converters (markdownify's stub does not declare them)."""
        return cast(Any, super())

    def _inner(self, el: Tag, parent_tags: set[str]) -> str:
        return str(cast(Any, self).process_tag(el, parent_tags)).strip()

    # --- inline ----------------------------------------------------------------------------

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        classes = _classes(el)
        if "footnote-anchor" in classes:
            return f"[^{text.strip() or _footnote_number(el)}]"
        if "footnote-number" in classes:
            return ""
        return str(self._base().convert_a(el, text, parent_tags))

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A line break: Markdown's two trailing spaces, which the clean-up of trailing
        spaces would remove, so it is a marker until then (:func:`_hard_breaks`)."""
        if "_inline" in parent_tags:  # a table cell or a heading: one line, no break
            return str(self._base().convert_br(el, text, parent_tags))
        if "pre" in parent_tags:  # code keeps its lines as they are
            return f"\n{text}"
        return f"{_HARD_BREAK}\n{text}"

    def convert_span(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "mention-wrap" in _classes(el) and not text.strip():
            name = _attrs(el).get("name")
            return f"@{name}" if isinstance(name, str) and name else text
        return text

    # --- blocks ----------------------------------------------------------------------------

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return str(self._base().convert_p(el, _escape_block_start(text), parent_tags))

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        classes = set(_classes(el))
        if "footnote" in classes:
            return self._footnote(el, parent_tags)
        if "captioned-image-container" in classes:
            return self._image(el, parent_tags)
        if "youtube-wrap" in classes:
            return self._youtube(el)
        if classes & {"tweet", "twitter-embed"}:
            return self._tweet(el)
        if classes & {"embedded-post-wrap", "digest-post-embed", "embedded-publication-wrap"}:
            return self._embedded_post(el)
        for cls, what in _LOST.items():
            if cls in classes:
                marker = self.draft.mark(
                    "embed-lost",
                    f"{what} was here in the Substack post and has no Markdown form; "
                    "add a link or leave it out",
                )
                return f"\n\n{marker}<!-- {what} was here -->\n\n"
        if "file-embed-wrapper" in classes:
            return self._file(el)
        if "image-gallery-embed" in classes:
            return self._gallery(el)
        if "pullquote" in classes:
            return str(self._base().convert_blockquote(el, text, parent_tags))
        return str(self._base().convert_div(el, text, parent_tags))

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = str(el.get("src") or "")
        if not src:
            return ""
        match = re.search(r"youtube(?:-nocookie)?\.com/embed/([\w-]+)", src)
        if match:
            return f"\n\n[Watch on YouTube]({_youtube_url(match.group(1))})\n\n"
        marker = self.draft.mark("embed-link", f"an embedded frame became a link to {quote(src)}")
        return f"\n\n{marker}[Embedded content]({src})\n\n"

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.find("img") is not None:
            return self._image(el, parent_tags)
        return f"\n\n{text.strip()}\n\n"

    def _footnote(self, el: Tag, parent_tags: set[str]) -> str:
        number_el = el.find(class_="footnote-number")
        number = number_el.get_text(strip=True) if isinstance(number_el, Tag) else ""
        if not number:
            number = _footnote_number(number_el if isinstance(number_el, Tag) else el)
        content_el = el.find(class_="footnote-content")
        content = self._inner(content_el, parent_tags) if isinstance(content_el, Tag) else ""
        lines = content.splitlines() or [""]
        rest = "\n".join(f"    {line}" if line.strip() else "" for line in lines[1:])
        return f"\n\n[^{number}]: {lines[0]}" + (f"\n{rest}" if rest else "") + "\n\n"

    def _image(self, el: Tag, parent_tags: set[str]) -> str:
        img = el.find("img")
        if not isinstance(img, Tag):
            return ""
        src = str(img.get("src") or "")
        caption_el = el.find("figcaption")
        caption = self._inner(caption_el, parent_tags) if isinstance(caption_el, Tag) else ""
        alt = str(img.get("alt") or "") or (
            " ".join(caption_el.get_text().split()) if isinstance(caption_el, Tag) else ""
        )
        alt = alt.replace("[", "(").replace("]", ")").replace("\n", " ")
        if not src:
            marker = self.draft.mark("image-lost", "an image without a source was here")
            return f"\n\n{marker}<!-- image lost -->\n\n"
        image = f"![{alt}]({src})"
        return f"\n\n{image}\n*{caption}*\n\n" if caption else f"\n\n{image}\n\n"

    def _file(self, el: Tag) -> str:
        button = el.find("a", class_="file-embed-button") or el.find("a", href=True)
        title_el = el.find(class_="file-embed-details-h1")
        title = title_el.get_text(" ", strip=True) if isinstance(title_el, Tag) else ""
        if not isinstance(button, Tag) or not button.get("href"):
            marker = self.draft.mark("embed-lost", f"an attached file {quote(title)} was here")
            return f"\n\n{marker}<!-- an attached file was here -->\n\n"
        return f"\n\n[{title or 'Download the file'}]({button.get('href')})\n\n"

    def _gallery(self, el: Tag) -> str:
        gallery = _attrs(el).get("gallery")
        images = gallery.get("images") if isinstance(gallery, dict) else None
        sources = [str(i["src"]) for i in images or [] if isinstance(i, dict) and i.get("src")]
        if not sources:
            marker = self.draft.mark("image-lost", "an image gallery without its images was here")
            return f"\n\n{marker}<!-- image gallery lost -->\n\n"
        caption = str(gallery.get("caption") or "") if isinstance(gallery, dict) else ""
        lines = "\n".join(f"![]({src})" for src in sources)
        return f"\n\n{lines}\n*{caption}*\n\n" if caption else f"\n\n{lines}\n\n"

    def _youtube(self, el: Tag) -> str:
        attrs = _attrs(el)
        video = attrs.get("videoId")
        if not isinstance(video, str) or not video:
            frame = el.find("iframe")
            if isinstance(frame, Tag):
                return self.convert_iframe(frame, "", set())
            marker = self.draft.mark("embed-lost", "a YouTube video without its id was here")
            return f"\n\n{marker}<!-- a YouTube video was here -->\n\n"
        return f"\n\n[Watch on YouTube]({_youtube_url(video, attrs.get('startTime'))})\n\n"

    def _tweet(self, el: Tag) -> str:
        attrs = _attrs(el)
        url = str(attrs.get("url") or "")
        text = str(attrs.get("full_text") or "")
        name = str(attrs.get("name") or "")
        handle = str(attrs.get("username") or "")
        date = str(attrs.get("date") or "")[:10]
        link = el.find("a", class_="tweet-link-top") or el.find("a", href=True)
        if not url and isinstance(link, Tag):
            url = str(link.get("href") or "")
        for cls, value in (("tweet-text", text), ("tweet-author-name", name)):
            found = el.find(class_=cls)
            if not value and isinstance(found, Tag):
                if cls == "tweet-text":
                    text = found.get_text("\n", strip=True)
                else:
                    name = found.get_text(" ", strip=True)
        handle_el = el.find(class_="tweet-author-handle")
        if not handle and isinstance(handle_el, Tag):
            handle = handle_el.get_text(strip=True)
        date_el = el.find(class_="tweet-date")
        if not date and isinstance(date_el, Tag):
            date = date_el.get_text(" ", strip=True)
        handle = handle.lstrip("@")
        who = " ".join(p for p in (name, f"(@{handle})" if handle else "") if p) or "a post on X"
        if not url:
            marker = self.draft.mark("embed-lost", "an embedded post on X without its link")
            return f"\n\n{marker}<!-- {who} -->\n\n"
        if not text:
            return f"\n\n[Post by {who}]({url})\n\n"
        quoted = "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())
        source = f"[{date or 'on X'}]({url})"
        return f"\n\n{quoted}\n>\n> — {who}, {source}\n\n"

    def _embedded_post(self, el: Tag) -> str:
        attrs = _attrs(el)
        url = str(attrs.get("canonical_url") or attrs.get("url") or "")
        title = str(attrs.get("title") or attrs.get("name") or "")
        if not url:
            link = el.find("a", href=True)
            url = str(link.get("href")) if isinstance(link, Tag) else ""
            title = title or (link.get_text(" ", strip=True) if isinstance(link, Tag) else "")
        if not url:
            marker = self.draft.mark("embed-lost", "an embedded post without its link was here")
            return f"\n\n{marker}<!-- an embedded post was here -->\n\n"
        return f"\n\n[{title or url}]({url})\n\n"
