"""A review as one self-contained HTML email: ``modelpress email <post>``.

Newsletter services send an HTML file; they do not run the site's scripts or
load its stylesheets. So the email carries inline styles, the "models in this
review" strip, each chart as a table of its numbers with a link to the
interactive version, footnotes as numbered endnotes, and only absolute links.
The review is checked first (models, authors, chart fences) so a broken email
is never written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup

from modelpress._internal.content import MarkdownPage, read_markdown_page
from modelpress._internal.diagnostics import Diagnostic, has_errors
from modelpress._internal.email.body import render_body
from modelpress._internal.email.charts import replace_chart_fences
from modelpress._internal.email.document import EmailIssue, render_document
from modelpress._internal.email.urls import SiteUrls, UnsupportedUrlFormat
from modelpress._internal.facts.bound import Mode, check_bindings, render_bindings
from modelpress._internal.pages.urls import release_uri
from modelpress._internal.records import Catalog
from modelpress._internal.reviews.meta import check_review_meta
from modelpress._internal.reviews.models import check_review_models
from modelpress._internal.reviews.strip import model_facts, strip_html
from modelpress._internal.siteconfig import BlogSettings, SiteConfig

__all__ = ["Email", "EmailError", "build_email"]


class EmailError(Exception):
    """The email cannot be written; ``diagnostics`` holds file:line problems, if any."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = sorted(diagnostics or [])


@dataclass(frozen=True)
class Email:
    html: str
    url: str
    """Where the review lives on the site."""
    slug: str
    warnings: list[Diagnostic]


def build_email(post: Path, site: SiteConfig, catalog: Catalog) -> Email:
    if not site.site_url:
        raise EmailError(
            f"{site.config_file}: site_url is not set; an email needs absolute links to the "
            "site (set site_url: https://... in mkdocs.yml)"
        )
    site_url = site.site_url if site.site_url.endswith("/") else site.site_url + "/"
    path = post.resolve()
    docs_dir = site.docs_dir.resolve()
    if not path.is_file():
        raise EmailError(f"{post}: no such file")
    if not path.is_relative_to(docs_dir):
        raise EmailError(f"{post}: not inside the docs folder {site.docs_dir}")
    page = read_markdown_page(path, docs_dir, site.root)
    urls = SiteUrls(
        site_url=site_url,
        blog=site.blog or BlogSettings(),
        directory_urls=site.use_directory_urls,
        read_page=lambda src_uri: _read_post(docs_dir / src_uri, docs_dir, site.root),
    )
    if not page.src_uri.startswith(urls.post_dir + "/"):
        raise EmailError(f"{page.display}: not a review; reviews live in {urls.post_dir}/")
    authors = _authors(docs_dir / urls.blog.authors_file)
    problems = list(page.diagnostics)
    problems += check_review_models(page, catalog)
    problems += check_review_meta(page, set(authors))
    try:
        return _write(page, urls, site, catalog, authors, problems)
    except UnsupportedUrlFormat as exc:
        if has_errors(problems):
            message = f"{page.display}: fix the problems above to write the email"
            raise EmailError(message, problems) from None
        raise EmailError(str(exc)) from None


def _write(
    page: MarkdownPage,
    urls: SiteUrls,
    site: SiteConfig,
    catalog: Catalog,
    authors: dict[str, str],
    problems: list[Diagnostic],
) -> Email:
    """The email of a review whose front matter was read (raises UnsupportedUrlFormat)."""
    url = urls.page(page.src_uri, page)
    problems += check_bindings(page, catalog)
    # Bound values as plain text with their sources as endnotes (chart titles included).
    bound = render_bindings(page.body, page.tokens, catalog, Mode.EMAIL)
    if bound.count:
        page = dataclasses.replace(page, body=bound.markdown)
    charts = replace_chart_fences(page, catalog, url)
    problems += charts.diagnostics
    if has_errors(problems):
        raise EmailError(f"{page.display}: fix the problems above to write the email", problems)
    models = page.meta.get("models") or []
    facts = model_facts([m for m in models if isinstance(m, str)], catalog)
    issue = EmailIssue(
        title=str(page.meta.get("title") or PurePosixPath(page.src_uri).stem),
        subtitle=str(page.meta.get("subtitle") or ""),
        url=url,
        site_name=site.site_name or urls.site_url,
        site_url=urls.site_url,
        published=_date(page.meta.get("date")),
        authors=[authors[a] for a in page.meta.get("authors") or [] if a in authors],
        strip=strip_html(facts, lambda rid: urls.page(release_uri(rid))),
        body=Markup(render_body(charts.markdown, urls, page.src_uri, url)),
    )
    slug = PurePosixPath(urlsplit(url).path).stem  # ".../gpt-45-vs-o3/" or "….html"
    return Email(render_document(issue), url, slug, problems)


def _read_post(path: Path, docs_dir: Path, root: Path) -> MarkdownPage | None:
    """A linked post, read as the blog reads it; None when it is not there."""
    return read_markdown_page(path, docs_dir, root) if path.is_file() else None


def _authors(path: Path) -> dict[str, str]:
    """Author id → name from the blog's ``.authors.yml``; empty when there is none."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise EmailError(f"{path}: cannot read the authors file: {exc}") from None
    entries = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return {}
    return {
        str(key): str(value.get("name") or key) if isinstance(value, dict) else str(key)
        for key, value in entries.items()
    }


def _date(value: object) -> dt.date | None:
    if isinstance(value, dict):
        value = value.get("created")
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
