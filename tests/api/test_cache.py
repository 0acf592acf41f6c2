"""The kept page results (query/cache.py): a repeated read is answered from the cache,
and any write to the store, from this process or another, makes the next read fresh."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from prolifwatch.query import cache


def _rename_in_another_process(db, entity_id: str, name: str) -> None:
    """A commit by another program (the CLI, an ingest job): not through the app at all."""
    script = ("import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
              "db.execute('UPDATE entities SET name = ? WHERE id = ?', (sys.argv[3], sys.argv[2])); db.commit()")
    subprocess.run([sys.executable, "-c", script, str(db), entity_id, name], check=True, timeout=60)


def test_a_repeated_entity_page_is_kept(api):
    first = api.get("/api/v1/entities/entity:limmt")
    hits = cache.pages.hits
    again = api.get("/api/v1/entities/entity:limmt")
    assert again.json() == first.json()
    assert cache.pages.hits == hits + 1


def test_a_write_by_another_process_makes_the_next_read_fresh(api_rw, corpus_copy):
    page = api_rw.get("/api/v1/entities/entity:limmt").json()
    graph = api_rw.get("/api/v1/entities/entity:limmt/graph?depth=2").json()
    assert page["name"] != "Renamed Firm Zq"
    assert api_rw.get("/api/v1/entities/entity:limmt").json() == page   # kept: still the same
    _rename_in_another_process(corpus_copy, "entity:limmt", "Renamed Firm Zq")
    assert api_rw.get("/api/v1/entities/entity:limmt").json()["name"] == "Renamed Firm Zq"
    fresh = api_rw.get("/api/v1/entities/entity:limmt/graph?depth=2").json()
    assert fresh != graph
    assert next(n for n in fresh["nodes"] if n["id"] == "entity:limmt")["name"] == "Renamed Firm Zq"
    assert "Renamed Firm Zq" in api_rw.get("/entities/entity:limmt").text   # the HTML twin too


def test_a_repeated_document_page_is_kept_for_every_spelling_of_its_id(api):
    first = api.get("/api/v1/documents/09BEIJING724")
    hits = cache.pages.hits
    assert api.get("/api/v1/documents/09 BEIJING 724").json() == first.json()   # the id resolved first
    assert cache.pages.hits == hits + 1
    highlighted = api.get("/api/v1/documents/09BEIJING724", params={"q": "cold flow forming"}).json()
    assert highlighted["hits"] > 0 and first.json()["hits"] == 0                 # a search is another page


def test_a_review_makes_the_next_document_page_fresh(api_rw):
    page = api_rw.get("/api/v1/documents/09BEIJING724").json()
    event = next(e["id"] for p in page["paragraphs"] for e in p["events"] if e["id"])
    rejected = api_rw.post("/api/v1/actions/review", json={"event": event, "action": "reject"})
    assert rejected.status_code == 200, rejected.text
    after = api_rw.get("/api/v1/documents/09BEIJING724").json()
    assert event not in [e["id"] for p in after["paragraphs"] for e in p["events"]]   # a rejected event leaves


def test_an_action_in_the_app_makes_the_next_read_fresh(api_rw):
    members = [m["key"] for m in api_rw.get("/api/v1/entities/entity:limmt").json()["members"]]
    assert "org:dalian-sunny-industries" in members
    searched = api_rw.get("/api/v1/search", params={"entity": "entity:limmt"}).json()
    judged = api_rw.post("/api/v1/actions/judge", json={"a": "entity:limmt", "b": "org:dalian-sunny-industries",
                                                        "same": False})
    assert judged.status_code == 200, judged.text
    after = [m["key"] for m in api_rw.get("/api/v1/entities/entity:limmt").json()["members"]]
    assert "org:dalian-sunny-industries" not in after
    # the entity filter of search reads the members too: fewer (or as many) documents, never stale ids
    assert api_rw.get("/api/v1/search", params={"entity": "entity:limmt"}).json()["total"] <= searched["total"]


def test_a_store_replaced_at_the_same_path_is_another_generation(corpus_copy, tmp_path):
    before = cache.data_generation(corpus_copy)
    assert cache.data_generation(corpus_copy) == before   # nothing written: the same
    other = tmp_path / "other.sqlite"
    shutil.copyfile(corpus_copy, other)
    other.replace(corpus_copy)
    assert cache.data_generation(corpus_copy) != before


def test_a_commit_on_another_connection_changes_the_generation(tmp_path):
    path = tmp_path / "s.sqlite"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    before = cache.data_generation(path)
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    assert cache.data_generation(path) != before
    writer.close()


def test_the_cache_is_bounded_and_keeps_no_failure():
    kept = cache.PageCache(entries=2)
    made = []

    def make(value):
        made.append(value)
        return value

    assert [kept.get(k, lambda k=k: make(k)) for k in ("a", "b", "a", "c")] == ["a", "b", "a", "c"]
    assert made == ["a", "b", "c"] and len(kept) == 2
    kept.get("b", lambda: make("b"))   # "b" was the least recently used: pushed out by "c"
    assert made == ["a", "b", "c", "b"]

    def fail():
        raise ValueError("no")

    with pytest.raises(ValueError):
        kept.get("d", fail)
    assert kept.get("d", lambda: make("d")) == "d"
    assert cache.PageCache(entries=0).get("x", lambda: make("x")) == "x" and made[-1] == "x"


def test_a_watcher_opened_again_does_not_reuse_an_old_generation(tmp_path, monkeypatch):
    """Two connections' data versions are not comparable: a store watched again (its watcher
    pushed out by others) must not match results kept under the old watcher."""
    monkeypatch.setattr(cache, "WATCHED_STORES", 1)
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path in (first, second):
        sqlite3.connect(path).close()
    before = cache.data_generation(first)
    cache.data_generation(second)            # pushes the watcher of the first out
    assert cache.data_generation(first) != before


def test_a_kept_rendering_carries_each_client_its_own_csrf_token(api):
    from fastapi.testclient import TestClient

    other = TestClient(api.app)
    pages = [client.get("/entities/entity:limmt") for client in (api, other, api)]
    tokens = [client.cookies.get("prolifwatch_csrf") for client in (api, other, api)]
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    for page, token in zip(pages, tokens):
        assert f'<meta name="csrf-token" content="{token}">' in page.text
    assert tokens[1] not in pages[2].text   # the second client's token never reaches the first


def test_the_json_of_a_kept_result_is_what_fastapi_writes(api, monkeypatch):
    url = "/api/v1/search?q=centrifuge"
    kept = api.get(url)
    monkeypatch.setattr(cache.pages, "entries", 0)   # computed and written by FastAPI
    written = api.get(url)
    assert kept.status_code == written.status_code == 200
    assert kept.headers["content-type"] == written.headers["content-type"]
    assert kept.json() == written.json()
