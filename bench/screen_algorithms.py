"""Which nomenklatura matcher to screen with: recall at top-1 and precision on
the screening test set (tests/data/screening_pairs.tsv) at a sweep of
thresholds (each row: the threshold with the best F1), and the time per name,
with the same candidate index for all.

    .venv/bin/python bench/screen_algorithms.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from nomenklatura.matching import LogicV1, LogicV2, NameMatcher, NameQualifiedMatcher

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prolifwatch.knowledge.lists import load_list  # noqa: E402
from prolifwatch.screen import IndexedEntry, Screener  # noqa: E402
from prolifwatch.screen.evaluate import evaluate, read_pairs  # noqa: E402
from prolifwatch.screen.matcher import ScreeningLogic  # noqa: E402

THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def clear_caches() -> None:
    """Forget analysed names, so each algorithm is timed from the same (cold) start."""
    from nomenklatura.matching.logic_v2.names import analysis

    from prolifwatch.screen import keys, variants

    for cached in (analysis.entity_names, analysis.entity_names_consolidated, keys.name_keys, keys.name_tokens,
                   variants.name_variants, variants._spelling_words):
        cached.cache_clear()


def main() -> None:
    lists = ROOT / "tests" / "data" / "lists"
    entries = []
    for path, fmt in ((lists / "un_consolidated.xml", "un"), (lists / "ofac_sdn.xml", "ofac")):
        loaded = load_list(path, fmt)
        entries += [IndexedEntry(loaded.name, e, loaded.as_of) for e in loaded.entries]
    pairs = read_pairs(ROOT / "tests" / "data" / "screening_pairs.tsv")
    print("| algorithm | threshold | recall@1 | precision | ms/name |")
    print("|---|---|---|---|---|")
    for algorithm in (ScreeningLogic, LogicV2, LogicV1, NameMatcher, NameQualifiedMatcher):
        screener = Screener(entries, algorithm=algorithm)
        evaluate(screener, pairs, 0.0)  # one-off start-up (rigour's taggers) outside the timing
        clear_caches()
        started = time.perf_counter()
        evaluate(screener, pairs, 0.0)
        ms = 1000 * (time.perf_counter() - started) / len(pairs)
        best = max((evaluate(screener, pairs, t) for t in THRESHOLDS),
                   key=lambda r: 2 * r.recall * r.precision / (r.recall + r.precision or 1))
        print(f"| {algorithm.NAME} | {best.threshold} | {best.recall:.3f} | {best.precision:.3f} | {ms:.2f} |")


if __name__ == "__main__":
    main()
