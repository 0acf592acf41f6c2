"""Busy entities and a big ledger are read within bounds, and the pages say what was cut.

The bounds are module constants, set low here so that the corpus store's busiest entities
(Iran is named in 537 of its 785 documents) take the paths a 250,000-document store takes."""
from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from prolifwatch.query import cache, entities, ledger


@pytest.fixture(autouse=True)
def _computed_afresh(monkeypatch):
    """These tests lower the bounds at run time, which the page cache (keyed by the
    arguments and the store's data) cannot see: every page here is computed afresh."""
    monkeypatch.setattr(cache.pages, "entries", 0)


def _entity(api, id_: str) -> dict:
    response = api.get(f"/api/v1/entities/{id_}")
    assert response.status_code == 200, response.text
    return response.json()


def test_an_ordinary_entity_is_complete_and_says_nothing_was_cut(api):
    data = _entity(api, "entity:limmt")
    assert data["truncated"] == []
    assert not any(m["mentions_capped"] for m in data["members"])
    assert "parts of this page were read within bounds" not in api.get("/entities/entity:limmt").text


def test_walking_the_documents_by_date_finds_the_same_documents_as_reading_every_mention(api, monkeypatch):
    exact = _entity(api, "country:IR")
    monkeypatch.setattr(entities, "EXACT_MENTIONS", 0)   # Iran: 537 of 785 documents, so the date walk
    walked = _entity(api, "country:IR")
    assert walked["document_list"] == exact["document_list"]
    assert len(walked["document_list"]) == 30 and "documents" not in {c["part"] for c in walked["truncated"]}
    dates = [d["date"] for d in walked["document_list"]]
    assert dates == sorted(dates, reverse=True)


def test_a_walk_that_finds_too_few_documents_fills_the_page_from_the_sample_and_says_so(api, monkeypatch):
    # an entity of an earlier period: the newest documents hold few of its mentions.  The page
    # must not come out (nearly) empty: the documents of its last-stored mentions fill it.
    monkeypatch.setattr(entities, "EXACT_MENTIONS", 0)
    monkeypatch.setattr(entities, "WALK_LIMIT", 10)       # Iran is in 537 documents: not 30 of the latest 10
    data = _entity(api, "country:IR")
    cut = next(c for c in data["truncated"] if c["part"] == "documents")
    assert "10 most recent documents" in cut["note"] and "mentions stored last" in cut["note"]
    assert "537 documents" in cut["note"]
    listed = data["document_list"]
    assert len(listed) == 30 and all(d["mentions"] > 0 for d in listed)
    assert len({d["id"] for d in listed}) == 30
    dates = [d["date"] or "" for d in listed]
    assert dates == sorted(dates, reverse=True)


def test_a_sampled_entity_reports_the_cut_and_lists_only_documents_that_mention_it(api, corpus_db, monkeypatch):
    monkeypatch.setattr(entities, "EXACT_MENTIONS", 0)
    monkeypatch.setattr(entities, "WALK_EXPECTED", 0)     # the United States: its mentions stored last
    monkeypatch.setattr(entities, "SAMPLE_MENTIONS", 40)
    data = _entity(api, "country:US")
    cut = next(c for c in data["truncated"] if c["part"] == "documents")
    assert cut["read"] == 40 and "699 documents" in cut["note"]
    keys = [m["key"] for m in data["members"]]
    db = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    for document in data["document_list"]:
        (count,) = db.execute(
            f"SELECT COUNT(*) FROM mentions m JOIN documents d ON d.pk = m.pk WHERE d.id = ?"
            f" AND m.key IN ({','.join('?' * len(keys))})", (document["id"], *keys)).fetchone()
        assert count == document["mentions"] > 0


def test_events_and_counterparts_of_a_busy_entity_come_from_a_bounded_sample(api, monkeypatch):
    full = _entity(api, "country:IR")
    monkeypatch.setattr(entities, "SCAN_LIMIT", 5)
    data = _entity(api, "country:IR")
    parts = {c["part"]: c for c in data["truncated"]}
    assert {"events", "counterparts"} <= set(parts) and parts["events"]["read"] == 5
    assert "the ledger filtered to this entity has them all" in parts["events"]["note"]
    assert 0 < len(data["events"]) <= 5 < len(full["events"])
    assert sum(c["events"] for c in data["counterparts"]) < sum(c["events"] for c in full["counterparts"])
    assert data["ledger_links"]["supplier"] == "/events?type=transfer&supplier=country%3AIR"
    page = api.get("/entities/country:IR").text
    assert "parts of this page were read within bounds" in page and "events: at most 5 rows read" in page
    assert 'href="/events?type=transfer&amp;supplier=country%3AIR"' in page


def test_member_mentions_are_counted_up_to_a_bound(api, monkeypatch):
    exact = {m["key"]: m["mentions"] for m in _entity(api, "entity:limmt")["members"]}
    monkeypatch.setattr(entities, "COUNT_LIMIT", 3)
    members = _entity(api, "entity:limmt")["members"]
    for member in members:
        assert member["mentions"] == min(exact[member["key"]], 3)
        assert member["mentions_capped"] == (exact[member["key"]] > 3)
    assert any(m["mentions_capped"] for m in members)
    assert "more than 3" in api.get("/entities/entity:limmt").text


def test_the_cli_profile_keeps_its_keys_and_exact_member_counts(corpus_db):
    from prolifwatch.query.context import Reader
    from prolifwatch.query.entity_page import entity_page

    with Reader.open(corpus_db) as reader:
        profile = entity_page(reader, "LIMMT", limit=5)
        exact = entities.entity_members(reader.store, "entity:limmt")
    assert profile.truncated == [] and "09BEIJING724" in {d.id for d in profile.document_list}
    assert len(profile.document_list) <= 5 and len(profile.events) <= 5 and len(profile.counterparts) <= 5
    assert [m.mentions for m in profile.members] == [m["mentions"] for m in exact]


def test_a_ledger_with_more_rows_than_it_sorts_says_so(api, monkeypatch):
    exact = api.get("/api/v1/events", params={"type": "transfer", "per_page": 10}).json()
    assert exact["sorted_among"] is None and exact["note"] is None
    monkeypatch.setattr(ledger, "SORT_LIMIT", 12)
    data = api.get("/api/v1/events", params={"type": "transfer", "per_page": 10, "sort": "supplier"}).json()
    assert data["sorted_among"] == 12 and "sorted among the 12 most recently reported" in data["note"]
    assert data["has_next"]
    second = api.get("/api/v1/events", params={"type": "transfer", "per_page": 10, "sort": "supplier",
                                               "page": 2}).json()
    assert len(second["rows"]) == 2 and not second["has_next"]
    names = [(r["supplier"][0]["text"].lower() if r["supplier"] else None) for r in data["rows"] + second["rows"]]
    present = [n for n in names if n is not None]
    assert present == sorted(present) and names[:len(present)] == present
    assert "sorted among the 12 most recently reported" in api.get("/events", params={"sort": "supplier"}).text


def test_a_narrow_filter_is_sorted_exactly_even_with_a_low_bound(api, monkeypatch):
    monkeypatch.setattr(ledger, "SORT_LIMIT", 12)
    data = api.get("/api/v1/events", params={"type": "transfer", "supplier": "LIMMT"}).json()
    assert data["sorted_among"] is None and data["rows"]
    assert "09BEIJING724" in {r["source"]["document"] for r in data["rows"]}


def test_the_status_menu_lists_the_statuses_there_are(api, corpus_db):
    db = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    for type_ in ("transfer", "diplomatic_action"):
        there = [s for (s,) in db.execute("SELECT DISTINCT status FROM events WHERE type = ? AND status IS NOT NULL"
                                           " ORDER BY status", (type_,))]
        assert api.get("/api/v1/events", params={"type": type_}).json()["statuses"] == there
    kinds = {k for (k,) in db.execute("SELECT DISTINCT kind FROM events WHERE type = 'diplomatic_action'"
                                      " AND kind IS NOT NULL")}
    assert kinds <= set(api.get("/api/v1/events", params={"type": "diplomatic_action"}).json()["kinds"])


# the filters as they were before they drove the query from the arguments' indexes: an EXISTS per event
_PROBED = {
    "3.B.3": "EXISTS (SELECT 1 FROM event_arguments a WHERE a.event_pk = e.event_pk AND a.role = 'item_code'"
             " AND (a.key = '3.B.3' OR a.key LIKE '% 3.B.3' OR a.key LIKE '3.B.3 %' OR a.key LIKE '3.B.3.%'"
             " OR a.key LIKE '% 3.B.3.%'))",
    "MTCR": "EXISTS (SELECT 1 FROM event_arguments a WHERE a.event_pk = e.event_pk AND a.role = 'item_code'"
            " AND (a.key = 'MTCR' OR a.key LIKE '% MTCR' OR a.key LIKE 'MTCR %' OR a.key LIKE 'MTCR.%'"
            " OR a.key LIKE '% MTCR.%'))",
    "(no control code)": "NOT EXISTS (SELECT 1 FROM event_arguments a WHERE a.event_pk = e.event_pk"
                         " AND a.role = 'item_code')",
}


@pytest.mark.parametrize("code", sorted(_PROBED))
def test_item_code_filters_find_the_same_rows_as_probing_every_transfer(api, corpus_db, code):
    listed = api.get("/api/v1/events.csv", params={"type": "transfer", "item_code": code}).text
    ids = {row["id"] for row in csv.DictReader(io.StringIO(listed))}
    db = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    probed = {e for (e,) in db.execute(
        f"SELECT e.eid FROM events e WHERE e.type = 'transfer' AND e.review IS NOT 'rejected' AND {_PROBED[code]}")}
    assert probed and ids == probed


def test_a_party_filter_finds_the_same_rows_as_probing_every_transfer(api, corpus_db):
    rows = api.get("/api/v1/events", params={"type": "transfer", "supplier": "China", "per_page": 500}).json()["rows"]
    db = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    probed = {e for (e,) in db.execute(
        "SELECT e.eid FROM events e WHERE e.type = 'transfer' AND e.review IS NOT 'rejected' AND EXISTS (SELECT 1"
        " FROM event_arguments a WHERE a.event_pk = e.event_pk AND a.role = 'supplier' AND (a.key = 'country:CN'"
        " OR (a.key IS NULL AND lower(a.text) IN ('china', 'chinese', 'prc', 'beijing'))))")}
    assert rows and len(probed) < 500 and {r["id"] for r in rows} >= probed
