"""Recall at top-1 and precision at a threshold on a screening test set.

The set is a TSV: query, type, country, expected ("list:entry_id", or "-"
for a hard negative), note.  A positive counts for recall when its best hit
at the threshold is the expected entry; precision is the share of queries
with a hit at the threshold whose best hit is right (a negative with any hit
is a false positive).
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .query import make_query
from .score import Screener


@dataclass(frozen=True)
class Pair:
    query: str
    type: str | None
    country: str | None
    expected: str | None


@dataclass
class Evaluation:
    threshold: float
    positives: int = 0
    negatives: int = 0
    true_positives: int = 0
    false_positives: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # query, expected, got

    @property
    def recall(self) -> float:
        return self.true_positives / self.positives if self.positives else 0.0

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0


def read_pairs(path: Path) -> list[Pair]:
    pairs = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.reader((l for l in handle if not l.startswith("#")), delimiter="\t"):
            if row:
                query, type_, country, expected = row[:4]
                pairs.append(Pair(query, type_ or None, country or None, None if expected == "-" else expected))
    return pairs


def evaluate(screener: Screener, pairs: Iterable[Pair], threshold: float) -> Evaluation:
    report = Evaluation(threshold)
    for pair in pairs:
        hits = screener.screen(make_query(pair.query, pair.type, pair.country), limit=1, threshold=threshold)
        got = hits[0].key if hits else "-"
        if pair.expected is None:
            report.negatives += 1
            if hits:
                report.false_positives += 1
                report.misses.append((pair.query, "-", got))
        else:
            report.positives += 1
            if got == pair.expected:
                report.true_positives += 1
            else:
                if hits:
                    report.false_positives += 1
                report.misses.append((pair.query, pair.expected, got))
    return report
