"""Resolution quality on hand-labelled pairs of surface forms from the corpus
(tests/data/resolution_pairs.tsv): precision and recall of "same entity", both at least 0.9."""
from __future__ import annotations

from pathlib import Path

import pytest

from prolifwatch.query.pairs import evaluate_pairs, read_pairs
from prolifwatch.store import open_store

PAIRS = Path(__file__).resolve().parents[1] / "data" / "resolution_pairs.tsv"


@pytest.fixture(scope="module")
def report(corpus_db):
    with open_store(corpus_db) as store:
        return evaluate_pairs(store, read_pairs(PAIRS))


def test_the_test_set_is_big_and_has_hard_negatives():
    pairs = read_pairs(PAIRS)
    assert len(pairs) >= 200
    labels = [p["label"] for p in pairs]
    assert set(labels) == {"same", "different"}
    assert labels.count("different") >= 80
    # hard negatives: same surname, or a shared word in an organisation's name
    def last(name):
        return name.split()[-1].lower()
    same_surname = [p for p in pairs if p["label"] == "different" and p["left_type"] == "Person"
                    and last(p["left"]) == last(p["right"])]
    assert len(same_surname) >= 15


def test_every_form_is_found_in_the_corpus(report):
    assert report["unknown"] == []


def test_precision_and_recall(report):
    print(f"\nresolution pairs: {report['pairs']}  precision {report['precision']:.3f}  "
          f"recall {report['recall']:.3f}  (tp {report['tp']}, fp {report['fp']}, fn {report['fn']}, tn {report['tn']})")
    for e in report["errors"]:
        print(f"  {e['label']:9} {e['left']} -> {e['left_entity']} | {e['right']} -> {e['right_entity']}")
    assert report["precision"] >= 0.9
    assert report["recall"] >= 0.9
