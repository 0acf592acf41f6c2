"""Bytes to text without ever failing.

Cables circulate as UTF-8, Windows-1252 (the ``¶`` sign is byte 0xB6 in the
PDF-to-text files) and Latin-1.  We decode strictly as UTF-8 first and fall
back to Windows-1252, mapping the five bytes it leaves undefined to their
Latin-1 code points so that nothing is dropped.
"""
from __future__ import annotations

import codecs

_BOM = codecs.BOM_UTF8


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("latin-1"), error.end


codecs.register_error("prolifwatch-latin1", _latin1_fallback)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` with newlines normalised to ``\\n``."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="prolifwatch-latin1"), "cp1252"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


_TEXT_CONTROL = {9, 10, 12, 13}


def looks_binary(head: bytes) -> bool:
    """True for data that is not text in any encoding we read (images, archives, junk).

    A NUL byte never occurs in the text layouts; otherwise more than 5% of
    C0 control characters in the sample marks binary content.
    """
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROL)
    return controls / len(head) > 0.05
