"""Substack's "Export your data" archive: ``posts.csv`` and ``posts/<id>.<slug>.html``.

The archive may be the ``.zip`` as downloaded or the folder it unzips to (with
or without a top folder). Each CSV row gives a post's title, subtitle, date,
audience and Substack id; what has no place among a review's keys is kept under
``imported:``. Unpublished posts become ``draft: true``. The HTML becomes
Markdown through :mod:`modelpress._internal.importer.substackhtml`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from modelpress._internal.importer.encoding import decode_bytes
from modelpress._internal.importer.post import Draft

__all__ = ["ExportError", "ExportPost", "convert_substack_row", "read_export"]

_MAX_MEMBER = 64 * 1024 * 1024
"""An HTML post larger than this is not a post (a damaged or hostile archive)."""
_HTML_NAME = re.compile(r"^(\d+)\.([\w-]+)\.html?$")
_KEEP = ("type", "audience", "email_sent_at", "inbox_sent_at", "podcast_url")


class ExportError(Exception):
    """The archive cannot be read as a Substack export; the message says why."""


@dataclass
class ExportPost:
    """One post of the export: its CSV row (empty when the HTML has no row) and its HTML."""

    name: str
    """Where the HTML is, for messages: ``exports/export.zip:posts/1.slug.html``."""
    row: dict[str, str]
    html: str | None
    short: str = ""
    """The same without the archive's folder (``export.zip:posts/1.slug.html``)."""


def read_export(source: Path) -> list[ExportPost]:
    """Every post of the export, in the CSV's order, then HTML files the CSV does not list."""
    if source.is_dir():
        return _read(_FolderReader(source), source)
    try:
        with zipfile.ZipFile(source) as archive:
            return _read(_ZipReader(archive), source)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ExportError(f"not a readable zip archive ({exc})") from None
    except OSError as exc:
        raise ExportError(f"cannot read it ({exc.strerror or exc})") from None


class _FolderReader:
    def __init__(self, root: Path) -> None:
        self.root = root

    def names(self) -> list[str]:
        return sorted(
            p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()
        )

    def read(self, name: str) -> bytes:
        return (self.root / name).read_bytes()


class _ZipReader:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def names(self) -> list[str]:
        return sorted(i.filename for i in self.archive.infolist() if not i.is_dir())

    def read(self, name: str) -> bytes:
        if self.archive.getinfo(name).file_size > _MAX_MEMBER:
            raise ExportError(f"{name} is larger than {_MAX_MEMBER // 2**20} MB")
        return self.archive.read(name)


def _read(reader: _FolderReader | _ZipReader, source: Path) -> list[ExportPost]:
    joint = "/" if source.is_dir() else ":"  # a file in a folder, a member of a zip
    label, short = f"{source}{joint}", f"{source.name}{joint}"
    names = reader.names()
    csv_names = [n for n in names if PurePosixPath(n).name == "posts.csv"]
    if not csv_names:
        raise ExportError("not a Substack export: no posts.csv in it")
    csv_name = min(csv_names, key=lambda n: n.count("/"))
    base = PurePosixPath(csv_name).parent
    html = {
        PurePosixPath(n).name: n
        for n in names
        if PurePosixPath(n).parent == base / "posts" and _HTML_NAME.match(PurePosixPath(n).name)
    }
    rows = list(_rows(reader.read(csv_name), f"{label}{csv_name}"))
    posts: list[ExportPost] = []
    listed: set[str] = set()
    for row in rows:
        post_id = row.get("post_id", "").strip()
        file = html.get(f"{post_id}.html")
        listed.add(f"{post_id}.html")
        text = decode_bytes(reader.read(file))[0] if file else None
        where = f"{label}{file}" if file else f"{label}{csv_name} ({post_id or 'a row'})"
        posts.append(ExportPost(where, row, text, where.replace(label, short, 1)))
    for name in sorted(set(html) - listed):
        post_id = name.rsplit(".", 1)[0]
        text = decode_bytes(reader.read(html[name]))[0]
        where = f"{label}{html[name]}"
        posts.append(ExportPost(where, {"post_id": post_id}, text, f"{short}{html[name]}"))
    return posts


def _rows(data: bytes, where: str) -> Iterator[dict[str, str]]:
    text, _ = decode_bytes(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "post_id" not in reader.fieldnames:
        raise ExportError(f"{where}: no post_id column; is this Substack's posts.csv?")
    for row in reader:
        yield {str(k): (v or "").strip() for k, v in row.items() if k is not None}


def convert_substack_row(row: dict[str, str], draft: Draft) -> None:
    """The front matter of a post from its CSV row (the body is converted separately)."""
    post_id = row.get("post_id", "")
    number, _, slug = post_id.partition(".")
    if row.get("title"):
        draft.meta["title"] = row["title"]
    if row.get("subtitle"):
        draft.meta["subtitle"] = row["subtitle"]
    date = row.get("post_date") or row.get("email_sent_at") or ""
    if date:
        draft.meta["date"] = date
    if slug:
        draft.meta["slug"] = slug
    if row.get("is_published", "").lower() == "false":
        draft.meta["draft"] = True
    draft.imported["substack_id"] = int(number) if number.isdigit() else number
    for key in _KEEP:
        if row.get(key):
            draft.imported[key] = row[key]
    known = {"post_id", "title", "subtitle", "post_date", "is_published", *_KEEP}
    draft.imported.update({k: v for k, v in row.items() if k not in known and v})
