"""Learn the transfer confidence (extract/confidence.py) on the dev split of the
corpus events gold, and write its weights to extract/data/confidence.json.

    .venv/bin/python bench/train_confidence.py

Each transfer the finder gives on a dev cable is labelled real when it matches
a gold transfer (score_events: same paragraph, an item and a party agree).  A
logistic regression (scikit-learn, L2, C=1) over the finder's own features
gives the weights.  The test split is never read here.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sklearn.linear_model import LogisticRegression

from prolifwatch.extract import FULL, Extractor
from prolifwatch.extract.confidence import DATA, features
from prolifwatch.extract.events_gold import load, read_split
from prolifwatch.extract.score_events import Matcher, _pair_transfers
from prolifwatch.pipeline import parse_paths

GOLD = Path("tests/data/gold/events")


def main() -> None:
    extractor = Extractor(FULL)
    matcher = Matcher(extractor.kb)
    rows, labels = [], []
    for row in read_split(GOLD / "split.tsv"):
        path = GOLD / f"{row['id']}.json"
        if row["split"] != "dev" or not path.exists():
            continue
        gold = load(path)
        doc = next(d for d in parse_paths([row["path"]]) if not hasattr(d, "reason") and d.id == row["id"])
        transfers = [e for e in extractor(doc).events if e.type == "transfer"]
        as_json = [e.to_json() for e in transfers]
        real = {id(p) for _, p in _pair_transfers(gold.get("transfers", []), as_json, matcher)}
        for event, shown in zip(transfers, as_json):
            rows.append(features(event))
            labels.append(int(id(shown) in real))
    names = sorted(rows[0])
    fitted = LogisticRegression(C=1.0, max_iter=1000).fit([[r[n] for n in names] for r in rows], labels)
    out = {
        "trained_on": f"tests/data/gold/events dev split: {len(rows)} transfers, {sum(labels)} real",
        "trained": date.today().isoformat(),
        "intercept": round(float(fitted.intercept_[0]), 4),
        "weights": {n: round(float(w), 4) for n, w in zip(names, fitted.coef_[0])},
    }
    (Path(str(DATA)) / "confidence.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(out["trained_on"])


if __name__ == "__main__":
    main()
