"""Small text helpers shared by the components: sentences, case, words."""
from __future__ import annotations

import re
from collections.abc import Iterator

# A sentence ends at . ! ? followed by space and a capital, a quote or a
# list dash, or at a blank line; initials ("U.S.", "M/V", "Nov.") and
# numbered paragraph heads ("1.") do not end one.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9-])|\n\s*\n|\n(?=--)|(?<=\S)\s+(?=-- )")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:[A-Z]|U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Amb|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|No|Co|Corp|Inc|Ltd|Jr|St|Para|para|Ref|REF|[A-Z]\.[A-Z])\.|^\W*\d+\.|\(\w\)\.)$"
)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, whitespace trimmed."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        head = text[start : match.start()]
        if _NO_BREAK_BEFORE.search(head):
            continue
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def is_all_caps(text: str) -> bool:
    """True for the upper-case cables common before 2005 (few lower-case letters)."""
    head = text[:4000]
    upper, lower = len(_UPPER.findall(head)), len(_LOWER.findall(head))
    if upper + lower < 20:
        return False
    return lower / (upper + lower) < 0.05


_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def bounded(text: str, start: int, end: int) -> bool:
    """The span is a whole word sequence: no letter or digit glued on either side."""
    return (start == 0 or not is_word_char(text[start - 1])) and (end >= len(text) or not is_word_char(text[end]))


def slug(text: str) -> str:
    """"Iran Air" -> "iran-air": the text part of a key."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))
