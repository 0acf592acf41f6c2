"""A whole cable lower-cased for case-blind searches of ASCII words, cheaply.

``str.lower()`` of a text that is not pure ASCII (most cables hold a "¶" or a
curly quote) walks the Unicode tables for every character: about 40 us per
11 KB cable, paid by each field that looked for a word in any case.
Encoding to Latin-1 and lowering bytes gives the same hits, at the same
offsets, in a fraction of that (Latin-1, not ASCII: most cables are stored
one byte a character, and encoding those to Latin-1 is a plain copy).
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["ascii_lowered"]

_KELVIN_SIGN = "\u212a"  # the one non-ASCII character whose lower() is ASCII ("k")
_DOTTED_CAPITAL_I = "\u0130"  # the one character whose lower() is two characters


# parse_cable asks for this several times per cable; str hashes are cached.
@lru_cache(maxsize=16)
def ascii_lowered(text: str) -> bytes | None:
    """``text.lower()`` as seen by a search for an ASCII word.

    One byte per character of ``text``: ASCII letters lower-cased, every other
    character that does not lower to ASCII a byte that is not ASCII (itself,
    if in Latin-1) or a "?".  So ``ascii_lowered(text).find(b"summary", i, j)``
    equals ``text.lower().find("summary", i, j)``.  None when ``text.lower()``
    is longer than ``text`` (offsets would not map).
    """
    if _KELVIN_SIGN in text or _DOTTED_CAPITAL_I in text:
        lowered = text.lower()
        if len(lowered) != len(text):
            return None
        return lowered.encode("latin-1", "replace")
    return text.encode("latin-1", "replace").lower()
