"""The screening test set: recall at top-1 and precision at the default threshold."""
from __future__ import annotations

from prolifwatch.screen import DEFAULT_THRESHOLD
from prolifwatch.screen.evaluate import evaluate, read_pairs
from tests.screen.conftest import PAIRS


def test_test_set_is_large_enough():
    pairs = read_pairs(PAIRS)
    positives = {p.expected for p in pairs if p.expected}
    assert len(positives) >= 100  # distinct listed entries with typed variants
    assert sum(p.expected is None for p in pairs) >= 100  # hard negatives


def test_recall_and_precision_at_the_default_threshold(screener):
    report = evaluate(screener, read_pairs(PAIRS), DEFAULT_THRESHOLD)
    misses = "\n".join(f"{q!r}: expected {e}, got {g}" for q, e, g in report.misses)
    assert report.recall >= 0.95, misses
    assert report.precision >= 0.95, misses
