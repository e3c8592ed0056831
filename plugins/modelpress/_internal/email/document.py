"""The email document: one HTML file with inline styles, no scripts, no external CSS.

Newsletter services and mail clients drop ``<style>`` blocks and linked
stylesheets unpredictably, so the styles are written into each element's
``style`` attribute with css-inline (which is told never to fetch anything).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import css_inline
from markupsafe import Markup

__all__ = ["EmailIssue", "render_document"]

STYLE = (Path(__file__).parent / "email.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class EmailIssue:
    title: str
    subtitle: str
    url: str
    site_name: str
    site_url: str
    published: dt.date | None
    authors: Sequence[str]
    strip: Markup
    body: Markup
    """Already-safe HTML from :func:`modelpress._internal.email.body.render_body`."""


def render_document(issue: EmailIssue) -> str:
    byline = " and ".join(issue.authors) if issue.authors else ""
    when = (
        f"{issue.published:%B} {issue.published.day}, {issue.published.year}"
        if issue.published
        else ""
    )
    meta = " · ".join(part for part in (f"By {byline}" if byline else "", when) if part)
    subtitle = (
        Markup('<p class="subtitle">{}</p>').format(issue.subtitle)
        if issue.subtitle
        else Markup("")
    )
    document = Markup(
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title}</title><style>{style}</style></head>"
        '<body><div class="wrapper">'
        '<p class="masthead"><a href="{site_url}">{site_name}</a></p>'
        "<h1>{title}</h1>{subtitle}"
        '<p class="byline">{meta}</p>'
        '<p class="web-link"><a href="{url}">Read this review on the web</a>, with interactive '
        "charts.</p>"
        "{strip}{body}"
        '<p class="footer">You are receiving this because you subscribed to {site_name}. '
        '<a href="{site_url}">Visit the site</a>.</p>'
        "</div></body></html>\n"
    ).format(
        title=issue.title,
        style=Markup(STYLE),
        site_url=issue.site_url,
        site_name=issue.site_name,
        subtitle=subtitle,
        meta=meta,
        url=issue.url,
        strip=issue.strip,
        body=issue.body,
    )
    return str(
        css_inline.inline(
            str(document),
            keep_style_tags=False,
            keep_link_tags=False,
            load_remote_stylesheets=False,
        )
    )
