"""Timelines of an entity and of a case over a small hand-written store."""
from __future__ import annotations

import json

import pytest

from prolifwatch.errors import NotFound
from prolifwatch.query.case_page import case_list
from prolifwatch.query.cases import get_case
from prolifwatch.query.context import Reader
from prolifwatch.query.timeline import case_timeline, entity_timeline
from tests.resolve.test_cases_fixtures import action, arg, build_store, case_of, mention, transfer

LIMMT = arg("entity:limmt", "LIMMT")
SBIG = arg("entity:shahid-bakeri-industrial-group", "Shahid Bakeri Industrial Group")
MACHINE = arg("model:3gff-700", "3GFF-700 machine", "Item")

SHIP = "LIMMT shipped a 3GFF-700 machine to SBIG in May."
ARRIVED = "The LIMMT machine arrived in Bandar Abbas aboard the Iran Teyfouri in June."
DEMARCHE = "We urged China to stop LIMMT."
LATER = "LIMMT continues to supply Iran."


@pytest.fixture()
def store(tmp_path):
    store, _ = build_store(tmp_path / "t.sqlite", [
        # stored out of date order on purpose
        ("09BEIJING724", "2009-03-20T08:40:00", [
            transfer(LATER, date=None, supplier=[LIMMT], recipient=[arg("country:IR", "Iran", "Country")]),
        ], [mention("entity:limmt", "LIMMT", LATER)]),
        ("08LONDON2", "2008-07-01T10:00:00", [
            transfer(ARRIVED, date="2008-06", supplier=[LIMMT], recipient=[SBIG], items=[MACHINE],
                     carrier=[arg("entity:iran-teyfouri", "Iran Teyfouri", "Vessel")]),
        ], [mention("entity:limmt", "LIMMT", ARRIVED)]),
        ("08STATE1", "2008-05-10T10:00:00", [
            transfer(SHIP, date="2008-05", status="planned", supplier=[LIMMT], recipient=[SBIG], items=[MACHINE],
                     carrier=[arg("entity:iran-broojerdi", "Iran Broojerdi", "Vessel")]),
            action(DEMARCHE, kind="demarche", transfer_idx=0, date="2008-05-12",
                   counterpart=[arg("country:CN", "China", "Country")]),
        ], [mention("entity:limmt", "LIMMT", SHIP + " " + DEMARCHE)]),
    ])
    with store.transaction():
        store.db.execute(
            "INSERT INTO screening_hits (entity_type, entity_key, entity_name, list_name, entry_id, score, record)"
            " VALUES ('Organization', 'entity:limmt', 'LIMMT', 'ofac', 'OFAC-123', 0.95, ?)",
            (json.dumps({"list": "ofac", "entry_id": "OFAC-123", "name": "LIMMT ECONOMIC AND TRADE COMPANY, LTD.",
                         "listed_on": "2009-04-07", "programmes": ["NPWMD"]}),),
        )
    yield store
    store.close()


def test_entity_timeline_merges_events_listings_and_documents_in_date_order(store):
    timeline = entity_timeline(store, "entity:limmt")
    items = timeline["items"]
    assert [i["sort"] for i in items] == sorted(i["sort"] for i in items)
    kinds = [(i["type"], i["source"].get("document") or i["source"].get("list")) for i in items]
    # the démarche names China, not LIMMT: it belongs to the case, not to LIMMT's own timeline
    assert kinds == [
        ("transfer", "08STATE1"), ("document", "08STATE1"),          # May 2008 shipment (doc dated 10 May)
        ("transfer", "08LONDON2"), ("document", "08LONDON2"),        # June arrival, July report
        ("transfer", "09BEIJING724"), ("document", "09BEIJING724"),  # undated: its document's date
        ("listing", "ofac"),                                         # listed 7 April 2009
    ]
    shipped = items[0]
    assert shipped["source"]["evidence"] == SHIP and shipped["source"]["paragraph"] == 0
    assert shipped["roles"] == ["supplier"] and shipped["case"] == case_of(store, "08STATE1", 0)
    listing = items[-1]
    assert listing["date"] == "2009-04-07" and listing["programmes"] == ["NPWMD"]
    assert timeline["total"] == 7


def test_entity_timeline_limit_and_unknown_entity(store):
    limited = entity_timeline(store, "entity:limmt", limit=2)
    assert len(limited["items"]) == 2 and limited["total"] == 7
    assert entity_timeline(store, "Nobody Trading Company") is None


def test_case_timeline_lists_its_events_in_order_with_conflicts(store):
    case = case_of(store, "08STATE1", 0)
    assert case_of(store, "08LONDON2", 0) == case
    timeline = case_timeline(store, case)
    assert [(i["type"], i["source"]["document"]) for i in timeline["items"]] == [
        ("transfer", "08STATE1"), ("diplomatic_action", "08STATE1"), ("transfer", "08LONDON2")]
    assert [c["role"] for c in timeline["conflicts"]] == ["carrier"]
    assert case_timeline(store, "case-000000000000") is None


def test_case_and_case_list_queries(store):
    case_id = case_of(store, "08STATE1", 0)
    case = get_case(store, case_id)
    assert [d["id"] for d in case["documents"]] == ["08STATE1", "08LONDON2"]
    assert all(d["in_collection"] for d in case["documents"])
    listed = case_list(Reader(store), min_documents=2).cases
    assert [c.id for c in listed] == [case_id]
    assert {c.id for c in case_list(Reader(store), entity="entity:limmt").cases} == {
        case_id, case_of(store, "09BEIJING724", 0)}
    assert case_list(Reader(store), entity="entity:iran-teyfouri").cases == [listed[0]]
    with pytest.raises(NotFound):
        case_list(Reader(store), entity="No Such Company")
