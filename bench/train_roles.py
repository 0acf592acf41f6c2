"""Learn the roles of a transfer's mentions (extract/role_model.py) on the dev
splits of both events gold sets, and check it out of fold.

    PYTHONPATH=src .venv/bin/python bench/train_roles.py [--rows /tmp/roles_rows.json] [--unpaired] [--oof]
        [--write [--enable]]

1. **Rows.** Every transfer the finder proposes on a dev cable (the post-pass
   records them before the listing floor), paired with the gold transfers as
   ``score_events`` pairs them (same paragraph, an item and a party agree).
   Each paired transfer's mentions of a role type, in those of its sentences
   that are (part of) the gold transfer's evidence, make one row each: the
   features of ``role_model.mention_features`` and the gold role, the first of
   ``role_model.PRIORITY`` whose gold value agrees with the mention by
   ``score_events.Matcher.agree`` (the scorer's own matching), else none.
   Unpaired transfers teach nothing (what their mentions should be is unknown),
   except with ``--unpaired``: an unpaired transfer whose sentence is the
   evidence of exactly one gold transfer is taught by that one (often the
   very transfer whose roles the finder got wrong, so it did not pair).
2. **Out of fold.** A multinomial logistic regression (scikit-learn, L2), its C
   chosen by out-of-fold log loss, folds grouped by cable (GroupKFold, 5).  The
   per-role F1 over the rows, out of fold, beside the rules' on the same rows;
   and the post-pass (the model's role where its probability reaches a
   threshold, else the rules') for a few thresholds.
3. ``--oof``: ``eval-events --split dev`` on both gold sets, with the post-pass
   off, and on, each cable's transfers re-assigned by the model of the fold
   that did not see it (cables without rows: the model of all rows, which did
   not see them either).
4. ``--write``: the model of all rows to ``extract/data/role_model.json``
   (weights as data, no pickle), ``enabled`` only with ``--enable``.

The test splits are never read here.
"""
from __future__ import annotations

import argparse
import json
import math
import re
from datetime import date
from pathlib import Path

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from prolifwatch.extract import FULL, Extractor
from prolifwatch.extract.events_gold import load, read_split
from prolifwatch.extract.role_model import DATA, NONE, PRIORITY, recording, using
from prolifwatch.extract.score_events import Matcher, _pair_transfers, score_split
from prolifwatch.pipeline import parse_paths

GOLDS = (Path("tests/data/gold/events"), Path("tests/data/gold/events_random"))
STRENGTHS = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
FOLDS = 5
CLASSES = (NONE, *PRIORITY)


def dev_cables(golds: list[Path]):
    for gold_dir in golds:
        for row in read_split(gold_dir / "split.tsv"):
            if row["split"] == "dev" and (gold_dir / f"{row['id']}.json").exists():
                yield gold_dir, row


def labelled_rows(golds: list[Path], unpaired: bool = False) -> tuple[list[dict], dict]:
    """(one row per mention of a paired transfer's gold sentences; counts of what was read).  ``unpaired``:
    also the transfers the scorer did not pair whose sentence is the evidence of exactly one gold transfer
    (taught by that one; these rows carry ``"paired": False``)."""
    extractor = Extractor(FULL)
    matcher = Matcher(extractor.kb)
    rows, counts = [], {"cables": 0, "proposed": 0, "paired": 0, "paired_with_rows": 0, "several_gold_roles": 0,
                        "ambiguous": 0, "unpaired_taught": 0}
    for gold_dir, row in dev_cables(golds):
        gold = load(gold_dir / f"{row['id']}.json")
        doc = next(d for d in parse_paths([row["path"]]) if not hasattr(d, "reason") and d.id == row["id"])
        seen: list = []
        with recording(seen):
            extractor(doc)
        counts["cables"] += 1
        counts["proposed"] += len(seen)
        as_json = [r["event"].to_json() for r in seen]
        transfers = gold.get("transfers", [])
        pairs = _pair_transfers(transfers, as_json, matcher)
        for g, p in pairs:
            counts["paired"] += 1
            made = _rows_of(seen[as_json.index(p)], g, transfers, matcher, counts)
            counts["paired_with_rows"] += bool(made)
            rows.extend({"cable": row["id"], "gold_set": gold_dir.name, "paired": True, **r} for r in made)
        if not unpaired:
            continue
        paired = {id(p) for _, p in pairs}
        for record, p in zip(seen, as_json):
            told = {_plain(m["sentence"]) for m in record["mentions"]}
            sources = [g for g in transfers if g["paragraph"] == p["evidence"]["paragraph"]
                       and any(_same_sentence(s, _plain(g.get("evidence") or "")) for s in told)]
            if id(p) in paired or len(sources) != 1:
                continue
            made = _rows_of(record, sources[0], transfers, matcher, counts)
            counts["unpaired_taught"] += bool(made)
            rows.extend({"cable": row["id"], "gold_set": gold_dir.name, "paired": False, **r} for r in made)
    return rows, counts


def _rows_of(record: dict, g: dict, transfers: list[dict], matcher: Matcher, counts: dict) -> list[dict]:
    """The rows a recorded transfer's mentions make against the gold transfer ``g``, in the sentences of its evidence."""
    evidence = _plain(g.get("evidence") or "")
    others = [o for o in transfers if o is not g and o["paragraph"] == g["paragraph"]]
    out = []
    for m in record["mentions"]:
        if not _same_sentence(_plain(m["sentence"]), evidence):
            continue
        roles = _gold_roles(g, m, matcher)
        counts["several_gold_roles"] += len(roles) > 1
        # none for this gold transfer, a role in another told in the same sentence: which transfer the
        # finder's event stands for is unclear, so the row teaches nothing
        if not roles and any(_gold_roles(o, m, matcher) for o in others
                             if _same_sentence(_plain(m["sentence"]), _plain(o.get("evidence") or ""))):
            counts["ambiguous"] += 1
            continue
        out.append({"text": m["text"], "key": m["key"], "type": m["type"], "sentence": m["sentence"],
                    "features": m["features"], "rules": m["rules"], "gold": roles[0] if roles else NONE})
    return out


def _gold_roles(g: dict, m: dict, matcher: Matcher) -> list[str]:
    """The roles of a gold transfer whose value agrees with the mention, in ``PRIORITY`` order."""
    return [r for r in PRIORITY if any(matcher.agree(r, v, m["text"], m["key"]) for v in g.get(r) or [] if v)]


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _same_sentence(sentence: str, evidence: str) -> bool:
    return bool(sentence and evidence) and (sentence in evidence or evidence in sentence)


def matrix(rows: list[dict], names: list[str]) -> list[list[float]]:
    index = {n: i for i, n in enumerate(names)}
    out = []
    for r in rows:
        x = [0.0] * len(names)
        for n, v in r["features"].items():
            if n in index:
                x[index[n]] = v
        out.append(x)
    return out


def fit(rows: list[dict], strength: float) -> dict:
    """A model of ``rows`` as the post-pass reads it (role_model.predict)."""
    names = sorted({n for r in rows for n in r["features"]})
    fitted = LogisticRegression(C=strength, max_iter=5000).fit(matrix(rows, names), [r["gold"] for r in rows])
    classes = [str(c) for c in fitted.classes_]
    return {"classes": classes, "features": names, "weights": [[round(float(w), 5) for w in ws] for ws in fitted.coef_],
            "intercepts": [round(float(b), 5) for b in fitted.intercept_]}


def folds(rows: list[dict]) -> list[tuple[list[int], list[int]]]:
    groups = [r["cable"] for r in rows]
    return list(GroupKFold(n_splits=FOLDS).split(rows, groups=groups, y=[r["gold"] for r in rows]))


def out_of_fold(rows: list[dict], strength: float) -> tuple[list[dict[str, float]], dict[str, dict]]:
    """Each row's class probabilities from the model of the other folds; and each cable's model."""
    from prolifwatch.extract.role_model import predict

    probabilities: list[dict[str, float]] = [{} for _ in rows]
    by_cable = {}
    for train, held in folds(rows):
        model = fit([rows[i] for i in train], strength)
        for i in held:
            probabilities[i] = predict(model, rows[i]["features"])
            by_cable[rows[i]["cable"]] = model
    return probabilities, by_cable


def log_loss(probabilities: list[dict[str, float]], rows: list[dict]) -> float:
    return -sum(math.log(max(p.get(r["gold"], 0.0), 1e-6)) for p, r in zip(probabilities, rows)) / len(rows)


def per_role(predicted: list[str], gold: list[str]) -> dict[str, dict]:
    out = {}
    for role in PRIORITY:
        tp = sum(p == g == role for p, g in zip(predicted, gold))
        fp = sum(p == role != g for p, g in zip(predicted, gold))
        fn = sum(g == role != p for p, g in zip(predicted, gold))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        out[role] = {"f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn, "gold": tp + fn}
    return out


def post_pass(probabilities: list[dict[str, float]], rows: list[dict], threshold: float) -> list[str]:
    out = []
    for p, r in zip(probabilities, rows):
        best = max(p, key=lambda c: (p[c], c))
        out.append(best if best != r["rules"] and p[best] >= threshold else r["rules"])
    return out


def micro_f1(predicted: list[str], gold: list[str]) -> float:
    tp = sum(p == g != NONE for p, g in zip(predicted, gold))
    fp = sum(p != NONE and p != g for p, g in zip(predicted, gold))
    fn = sum(g != NONE and p != g for p, g in zip(predicted, gold))
    return round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0


def eval_dev(golds: list[Path], model_of=None) -> dict[str, dict]:
    """``eval-events --split dev`` figures on each gold set; ``model_of(cable)``: the model to use there."""
    extractor = Extractor(FULL)

    class PerCable:
        kb = extractor.kb

        def __call__(self, doc):
            with using(model_of(doc.id) if model_of else False):
                return extractor(doc)

    out = {}
    for gold_dir in golds:
        report = score_split(gold_dir, "dev", PerCable()).to_json()
        out[gold_dir.name] = {"transfers": report["transfers"],
                              "arguments": {r: s["f1"] for r, s in report["arguments"].items()},
                              "status": report["status_accuracy"], "policy_false": report["policy_false_transfers"]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", help="keep (or reuse) the labelled rows in this JSON file")
    parser.add_argument("--gold", action="append", type=Path, help="a gold folder (repeatable; default: both)")
    parser.add_argument("--unpaired", action="store_true",
                        help="also teach from unpaired transfers whose sentence is one gold transfer's evidence")
    parser.add_argument("--oof", action="store_true", help="eval-events on dev, post-pass off and out of fold")
    parser.add_argument("--threshold", type=float, help="the post-pass threshold (default: best out of fold)")
    parser.add_argument("--write", action="store_true", help="write the model of all rows to extract/data")
    parser.add_argument("--enable", action="store_true", help="with --write: switch the post-pass on by default")
    args = parser.parse_args()
    golds = args.gold or list(GOLDS)
    cache = Path(args.rows) if args.rows else None
    if cache and cache.exists():
        data = json.loads(cache.read_text())
    else:
        rows, counts = labelled_rows(golds, args.unpaired)
        data = {"rows": rows, "counts": counts}
        if cache:
            cache.write_text(json.dumps(data))
    rows = data["rows"]
    gold = [r["gold"] for r in rows]
    print("counts:", data["counts"], "rows:", len(rows))
    print("gold roles:", {c: gold.count(c) for c in CLASSES}, "rules roles:",
          {c: [r["rules"] for r in rows].count(c) for c in CLASSES})
    losses = {c: log_loss(out_of_fold(rows, c)[0], rows) for c in STRENGTHS}
    strength = min(losses, key=losses.get)
    print("out-of-fold log loss by C:", {c: round(v, 4) for c, v in losses.items()}, "-> C", strength)
    probabilities, by_cable = out_of_fold(rows, strength)
    rules = [r["rules"] for r in rows]
    model_only = [max(p, key=lambda c: (p[c], c)) for p in probabilities]
    print(f"{'role':12} {'gold':>5} {'rules F1':>9} {'model F1':>9}")
    rules_f1, model_f1 = per_role(rules, gold), per_role(model_only, gold)
    for role in PRIORITY:
        print(f"{role:12} {rules_f1[role]['gold']:>5} {rules_f1[role]['f1']:>9} {model_f1[role]['f1']:>9}")
    print("micro F1 over roles: rules", micro_f1(rules, gold), "model", micro_f1(model_only, gold))
    by_threshold = {t: micro_f1(post_pass(probabilities, rows, t), gold) for t in THRESHOLDS}
    threshold = args.threshold or max(by_threshold, key=lambda t: (by_threshold[t], t))
    print("post-pass micro F1 by threshold:", by_threshold, "-> threshold", threshold)
    chosen = post_pass(probabilities, rows, threshold)
    print("post-pass per role:", {r: s["f1"] for r, s in per_role(chosen, gold).items()})
    everything = fit(rows, strength)
    if args.oof:
        for model in [*by_cable.values(), everything]:
            model["threshold"] = threshold
        print("dev, post-pass off:", json.dumps(eval_dev(golds)))
        print("dev, out of fold:", json.dumps(eval_dev(golds, lambda cable: by_cable.get(cable, everything))))
    if args.write:
        everything.pop("_index", None)
        everything.update(threshold=threshold, enabled=bool(args.enable), strength=strength, rows=len(rows),
                          trained=date.today().isoformat(),
                          out_of_fold={"rules": rules_f1, "model": model_f1, "post_pass": per_role(chosen, gold)})
        (Path(str(DATA)) / "role_model.json").write_text(json.dumps(everything, indent=1) + "\n")
        print("written", Path(str(DATA)) / "role_model.json")


if __name__ == "__main__":
    main()
