"""Cases over small hand-written stores: merging, keeping apart, conflicts, statuses, actions, entity ids, links."""
from __future__ import annotations

import json

from prolifwatch.resolve.cases import case_id
from prolifwatch.store.cases import rebuild_cases
from tests.resolve.test_cases_fixtures import action, arg, build_store, case_of, transfer

LIMMT = arg("entity:limmt", "LIMMT")
SBIG = arg("entity:shahid-bakeri-industrial-group", "Shahid Bakeri Industrial Group")
MACHINE = arg("model:3gff-700", "3GFF-700 cold flow forming machine", "Item")
PLATES = arg("item:MTCR 2.A.1", "tungsten-copper alloy plates", "Item")
TEYFOURI = arg("entity:iran-teyfouri", "Iran Teyfouri", "Vessel")
BROOJERDI = arg("entity:iran-broojerdi", "Iran Broojerdi", "Vessel")
CHINA = arg("country:CN", "China", "Country")
IRAN = arg("country:IR", "Iran", "Country")
DUAL_USE = arg("item:General dual-use", "dual-use items", "Item")


def _record(store, case: str) -> dict:
    return json.loads(store.db.execute("SELECT record FROM cases WHERE id = ?", (case,)).fetchone()[0])


def test_one_shipment_in_two_cables_is_one_case(tmp_path):
    store, counts = build_store(tmp_path / "s.sqlite", [
        ("08STATE1", "2008-05-10T10:00:00", [transfer(
            "LIMMT shipped a 3GFF-700 cold flow forming machine to Shahid Bakeri Industrial Group in May.",
            date="2008-05", status="impending", supplier=[LIMMT], recipient=[SBIG], items=[MACHINE])], []),
        ("08BEIJING2", "2008-07-01T10:00:00", [transfer(
            "The machine LIMMT sold to SBIG arrived in Iran in June.",
            date="2008-06", supplier=[LIMMT], recipient=[SBIG], items=[MACHINE])], []),
    ])
    case = case_of(store, "08STATE1", 0)
    assert case_of(store, "08BEIJING2", 0) == case
    record = _record(store, case)
    assert record["documents"] == ["08STATE1", "08BEIJING2"]
    supplier = record["roles"]["supplier"]
    assert [v["value"] for v in supplier] == ["entity:limmt"]
    assert {s["document"] for s in supplier[0]["sources"]} == {"08STATE1", "08BEIJING2"}
    assert all(s["evidence"] for s in supplier[0]["sources"])
    assert counts["multi_document_cases"] == 1 and counts["cases"] == 1
    assert "LIMMT" in record["title"] and "Shahid Bakeri" in record["title"]


def test_same_parties_different_items_and_years_stay_apart(tmp_path):
    store, counts = build_store(tmp_path / "s.sqlite", [
        ("08STATE1", "2008-05-10T10:00:00", [transfer(
            "LIMMT shipped a flow forming machine to SBIG.", date="2008-05",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE])], []),
        ("10STATE2", "2010-09-01T10:00:00", [transfer(
            "LIMMT supplied tungsten-copper alloy plates to SBIG.", date="2010-08",
            supplier=[LIMMT], recipient=[SBIG], items=[PLATES])], []),
        ("11STATE3", "2011-03-01T10:00:00", [transfer(
            "LIMMT shipped another flow forming machine to SBIG.", date="2011-02",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE])], []),
    ])
    cases = {case_of(store, doc, 0) for doc in ("08STATE1", "10STATE2", "11STATE3")}
    assert len(cases) == 3
    assert counts["multi_document_cases"] == 0


def test_different_carrier_and_quantity_are_conflicts_not_splits(tmp_path):
    store, counts = build_store(tmp_path / "s.sqlite", [
        ("08STATE1", "2008-06-01T10:00:00", [transfer(
            "LIMMT loaded one flow forming machine for SBIG on the Iran Teyfouri.", date="2008-05",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE], carrier=[TEYFOURI],
            quantity=[arg("quantity:1-machine", "one", "Quantity")])], []),
        ("08LONDON2", "2008-06-20T10:00:00", [transfer(
            "Two flow forming machines from LIMMT for SBIG sailed on the Iran Broojerdi.", date="2008-05",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE], carrier=[BROOJERDI],
            quantity=[arg("quantity:2-machines", "two", "Quantity")])], []),
    ])
    case = case_of(store, "08STATE1", 0)
    assert case_of(store, "08LONDON2", 0) == case
    conflicts = {c["role"]: c for c in _record(store, case)["conflicts"]}
    assert set(conflicts) == {"carrier", "quantity"}
    carriers = {v["value"]: [s["document"] for s in v["sources"]] for v in conflicts["carrier"]["values"]}
    assert carriers == {"entity:iran-teyfouri": ["08STATE1"], "entity:iran-broojerdi": ["08LONDON2"]}
    assert counts["conflicts"] == 2


def test_statuses_in_date_order_and_contradictions_flagged(tmp_path):
    store, _ = build_store(tmp_path / "s.sqlite", [
        ("07STATE1", "2007-10-15T10:00:00", [transfer(
            "LIMMT plans to ship a flow forming machine to SBIG next month.", date="2007-11", status="planned",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE], carrier=[TEYFOURI])], []),
        ("08STATE2", "2008-01-10T10:00:00", [transfer(
            "Singapore seized the LIMMT machine bound for SBIG aboard the Iran Teyfouri in December.",
            date="2007-12", status="interdicted",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE], carrier=[TEYFOURI])], []),
        ("08BEIJING3", "2008-01-20T10:00:00", [transfer(
            "China says the LIMMT machine reached SBIG on the Iran Teyfouri in December.",
            date="2007-12", status="completed",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE], carrier=[TEYFOURI])], []),
    ])
    case = case_of(store, "07STATE1", 0)
    assert case_of(store, "08STATE2", 0) == case_of(store, "08BEIJING3", 0) == case
    record = _record(store, case)
    statuses = [s["status"] for s in record["statuses"]]
    assert statuses[0] == "planned"
    assert set(statuses[1:]) == {"interdicted", "completed"}
    status_conflict = [c for c in record["conflicts"] if c["role"] == "status"]
    assert status_conflict and {v["value"] for v in status_conflict[0]["values"]} >= {"interdicted", "completed"}
    assert (record["first_date"], record["last_date"]) == ("2007-11", "2007-12")


def test_actions_pointing_at_a_transfer_join_its_case(tmp_path):
    store, counts = build_store(tmp_path / "s.sqlite", [
        ("07STATE1", "2007-11-03T10:00:00", [
            transfer("North Korea will ship jet vanes to Iran via Beijing on November 4.", date="2007-11-04",
                     status="planned", supplier=[arg("country:KP", "North Korea", "Country")], recipient=[IRAN],
                     items=[PLATES]),
            action("Request China to stop the shipment.", kind="request", transfer_idx=0,
                   actor=[arg("country:US", "United States", "Country")], counterpart=[CHINA]),
            action("An unrelated demarche on export controls.", kind="demarche"),
        ], []),
    ])
    case = case_of(store, "07STATE1", 0)
    assert case_of(store, "07STATE1", 1) == case
    assert store.db.execute("SELECT COUNT(*) FROM case_events ce JOIN events e USING (event_pk) WHERE e.idx = 2"
                            ).fetchone()[0] == 0
    actions = _record(store, case)["actions"]
    assert [(a["kind"], a["actor"], a["counterpart"]) for a in actions] == [("request", ["United States"], ["China"])]
    assert counts["related_actions"] == 1


def _spelling_variants(tmp_path, members):
    return build_store(tmp_path / "s.sqlite", [
        ("08STATE1", "2008-05-21T10:00:00", [transfer(
            "LIMMT shipped dual-use items to Shahid Bagheri Industrial Group on 20 May.", date="2008-05-20",
            supplier=[LIMMT], recipient=[arg("org:shahid-bagheri-industrial-group", "Shahid Bagheri Industrial Group")],
            items=[DUAL_USE])], []),
        ("08STATE2", "2008-05-30T10:00:00", [transfer(
            "LIMMT delivered dual-use items to Shahid Bakeri Industrial Group on 20 May.", date="2008-05-20",
            supplier=[LIMMT], recipient=[SBIG], items=[DUAL_USE])], []),
    ], members=members)


def test_parties_are_compared_as_entities_through_entity_members(tmp_path):
    store, _ = _spelling_variants(tmp_path / "a", None)
    assert case_of(store, "08STATE1", 0) != case_of(store, "08STATE2", 0)
    store, _ = _spelling_variants(tmp_path / "b", {
        "org:shahid-bagheri-industrial-group": "entity:shahid-bakeri-industrial-group",
        "entity:shahid-bakeri-industrial-group": "entity:shahid-bakeri-industrial-group",
    })
    case = case_of(store, "08STATE1", 0)
    assert case_of(store, "08STATE2", 0) == case
    recipients = _record(store, case)["roles"]["recipient"]
    assert [r["value"] for r in recipients] == ["entity:shahid-bakeri-industrial-group"]
    assert set(recipients[0]["texts"]) == {"Shahid Bagheri Industrial Group", "Shahid Bakeri Industrial Group"}


def _thread(tmp_path, links):
    return build_store(tmp_path / "s.sqlite", [
        ("08STATE93558", "2008-09-02T10:00:00", [transfer(
            "A Chinese origin shipment of proliferation concern arrived in Bandar Abbas, Iran on 21 June.",
            date="2008-06-21", supplier=[CHINA], recipient=[IRAN], origin=[CHINA], items=[DUAL_USE])], []),
        ("08BEIJING3400", "2008-09-03T10:00:00", [transfer(
            "The Ambassador expressed concern regarding a Chinese-origin shipment that occurred in June.",
            date="2008-06", recipient=[IRAN], origin=[CHINA], items=[DUAL_USE])], []),
    ], links=links)


def test_a_cable_citing_another_about_the_same_shipment_joins_its_case(tmp_path):
    store, _ = _thread(tmp_path / "a", [])
    assert case_of(store, "08STATE93558", 0) != case_of(store, "08BEIJING3400", 0)
    store, _ = _thread(tmp_path / "b", [("08BEIJING3400", "08STATE93558")])
    assert case_of(store, "08STATE93558", 0) == case_of(store, "08BEIJING3400", 0)


def test_case_ids_come_from_the_earliest_transfer_and_survive_a_rebuild(tmp_path):
    store, _ = build_store(tmp_path / "s.sqlite", [
        ("08LONDON9", "2008-07-01T10:00:00", [transfer(
            "The LIMMT machine for SBIG arrived.", date="2008-06", supplier=[LIMMT], recipient=[SBIG],
            items=[MACHINE])], []),
        ("08STATE1", "2008-05-10T10:00:00", [transfer(
            "LIMMT will ship a machine to SBIG.", date="2008-05", supplier=[LIMMT], recipient=[SBIG],
            items=[MACHINE])], []),
    ])
    before = case_of(store, "08LONDON9", 0)
    assert before == case_id("08STATE1", 0)
    with store.transaction():
        rebuild_cases(store.db)
    assert case_of(store, "08LONDON9", 0) == before
    assert store.db.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 1


def test_sources_dating_the_same_event_differently_are_flagged(tmp_path):
    store, _ = build_store(tmp_path / "s.sqlite", [
        ("08STATE1", "2008-06-01T10:00:00", [transfer(
            "LIMMT delivered the machine to SBIG in May.", date="2008-05",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE])], []),
        ("08STATE2", "2008-09-01T10:00:00", [transfer(
            "LIMMT delivered the machine to SBIG in August.", date="2008-08",
            supplier=[LIMMT], recipient=[SBIG], items=[MACHINE])], []),
    ])
    case = case_of(store, "08STATE1", 0)
    assert case_of(store, "08STATE2", 0) == case
    conflicts = {c["role"]: c for c in _record(store, case)["conflicts"]}
    assert set(conflicts) == {"date"}
    assert {v["value"]: [s["document"] for s in v["sources"]] for v in conflicts["date"]["values"]} == {
        "2008-05": ["08STATE1"], "2008-08": ["08STATE2"]}
