"""Text in, as the writer meant it: bytes decoded, mojibake repaired, nothing else changed.

ftfy repairs most text that was decoded with the wrong codec (UTF-8 read as
Windows-1252, Latin-1, and often Mac Roman). One case it leaves alone is UTF-8
read as Mac Roman where the character was four bytes long: ``𝕏`` (U+1D54F)
becomes an Apple-logo private-use character followed by ``ùïè``. A second pass
re-encodes runs of non-ASCII characters as Mac Roman and keeps a run's UTF-8
reading only where the bytes are a complete UTF-8 sequence and the result is a
character such text plausibly held. ftfy runs with every cosmetic fixer off
(quotes, ligatures, widths, line breaks, Unicode normalization), so a repaired
post differs from its source only where the encoding was wrong.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import ftfy

__all__ = ["Repairs", "decode_bytes", "repair_text"]

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")


@dataclass
class Repairs:
    """What the repair changed: how many places, and each (as found, as repaired)."""

    count: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """The text of a file, and the legacy codec used when it was not UTF-8 (else None).

    Files that are not UTF-8 are nearly always Windows-1252 (old Windows editors,
    vendor pages saved from a browser); Latin-1 is the last resort because it
    decodes any byte.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def repair_text(text: str) -> tuple[str, Repairs]:
    """The text with mojibake repaired, and what changed."""
    if text.isascii():
        return text, Repairs()
    fixed = _mac_roman_round_trip(ftfy.fix_text(text, _FTFY))
    if fixed == text:
        return text, Repairs()
    return fixed, _changes(text, fixed)


def _mac_roman_round_trip(text: str) -> str:
    return _NON_ASCII_RUN.sub(lambda m: _repair_run(m.group(0)), text)


def _repair_run(run: str) -> str:
    """Decode the complete UTF-8 sequences hidden in a run of Mac Roman characters.

    Mac Roman is one byte per character, so character ``i`` of the run is byte ``i``.
    """
    try:
        data = run.encode("mac_roman")
    except UnicodeEncodeError:
        return _repair_parts(run)
    out: list[str] = []
    i = 0
    while i < len(data):
        size = _sequence_length(data[i])
        if size > 1 and i + size <= len(data):
            try:
                char = data[i : i + size].decode("utf-8")
            except UnicodeDecodeError:
                char = ""
            if char and _plausible(char):
                out.append(char)
                i += size
                continue
        out.append(run[i])
        i += 1
    return "".join(out)


def _repair_parts(run: str) -> str:
    """A run holding characters Mac Roman cannot encode: repair the parts between them."""
    out: list[str] = []
    buffer = ""
    for ch in run:
        try:
            ch.encode("mac_roman")
        except UnicodeEncodeError:
            out.append(_repair_run(buffer) if len(buffer) > 1 else buffer)
            out.append(ch)
            buffer = ""
        else:
            buffer += ch
    out.append(_repair_run(buffer) if len(buffer) > 1 else buffer)
    return "".join(out)


def _sequence_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 1


def _plausible(char: str) -> bool:
    """Would a post have held this character? Guards legitimate Mac Roman-looking pairs.

    A two-byte sequence is accepted only for Latin letters and symbols (``¬ß`` → ``§``),
    so that a legitimate "—é" is not read as Cyrillic "ю".
    """
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Co", "Cn"):
        return False
    if len(char.encode("utf-8")) == 2:
        return 0xA0 <= ord(char) <= 0x24F
    return True


def _changes(before: str, after: str) -> Repairs:
    repairs = Repairs()
    old_lines, new_lines = before.splitlines(), after.splitlines()
    if len(old_lines) != len(new_lines):
        return Repairs(1, [])
    for old, new in zip(old_lines, new_lines, strict=True):
        if old == new:
            continue
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                repairs.count += 1
                if old[i1:i2] and new[j1:j2]:
                    repairs.examples.append((old[i1:i2], new[j1:j2]))
    return repairs
