"""Entity pages: LIMMT as 09BEIJING724 and 07STATE152317 describe it, the list, and not found."""
from __future__ import annotations

import html
import re
from pathlib import Path

SEED = Path("/work/shared/seeds/002_f43618049e87ecce.txt")   # 09BEIJING724, the LIMMT cable


def test_limmt_lists_dalian_sunny_among_its_aliases_and_the_3gff_700_transfer(api):
    data = api.get("/api/v1/entities/entity:limmt").json()
    assert data["id"] == "entity:limmt" and data["type"] == "Organization"
    assert "Dalian Sunny Industries" in data["aliases"]      # 07STATE152317: "Dalian Sunny Industries, also known as LIMMT"
    supplier = next(g for g in data["events_by_role"] if g["role"] == "supplier")["events"]
    beijing = [e for e in supplier if e["source"]["document"] == "09BEIJING724"]
    assert len(beijing) == 1 and beijing[0]["type"] == "transfer"
    assert "3GFF-700 cold flow forming machine" in beijing[0]["source"]["evidence"]
    # the sentence is the cable's paragraph 2, word for word (lines folded)
    assert "potential supply of the 3GFF-700 cold flow" in " ".join(SEED.read_text().split())
    assert beijing[0]["source"]["citation"] == "¶2"
    assert beijing[0]["source"]["link"] == "/documents/09BEIJING724#p2"
    assert beijing[0]["event_id"].startswith("ev-")
    assert {"09BEIJING724", "07STATE152317", "08BEIJING2322"} <= {d["id"] for d in data["document_list"]}
    assert any(m["key"] == "org:dalian-sunny-industries" for m in data["members"])


def test_entity_page_shows_what_its_json_twin_says(api):
    data = api.get("/api/v1/entities/entity:limmt").json()
    page = api.get("/entities/entity:limmt")
    assert page.status_code == 200
    text = page.text
    for alias in data["aliases"]:
        assert f"<li>{html.escape(alias)}</li>" in text
    for member in data["members"]:
        assert f'value="{member["key"]}"' in text        # a split checkbox for each member key
    for event in data["events"]:
        assert f'href="{event["source"]["link"]}"' in text
    assert 'href="/api/v1/entities/entity%3Alimmt"' in text   # the page links its twin
    assert 'data-graph-url="/api/v1/entities/entity%3Alimmt/graph?depth=1&amp;limit=15"' in text
    assert not re.search(r"<[a-z]+[^>]* (style|on[a-z]+)=", text)


def test_an_entity_is_found_by_name_alias_and_member_key(api):
    for name in ("LIMMT", "Dalian Sunny Industries", "org:dalian-sunny-industries"):
        assert api.get(f"/api/v1/entities/{name}").json()["id"] == "entity:limmt", name


def test_ids_with_colon_slash_and_space_are_path_parameters(api):
    data = api.get("/api/v1/entities/item:MTCR%203.B.3").json()
    assert data["id"] == "item:MTCR 3.B.3"
    assert any(e["source"]["document"] == "09BEIJING724" for e in data["events"])
    assert api.get("/entities/item:MTCR%203.B.3").status_code == 200


def test_unknown_entity_is_404_with_did_you_mean_in_both_faces(api):
    response = api.get("/api/v1/entities/LIMTT Economic")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not_found" and body["what"] == "entity"
    assert "entity:limmt" in [s["id"] for s in body["did_you_mean"]]
    page = api.get("/entities/LIMTT Economic")
    assert page.status_code == 404 and "entity:limmt" in page.text and "Traceback" not in page.text


def test_entity_list_searches_names_and_aliases(api):
    data = api.get("/api/v1/entities", params={"q": "dalian sunny"}).json()
    assert "entity:limmt" in [e["id"] for e in data["entities"]]   # by alias, any case
    page = api.get("/entities", params={"q": "dalian sunny"}).text
    assert 'href="/entities/entity%3Alimmt"' in page
    countries = api.get("/api/v1/entities", params={"type": "Country", "per_page": 5}).json()
    assert countries["entities"] and all(e["type"] == "Country" for e in countries["entities"])
    assert countries["has_next"]
    documents = [e["documents"] for e in countries["entities"]]
    assert documents == sorted(documents, reverse=True)


def test_entity_list_offers_near_names_when_nothing_matches(api):
    data = api.get("/api/v1/entities", params={"q": "LIMTT Economic"}).json()
    assert data["entities"] == []
    assert "entity:limmt" in [e["id"] for e in data["did_you_mean"]]


def test_bad_page_is_422_naming_the_parameter(api):
    response = api.get("/api/v1/entities", params={"page": 0})
    assert response.status_code == 422 and response.json()["parameter"] == "page"


def test_timeline_of_limmt_is_by_day_with_sources(api):
    data = api.get("/api/v1/timeline/entity:limmt").json()
    assert data["kind"] == "entity" and data["id"] == "entity:limmt"
    days = [d["day"] for d in data["days"]]
    assert days == sorted(days)
    items = [i for d in data["days"] for i in d["items"]]
    transfer = next(i for i in items if i["type"] == "transfer" and i["source"]["document"] == "09BEIJING724")
    assert transfer["source"]["link"] == "/documents/09BEIJING724#p2"
    assert "2007-11-03" in days   # 07STATE152317, the cable naming Dalian Sunny Industries
    page = api.get("/timeline/entity:limmt").text
    for day in days:
        assert f'id="d{day}"' in page
    assert api.get("/api/v1/timeline/no-such-entity-here").status_code == 404
