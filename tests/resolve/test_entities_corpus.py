"""Entities resolved over the seeds and ../shared/corpus (the ``corpus_db`` fixture, resolved by
``resolve_store``).  Expected groups come from reading the documents named in each case."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.pipeline import ingest, resolve_store
from prolifwatch.decisions import merge_entities, split_entity
from prolifwatch.query.context import Reader
from prolifwatch.query.entities import find_entity
from prolifwatch.query.entity_page import entity_list, entity_page
from prolifwatch.store import open_store

from tests.conftest import SEED_CABLE_EXPORT


@pytest.fixture(scope="module")
def store(corpus_db):
    with open_store(corpus_db) as s:
        yield s


def entity_id(store, name: str) -> str:
    found = find_entity(store, name)
    assert found is not None, name
    return found["id"]


@pytest.mark.parametrize("names, expected", [
    # 07STATE159388: "Defense Industries Organization (DIO)"
    (["DIO", "Defense Industries Organization"], "entity:defense-industries-organization"),
    # 07STATE152317 writes "Shahid Bagheri Industrial Group (SBIG)" and "Shahid Bagheri Industries
    # Group"; 10STATE16932 "Shahid Bakeri Industries Group (SBIG)"
    (["org:shahid-bagheri-industrial-group", "org:shahid-bagheri-industries-group",
      "org:shahid-bakeri-industries-group", "SBIG"], "entity:shahid-bakeri-industrial-group"),
    # "Pyongyang" stands for the state in the corpus cables ("even if Pyongyang cooperated fully")
    (["Pyongyang", "DPRK", "North Korea", "place:north-korea"], "country:KP"),
    (["IRISL", "Islamic Republic of Iran Shipping Lines"], "entity:irisl"),
])
def test_surface_forms_resolve_to_the_known_entity(store, names, expected):
    assert {entity_id(store, n) for n in names} == {expected}


@pytest.mark.parametrize("keys", [
    # 10ANKARA251: "Ilker Basbug", "Gen Basbug", "GEN Basbug" - one Turkish chief of staff
    ["person:ilker-basbug", "person:gen-basbug"],
    # Paris cables: "Nicolas Sarkozy", "Pres Sarkozy", "Sarkozy", and a misspelt "Nicholas Sarkozy"
    ["person:nicolas-sarkozy", "person:pres-sarkozy", "person:sarkozy", "person:nicholas-sarkozy"],
    # Beijing cables: "AFM He Yafei" and "He Yafei"
    ["person:he-yafei", "person:afm-he-yafei"],
    # "Ahmadinejad", "Ahmedinejad", "Ahmadi-Nejad"
    ["person:ahmadinejad", "person:ahmedinejad", "person:ahmadi-nejad"],
])
def test_person_with_and_without_title_or_spelling_is_one_entity(store, keys):
    assert len({entity_id(store, key) for key in keys}) == 1


@pytest.mark.parametrize("left, right", [
    ("Nicholas Burns", "William Burns"),  # two Under Secretaries, 2005-08 and 2008-
    ("Shahid Hemmat Industrial Group", "Shahid Bakeri Industrial Group"),
    ("Iran Air", "Mahan Air"),
    ("Bank Mellat", "Bank Melli"),
    ("Kim Jong-il", "Kim Jong-un"),
    ("Liu Jieyi", "Liu Xiaobo"),
    ("entity:iran-matin", "IRISL"),  # the ship and its operator
    ("Ministry of Foreign Affairs", "Ministry of Defense"),
    ("Chinese MFA", "China"),  # a government body is not its country
])
def test_distinct_actors_with_similar_names_stay_apart(store, left, right):
    assert entity_id(store, left) != entity_id(store, right)


def test_profile_of_an_entity(store):
    profile = entity_page(Reader(store), "DIO", limit=50)
    assert profile.id == "entity:defense-industries-organization" and profile.type == "Organization"
    assert "DIO" in profile.aliases and profile.attributes["country"] == "IR"
    documents = [d.id for d in profile.document_list]
    assert "07STATE159388" in documents
    dates = [d.date for d in profile.document_list if d.date]
    assert dates == sorted(dates, reverse=True)
    # 07STATE159388: the DIO is the end user of 83 containers of cartridges shipped from China
    transfer = [e for e in profile.events if e.source.document == "07STATE159388" and e.type == "transfer"]
    assert transfer and any(r in ("recipient", "end_user") for e in transfer for r in e.roles)
    assert any(c.entity == "country:CN" for c in profile.counterparts)


def test_entities_listing_uses_resolved_entities(store):
    people = entity_list(Reader(store), type="Person", per_page=200).entities
    ids = [p.id for p in people]
    assert len(ids) == len(set(ids))
    sarkozy = entity_id(store, "person:nicolas-sarkozy")
    assert sarkozy in ids and "person:nicolas-sarkozy" not in set(ids) - {sarkozy}


def test_decisions_survive_reingest_and_resolve(corpus_copy):
    with open_store(corpus_copy) as store:
        william, nicholas = entity_id(store, "William Burns"), entity_id(store, "Nicholas Burns")
        merge_entities(store, "William Burns", "person:burns")
        assert entity_id(store, "person:burns") == entity_id(store, "William Burns")
        sarkozy = entity_id(store, "person:pres-sarkozy")
        split_entity(store, sarkozy, ["person:nicholas-sarkozy"])
        assert entity_id(store, "person:nicholas-sarkozy") != entity_id(store, "person:pres-sarkozy")
        ingest([str(SEED_CABLE_EXPORT)], store)
        resolve_store(store)
        assert entity_id(store, "person:burns") == entity_id(store, "William Burns")
        assert entity_id(store, "Nicholas Burns") == nicholas != william
        assert entity_id(store, "person:nicholas-sarkozy") != entity_id(store, "person:pres-sarkozy")
        rows = store.db.execute("SELECT left_key, right_key, judgement FROM judgements ORDER BY 1").fetchall()
    assert ("person:nicholas-sarkozy", sarkozy, "negative") in rows
    assert any("person:burns" in (a, b) and j == "positive" for a, b, j in rows)


def test_cli_entity_merge_split_judge(corpus_copy):
    runner = CliRunner()
    db = ["--db", str(corpus_copy)]
    result = runner.invoke(app, ["entity", "DIO", "--json", *db])
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["id"] == "entity:defense-industries-organization"
    assert {"aliases", "attributes", "members", "document_list", "events", "counterparts", "listings"} <= set(profile)

    result = runner.invoke(app, ["entity", "No Such Actor Anywhere", *db])
    assert result.exit_code == 1 and "No Such Actor Anywhere" in result.output

    result = runner.invoke(app, ["judge", "Iran Air", "Mahan Air", "--same", *db])
    assert result.exit_code == 0 and "same as" in result.stdout
    result = runner.invoke(app, ["entity", "Mahan Air", "--json", *db])
    assert json.loads(result.stdout)["id"] == "entity:iran-air"

    # both names now mean one entity: the judgement must name member keys
    result = runner.invoke(app, ["judge", "Iran Air", "Mahan Air", "--different", *db])
    assert result.exit_code == 1 and "same key" in result.output
    result = runner.invoke(app, ["judge", "entity:iran-air", "entity:mahan-air", "--different", *db])
    assert result.exit_code == 0 and "different from" in result.stdout
    result = runner.invoke(app, ["entity", "Mahan Air", "--json", *db])
    assert json.loads(result.stdout)["id"] != "entity:iran-air"

    result = runner.invoke(app, ["split", "DIO", "org:not-a-member", *db])
    assert result.exit_code == 1 and "not a member" in result.output
