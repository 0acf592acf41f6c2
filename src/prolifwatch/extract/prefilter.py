"""Run a regular expression only where it could match.

Python's ``re`` tries a pattern that opens with a look-behind at every
position of the text, which makes the pattern finders the slowest part of the
cheap pass.  Most patterns cannot match without a cue word (a title, "vessel",
a unit), and an Aho-Corasick pass finds those in C.  :class:`CueScan` lists
where the cue words are; the finder turns them into the positions where a match
could start, and :func:`finditer_from` tries the pattern there only, giving the
same matches as ``pattern.finditer(text)``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import ahocorasick

# Characters that re.IGNORECASE matches with an ASCII letter although their
# lower case is not that letter ("ſ" matches "s"): a cue search on lower-cased
# text would miss them, so texts holding one are scanned in full.
IGNORECASE_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")


def fold(text: str) -> str:
    """Lower case, line breaks as spaces: a name broken over two lines is still the name."""
    return text.lower().replace("\n", " ")


def foldable(text: str, folded: str) -> bool:
    """Offsets in ``folded`` are offsets in ``text``, and an IGNORECASE pattern
    needs nothing that lower-casing hides."""
    if text.isascii():
        return True
    return len(folded) == len(text) and not any(c in text for c in IGNORECASE_LOOKALIKES)


class CueScan:
    """Where the cue words of several patterns occur, in one Aho-Corasick pass.

    ``cues`` maps a label to its words; :meth:`hits` gives, per label, the
    (start, end) of every occurrence, in order of end.  Matching is exact, so
    search the folded text for case-insensitive cues.  ``printed`` cues must
    match as printed but are looked for in the folded text too, so that one
    pass serves both kinds: a text then gives its printed form to :meth:`hits`.
    """

    def __init__(self, cues: Mapping[str, Iterable[str]], printed: Mapping[str, Iterable[str]] | None = None):
        printed = printed or {}
        if set(cues) & set(printed):
            raise ValueError("a label is either printed or not")
        spellings: dict[str, dict[str, set[str]]] = {}  # word as searched -> label -> the spellings that count
        for label, words in printed.items():
            for word in words:
                spellings.setdefault(fold(word), {}).setdefault(label, set()).add(word)
        labels: dict[str, dict[str, set[str] | None]] = {word: dict(of) for word, of in spellings.items()}
        for label, words in cues.items():
            for word in words:
                labels.setdefault(word, {})[label] = None  # any spelling
        self.labels = (*cues, *printed)
        self._automaton = ahocorasick.Automaton()
        for word, of in labels.items():
            self._automaton.add_word(word, (len(word), tuple(sorted(of.items()))))
        self._automaton.make_automaton()

    def hits(self, text: str, printed: str | None = None) -> dict[str, list[tuple[int, int]]]:
        """``printed``: the text as printed, when ``text`` is its folded form (same offsets)."""
        found: dict[str, list[tuple[int, int]]] = {label: [] for label in self.labels}
        for last, (length, labels) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            for label, spellings in labels:
                if spellings is None or (printed is not None and printed[start:end] in spellings):
                    found[label].append((start, end))
        return found


def finditer_from(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts``.

    ``pattern.match(text, i)`` sees the text before ``i``, so look-behinds hold
    as in a full scan; skipping starts inside the last match keeps matches
    from overlapping, as ``finditer`` does.  The pattern must not match the
    empty string.
    """
    end = 0
    for start in sorted(set(starts)):
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            yield match
            end = match.end()


_GAP = " \n"


def token_before(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the run of non-space characters before the spaces and
    line breaks that end at ``position``; (position, position) if there is none."""
    end = position
    while end > 0 and text[end - 1] in _GAP:
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in _GAP:
        start -= 1
    return start, end

