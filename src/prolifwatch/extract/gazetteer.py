"""Find knowledge-base names in text with one Aho-Corasick pass.

Matching is case-insensitive so it works on ALL-CAPS cables, with two guards
for mixed-case text, where case carries meaning: short all-capital aliases
(``DIO``, ``PRC``, ``US``) must match as printed, and names must start with a
capital letter (so "chinese" in a URL or "sun" the star do not match).
"""
from __future__ import annotations

import codecs
from collections.abc import Iterable

import ahocorasick

from ..knowledge import Name
from .mention import Mention
from .prefilter import fold
from .text import bounded, is_word_char


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


_POSSESSIVE_MIN = 3  # "Irans", "MFAs": names this long or longer may have lost their apostrophe


_ASCII_WORD_GAPS = bytes(c if is_word_char(chr(c)) else ord(" ") for c in range(256))
_NON_ASCII_WORD = "_"  # what a letter such as "é" becomes in word_gaps()


def _non_ascii_gaps(error: UnicodeEncodeError) -> tuple[str, int]:
    # cables hold a few non-ASCII characters ("¶", curly quotes), so this runs rarely
    run = error.object[error.start : error.end]
    return "".join(_NON_ASCII_WORD if is_word_char(c) else " " for c in run), error.end


codecs.register_error("prolifwatch-word-gaps", _non_ascii_gaps)


# Non-ASCII punctuation most cables hold ("¶3.", curly quotes): replaced before the
# encoder sees them, which spares a call of the error handler per occurrence.
_COMMON_NON_ASCII_GAPS = ("¶", "’", "”", "“", "‘")


def word_gaps(text: str) -> str:
    """``text`` (same length) with a space for every character that is not a word
    character, and "_" for every non-ASCII one that is: where words start and end
    is all a search in it sees, and the encoder and a byte table do it in C."""
    if not text.isascii():
        for gap in _COMMON_NON_ASCII_GAPS:
            text = text.replace(gap, " ")
    return text.encode("ascii", "prolifwatch-word-gaps").translate(_ASCII_WORD_GAPS).decode("ascii")


def _automaton(words: dict[str, object]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def _whole_word_keys(entries: dict[str, tuple]) -> dict[str, tuple[int, tuple]]:
    """Names as " " + word_gaps(name) + " ", and as " " + word_gaps(name) + "s " for
    the possessive without its apostrophe, to be searched in " " + word_gaps(text) + " ":
    a name then matches only as a whole word, which skips the many short names
    found inside words ("us" in "thus", "iran" in "iranian").  Spellings that
    differ only in their punctuation or non-ASCII letters share a key, so a
    match is checked against them; a key holds (name length, spellings) pairs."""
    keys: dict[str, dict[int, dict[str, tuple]]] = {}
    for folded, of in entries.items():
        gaps = " " + word_gaps(folded)
        keys.setdefault(gaps + " ", {}).setdefault(len(folded), {})[folded] = of
        if len(folded) >= _POSSESSIVE_MIN:
            keys.setdefault(gaps + "s ", {}).setdefault(len(folded), {})[folded] = of
    return {key: (len(key) - 1, tuple(by_length.items())) for key, by_length in keys.items()}


class WholeWords:
    """One whole-word pass over a text for several gazetteers (the pass costs more
    than what each does with its matches): a key holds, for each gazetteer,
    its (name length, spellings) pairs or None.  The last texts' matches are
    remembered, as every gazetteer asks about the same paragraphs in turn."""

    _REMEMBERED = 256

    def __init__(self, entries_of: list[dict[str, tuple]]):
        keys_of = [_whole_word_keys(entries) for entries in entries_of]
        self._automaton = ahocorasick.Automaton()
        for key in {key for keys in keys_of for key in keys}:
            self._automaton.add_word(key, (len(key) - 1, tuple(keys[key][1] if key in keys else None for keys in keys_of)))
        self._automaton.make_automaton()
        self._recent: dict[str, list] = {}

    def matches(self, folded: str) -> list[tuple[int, tuple]]:
        """(last character, (key end, per gazetteer pairs)) of every key in " " + word_gaps(folded) + " "."""
        found = self._recent.get(folded)
        if found is None:
            if len(self._recent) >= self._REMEMBERED:
                self._recent.clear()
            found = self._recent[folded] = list(self._automaton.iter(" " + word_gaps(folded) + " "))
        return found


def shared(*gazetteers: Gazetteer) -> tuple[Gazetteer, ...]:
    """The gazetteers, searching each text with one whole-word pass between them
    (before they search any, as one they built alone is replaced)."""
    scan = WholeWords([g._entries for g in gazetteers])
    for slot, g in enumerate(gazetteers):
        g._whole_words, g._slot = scan, slot
    return gazetteers


class Gazetteer:
    def __init__(self, names: Iterable[Name], *, source: str = "gazetteer", confidence: float = 0.95,
                 proper_nouns: bool = True):
        self.source = source
        self.confidence = confidence
        self.proper_nouns = proper_nouns
        found: dict[str, list[Name]] = {}
        for name in names:
            folded = name.text.strip().lower()
            if len(folded) >= 2:
                found.setdefault(folded, []).append(name)
        # whether a name is an acronym is known now, not at every match
        self._entries = {folded: tuple((e, _is_acronym(e.text)) for e in entries) for folded, entries in found.items()}
        self._empty = not found
        # built the first time a text needs it, unless shared() gives one
        self._whole_words: WholeWords | None = None
        self._slot = 0  # this gazetteer's place in the pairs of _whole_words
        self._anywhere: ahocorasick.Automaton | None = None  # built the first time a text needs it

    def _spans(self, text: str, folded: str) -> list[tuple[int, int, tuple[tuple[Name, bool], ...]]]:
        """(start, end, entries) of every name in ``folded`` standing as a word (or a
        possessive) in ``text``, in order of end, the longest first."""
        if len(folded) != len(text):
            return self._spans_anywhere(text, folded)
        if self._whole_words is None:
            self._whole_words = WholeWords([self._entries])
        spans = []
        slot = self._slot
        for last, (key_end, of) in self._whole_words.matches(folded):
            by_length = of[slot]
            if by_length is None:  # a name of another gazetteer
                continue
            # the key opens one character before the name (the text gained a space in front)
            start = last - key_end
            for length, spellings in by_length:
                entries = spellings.get(folded[start : start + length])
                if entries is not None:
                    spans.append((start, start + length, entries))
        # a possessive key ends one character after its name: back to the order of name ends
        spans.sort(key=lambda span: (span[1], span[0]))
        return spans

    def _spans_anywhere(self, text: str, folded: str) -> list[tuple[int, int, tuple[tuple[Name, bool], ...]]]:
        # lower() lengthened the text ("İ"): folded offsets are not text offsets, so
        # every occurrence is tried against the text as it is
        if self._anywhere is None:
            self._anywhere = _automaton({folded: (len(folded), entries) for folded, entries in self._entries.items()})
        spans = []
        for last, (length, entries) in self._anywhere.iter(folded):
            start, end = last - length + 1, last + 1
            if bounded(text, start, end) or self._possessive_s(text, start, end):
                spans.append((start, end, entries))
        return spans

    def __call__(self, text: str, *, all_caps: bool = False, folded: str | None = None, offset: int = 0,
                 paragraph: int = -1) -> list[Mention]:
        """Names in ``text``; ``folded`` is ``fold(text)`` when the caller has it already.
        Mentions are placed at ``offset`` + their place in ``text``, in ``paragraph``
        (built where they belong: a document holds a hundred names, each worth one object less)."""
        if self._empty:
            return []
        mentions = []
        # a name broken over two lines is still the name: fold the break to a space (same length)
        for start, end, entries in self._spans(text, fold(text) if folded is None else folded):
            surface = text[start:end]
            entry = self._pick(entries, surface, all_caps)
            if entry is None:
                continue
            mentions.append(
                Mention(entry.type, surface, start + offset, end + offset, entry.key, self.confidence, self.source,
                        paragraph, {"role": entry.role} if entry.role != "name" else {})
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
            and end - start >= _POSSESSIVE_MIN
        )
