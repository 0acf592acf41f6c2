"""Learn the transfer confidence (extract/confidence.py) and its listing floor on
the dev splits of the corpus events gold, and write both to
extract/data/confidence.json.  One command, re-runnable after any change to the
finders (it re-extracts every dev cable):

    PYTHONPATH=src .venv/bin/python bench/train_confidence.py [--rows /tmp/rows.json]

The dev cables are those of both gold sets (``--gold``, repeatable): the
transfer-heavy draw (``tests/data/gold/events``) and the uniform draw over the
whole corpus (``tests/data/gold/events_random``), so the model also learns what
an ordinary cable about visas or trade gives.

1. Every transfer the finder gives on a dev cable, the floor switched off, is
   labelled real when it matches a gold transfer (score_events: same
   paragraph, an item and a party agree).
2. A logistic regression (scikit-learn, L2) over the finder's own features;
   its strength C is chosen by out-of-fold log loss, the folds grouped by
   cable (GroupKFold), so no cable is scored by a model that saw it.  Then
   features are dropped one at a time while that lowers the out-of-fold log
   loss (by at least 0.0005): with about a hundred real transfers, fewer
   weights generalise better.  (The selection itself is made on the same
   folds, so the out-of-fold figures printed are slightly optimistic.)
3. The floor is the out-of-fold confidence that maximises transfer F1 over
   the dev split (recall counts every gold transfer, found or not).
4. The model is refitted on all of dev and written with the floor; the
   out-of-fold reliability table is printed and kept in the file.

``--rows FILE`` keeps the labelled features of step 1 in FILE and reads them
from there when it exists (delete it after changing the finders).  The test
split is never read here.
"""
from __future__ import annotations

import argparse
import json
import math
from datetime import date
from pathlib import Path

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from prolifwatch.extract import FULL, Extractor
from prolifwatch.extract.confidence import DATA, features, unfloored
from prolifwatch.extract.events_gold import load, read_split
from prolifwatch.extract.score_events import BANDS, Matcher, _pair_transfers
from prolifwatch.pipeline import parse_paths

GOLDS = (Path("tests/data/gold/events"), Path("tests/data/gold/events_random"))
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5


def labelled_rows(golds: list[Path]) -> tuple[list[dict], int]:
    """(one row per found transfer of the dev cables: cable, features, real?; the number of gold transfers)."""
    extractor = Extractor(FULL)
    matcher = Matcher(extractor.kb)
    rows, gold_total = [], 0
    dev = [(gold_dir, row) for gold_dir in golds for row in read_split(gold_dir / "split.tsv")
           if row["split"] == "dev"]
    for gold_dir, row in dev:
        path = gold_dir / f"{row['id']}.json"
        if not path.exists():
            continue
        gold = load(path)
        gold_total += len(gold.get("transfers", []))
        doc = next(d for d in parse_paths([row["path"]]) if not hasattr(d, "reason") and d.id == row["id"])
        with unfloored():
            transfers = [e for e in extractor(doc).events if e.type == "transfer"]
        as_json = [e.to_json() for e in transfers]
        real = {id(p) for _, p in _pair_transfers(gold.get("transfers", []), as_json, matcher)}
        for event, shown in zip(transfers, as_json):
            rows.append({"cable": row["id"], "features": features(event), "real": int(id(shown) in real)})
    return rows, gold_total


def out_of_fold(x: list[list[float]], y: list[int], groups: list[str], strength: float) -> list[float]:
    """Each row's probability from a model fitted on the other cables' folds."""
    scores = [0.0] * len(y)
    for train, held in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        fitted = LogisticRegression(C=strength, max_iter=2000).fit([x[i] for i in train], [y[i] for i in train])
        for i, p in zip(held, fitted.predict_proba([x[i] for i in held])[:, 1]):
            scores[i] = float(p)
    return scores


def best_strength(x: list[list[float]], y: list[int], groups: list[str]) -> tuple[float, dict[float, float]]:
    """The regularisation strength of least out-of-fold log loss, and the loss of each tried."""
    losses = {c: log_loss(out_of_fold(x, y, groups, c), y) for c in STRENGTHS}
    return min(losses, key=losses.get), losses


def fewer_features(rows: list[dict], y: list[int], groups: list[str], strength: float) -> tuple[list[str], float]:
    """Backward elimination by out-of-fold log loss: (the features kept, their log loss)."""
    def loss(names: list[str]) -> float:
        return log_loss(out_of_fold([[r["features"][n] for n in names] for r in rows], y, groups, strength), y)

    kept = sorted(rows[0]["features"])
    best = loss(kept)
    while len(kept) > 1:
        trial, name = min((loss([n for n in kept if n != name]), name) for name in kept)
        if trial > best - 0.0005:
            break
        best = trial
        kept.remove(name)
    return kept, best


def log_loss(scores: list[float], y: list[int]) -> float:
    return -sum(math.log(p if t else 1 - p) for p, t in zip((min(max(s, 1e-6), 1 - 1e-6) for s in scores), y)) / len(y)


def best_floor(scores: list[float], y: list[int], gold_total: int) -> tuple[float, dict]:
    """The floor (a multiple of 0.01) that maximises F1 when only transfers at or above it are listed."""
    best = (0.0, {"f1": -1.0})
    for step in range(0, 100):
        floor = step / 100
        tp = sum(t for s, t in zip(scores, y) if s >= floor)
        fp = sum(1 - t for s, t in zip(scores, y) if s >= floor)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[1]["f1"] + 1e-9:
            best = (floor, {"f1": round(f1, 3), "precision": round(precision, 3), "recall": round(recall, 3),
                            "tp": tp, "fp": fp})
    return best


def reliability(scores: list[float], y: list[int]) -> list[dict]:
    table = []
    for lo, hi in BANDS:
        inside = [t for s, t in zip(scores, y) if lo <= s < hi]
        table.append({"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": len(inside), "real": sum(inside),
                      "share_real": round(sum(inside) / len(inside), 3) if inside else None})
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", help="keep (or reuse) the labelled rows of the dev cables in this JSON file")
    parser.add_argument("--gold", action="append", type=Path,
                        help=f"a gold folder with its split.tsv (repeatable; default: {', '.join(map(str, GOLDS))})")
    args = parser.parse_args()
    golds = args.gold or list(GOLDS)
    cache = Path(args.rows) if args.rows else None
    if cache and cache.exists():
        rows, gold_total = (lambda d: (d["rows"], d["gold_total"]))(json.loads(cache.read_text()))
    else:
        rows, gold_total = labelled_rows(golds)
        if cache:
            cache.write_text(json.dumps({"rows": rows, "gold_total": gold_total}))
    y = [r["real"] for r in rows]
    groups = [r["cable"] for r in rows]
    every = sorted(rows[0]["features"])
    strength = best_strength([[r["features"][n] for n in every] for r in rows], y, groups)[0]
    names, _ = fewer_features(rows, y, groups, strength)
    x = [[r["features"][n] for n in names] for r in rows]
    strength, losses = best_strength(x, y, groups)
    scores = out_of_fold(x, y, groups, strength)
    floor, at_floor = best_floor(scores, y, gold_total)
    table = reliability(scores, y)
    high = [t for s, t in zip(scores, y) if s >= 0.8]
    fitted = LogisticRegression(C=strength, max_iter=2000).fit(x, y)
    out = {
        "trained_on": f"{' + '.join(map(str, golds))} dev splits: {len(rows)} transfers, {sum(y)} real, "
                      f"{gold_total} gold transfers",
        "trained": date.today().isoformat(),
        "C": strength,
        "features_left_out": [n for n in every if n not in names],
        "floor": floor,
        "out_of_fold": {"folds": f"GroupKFold({FOLDS}) by cable", "log_loss": round(losses[strength], 4),
                        "at_floor": at_floor, "reliability": table,
                        "at_or_above_0.8": {"events": len(high), "real": sum(high)}},
        "intercept": round(float(fitted.intercept_[0]), 4),
        "weights": {n: round(float(w), 4) for n, w in zip(names, fitted.coef_[0])},
    }
    (Path(str(DATA)) / "confidence.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(out["trained_on"])
    print(f"features kept: {len(names)} of {len(every)}; left out: {', '.join(n for n in every if n not in names)}")
    print("C by out-of-fold log loss: " + ", ".join(f"{c}: {loss:.4f}" for c, loss in losses.items())
          + f" -> {strength}")
    print("out-of-fold reliability (GroupKFold by cable):")
    for band in table:
        print(f"  confidence {band['confidence']}: {band['events']} events, {band['real']} real"
              f" ({band['share_real']})")
    print(f"  >= 0.8: {len(high)} events, {sum(high)} real")
    print(f"floor {floor}: out of fold P {at_floor['precision']} R {at_floor['recall']} F1 {at_floor['f1']}"
          f" (tp {at_floor['tp']} fp {at_floor['fp']} of {gold_total} gold)")


if __name__ == "__main__":
    main()
