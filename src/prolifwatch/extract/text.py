"""Small text helpers shared by the components: sentences, case, words."""
from __future__ import annotations

import re
import string
from collections.abc import Iterator

from .prefilter import finditer_from

# A sentence ends at . ! ? followed by space and a capital, a quote or a
# list dash, or at a blank line; initials ("U.S.", "M/V", "Nov.") and
# numbered paragraph heads ("1.") do not end one.  A name blacked out by the
# releaser begins one as a capital does ("Arrangement. xxxxxxxxxxxx, Aceros supplied").
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?(?:[A-Z0-9-]|x{4}))|\n\s*\n|\n(?=--)|(?<=\S)\s+(?=-- )")
# Initials and abbreviations before a boundary; the longest ("Sept.") needs
# eight characters of context with the one before it and a final line break.
_ABBREVIATION_BEFORE = re.compile(
    r"(?:\b(?:[A-Z]|U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Amb|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|No|Co|Corp|Inc|Ltd|Jr|St|Para|para|Ref|REF|[A-Z]\.[A-Z])\.|\(\w\)\.)$"
)
_ABBREVIATION_CONTEXT = 8
_NUMBERED_HEAD = re.compile(r"\W*\d+\.\n?")  # a sentence so far that is only "12."
# Where a boundary can start: after . ! ? (before quotes and a space), at a
# line break before a blank line or "--"; before " -- " (found by str.find).
_BOUNDARY_CUE = re.compile(r"[.!?](?=[\"')\]]*\s)|\n(?=\s*\n|--)")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, whitespace trimmed."""
    start = 0
    for match in finditer_from(_BOUNDARY, text, _boundary_starts(text)):
        if _no_break_before(text, start, match.start()):
            continue
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _boundary_starts(text: str) -> list[int]:
    """Every position where _BOUNDARY could match (and some where it cannot)."""
    starts = [m.start() if text[m.start()] == "\n" else m.end() for m in _BOUNDARY_CUE.finditer(text)]
    dash = text.find("-- ")
    while dash >= 0:
        space = dash
        while space > 0 and text[space - 1].isspace():
            space -= 1
        if space < dash:
            starts.append(space)
        dash = text.find("-- ", dash + 1)
    return starts


def _no_break_before(text: str, start: int, end: int) -> bool:
    """The sentence so far, text[start:end], ends in an initial or abbreviation or is a numbered head.

    Only its last characters can hold an abbreviation, so only they are searched.
    """
    tail = text[max(start, end - _ABBREVIATION_CONTEXT) : end]
    return bool(_ABBREVIATION_BEFORE.search(tail) or _NUMBERED_HEAD.fullmatch(text, start, end))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def is_all_caps(text: str) -> bool:
    """True for the upper-case cables common before 2005 (few lower-case letters)."""
    head = text[:4000].encode("ascii", "ignore")  # only ASCII letters count
    # deleting the letters and comparing lengths counts them in C
    upper = len(head) - len(head.translate(None, _UPPER))
    lower = len(head) - len(head.translate(None, _LOWER))
    if upper + lower < 20:
        return False
    return lower / (upper + lower) < 0.05


_UPPER = string.ascii_uppercase.encode()
_LOWER = string.ascii_lowercase.encode()


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def bounded(text: str, start: int, end: int) -> bool:
    """The span is a whole word sequence: no letter or digit glued on either side."""
    return (start == 0 or not is_word_char(text[start - 1])) and (end >= len(text) or not is_word_char(text[end]))


def slug(text: str) -> str:
    """"Iran Air" -> "iran-air": the text part of a key."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))
