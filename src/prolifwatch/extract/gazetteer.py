"""Find knowledge-base names in text with one Aho-Corasick pass.

Matching is case-insensitive so it works on ALL-CAPS cables, with two guards
for mixed-case text, where case carries meaning: short all-capital aliases
(``DIO``, ``PRC``, ``US``) must match as printed, and names must start with a
capital letter (so "chinese" in a URL or "sun" the star do not match).
"""
from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from ..knowledge import Name
from .mention import Mention
from .prefilter import fold
from .text import bounded, is_word_char


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


class Gazetteer:
    def __init__(self, names: Iterable[Name], *, source: str = "gazetteer", confidence: float = 0.95,
                 proper_nouns: bool = True):
        self.source = source
        self.confidence = confidence
        self.proper_nouns = proper_nouns
        self._automaton = ahocorasick.Automaton()
        found: dict[str, list[Name]] = {}
        for name in names:
            folded = name.text.strip().lower()
            if len(folded) >= 2:
                found.setdefault(folded, []).append(name)
        for folded, entries in found.items():
            # whether a name is an acronym is known now, not at every match
            self._automaton.add_word(folded, (len(folded), tuple((e, _is_acronym(e.text)) for e in entries)))
        self._empty = not found
        if found:
            self._automaton.make_automaton()

    def __call__(self, text: str, *, all_caps: bool = False, folded: str | None = None) -> list[Mention]:
        """Names in ``text``; ``folded`` is ``fold(text)`` when the caller has it already."""
        if self._empty:
            return []
        mentions = []
        # a name broken over two lines is still the name: fold the break to a space (same length)
        for last, (length, entries) in self._automaton.iter(fold(text) if folded is None else folded):
            start, end = last - length + 1, last + 1
            if not bounded(text, start, end) and not self._possessive_s(text, start, end):
                continue
            surface = text[start:end]
            entry = self._pick(entries, surface, all_caps)
            if entry is None:
                continue
            mentions.append(
                Mention(entry.type, surface, start, end, key=entry.key, confidence=self.confidence,
                        source=self.source, attributes={"role": entry.role} if entry.role != "name" else {})
            )
        return mentions

    def _pick(self, entries: tuple[tuple[Name, bool], ...], surface: str, all_caps: bool) -> Name | None:
        for entry, acronym in entries:
            if all_caps:
                return entry
            if acronym:
                if surface == entry.text:
                    return entry
                continue
            if self.proper_nouns and not surface[0].isupper() and not surface[0].isdigit():
                continue
            return entry
        return None

    @staticmethod
    def _possessive_s(text: str, start: int, end: int) -> bool:
        # Some copies lost their apostrophes: "Irans lack", "MFAs Arms Control".
        return (
            (start == 0 or not is_word_char(text[start - 1]))
            and end + 1 <= len(text)
            and text[end] in "sS"
            and (end + 1 == len(text) or not is_word_char(text[end + 1]))
            and end - start >= 3
        )
