"""Reading a writer's file as UTF-8 text, or saying exactly where and why it is not.

Records and Markdown pages are typed by people in every editor there is: some
save a byte-order mark, some CRLF line ends, some Latin-1 or UTF-16. A BOM and
CRLF are harmless and accepted; anything that would make the text mean
something else is refused once, at the line and column of the first bad byte,
with the fix (save the file as UTF-8). Columns count characters, as editors do.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from modelpress._internal.diagnostics import Diagnostic, Severity

__all__ = ["DecodedText", "decode_text", "read_text_file", "universal_newlines"]

_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass(frozen=True)
class DecodedText:
    """The file's text with line ends made ``\\n`` (``None`` if unusable), and why not."""

    text: str | None
    diagnostic: Diagnostic | None = None


def decode_text(raw: bytes, display: str) -> DecodedText:
    """Decode UTF-8 (BOM allowed), with CRLF and lone CR line ends turned into ``\\n``."""
    for bom, encoding in _UTF16_32_BOMS:
        if raw.startswith(bom):
            return _refused(
                display,
                1,
                1,
                f"the file is saved as {encoding}; save the file as UTF-8 (without a byte-order "
                "mark)",
            )
    body = raw.removeprefix(codecs.BOM_UTF8)  # positions below are in the body's bytes
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(body, exc.start)
        return _refused(
            display,
            line,
            col,
            f"byte 0x{body[exc.start]:02x} is not UTF-8; re-save the file with UTF-8 encoding",
        )
    text = universal_newlines(text)
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return _refused(
            display,
            line,
            col,
            "NUL byte (0x00): this is not a UTF-8 text file (UTF-16 without a byte-order "
            "mark, or binary data?); save the file as UTF-8",
        )
    return DecodedText(text)


def universal_newlines(text: str) -> str:
    """Line ends as MkDocs reads them (Python's text mode): CRLF and a lone CR are LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_text_file(path: Path, display: str) -> DecodedText:
    """:func:`decode_text` of the file's bytes; a file that cannot be read is a diagnostic."""
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            # A FIFO or a device (a link to /dev/zero) would never finish reading.
            raise OSError(f"{path.name} is not a regular file")
        raw = path.read_bytes()
    except OSError as exc:
        return DecodedText(
            None,
            Diagnostic(
                display,
                1,
                1,
                Severity.ERROR,
                "unreadable",
                f"cannot read the file: {exc.strerror or exc}",
            ),
        )
    return decode_text(raw, display)


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of byte ``offset`` (the bytes before it are UTF-8)."""
    line_start = max(raw.rfind(b"\n", 0, offset), raw.rfind(b"\r", 0, offset)) + 1
    line = raw.count(b"\n", 0, offset) + raw.count(b"\r", 0, offset) - raw.count(b"\r\n", 0, offset)
    prefix = raw[line_start:offset]
    return line + 1, len(prefix.decode("utf-8", errors="replace")) + 1


def _refused(display: str, line: int, col: int, message: str) -> DecodedText:
    return DecodedText(None, Diagnostic(display, line, col, Severity.ERROR, "not-utf8", message))
