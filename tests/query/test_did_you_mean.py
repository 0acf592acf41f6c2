"""The one "did you mean" (query/lookup.py): every id, name and alias compared on a small store;
on a big one, only the neighbourhood of what was typed in the id and name indexes."""
from __future__ import annotations

import json

import pytest

from prolifwatch.query import lookup
from prolifwatch.query.lookup import nearest_documents, nearest_entities, not_found
from tests.resolve.test_cases_fixtures import cable

ENTITIES = [  # id, type, name, aliases
    ("entity:limmt", "Organization", "LIMMT", ["LIMMT", "Dalian Sunny Industries"]),
    ("country:IR", "Country", "Iran", ["Iran", "Islamic Republic of Iran"]),
]


@pytest.fixture()
def store(tmp_path):
    from prolifwatch.store import open_store

    store = open_store(tmp_path / "s.sqlite")
    for doc_id in ("09BEIJING724", "08STATE93558"):
        store.put(cable(doc_id, "2009-03-20T08:40:00", "Nothing."), {"mentions": [], "events": []})
    with store.transaction():
        store.db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, '{}', 1, 1)",
                             [(i, t, n, json.dumps(a)) for i, t, n, a in ENTITIES])
    yield store
    store.close()


def test_a_small_store_compares_aliases_and_ids(store):
    assert nearest_entities(store, "Dalian Sunny Industris")[0].id == "entity:limmt"
    assert nearest_documents(store, "09BEIJING72")[0].id == "09BEIJING724"


def test_a_big_store_compares_the_index_neighbourhood_only(store, monkeypatch):
    monkeypatch.setattr(lookup, "FULL_SCAN_ROWS", 1)
    assert [s.id for s in nearest_entities(store, "LIMT")] == ["entity:limmt"]   # by name, sharing "LI"
    assert nearest_documents(store, "09 BEIJING 72")[0].id == "09BEIJING724"      # any spelling of an id
    # an alias is in no index: on a big store it is not offered (the price of a 404 in milliseconds)
    assert nearest_entities(store, "Dalian Sunny Industris") == []


def test_not_found_carries_the_suggestions_both_faces_show(store):
    error = not_found(store, "entity", "Irann")
    assert error.http_status == 404 and error.exit_code == 1
    assert [s.id for s in error.suggestions] == ["country:IR"]
    assert error.to_json()["did_you_mean"][0] == {"id": "country:IR", "name": "Iran"}
