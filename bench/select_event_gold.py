"""Choose the cables of the events gold set (issue 17), reproducibly, and split
them once into dev and test.

The pool is every cable of ``../shared/corpus`` that is not a seed, one record
per cable id (the first file in path order that holds it).  Two strata, both by
the cable's TAGS and the transfer words of its body (counted as whole words):

- ``transfer``: at least 6 transfer words, and a proliferation tag (PARM, MTCRE,
  MNUC, ETTC, KNNP) or at least 12 transfer words.  Every older ALL-CAPS cable
  with at least 3 is taken in first, so that the set holds some.
- ``policy``: a proliferation tag and 1 to 5 transfer words: cables that speak
  of transfers, mostly as policy.

Whether a cable reports a transfer is decided by reading it, not by the
stratum: the gold file of a cable with none says ``"policy_only": true``.

    .venv/bin/python bench/select_event_gold.py ../shared/corpus ../shared/seeds \
        --out tests/data/gold/events/split.tsv

The draw and the split use fixed seeds; run once, the file is kept.  Re-running
gives the same file as long as the corpus and the parser's ids do not change.
"""
from __future__ import annotations

import argparse
import csv
import random
import re

from prolifwatch.pipeline import parse_paths

TAGS = {"PARM", "MTCRE", "MNUC", "ETTC", "KNNP"}
TRANSFER_WORDS = re.compile(
    r"\b(?:ship(?:ped|ment|ments|ping)?|sold|sales?|sell(?:ing)?|procure(?:d|ment)?|purchas\w+|interdict\w*|"
    r"seiz\w+|export(?:ed|s)?|deliver(?:ed|y|ies)|transfer(?:red|s)?|supplie[sd]|suppl(?:y|ying)|smuggl\w+|"
    r"consignment|cargo)\b", re.I)
SEED = 20261207


def _all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def pool(corpus: str, seeds_folder: str) -> dict[str, tuple[str, int, bool, bool]]:
    """Every cable of ``corpus`` that is not a seed, one record per id (the first file in path order):
    id -> (path, transfer words, has a proliferation tag, ALL CAPS)."""
    seeds = {doc.id for doc in parse_paths([seeds_folder]) if not hasattr(doc, "reason")}
    first: dict[str, tuple[str, int, bool, bool]] = {}
    docs = [d for d in parse_paths([corpus]) if not hasattr(d, "reason") and d.kind == "cable"]
    for doc in sorted(docs, key=lambda d: d.sources[0].path):
        if doc.id in seeds or doc.id in first:
            continue
        text = "\n".join(p.text for p in doc.paragraphs)
        tagged = bool({t.upper() for t in doc.tags} & TAGS)
        first[doc.id] = (doc.sources[0].path, len(TRANSFER_WORDS.findall(text)), tagged, _all_caps(text))
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("seeds")
    parser.add_argument("--transfer", type=int, default=104, help="cables drawn from the transfer stratum")
    parser.add_argument("--policy", type=int, default=24, help="cables drawn from the policy stratum")
    parser.add_argument("--dev-share", type=float, default=0.6)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    first = pool(args.corpus, args.seeds)

    rng = random.Random(SEED)
    transfer = sorted(i for i, (_, n, tagged, _) in first.items() if n >= 6 and (tagged or n >= 12))
    caps = sorted(i for i, (_, n, _, all_caps) in first.items() if all_caps and n >= 3)
    rest = [i for i in transfer if i not in caps]
    chosen_transfer = caps + rng.sample(rest, args.transfer - len(caps))
    policy = sorted(i for i, (_, n, tagged, _) in first.items() if tagged and 1 <= n <= 5)
    chosen_policy = rng.sample(policy, args.policy)

    chosen = [(i, "transfer") for i in chosen_transfer] + [(i, "policy") for i in chosen_policy]
    order = sorted(chosen)
    random.Random(SEED + 1).shuffle(order)
    dev = set(i for i, _ in order[: round(len(order) * args.dev_share)])
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        out.writerow(["id", "path", "stratum", "split", "transfer_words", "tagged", "all_caps"])
        for i, stratum in sorted(chosen):
            path, n, tagged, caps_ = first[i]
            out.writerow([i, path, stratum, "dev" if i in dev else "test", n, int(tagged), int(caps_)])
    print(f"{len(chosen)} cables ({len(chosen_transfer)} transfer, {len(chosen_policy)} policy); "
          f"dev {len(dev)}, test {len(chosen) - len(dev)} -> {args.out}")


if __name__ == "__main__":
    main()
