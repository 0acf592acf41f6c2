"""Bytes to text without ever failing.

Cables circulate as UTF-8, Windows-1252 (the ``¶`` sign is byte 0xB6 in the
PDF-to-text files) and Latin-1.  We decode strictly as UTF-8 first and fall
back to Windows-1252, mapping the five bytes it leaves undefined to their
Latin-1 code points so that nothing is dropped.

Text saved by Windows tools is often UTF-16 (or, rarely, UTF-32), with or
without a byte-order mark; :func:`wide_encoding` recognises it so that it is
read as text, not refused as binary.
"""
from __future__ import annotations

import codecs

_BOM = codecs.BOM_UTF8
_TEXT_CONTROL = {9, 10, 12, 13}


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("latin-1"), error.end


codecs.register_error("prolifwatch-latin1", _latin1_fallback)


# Longest first: the UTF-32LE mark begins with the UTF-16LE one.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a mark: which byte of each code unit is NUL in mostly-Latin text.
_NUL_PATTERNS = (
    ("utf-32-le", 4, (1, 2, 3)),
    ("utf-32-be", 4, (0, 1, 2)),
    ("utf-16-le", 2, (1,)),
    ("utf-16-be", 2, (0,)),
)
_SAMPLE = 4096


def wide_encoding(data: bytes) -> str | None:
    """``"utf-16-le"`` and the like for UTF-16/32 text, else None.

    With a byte-order mark the mark decides.  Without one, text in a Latin
    script shows a NUL in the same place(s) of nearly every code unit and in
    no other place; binary data (PDF, images, archives) does not, and what
    decodes from 16-bit numbers that happen to fit the pattern is control
    characters, which :func:`looks_binary` then refuses.
    """
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom) and _decodes_to_text(data[len(bom) :], encoding):
            return encoding
    sample = data[:_SAMPLE]
    if b"\x00" not in sample:  # every file read goes through here: most are plain text
        return None
    for encoding, width, nul_places in _NUL_PATTERNS:
        units = len(sample) // width
        if units < 2:
            continue
        nul_share = [sample[k : units * width : width].count(0) / units for k in range(width)]
        expected = all(nul_share[k] >= 0.7 for k in nul_places)
        elsewhere = all(nul_share[k] <= 0.02 for k in range(width) if k not in nul_places)
        if expected and elsewhere and _decodes_to_text(sample[: units * width], encoding):
            return encoding
    return None


def _decodes_to_text(data: bytes, encoding: str) -> bool:
    sample = data[: _SAMPLE - _SAMPLE % 4]
    text = sample.decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ord(ch) not in _TEXT_CONTROL)
    return "\x00" not in text and controls <= 0.05 * max(len(text), 1)


def to_utf8(data: bytes) -> bytes:
    """UTF-16/32 data re-encoded as UTF-8 (without its byte-order mark); other data as it is."""
    encoding = wide_encoding(data)
    if encoding is None:
        return data
    for bom, _ in _WIDE_BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    return data.decode(encoding, errors="replace").encode("utf-8")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` with newlines normalised to ``\\n``."""
    if (wide := wide_encoding(data)) is not None:
        text = to_utf8(data).decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n"), wide
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="prolifwatch-latin1"), "cp1252"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def looks_binary(head: bytes) -> bool:
    """True for data that is not text in any encoding we read (images, archives, junk).

    A NUL byte never occurs in the text layouts; otherwise more than 5% of
    C0 control characters in the sample marks binary content.
    """
    if not head:
        return False
    if wide_encoding(head) is not None:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROL)
    return controls / len(head) > 0.05
