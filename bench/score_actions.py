"""Diplomatic actions on the events gold, by kind, with the misses and the false ones to read.

    PYTHONPATH=src .venv/bin/python bench/score_actions.py [--dump /tmp/actions.jsonl] [--cache /tmp/dev_mentions.pkl]
        [--parse gaps]

Dev split only: rules are tuned on dev, test is never read here.  Matching is the
scorer's (``score_events._score_actions``): same paragraph and kind, actor or
counterpart agreeing.  Also reports how often a matched action that concerns a
transfer in the gold is linked to the predicted transfer paired with that one.
``--cache`` keeps each cable's mentions (the slow part) so that a change to the
event finders is measured in seconds; delete it when mention code changes.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import pickle
from collections import Counter
from pathlib import Path

from prolifwatch.extract import FULL, Extractor, events, find_events, passages_of
from prolifwatch.extract.events_gold import load, read_split
from prolifwatch.extract.score_events import Matcher, _pair_transfers
from prolifwatch.pipeline import parse_paths

GOLD = Path("tests/data/gold/events")


def dev_cables(extractor: Extractor, cache: str | None):
    """(gold, doc, passages, mentions) of each dev cable, mentions from the cache when it is there."""
    stored = {}
    if cache and os.path.exists(cache):
        with open(cache, "rb") as handle:
            stored = pickle.load(handle)
    out = []
    for row in read_split(GOLD / "split.tsv"):
        path = GOLD / f"{row['id']}.json"
        if row["split"] != "dev" or not path.exists():
            continue
        doc = next(d for d in parse_paths([row["path"]]) if not hasattr(d, "reason") and d.id == row["id"])
        passages = passages_of(doc)
        if row["id"] not in stored:
            stored[row["id"]] = extractor.mentions(passages)
        out.append((load(path), doc, passages, stored[row["id"]]))
    if cache:
        with open(cache, "wb") as handle:
            pickle.dump(stored, handle)
    return out


class CachedTransfers:
    """The transfer finder with its results kept by paragraph: this bench measures actions,
    and the transfer frames (most of the time) do not change while actions are tuned."""

    def __init__(self, path: str | None):
        self.path, self.found = path, {}
        if path and os.path.exists(path):
            with open(path, "rb") as handle:
                self.found = pickle.load(handle)
        self.find = events.transfers_in_paragraph

    def __call__(self, text, start, *args):
        key = (text, start)
        if key not in self.found:
            self.found[key] = self.find(text, start, *args)
        return copy.deepcopy(self.found[key])

    def save(self) -> None:
        if self.path:
            with open(self.path, "wb") as handle:
                pickle.dump(self.found, handle)


def score(cables, extractor: Extractor, parse: str = "all"):
    matcher = Matcher(extractor.kb)
    by_kind = {k: Counter() for k in ("demarche", "request", "response", "assurance", "denial")}
    links, lemmas = Counter(), Counter()
    dump = []
    for gold, doc, passages, mentions in cables:
        events = [{**e.to_json(), "lemma": e.features.get("lemma")}
                  for e in find_events(doc, passages, mentions, extractor.kb, parse=parse)]
        transfers = [e for e in events if e["type"] == "transfer"]
        actions = [e for e in events if e["type"] == "diplomatic_action"]
        index_of = {id(e): i for i, e in enumerate(events)}
        paired = {id(p): gi for gi, g in enumerate(gold.get("transfers", []))
                  for gg, p in _pair_transfers(gold.get("transfers", []), transfers, matcher) if gg is g}
        remaining = list(actions)
        for g in gold.get("diplomatic_actions", []):
            match = next((p for p in remaining if _agrees(g, p, matcher)), None)
            kind = by_kind.setdefault(g["kind"], Counter())
            if match is None:
                kind["fn"] += 1
                dump.append({"what": "missed", "document": gold["id"], **g})
                continue
            kind["tp"] += 1
            remaining.remove(match)
            lemmas[(match["lemma"], match["kind"], "tp")] += 1
            dump.append({"what": "true", "document": gold["id"], **match})
            links[_link(g, match, events, index_of, paired)] += 1
        for p in remaining:
            by_kind.setdefault(p["kind"], Counter())["fp"] += 1
            lemmas[(p["lemma"], p["kind"], "fp")] += 1
            dump.append({"what": "false", "document": gold["id"], **p})
    return by_kind, links, lemmas, dump


def _agrees(g, p, matcher: Matcher) -> bool:
    if p["evidence"]["paragraph"] != g["paragraph"] or p.get("kind") != g.get("kind"):
        return False
    if not (g.get("actor") or g.get("counterpart")):
        return True
    return any(matcher.role_score(role, g, p).tp for role in ("actor", "counterpart"))


def _link(g, p, events, index_of, paired) -> str:
    """How a matched action's transfer link compares with the gold one."""
    predicted = p.get("transfer")
    if g.get("transfer") is None:
        return "none, none" if predicted is None else "none, linked"
    if predicted is None:
        return "transfer, none"
    target = events[predicted] if 0 <= predicted < len(events) else None
    if target is None or id(target) not in paired:
        return "transfer, unmatched transfer"
    return "transfer, right" if paired[id(target)] == g["transfer"] else "transfer, wrong"


def _figures(c: Counter) -> str:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return f"P {p:.3f} R {r:.3f} (tp {c['tp']} fp {c['fp']} fn {c['fn']})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump")
    parser.add_argument("--cache")
    parser.add_argument("--transfers-cache", help="keep the transfers found (when only actions change)")
    parser.add_argument("--lemmas", action="store_true", help="true and false actions by the verb that gave them")
    parser.add_argument("--parse", choices=("all", "gaps"), default="all",
                        help="gaps: actions by cue words alone, as bulk loads find them (the mentions stay those of "
                             "the full scope, so the figure is the cue finder's own)")
    args = parser.parse_args()
    extractor = Extractor(FULL)
    transfers = CachedTransfers(args.transfers_cache)
    events.transfers_in_paragraph = transfers
    by_kind, links, lemmas, dump = score(dev_cables(extractor, args.cache), extractor, args.parse)
    transfers.save()
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as handle:
            for row in dump:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    total = sum(by_kind.values(), Counter())
    print(f"dev actions {_figures(total)}")
    for kind, c in by_kind.items():
        print(f"  {kind:<10} {_figures(c)}")
    print("  transfer links of matched actions (gold, predicted): "
          + ", ".join(f"{k}: {v}" for k, v in sorted(links.items())))
    if args.lemmas:
        for lemma, kind in sorted({(l, k) for l, k, _ in lemmas}, key=lambda x: -sum(lemmas[(*x, o)] for o in ("tp", "fp"))):
            print(f"    {lemma or '-':<12} {kind:<10} tp {lemmas[(lemma, kind, 'tp')]:>3} fp {lemmas[(lemma, kind, 'fp')]:>3}")



if __name__ == "__main__":
    main()
