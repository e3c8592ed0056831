"""The newsletter front page: the latest review large, the others as a list.

The list is derived from the blog's posts at build time, so a new review
appears on the home page without anyone editing it. The subscribe box appears
only when a form target is configured: a box that posts nowhere is worse than
none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

__all__ = ["Byline", "FrontPage", "PostSummary", "front_page_html"]


@dataclass(frozen=True)
class Byline:
    name: str
    avatar: str | None = None
    """URL of the avatar, relative to the page it appears on."""


@dataclass(frozen=True)
class PostSummary:
    title: str
    url: str
    """Relative to the page the summary appears on."""
    date: dt.date
    subtitle: str = ""
    excerpt: str = ""
    authors: Sequence[Byline] = field(default_factory=tuple)
    categories: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class FrontPage:
    posts: Sequence[PostSummary]
    """The newest reviews, newest first: all, or as many as the page shows."""
    models_url: str
    feed_url: str | None = None
    subscribe_url: str | None = None
    reviews_url: str | None = None
    total: int | None = None
    """How many reviews the blog has, when ``posts`` may be only the newest of them."""


def front_page_html(page: FrontPage) -> Markup:
    parts = [Markup('<div class="mp-front">')]
    if page.posts:
        parts.append(_lead(page.posts[0]))
        if len(page.posts) > 1:
            items = Markup("").join(_item(post) for post in page.posts[1:])
            parts.append(
                Markup(
                    '<section class="mp-front__more" aria-labelledby="mp-more">'
                    '<h2 id="mp-more">More reviews</h2><ol class="mp-front__list">{}</ol>{}'
                    "</section>"
                ).format(items, _all_reviews(page))
            )
    else:
        parts.append(Markup('<p class="mp-front__empty">No reviews published yet.</p>'))
    parts.append(_follow(page))
    parts.append(Markup("</div>"))
    return Markup("").join(parts)


def _all_reviews(page: FrontPage) -> Markup:
    """A link to the archive under the list, when the list is not every review."""
    if page.total is None or page.total <= len(page.posts) or not page.reviews_url:
        return Markup("")
    return Markup('<p class="mp-front__all"><a href="{}">All {} reviews</a></p>').format(
        page.reviews_url, f"{page.total:,}"
    )


def _date(day: dt.date) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(
        day.isoformat(), f"{day:%B} {day.day}, {day.year}"
    )


def _byline(post: PostSummary) -> Markup:
    people = Markup('<span class="mp-byline__and">and</span>').join(
        Markup(
            '<span class="mp-byline__author">'
            '<img class="mp-byline__avatar" src="{}" alt="" width="24" height="24">{}</span>'
        ).format(a.avatar, a.name)
        if a.avatar
        else Markup('<span class="mp-byline__author">{}</span>').format(a.name)
        for a in post.authors
    )
    return Markup(
        '<p class="mp-byline"><span class="mp-byline__people">{}</span>'
        '<span class="mp-byline__sep" aria-hidden="true">·</span>{}</p>'
    ).format(people, _date(post.date))


def _lead(post: PostSummary) -> Markup:
    subtitle = Markup('<p class="mp-front__subtitle">{}</p>').format(post.subtitle)
    excerpt = (
        Markup('<p class="mp-front__excerpt">{}</p>').format(post.excerpt)
        if post.excerpt
        else Markup("")
    )
    return Markup(
        '<article class="mp-front__lead"><p class="mp-front__kicker">Latest review</p>'
        '<h2 class="mp-front__headline"><a href="{url}">{title}</a></h2>'
        "{subtitle}{byline}{excerpt}"
        '<p><a class="md-button md-button--primary" href="{url}">Read the review</a></p>'
        "</article>"
    ).format(
        url=post.url,
        title=post.title,
        subtitle=subtitle if post.subtitle else Markup(""),
        byline=_byline(post),
        excerpt=excerpt,
    )


def _item(post: PostSummary) -> Markup:
    subtitle = (
        Markup('<p class="mp-front__item-subtitle">{}</p>').format(post.subtitle)
        if post.subtitle
        else Markup("")
    )
    return Markup('<li class="mp-front__item"><h3><a href="{}">{}</a></h3>{}{}</li>').format(
        post.url, post.title, subtitle, _byline(post)
    )


def _follow(page: FrontPage) -> Markup:
    links = [Markup('<a href="{}">All models and their numbers</a>').format(page.models_url)]
    if page.reviews_url:
        links.append(Markup('<a href="{}">Review archive</a>').format(page.reviews_url))
    if page.feed_url:
        links.append(
            Markup('<a href="{}" type="application/rss+xml">RSS feed</a>').format(page.feed_url)
        )
    nav = Markup(
        '<nav class="mp-front__links" aria-label="Follow the newsletter"><ul>{}</ul></nav>'
    ).format(Markup("").join(Markup("<li>{}</li>").format(link) for link in links))
    if not page.subscribe_url:
        return nav
    form = Markup(
        '<section class="mp-subscribe" aria-labelledby="mp-subscribe-title">'
        '<h2 id="mp-subscribe-title">Get each review by email</h2>'
        "<p>One email per review, with the charts as tables.</p>"
        '<form class="mp-subscribe__form" action="{}" method="post">'
        '<label for="mp-subscribe-email">Email address</label>'
        '<input id="mp-subscribe-email" type="email" name="email" required '
        'autocomplete="email" placeholder="you@example.com">'
        '<button class="md-button md-button--primary" type="submit">Subscribe</button>'
        "</form></section>"
    ).format(page.subscribe_url)
    return form + nav
