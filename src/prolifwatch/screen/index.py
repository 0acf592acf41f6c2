"""Candidate generation: an inverted index from name keys to list entries.

Scoring every entry with a full matcher costs ~0.3 ms a pair, far too slow
for 50,000 entries, so the index picks a short list first.  Each key is
weighted by its inverse document frequency: a query sharing only "Korea" and
"Corporation" with an entry ranks below one sharing "Ryonbong".  Keys so
common that their postings would dominate the time ("company", "trading")
are looked up only when the query has too few rarer keys.

Many entries can share the same keys ("Guangzhou Huaxin ... Company"), and a
typo makes a word's key miss, so the best candidates by key weight are
re-ranked by edit-distance similarity of the whole normalised name, a Rust
call of about a microsecond.
"""
from __future__ import annotations

import heapq
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import itemgetter

from ..knowledge.lists import ListEntry
from rigour.text.distance import levenshtein

from .keys import name_keys, name_tokens

# A key found in more than this share of entries is skipped when rarer keys exist.
COMMON_SHARE = 0.02
MIN_RARE_KEYS = 2
POOL = 20  # candidates by key weight that are re-ranked by edit distance


def normalised(name: str) -> str:
    return " ".join(name_tokens(name))


def similarity(left: str, right: str) -> float:
    if not left or not right:
        return 0.0
    return 1.0 - levenshtein(left, right) / max(len(left), len(right))


class CandidateIndex:
    def __init__(self, entries: Sequence[ListEntry]):
        postings: dict[str, list[int]] = defaultdict(list)
        identifiers: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._texts = [tuple(dict.fromkeys(normalised(n.text) for n in entry.names)) for entry in entries]
        for number, entry in enumerate(entries):
            keys: set[str] = set()
            for name in entry.names:
                keys |= name_keys(name.text)
            for key in keys:
                postings[key].append(number)
            for identifier in entry.identifiers:
                identifiers[(identifier.kind, identifier.value.upper())].append(number)
        self.size = len(entries)
        # array('I') keeps 4 bytes a posting instead of a Python int object's 28
        self._postings = {key: array("I", numbers) for key, numbers in postings.items()}
        self._identifiers = {key: tuple(numbers) for key, numbers in identifiers.items()}
        self._common = max(50, int(self.size * COMMON_SHARE))

    def idf(self, key: str) -> float:
        found = self._postings.get(key)
        return math.log(1 + self.size / len(found)) if found else 0.0

    def by_identifier(self, kind: str, value: str) -> tuple[int, ...]:
        return self._identifiers.get((kind, value.upper()), ())

    def candidates(self, names: Iterable[str], limit: int = 10) -> list[tuple[int, float]]:
        """Entries sharing the rarest keys with any of ``names``, best first, with a 0..1 score: the mean of
        the share of the query's key weight they hold and the edit-distance similarity of the names."""
        names = list(names)
        keys: set[str] = set()
        for name in names:
            keys |= name_keys(name)
        found = sorted((len(p), key, p) for key in keys if (p := self._postings.get(key)) is not None)
        if not found:
            return []
        total = sum(self.idf(key) for key in keys if key in self._postings) or 1.0
        scores: dict[int, float] = defaultdict(float)
        for used, (count, key, numbers) in enumerate(found):
            if count > self._common and used >= MIN_RARE_KEYS:
                break
            weight = math.log(1 + self.size / count)
            for number in numbers:
                scores[number] += weight
        pool = heapq.nlargest(max(POOL, limit), scores.items(), key=itemgetter(1))
        texts = [normalised(name) for name in names]
        ranked = [(number, (score / total + max(similarity(t, o) for t in texts for o in self._texts[number])) / 2)
                  for number, score in pool]
        return heapq.nlargest(limit, ranked, key=itemgetter(1))
