"""The small pieces of markup every generated page repeats: a sourced value, a footnote.

A value shows its status twice: as a CSS class (rumored numbers get a dashed
underline and italics) and as a visible word, so the difference survives
without colour, without CSS (in email, in a screen reader) and in print.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from modelpress._internal.pages.escape import md_text, url_attr
from modelpress._internal.records.models import STATUSES, Release, Source

__all__ = ["STATUS_HELP", "Citations", "status_legend", "unknown", "value"]

STATUS_HELP = {
    "confirmed": "Confirmed by the developer or a primary source",
    "estimated": "Estimated by a third party; not confirmed",
    "rumored": "Rumored; not confirmed by the developer",
    "disputed": "Disputed: sources disagree",
}

_SAFE_LABEL = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class Citations:
    """Footnote references to a record's sources, numbered in reading order.

    Python-Markdown numbers footnotes in the order their definitions appear, so
    :meth:`definitions` writes them in the order they were first cited.
    """

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self.order = list(sources)
        self.cited: dict[str, str] = {}

    @classmethod
    def of(cls, release: Release) -> Citations:
        return cls(release.sources)

    def label(self, key: str) -> str:
        """A footnote label that is valid Markdown whatever the writer named the source."""
        safe = key if _SAFE_LABEL.match(key) else str(self.order.index(key) + 1)
        return f"src-{safe}"

    def ref(self, key: str | None) -> Markup:
        if key is None or key not in self.sources:
            return Markup("")
        label = self.cited.setdefault(key, self.label(key))
        return Markup(f"[^{label}]")

    def definitions(self) -> Markup:
        lines = []
        for key, label in self.cited.items():
            lines.append(f"[^{label}]: {source_line(self.sources[key])}")
        return Markup("\n".join(lines))


def source_line(source: Source) -> Markup:
    """A source as a reader needs it: linked title, publisher, date, archived copy."""
    parts = [Markup('<a href="{}">{}</a>').format(url_attr(source.url), md_text(source.title))]
    if source.publisher:
        parts.append(md_text(source.publisher))
    if source.published:
        parts.append(Markup(source.published.isoformat()))
    line = Markup(", ").join(parts)
    if source.archived:
        line += Markup(' (<a href="{}">archived copy</a>)').format(url_attr(source.archived))
    return line + Markup(".")


def value(
    display: object,
    status: str = "confirmed",
    note: str | None = None,
    cite: Markup | None = None,
) -> Markup:
    """A value with its status class, tooltip, visible status word and footnote."""
    if status not in STATUSES:
        status = "confirmed"
    tooltip = STATUS_HELP[status] + (f". {note}" if note else "")
    html = Markup('<span class="mp-value mp-status-{}" title="{}">{}</span>').format(
        status, md_text(tooltip), md_text(display)
    )
    if status != "confirmed":
        html += Markup(' <span class="mp-status-label">{}</span>').format(status)
    return html + (cite or Markup(""))


def unknown(text: str = "Not published") -> Markup:
    return Markup('<span class="mp-unknown">{}</span>').format(md_text(text))


def status_legend() -> Markup:
    """One line that tells a reader what the styles mean."""
    items = [
        Markup('<span class="mp-value mp-status-{0}" title="{1}">{0}</span>').format(
            status, escape(STATUS_HELP[status])
        )
        for status in STATUSES
    ]
    return Markup('<span class="mp-legend">Values are marked {}.</span>').format(
        Markup(" · ").join(items)
    )
