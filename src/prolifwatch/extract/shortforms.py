"""Find a document's short names ("Liu" for "AFM Liu Jieyi") in its paragraphs.

The names change with every document, so a regular expression alternating
them would be compiled per document; an Aho-Corasick automaton is cheaper to
build and lists every place a name occurs in one pass.  :class:`ShortForms`
then picks among those places the matches that
``re.finditer(r"\\b(name1|name2|...)(?:s\\b|\\b)")`` (names longest first)
would give.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import ahocorasick

from .text import is_word_char


def _is_word_at(text: str, i: int) -> bool:
    # like re's \w, with nothing (a word boundary) outside the text
    return 0 <= i < len(text) and is_word_char(text[i])


def _boundary(text: str, i: int) -> bool:
    """re's ``\\b`` at ``i``."""
    return _is_word_at(text, i - 1) != _is_word_at(text, i)


class ShortForms:
    def __init__(self, names: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for name in names:
            self._automaton.add_word(name, len(name))
        self._automaton.make_automaton()

    def matches(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end of the name, end of the match with a plural "s") of each match, in order."""
        lengths_at: dict[int, list[int]] = {}
        for last, length in self._automaton.iter(text):
            lengths_at.setdefault(last - length + 1, []).append(length)
        taken_until = 0
        for start in sorted(lengths_at):
            if start < taken_until or not _boundary(text, start):
                continue
            found = self._longest_at(text, start, lengths_at[start])
            if found is not None:
                taken_until = found[1]
                yield start, start + found[0], found[1]

    @staticmethod
    def _longest_at(text: str, start: int, lengths: list[int]) -> tuple[int, int] | None:
        """(name length, match end) of the longest name at ``start`` that ends a word, as the regex tries them."""
        for length in sorted(lengths, reverse=True):
            end = start + length
            if end < len(text) and text[end] == "s" and _boundary(text, end + 1):
                return length, end + 1
            if _boundary(text, end):
                return length, end
        return None
