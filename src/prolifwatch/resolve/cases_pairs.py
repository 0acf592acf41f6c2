"""Which transfers are compared, the scores of those that count, and the
union-find that merges them without stretching a case over years.

Blocks hold the transfers sharing a key; every two members of a block are a
candidate pair.  At 250,000 cables that is about 16 million pairs, most of
them found in several blocks, so they are kept as one sorted array of
``i * n + j`` codes (8 bytes a pair) rather than a set of tuples (over 100).

Scoring them in forked processes was measured and dropped: on the
250,000-cable store it took 300.6 s against 249.9 s in one process, the
children copying the parent's heap as they touched it (docs/benchmarks.md).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np

from .cases_dates import Interval


@lru_cache(maxsize=64)
def _upper_triangle(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, 1)


def candidate_pairs(blocks: Iterable[Sequence[int]], count: int, max_block: int) -> tuple[np.ndarray, int]:
    """The distinct pairs of members of each block (members in increasing
    order), as sorted codes ``i * count + j`` with i < j, and how many blocks
    were skipped for holding more than ``max_block`` members."""
    parts, oversized = [], 0
    for members in blocks:
        if len(members) > max_block:
            oversized += 1
            continue
        if len(members) < 2:
            continue
        first, second = _upper_triangle(len(members))
        indices = np.asarray(members, dtype=np.int64)
        parts.append(indices[first] * count + indices[second])
    if not parts:
        return np.empty(0, dtype=np.int64), oversized
    return _sorted_distinct(np.concatenate(parts)), oversized


def _sorted_distinct(codes: np.ndarray) -> np.ndarray:
    """``np.unique(codes)``, by a sort and a mask: numpy 2.4's ``unique`` hashes
    the values first, 38.9 s against 1.2 s for the 41 million codes of the
    250,000-cable store (docs/benchmarks.md)."""
    if not len(codes):
        return codes
    codes = np.sort(codes)
    first = np.empty(len(codes), dtype=bool)
    first[0] = True
    np.not_equal(codes[1:], codes[:-1], out=first[1:])
    return codes[first]


def score_pairs(score: Callable[[int, int], float | None], codes: np.ndarray, count: int,
                counts: Callable[[float], bool]) -> list[tuple[int, int, float]]:
    """``(i, j, score)`` of every pair whose score ``counts``, in code order.
    ``score`` returns None for a pair its dates rule out."""
    kept = []
    for code in codes.tolist():
        i, j = divmod(code, count)
        value = score(i, j)
        if value is not None and counts(value):
            kept.append((i, j, value))
    return kept


class DateSpreadUnionFind:
    """Clusters with the spread of their own dates, so chains cannot stretch a case over years."""

    def __init__(self, intervals: list[Interval | None]):
        self.parent = list(range(len(intervals)))
        self.span: list[tuple | None] = [(i.start, i.end) if i and i.own else None for i in intervals]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, max_spread_days: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.span[ri], self.span[rj]
        merged = a or b
        if a and b:
            # spread = from the earliest end to the latest start: how far apart the dated reports lie
            merged = (max(a[0], b[0]), min(a[1], b[1]))
            if (merged[0] - merged[1]).days > max_spread_days:
                return False
        self.parent[rj] = ri
        self.span[ri] = merged
        return True
