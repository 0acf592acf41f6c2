"""FollowTheMoney export of the small store: schemata, properties, references,
the records file beside it, and acceptance by ``ftm validate``."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from prolifwatch.export.ftm import write_ftm
from prolifwatch.export.ftm_ids import document_id, entity_id, event_id
from prolifwatch.store import open_store
from tests.export.ftm_checks import check_ftm_lines
from tests.export.small_store import ARTICLE, CABLE_A, CABLE_B, CASE, LIMMT, MISSING, SBIG, VESSEL, build_small_store


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ftm")
    with open_store(build_small_store(folder / "small.sqlite")) as store:
        with open(folder / "entities.ftm.json", "w") as entities, open(folder / "records.jsonl", "w") as records:
            counts = write_ftm(store.db, entities, records)
    return folder, counts


@pytest.fixture(scope="module")
def by_id(exported):
    folder, _ = exported
    return {e["id"]: e for e in check_ftm_lines(folder / "entities.ftm.json")}


def test_every_entity_validates_and_references_resolve(exported):
    folder, counts = exported
    entities = check_ftm_lines(folder / "entities.ftm.json")
    assert Counter(e["schema"] for e in entities) == counts
    assert counts == {"PlainText": 3, "Article": 1, "Organization": 2, "PublicBody": 3, "Vessel": 1,
                      "Mention": 8, "Event": 4, "UnknownLink": 9}


def test_documents(by_id):
    cable_a = by_id[document_id(CABLE_A)]["properties"]
    assert cable_a["title"] == ["DEMARCHE ON LIMMT SHIPMENT"] and cable_a["date"] == ["2007-11-03"]
    assert cable_a["author"] == ["RICE"] and cable_a["publisher"] == ["Secretary of State"]
    assert by_id[document_id(CABLE_B)]["properties"]["date"] == ["2008-01-10"]  # not moved to UTC
    article = by_id[document_id(ARTICLE)]
    assert article["schema"] == "Article" and article["properties"]["publishedAt"] == ["2010-11-29"]
    missing = by_id[document_id(MISSING)]
    assert missing["schema"] == "PlainText" and "not in collection" in missing["properties"]["notes"][0]


def test_entities(by_id):
    limmt = by_id[entity_id(LIMMT)]
    assert limmt["schema"] == "Organization"
    assert limmt["properties"]["name"] == ["LIMMT Economic and Trade Company"]
    assert sorted(limmt["properties"]["alias"]) == ["LIMMT", "LIMMT Economic and Trade Co."]
    assert entity_id("org:limmt-economic") not in by_id              # a member, not an entity
    iran = by_id[entity_id("country:IR")]
    assert iran["schema"] == "PublicBody" and iran["properties"]["country"] == ["ir"]
    assert by_id[entity_id("country:US")]["properties"]["country"] == ["us"]   # only events name it
    assert by_id[entity_id(SBIG)]["properties"]["name"] == ["Shahid Bakeri Industrial Group"]
    assert by_id[entity_id(VESSEL)]["schema"] == "Vessel"
    assert entity_id("item:MTCR 3.B.3") not in by_id                   # items live on events


def test_mentions_point_at_document_and_entity(by_id):
    mentions = [e for e in by_id.values() if e["schema"] == "Mention"]
    pairs = {(m["properties"]["document"][0], m["properties"]["resolved"][0]) for m in mentions}
    assert (document_id(CABLE_A), entity_id(LIMMT)) in pairs
    in_a = next(m for m in mentions if m["properties"]["document"] == [document_id(CABLE_A)]
                and m["properties"]["resolved"] == [entity_id(LIMMT)])
    assert sorted(in_a["properties"]["name"]) == ["LIMMT", "LIMMT Economic and Trade Co."]


def test_events_and_links(by_id):
    transfer = by_id[event_id(CABLE_A, 0)]["properties"]
    assert transfer["name"] == ["Transfer: LIMMT → Shahid Bakeri Industrial Group: flow forming machine"]
    assert sorted(transfer["involved"]) == sorted([entity_id(LIMMT), entity_id(SBIG)])
    assert transfer["proof"] == [document_id(CABLE_A)] and transfer["date"] == ["2007-10"]
    assert transfer["summary"] == ["Evidence for event 0."]
    window = by_id[event_id(CABLE_B, 0)]["properties"]
    assert (window["startDate"], window["endDate"]) == (["2007-10"], ["2007-12"])
    demarche = by_id[event_id(CABLE_A, 1)]["properties"]
    assert demarche["organizer"] == [entity_id("country:US")] and demarche["involved"] == [entity_id("country:CN")]
    links = [e["properties"] for e in by_id.values() if e["schema"] == "UnknownLink"]
    roles = Counter(link["role"][0] for link in links)
    assert roles == {"supplies": 2, "ships_via": 1, "acts_on": 1, "cites": 2, "describes": 1, "case member": 2}
    ships = next(link for link in links if link["role"] == ["ships_via"])
    assert (ships["subject"], ships["object"]) == ([entity_id(LIMMT)], [entity_id(VESSEL)])
    cites_missing = next(link for link in links if link["object"] == [document_id(MISSING)])
    assert cites_missing["subject"] == [document_id(CABLE_A)] and cites_missing["role"] == ["cites"]


def test_records_beside_carry_full_events_and_cases(exported, by_id):
    folder, _ = exported
    records = [json.loads(line) for line in (folder / "records.jsonl").read_text().splitlines()]
    assert Counter(r["kind"] for r in records) == {"event": 3, "case": 1}
    for record in records:
        assert record["ftm_id"] in by_id
    transfer = next(r for r in records if r["id"] == f"{CABLE_A}#0")
    assert transfer["record"]["carrier"] == [{"text": "Iran Matin", "key": VESSEL}]
    assert transfer["cases"] == [CASE]
    case = next(r for r in records if r["kind"] == "case")
    assert case["events"] == [f"{CABLE_A}#0", f"{CABLE_B}#0"]


def test_ftm_command_line_accepts_the_export(exported):
    folder, _ = exported
    ftm = Path(sys.executable).with_name("ftm")
    result = subprocess.run([str(ftm), "validate", "-i", str(folder / "entities.ftm.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 31
