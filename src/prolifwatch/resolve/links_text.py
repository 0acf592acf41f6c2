"""Sentences of a paragraph, with offsets, for evidence spans.

A simple splitter is enough here: evidence is a sentence around a match, and
the only traps in news and cable prose are abbreviations ("Nov. 3", "U.S.
Embassy", "Mr. Liu"), kept as data in ``data/links_abbreviations.txt``.
"""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple
from ..datafiles import data_lines

# A candidate end: . ! or ? (with closing quotes/brackets), then space, then
# something that can start a sentence.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“'‘(\[]?[A-Z0-9¶-])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


class Sentence(NamedTuple):
    start: int  # offsets into the text given to ``sentences`` plus its base
    end: int
    text: str


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(data_lines(__package__, "links_abbreviations.txt"))


def _is_abbreviation(before: str) -> bool:
    m = _LAST_WORD.search(before)
    if m is None:
        return False
    word = m[1]
    # "U.S.", "D.C.", initials "J." -- letters separated by stops.
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):
        return True
    return word.lower() in _abbreviations()


def sentences(text: str, base: int = 0) -> list[Sentence]:
    """Split ``text`` into sentences; offsets are ``base`` + position in ``text``."""
    out: list[Sentence] = []
    cut = 0
    for m in _END.finditer(text):
        if text[m.start()] == "." and _is_abbreviation(text[max(0, m.start() - 40) : m.start() + 1]):
            continue
        _append(out, text, cut, m.end(), base)
        cut = m.end()
    _append(out, text, cut, len(text), base)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, base: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(base + start, base + end, text[start:end]))


def sentence_at(text: str, position: int, base: int = 0) -> Sentence:
    """The sentence of ``text`` holding ``position`` (an offset into ``text``)."""
    for sentence in sentences(text, base):
        if sentence.start - base <= position < sentence.end - base:
            return sentence
    return Sentence(base, base + len(text), text)
