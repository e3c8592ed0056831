"""Reading the front matter an old post came with (YAML, or Hugo's TOML), forgivingly.

Posts from elsewhere carry front matter of every quality. A mapping is used as
it is; anything else (a list, a scalar, YAML that does not parse) is reported
and the post is imported without it, rather than refused.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import yaml

from modelpress._internal.content import split_front_matter

__all__ = ["REVIEW_KEYS", "parse_date", "read_front_matter"]

REVIEW_KEYS = (
    "title",
    "subtitle",
    "date",
    "authors",
    "author",
    "categories",
    "tags",
    "models",
    "slug",
    "draft",
)
"""Keys of a source's front matter that mean what a review's keys mean (``author`` and
``tags`` are read as ``authors`` and ``categories``); the rest goes under ``imported:``."""


class _Loader(yaml.SafeLoader):
    """YAML without timestamps: ``email_sent_at: 2025-03-04T14:02:11.120Z`` is kept as the
    source wrote it (under ``imported:``), not rewritten as a Python datetime."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """(front matter as a mapping, body, why the front matter was unusable or None).

    YAML between ``---`` lines, or TOML between ``+++`` lines as Hugo writes it.
    """
    toml = _TOML.match(text)
    if toml:
        body = text[toml.end() :]
        try:
            data = tomllib.loads(toml.group(1))
        except tomllib.TOMLDecodeError as exc:
            return {}, body, f"front matter is not valid TOML ({exc})"
        return {str(k): _as_written(v) for k, v in data.items()}, body, None
    raw, body, _ = split_front_matter(text)
    if raw is None:
        return {}, text, None
    try:
        data = yaml.load(raw, Loader=_Loader) if raw.strip() else {}
    except yaml.YAMLError as exc:
        return {}, body, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)})"
    if data is None:
        return {}, body, None
    if not isinstance(data, dict):
        return {}, body, "front matter is not a mapping of 'key: value' lines"
    return {str(k): v for k, v in data.items()}, body, None


_TOML = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def _as_written(value: Any) -> Any:
    """TOML's dates and times as ISO text, as the YAML front matter keeps them."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_written(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _as_written(v) for k, v in value.items()}
    return value


_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y", "%b %d %Y", "%B %d %Y")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> dt.date | None:
    """A date from front matter or a dateline: ISO dates and datetimes, "Aug 02, 2025", …"""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().split())
    match = _ISO.match(text)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
