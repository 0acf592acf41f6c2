"""Resolution quality on hand-labelled pairs (tests/data/resolution_pairs.tsv).

A pair names two surface forms, each with its mention type and, optionally, the
document it is read in (``left_doc``, ``right_doc``).  The document matters for
generic names: "MFA" in 08BEIJING3400 is China's foreign ministry, "MFA" in
07TELAVIV3385 Israel's, and only the document tells which mention is meant.  A form
is looked up as the commonest mention key with that text (whitespace normalised)
and type, in that document when one is given, then mapped to its entity.
"""
from __future__ import annotations

import csv
from collections import Counter
from typing import Any


def read_pairs(path) -> list[dict[str, str]]:
    """Rows of a pairs file: left, left_type, right, right_type, label (same|different),
    note, and the optional left_doc, right_doc."""
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _normal(text: str) -> str:
    return " ".join(text.split())


def evaluate_pairs(store, pairs: list[dict[str, str]]) -> dict[str, Any]:
    """Precision and recall of "same entity" over the labelled pairs (see the module)."""
    anywhere: dict[tuple[str, str], Counter] = {}
    in_document: dict[tuple[str, str, str], Counter] = {}
    wanted_docs = {p.get(side) for p in pairs for side in ("left_doc", "right_doc")} - {None, ""}
    rows = store.db.execute("SELECT m.text, m.type, m.key, d.id FROM mentions m JOIN documents d ON d.pk = m.pk "
                            "WHERE m.key IS NOT NULL")
    for text, type_, key, doc in rows:
        text = _normal(text)
        for type_wanted in (type_, ""):
            anywhere.setdefault((text, type_wanted), Counter())[key] += 1
            if doc in wanted_docs:
                in_document.setdefault((text, type_wanted, doc), Counter())[key] += 1
    members = dict(store.db.execute("SELECT key, entity_id FROM entity_members"))

    def entity_of(text: str, type_: str, doc: str | None) -> str | None:
        text = _normal(text)
        if doc:
            found = in_document.get((text, type_, doc)) or in_document.get((text, "", doc))
        else:
            found = anywhere.get((text, type_)) or anywhere.get((text, ""))
        if not found:
            return None
        key = min(found.items(), key=lambda item: (-item[1], item[0]))[0]
        return members.get(key, key)

    tp = fp = fn = tn = 0
    errors, unknown = [], []
    for pair in pairs:
        left = entity_of(pair["left"], pair["left_type"], pair.get("left_doc"))
        right = entity_of(pair["right"], pair["right_type"], pair.get("right_doc"))
        if left is None or right is None:
            unknown.append(pair)
        predicted, actual = left is not None and left == right, pair["label"] == "same"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
        tn += not predicted and not actual
        if predicted != actual:
            errors.append({**pair, "left_entity": left, "right_entity": right})
    return {"pairs": len(pairs), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "errors": errors, "unknown": unknown}
