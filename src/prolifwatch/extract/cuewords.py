"""Lists of cue words, searched like compiled patterns but tried only where
an Aho-Corasick pass finds a word that opens one of their entries.

A list compiles to ``(?<![\\w-])(?:entry|entry ...)(?![\\w-])``.  Python's ``re``
tries a pattern that opens with a look-behind, and all its entries, at every
character; the event finders search each sentence with a dozen such lists,
which made them the slowest part of the cheap pass.  Every entry opens with a
known word (its key), so an Aho-Corasick pass finds where the list could
match, and the pattern is tried there only: the same matches as a full scan.
The pass reads the text lower-cased, with every character that is neither a
letter, a digit, "_", "-" nor a space turned into a space, once for the keys
of all lists together (:class:`Prepared`); a key carries the space before its word, and the
space after it when the word must end there, so that "in" is looked for
where a word "in" can start, not inside "within".
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator

import ahocorasick

from .prefilter import finditer_from, fold, foldable


def phrase(word: str) -> str:
    """A phrase as a pattern: its words escaped, any spacing between them."""
    return r"\s+".join(re.escape(w) for w in str(word).split())


def _is_regex(word: str) -> bool:
    """Entries written as regular expressions ("report .* is false", "stop (?:a|the) shipment") are kept as such."""
    return ".*" in word or any(c in word for c in "\\([|?{")


def _cue_or_regex(word: str) -> str:
    return word if _is_regex(word) else phrase(word)


class Prepared:
    """Where the keys of every list that shares this object occur in a text,
    found by one Aho-Corasick pass over the text for all the lists together:
    the finders ask a dozen lists about one sentence (triggers, status,
    hedging ...), and a pass each cost more than the rest of their search.
    The last texts are remembered."""

    _REMEMBERED = 64

    def __init__(self) -> None:
        self._keys: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}  # by case_sensitive
        self._automata: dict[bool, ahocorasick.Automaton] = {}
        self._lists = 0
        self._recent: dict[tuple[str, bool], dict[int, list[int]] | _PartKeys | None] = {}

    def register(self, keys: list[str], case_sensitive: bool) -> int:
        """A list's keys; the number returned asks :meth:`starts` for that list."""
        number, self._lists = self._lists, self._lists + 1
        for key in keys:
            self._keys[case_sensitive].setdefault(key, []).append(number)
        self._automata.pop(case_sensitive, None)  # rebuilt with the new keys
        self._recent.clear()
        return number

    def starts(self, text: str, case_sensitive: bool, number: int) -> list[int] | None:
        """Where a key of list ``number`` opens in ``text`` (as the start of its word
        in ``text``), in order; None when the text cannot be scanned lower-cased."""
        if (text, case_sensitive) in self._recent:
            found = self._recent[(text, case_sensitive)]
        else:
            if len(self._recent) >= self._REMEMBERED:
                self._recent.clear()
            found = self._recent[(text, case_sensitive)] = self._scan(text, case_sensitive)
        return None if found is None else found.get(number, [])

    def parts(self, text: str, spans: list[tuple[int, int]]) -> None:
        """``text[start:end]`` of each span will be searched: its keys are those of ``text``
        already found inside the span, when the span is cut at spaces or at characters
        other than letters, digits, "_" and "-" (as sentences are)."""
        # a text not scanned yet (or not scannable) leaves each part to be scanned alone
        wholes = {key: found for key in ((text, False), (text, True)) if (found := self._recent.get(key)) is not None}
        if not wholes or len(wholes) * (len(spans) + 1) > self._REMEMBERED:
            return
        if len(self._recent) + len(wholes) * len(spans) > self._REMEMBERED:
            self._recent = dict(wholes)  # room for the parts, as starts() makes when full
        for (_, case_sensitive), whole in wholes.items():
            for start, end in spans:
                self._recent.setdefault((text[start:end], case_sensitive), _PartKeys(whole, start, end))

    def _scan(self, text: str, case_sensitive: bool) -> dict[int, list[int]] | None:
        scanned = _prepare(text, case_sensitive)
        if scanned is None:
            return None
        automaton = self._automata[case_sensitive] if case_sensitive in self._automata else self._build(case_sensitive)
        found: dict[int, list[int]] = {}
        # a key ends at its word's first letter + 1 in ``scanned``, at its word's start in ``text``
        for last, (length, numbers) in automaton.iter(scanned):
            for number in numbers:
                found.setdefault(number, []).append(last - length + 1)
        for starts in found.values():
            starts.sort()  # reported in order of end, and a longer key may start earlier
        return found

    def _build(self, case_sensitive: bool) -> ahocorasick.Automaton:
        automaton = self._automata[case_sensitive] = ahocorasick.Automaton()
        for key, numbers in self._keys[case_sensitive].items():
            automaton.add_word(key, (len(key), tuple(numbers)))
        automaton.make_automaton()
        return automaton


class _PartKeys:
    """The key starts of a part of a scanned text, taken from the whole's when a list asks."""

    def __init__(self, whole: dict[int, list[int]] | _PartKeys, start: int, end: int):
        self._whole, self._start, self._end = whole, start, end
        self._by_list: dict[int, list[int]] = {}

    def get(self, number: int, default: list[int]) -> list[int]:
        starts = self._by_list.get(number)
        if starts is None:
            at = self._whole.get(number, default)
            starts = self._by_list[number] = [
                s - self._start for s in at[bisect_left(at, self._start) : bisect_left(at, self._end)]]
        return starts


def _prepare(text: str, case_sensitive: bool) -> str | None:
    scanned = text
    if not case_sensitive:
        scanned = fold(text)
        if not foldable(text, scanned):
            return None
    return " " + word_spaced(scanned) + " "


_NOT_WORD = re.compile(r"[^\w -]")


def word_spaced(text: str) -> str:
    """``text`` with every character that cannot stand in or next to a cue word's key turned into a space."""
    return _NOT_WORD.sub(" ", text)


def _without_longer(keys: set[str]) -> list[str]:
    return [k for k in keys if not any(k != other and k.startswith(other) for other in keys)]


class Words:
    """Any of ``entries`` as a whole word or phrase (a hyphen binds words);
    ``search`` and ``finditer`` give what the compiled ``pattern`` gives."""

    def __init__(self, entries: list[str], prepared: Prepared, *, case_sensitive: bool = False):
        entries = [str(e) for e in entries]
        flags = 0 if case_sensitive else re.I
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(_cue_or_regex, entries)) + r")(?![\w-])", flags)
        self.case_sensitive = case_sensitive
        self._prepared = prepared
        keys = {" " + word_spaced(k if case_sensitive else fold(k)) for entry in entries for k in _keys(entry)}
        # " ship" finds every start " shipped" would
        self._number = prepared.register(_without_longer(keys), case_sensitive)

    def starts(self, text: str) -> list[int] | None:
        """Where a match could start, in order; None when the text cannot be scanned lower-cased.
        A part of ``text`` that has none of them holds no match when searched alone, if
        it is cut at spaces or at characters other than letters, digits, "_" and "-"."""
        return self._prepared.starts(text, self.case_sensitive, self._number)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        # a key's trailing space stands for the boundary after its word, which endpos may move
        starts = self.starts(text if endpos >= len(text) else text[:endpos])
        if starts is None:
            return self.pattern.search(text, pos, endpos)
        for start in starts:
            if start >= endpos:
                break
            if start >= pos and (match := self.pattern.match(text, start, endpos)):
                return match
        return None

    def finditer(self, text: str) -> Iterator[re.Match]:
        starts = self.starts(text)
        return self.pattern.finditer(text) if starts is None else finditer_from(self.pattern, text, starts)


# A regular-expression entry's opening: literal characters, or a group of literal alternatives.
_LITERAL_RUN = re.compile(r"[^\\.^$*+?{}\[\]()|]*")
_LEADING_GROUP = re.compile(r"\(\?:([^\\.^$*+?{}\[\]()]+)\)(?![?*{])")


def _keys(entry: str) -> list[str]:
    """The words one of which opens every match of ``entry``, with the space
    after the word when a space or the end of the match must follow it.

    Raises ValueError for an entry that opens otherwise, so that such a cue
    is noticed when the cues are loaded instead of never being found.
    """
    if not _is_regex(entry):
        return [entry.split()[0] + " "]
    if _top_level_alternation(entry):
        raise ValueError(f"cue {entry!r}: write each alternative as its own entry")
    literal = _LITERAL_RUN.match(entry).group()
    if entry[len(literal) : len(literal) + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # the quantifier makes the last character optional
    if literal:
        return [_first_word(literal, entry)]
    group = _LEADING_GROUP.match(entry)
    if group is None:
        raise ValueError(f"cue {entry!r}: must open with a word or a group of words")
    return [_first_word(alternative, entry) for alternative in group.group(1).split("|")]


def _first_word(literal: str, entry: str) -> str:
    word = re.match(r"\S*\s?", literal).group()
    if not word.strip():
        raise ValueError(f"cue {entry!r}: must open with a word, not a space")
    return word[:-1] + " " if word[-1].isspace() else word


def _top_level_alternation(regex: str) -> bool:
    depth = 0
    for ch in re.sub(r"\\.|\[[^\]]*\]", "", regex):  # escapes and classes hold no grouping
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            return True
    return False
