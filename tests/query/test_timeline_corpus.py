"""Timelines on the seeds and corpus.

LIMMT, by reading: 07STATE152317 (3 Nov 2007: "Dalian Sunny Industries, also
known as LIMMT"), 08BEIJING2322 (13 Jun 2008: "Dalian Sunny (LIMMT)") and the
seed 09BEIJING724 (20 Mar 2009: LIMMT's 3GFF-700 cold flow forming machine for
Shahid Bakeri Industrial Group).  The Defense Industries Organization: the
83 containers of cartridges booked on the Iran Matin (07STATE159388, Nov 2007)
and the Sara Company's procurement for DIO (08STATE93558, Sep 2008).
"""
from __future__ import annotations

import pytest

from prolifwatch.query.timeline import entity_timeline
from prolifwatch.store import open_store


@pytest.fixture(scope="module")
def store(corpus_db):
    s = open_store(corpus_db)
    yield s
    s.close()


def _in_order(items):
    sorts = [i["sort"] for i in items]
    assert sorts == sorted(sorts)


def test_limmt_timeline_in_date_order_with_sources(store):
    timeline = entity_timeline(store, "LIMMT") or entity_timeline(store, "entity:limmt")
    assert timeline is not None
    items = timeline["items"]
    _in_order(items)
    documents = [i["source"]["document"] for i in items if i["type"] == "document"]
    assert {"07STATE152317", "08BEIJING2322", "09BEIJING724"} <= set(documents)
    assert documents.index("07STATE152317") < documents.index("08BEIJING2322") < documents.index("09BEIJING724")
    transfers = [i for i in items if i["type"] == "transfer" and i["source"]["document"] == "09BEIJING724"]
    assert any("3GFF-700" in t["source"]["evidence"] for t in transfers)
    assert all(i["source"].get("evidence") for i in items if i["type"] != "listing")


def test_dio_timeline_has_the_iran_matin_cartridges_before_the_broojerdi_cable(store):
    timeline = (entity_timeline(store, "Defense Industries Organization")
                or entity_timeline(store, "entity:defense-industries-organization"))
    assert timeline is not None
    items = timeline["items"]
    _in_order(items)
    transfers = [i for i in items if i["type"] == "transfer"]
    cartridges = [i for i, t in enumerate(transfers) if "83 20-foot containers" in t["source"]["evidence"]]
    sara = [i for i, t in enumerate(transfers) if "Sara Company" in t["source"]["evidence"]]
    assert cartridges and sara and max(cartridges) < min(sara)
    assert all(t["case"] for t in transfers)
