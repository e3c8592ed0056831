"""Which shape a source is: a Substack export, pandoc Markdown, a pasted post, transcript notes.

Decided from the file itself (the name only tells text from HTML and archives),
so a renamed file is still read right; ``--from`` overrides the guess.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["SHAPES", "TEXT_SUFFIXES", "UnknownShape", "detect_text_shape", "is_substack_export"]

SHAPES = ("substack", "pandoc", "pasted", "transcript")
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")

_PANDOC = re.compile(
    r"\{#footnote-anchor-\d+|^:{3,}\s*\{\.footnote|^:{3,}\s*footnote-content|"
    r"^(post_id|email_sent_at|audience):",
    re.M,
)
_TRANSCRIPT = re.compile(r"\[\[[^\]\n]+\]\]|class=\"yt-timestamp\"|^videoId:", re.M)
_HTML = re.compile(r"^\s*(<!doctype html|<html|<div|<p[ >]|<h[1-6][ >])", re.I)


class UnknownShape(Exception):
    """The source is none of the shapes the importer reads; the message says why."""


def is_substack_export(folder: Path) -> bool:
    return (folder / "posts.csv").is_file()


def detect_text_shape(path: Path, text: str) -> str:
    """The shape of one text file."""
    if "\x00" in text[:4096]:
        raise UnknownShape("a binary file, not text; import Markdown, text or HTML files")
    if not text.strip():
        raise UnknownShape("the file is empty")
    if path.suffix.lower() in HTML_SUFFIXES or _HTML.match(text):
        return "substack"
    if _PANDOC.search(text):
        return "pandoc"
    if _TRANSCRIPT.search(text):
        return "transcript"
    return "pasted"
