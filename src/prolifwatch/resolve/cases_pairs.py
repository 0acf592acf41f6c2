"""Which transfers are compared, and comparing them on several cores.

Blocks hold the transfers sharing a key; every two members of a block are a
candidate pair.  At 250,000 cables that is tens of millions of pairs, most of
them found in several blocks, so they are kept as one sorted array of
``i * n + j`` codes (8 bytes a pair) rather than a set of tuples (over 100),
and scored in slices by forked processes that read the profiles and the
array they inherit: nothing but the scores that count comes back.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
import numpy as np

# Below this many pairs a pool costs more than it saves.
PARALLEL_MIN_PAIRS = 200_000

Scored = list[tuple[int, int, float]]


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
    return np.unique(np.concatenate(parts)), oversized


# What the forked processes score: set just before the pool is made, so they
# inherit it instead of receiving it pickled.
_inherited: tuple[Callable[[int, int], float | None], np.ndarray, int, float] | None = None


def _score_slice(start: int, stop: int) -> Scored:
    score, codes, count, threshold = _inherited
    kept = []
    for code in codes[start:stop].tolist():
        i, j = divmod(code, count)
        value = score(i, j)
        if value is not None and (value > 0 or value >= threshold):
            kept.append((i, j, value))
    return kept


def score_pairs(score: Callable[[int, int], float | None], codes: np.ndarray, count: int, *,
                threshold: float, workers: int = 1) -> Scored:
    """``(i, j, score)`` of every pair whose score can count, in code order:
    one reaching the threshold, or any positive one (a document link may add
    to it).  ``score`` returns None for a pair its dates rule out."""
    global _inherited
    _inherited = (score, codes, count, threshold)
    try:
        if workers <= 1 or len(codes) < PARALLEL_MIN_PAIRS or not hasattr(os, "fork"):
            return _score_slice(0, len(codes))
        # More slices than processes, so that one slow slice does not leave a core idle.
        bounds = np.linspace(0, len(codes), 4 * workers + 1).astype(int).tolist()
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.starmap(_score_slice, zip(bounds, bounds[1:]))
        return [pair for part in parts for pair in part]
    finally:
        _inherited = None

