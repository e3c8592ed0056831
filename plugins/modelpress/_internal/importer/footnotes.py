"""Footnotes a browser flattened: glued numbers in the text, bare numbers at the bottom.

Copying a post from the browser keeps a footnote reference as a digit glued to
the word or punctuation before it (``queries).1``, ``(AI based5)``) and each
note as a line holding only its number, then the note. A digit becomes a
reference only when a note with that number exists at the bottom, and only in a
place a footnote could be: never inside a number (``GPT-4.5``, ``2.4T``), after
a space (``Claude 4``, ``10X``), after a short or capitalised word (``o3``,
``K2``, ``Qwen2``), or after a currency sign (``$300/month``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["convert_glued_footnotes"]

_BARE_NUMBER = re.compile(r"^[ \t]*(\d{1,3})[ \t]*$")
_GLUED = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=[^\s\d][.,;:!?])|(?<=[)\]\"'”’]))"
    r"(\d{1,3})"
    r"(?=[\s)\].,;:!?]|$)",
    re.M,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)$")
_MODEL_STEMS = frozenset(
    [
        "gpt",
        "llama",
        "qwen",
        "gemma",
        "phi",
        "mistral",
        "mixtral",
        "claude",
        "gemini",
        "grok",
        "kimi",
        "deepseek",
        "nova",
        "olmo",
        "falcon",
        "palm",
        "dalle",
        "sora",
        "veo",
        "imagen",
        "glm",
        "yi",
        "top",
    ]
)
"""Word stems that a digit extends into a model name (``llama3``, ``gpt4``), not a footnote."""


def convert_glued_footnotes(body: str, known_names: Iterable[str] = ()) -> str:
    """``body`` with its bottom notes as ``[^n]:`` definitions and glued numbers as ``[^n]``.

    ``known_names`` are model names and aliases of the site's records: a word that
    with its digit spells one of them is left alone.
    """
    lines = body.splitlines()
    found = _notes_section(lines)
    if found is None:
        return body
    start, notes = found
    names = {re.sub(r"[^a-z0-9]", "", n.lower()) for n in known_names}
    text = "\n".join(lines[:start]).rstrip()

    def reference(match: re.Match[str]) -> str:
        number = match.group(1)
        if int(number) not in notes:
            return number
        before = match.string[: match.start()]
        word = _WORD_BEFORE.search(before)
        if word and before.endswith(word.group(1)):
            stem = word.group(1)
            joined = re.sub(r"[^a-z0-9]", "", (stem + number).lower())
            if not stem.islower() or stem.lower() in _MODEL_STEMS or joined in names:
                return number
        return f"[^{number}]"

    text = _GLUED.sub(reference, text)
    definitions = [_definition(n, notes[n]) for n in sorted(notes)]
    return text + "\n\n" + "\n\n".join(definitions) + "\n"


def _notes_section(lines: list[str]) -> tuple[int, dict[int, list[str]]] | None:
    """Where the notes start, and each note's lines, or None when the post has none.

    The notes are the last thing in the post: lines ``1``, ``2``, … ``k`` in order,
    each followed by its note, whatever else the note holds (a quoted card, a URL).
    """
    numbered = [
        (i, int(m.group(1))) for i, line in enumerate(lines) if (m := _BARE_NUMBER.match(line))
    ]
    if not numbered:
        return None
    expected = numbered[-1][1]
    chosen: list[int] = []
    for index, value in reversed(numbered):
        if value == expected:
            chosen.append(index)
            expected -= 1
            if expected == 0:
                break
    if expected != 0 or not chosen:
        return None
    chosen.reverse()
    notes: dict[int, list[str]] = {}
    for number, index in enumerate(chosen, start=1):
        end = chosen[number] if number < len(chosen) else len(lines)
        note = lines[index + 1 : end]
        while note and not note[0].strip():
            note.pop(0)
        while note and not note[-1].strip():
            note.pop()
        if not note:
            return None  # a bare number with nothing after it is text, not a note
        notes[number] = note
    return chosen[0], notes


_BARE_URL = re.compile(r"^(https?://\S+)$")


def _definition(number: int, note: list[str]) -> str:
    """A ``[^n]:`` definition; a URL alone on a line becomes an autolink, so it is clickable."""
    note = [_BARE_URL.sub(r"<\1>", line.strip()) for line in note]
    rest = "\n".join(f"    {line}" if line else "" for line in note[1:])
    return f"[^{number}]: {note[0].strip()}" + (f"\n{rest}" if rest else "")
