"""Lists of cue words, searched like compiled patterns but tried only where
an Aho-Corasick pass finds a word that opens one of their entries.

A list compiles to ``(?<![\\w-])(?:entry|entry ...)(?![\\w-])``.  Python's ``re``
tries a pattern that opens with a look-behind, and all its entries, at every
character; the event finders search each sentence with a dozen such lists,
which made them the slowest part of the cheap pass.  Every entry opens with a
known word (its key), so an Aho-Corasick pass finds where the list could
match, and the pattern is tried there only: the same matches as a full scan.
The pass reads the text lower-cased, with every character that is neither a
letter, a digit, "_", "-" nor a space turned into a space (the prepared text
is shared by all lists); a key carries the space before its word, and the
space after it when the word must end there, so that "in" is looked for
where a word "in" can start, not inside "within".
"""
from __future__ import annotations

import re
import sys
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
    """Texts as the keys are looked for in them, the last ones remembered:
    the finders ask about one sentence many times (triggers, status, hedging ...)."""

    _REMEMBERED = 64

    def __init__(self) -> None:
        self._recent: dict[tuple[str, bool], str | None] = {}

    def __call__(self, text: str, case_sensitive: bool) -> str | None:
        """``text`` to scan, with one space before and after (so a word at either end
        has its boundary too); None when it cannot be scanned lower-cased."""
        prepared = self._recent.get((text, case_sensitive), False)
        if prepared is False:
            if len(self._recent) >= self._REMEMBERED:
                self._recent.clear()
            prepared = self._recent[(text, case_sensitive)] = _prepare(text, case_sensitive)
        return prepared


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
        self._automaton = ahocorasick.Automaton()
        keys = {" " + word_spaced(k if case_sensitive else fold(k)) for entry in entries for k in _keys(entry)}
        for key in _without_longer(keys):  # " ship" finds every start " shipped" would
            self._automaton.add_word(key, len(key))
        self._automaton.make_automaton()

    def _starts(self, text: str) -> list[int] | None:
        """Where a match could start, in order; None when the text cannot be scanned lower-cased."""
        scanned = self._prepared(text, self.case_sensitive)
        if scanned is None:
            return None
        # a key ends at its word's first letter + 1 in ``scanned``, at its word's start in ``text``;
        # reported in order of end, and a longer key may start earlier
        return sorted([last - length + 1 for last, length in self._automaton.iter(scanned)])

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        # a key's trailing space stands for the boundary after its word, which endpos may move
        starts = self._starts(text if endpos >= len(text) else text[:endpos])
        if starts is None:
            return self.pattern.search(text, pos, endpos)
        for start in starts:
            if start >= endpos:
                break
            if start >= pos and (match := self.pattern.match(text, start, endpos)):
                return match
        return None

    def finditer(self, text: str) -> Iterator[re.Match]:
        starts = self._starts(text)
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
