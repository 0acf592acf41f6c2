"""The analyst's actions from the web: each one undoable, none without a CSRF token or a JSON body."""
from __future__ import annotations


def _members(client, entity="entity:limmt"):
    return sorted(m["key"] for m in client.get(f"/api/v1/entities/{entity}").json()["members"])


def _token(client):
    return client.get("/api/v1/session").json()["csrf_token"]


def test_merge_then_undo_restores_the_entity(api_rw):
    before = api_rw.get("/api/v1/entities/entity:limmt").json()
    merged = api_rw.post("/api/v1/actions/merge",
                         json={"entity": "entity:limmt", "other": "Shahid Bakeri Industrial Group"})
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["undo"]["endpoint"] == "/api/v1/actions/forget"
    after = api_rw.get(body["location"].replace("/entities/", "/api/v1/entities/")).json()
    assert "entity:shahid-bakeri-industrial-group" in [m["key"] for m in after["members"]]
    assert "entity:limmt" in [m["key"] for m in after["members"]]
    assert any(j["judgement"] == "positive" for j in after["judgements"])
    decisions = api_rw.get("/api/v1/decisions").json()["judgements"]
    assert [(j["left"]["key"], j["right"]["key"]) for j in decisions] == \
        [tuple(sorted(("entity:limmt", "entity:shahid-bakeri-industrial-group")))]
    undone = api_rw.post(body["undo"]["endpoint"], json=body["undo"]["body"])
    assert undone.status_code == 200, undone.text
    restored = api_rw.get("/api/v1/entities/entity:limmt").json()
    assert sorted(m["key"] for m in restored["members"]) == sorted(m["key"] for m in before["members"])
    assert restored["aliases"] == before["aliases"] and restored["judgements"] == []
    assert api_rw.get("/api/v1/decisions").json()["judgements"] == []


def test_split_then_undo_from_an_htmx_form(api_rw):
    token = _token(api_rw)
    headers = {"X-CSRF-Token": token, "HX-Request": "true"}
    response = api_rw.post("/api/v1/actions/split", data={"entity": "entity:limmt",
                                                          "keys": ["org:dalian-sunny-industries"]}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["HX-Redirect"] == "/entities/entity%3Alimmt"
    assert "org:dalian-sunny-industries" not in _members(api_rw)
    undo = response.json()["undo"]
    assert api_rw.post(undo["endpoint"], data=undo["body"], headers=headers).status_code == 200
    assert "org:dalian-sunny-industries" in _members(api_rw)


def test_judge_different_and_refusals(api_rw):
    response = api_rw.post("/api/v1/actions/judge", json={"a": "entity:limmt", "b": "org:dalian-sunny-industries",
                                                          "same": False})
    assert response.status_code == 200
    assert "org:dalian-sunny-industries" not in _members(api_rw)
    # the same key twice is a conflict, an unknown name is not found, a missing field names itself
    assert api_rw.post("/api/v1/actions/judge", json={"a": "LIMMT", "b": "entity:limmt", "same": True}).status_code == 409
    assert api_rw.post("/api/v1/actions/merge", json={"entity": "LIMMT", "other": "No Such Firm Zz"}).status_code == 409
    missing = api_rw.post("/api/v1/actions/merge", json={"entity": "LIMMT"})
    assert missing.status_code == 422 and missing.json()["parameter"] == "other"
    assert api_rw.post("/api/v1/actions/split", json={"entity": "LIMMT", "keys": []}).json()["parameter"] == "keys"


def test_review_accept_correct_and_undo(api_rw):
    event = next(e for e in api_rw.get("/api/v1/entities/entity:limmt").json()["events"]
                 if e["source"]["document"] == "09BEIJING724")
    accepted = api_rw.post("/api/v1/actions/review", json={"event": event["event_id"], "action": "accept"})
    assert accepted.status_code == 200, accepted.text
    shown = next(e for e in api_rw.get("/api/v1/entities/entity:limmt").json()["events"]
                 if e["event_id"] == event["event_id"])
    assert shown["review"] == "accepted"
    corrected = api_rw.post("/api/v1/actions/review", json={"event": event["event_id"], "action": "correct",
                                                            "role": "status", "values": ["interdicted"]})
    assert corrected.status_code == 200, corrected.text
    reviews = api_rw.get("/api/v1/decisions").json()["reviews"]
    assert [r["action"] for r in reviews] == ["accept", "correct"]
    assert reviews[1]["source"]["link"] == "/documents/09BEIJING724#p2"
    ledger = api_rw.get("/api/v1/events", params={"item_code": "3.B.3"}).json()["rows"]
    assert ledger[0]["status"] == "interdicted" and ledger[0]["review"] == "accepted"
    assert ledger[0]["corrected"] == ["status"]
    page = api_rw.get("/decisions").text
    assert page.count('hx-post="/api/v1/actions/review/undo"') == 2
    for review in reviews:
        undone = api_rw.post("/api/v1/actions/review/undo", json={"decision": review["id"]})
        assert undone.status_code == 200, undone.text
    assert api_rw.get("/api/v1/decisions").json()["reviews"] == []
    # back to what the finder read: "highlighted the potential supply of the 3GFF-700" is planned (the seed gold)
    assert api_rw.get("/api/v1/events", params={"item_code": "3.B.3"}).json()["rows"][0]["status"] == "planned"
    assert api_rw.post("/api/v1/actions/review/undo", json={"decision": 999999}).status_code == 404
    assert api_rw.post("/api/v1/actions/review", json={"event": "ev-000000000000", "action": "accept"}).status_code == 404


def test_reject_takes_the_event_out_of_the_ledger(api_rw):
    row = api_rw.get("/api/v1/events", params={"item_code": "3.B.3"}).json()["rows"][0]
    decision = api_rw.post("/api/v1/actions/review", json={"event": row["id"], "action": "reject"}).json()
    assert row["id"] not in [r["id"] for r in api_rw.get("/api/v1/events", params={"item_code": "3.B.3"}).json()["rows"]]
    api_rw.post(decision["undo"]["endpoint"], json=decision["undo"]["body"])
    assert row["id"] in [r["id"] for r in api_rw.get("/api/v1/events", params={"item_code": "3.B.3"}).json()["rows"]]


def test_a_form_post_without_the_csrf_header_is_refused_and_changes_nothing(api_rw):
    before = _members(api_rw)
    response = api_rw.post("/api/v1/actions/merge", data={"entity": "entity:limmt",
                                                          "other": "Shahid Bakeri Industrial Group"})
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    forged = api_rw.post("/api/v1/actions/merge", data={"entity": "entity:limmt", "other": "Shahid Bakeri Industrial Group"},
                         headers={"X-CSRF-Token": "forged"})
    assert forged.status_code == 403
    cross_site = api_rw.post("/api/v1/actions/merge", json={"entity": "entity:limmt", "other": "Iran"},
                             headers={"origin": "https://evil.example"})
    assert cross_site.status_code == 403
    assert _members(api_rw) == before and api_rw.get("/api/v1/decisions").json()["judgements"] == []


def test_entity_page_forms_post_to_the_actions(api):
    page = api.get("/entities/entity:limmt").text
    for action in ("merge", "split", "judge", "review"):
        assert f'hx-post="/api/v1/actions/{action}"' in page
    assert '<meta name="csrf-token" content="' in page
