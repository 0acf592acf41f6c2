"""Case pages: the 4 November 2007 Iran Air jet-vane flight, as the article and 07STATE152317 report it."""
from __future__ import annotations

import html

import pytest

JET_VANES = "case-97ecd6898461"   # North Korea -> Iran via Beijing on an Iran Air flight, 4 November 2007


JET_VANES_UNDER_THE_FLOOR = pytest.mark.xfail(strict=True, reason=(
    "issue 17, third round: 07STATE152317's November 4 Iran Air jet-vane transfer scores 0.148 under the "
    "retrained model's listing floor (0.27): it is read with no supplier ('North Korean plans to send') and "
    "status planned; listed again when the finder reads North Korea as the supplier"))


def _jet_vane_case(api):
    listed = api.get("/api/v1/cases", params={"entity": "Iran Air", "limit": 500}).json()["cases"]
    found = [c for c in listed if "07STATE152317" in c["document_ids"] and c["last_date"] == "2007-11-04"]
    assert len(found) == 1
    return found[0]


@JET_VANES_UNDER_THE_FLOOR
def test_the_iran_air_jet_vane_case_shows_its_two_documents(api):
    summary = _jet_vane_case(api)
    assert summary["id"] == JET_VANES and summary["documents"] == 2
    data = api.get(f"/api/v1/cases/{JET_VANES}").json()
    assert {d["id"] for d in data["documents"]} == {"07STATE152317", "article-03c5935401c2b59c"}
    assert all(d["in_collection"] and d["link"] == f"/documents/{d['id']}" for d in data["documents"])
    carriers = next(r for r in data["roles"] if r["role"] == "carrier")["values"]
    assert any("Iran Air" in (v["name"] or "") or "Iran Air" in " ".join(v["texts"]) for v in carriers)
    # the article's sentence about the jet vanes is the source of an 4 November transfer
    jet_vanes = [t for t in data["transfers"] if "jet vanes" in t["source"]["evidence"]]
    assert jet_vanes and jet_vanes[0]["date"] == "2007-11-04"
    assert jet_vanes[0]["source"]["document"] == "article-03c5935401c2b59c"
    page = api.get(f"/cases/{JET_VANES}").text
    for document in data["documents"]:
        assert f'href="/documents/{document["id"]}"' in page
    assert html.escape(data["title"]) in page


@JET_VANES_UNDER_THE_FLOOR
def test_every_role_value_has_its_sources(api):
    data = api.get(f"/api/v1/cases/{JET_VANES}").json()
    supplier = next(r for r in data["roles"] if r["role"] == "supplier")["values"]
    assert supplier[0]["value"] == "country:KP" and supplier[0]["link"] == "/entities/country%3AKP"
    assert {s["document"] for s in supplier[0]["sources"]} == {"07STATE152317", "article-03c5935401c2b59c"}
    stated = [s for s in supplier[0]["sources"] if s["document"] == "07STATE152317"]
    assert stated[0]["citation"] == "¶1" and stated[0]["link"] == "/documents/07STATE152317#p1"


def test_conflicting_roles_stand_side_by_side(api):
    with_conflicts = [c for c in api.get("/api/v1/cases", params={"limit": 500}).json()["cases"] if c["conflicts"]]
    assert with_conflicts
    case = with_conflicts[0]
    data = api.get(f"/api/v1/cases/{case['id']}").json()
    assert [c["role"] for c in data["conflicts"]] == case["conflicts"]
    assert all(len(c["values"]) >= 2 for c in data["conflicts"])
    page = api.get(f"/cases/{case['id']}").text
    assert "Conflicts, side by side" in page and page.count('class="side-by-side"') == len(data["conflicts"])


def test_case_list_filters(api):
    all_cases = api.get("/api/v1/cases", params={"limit": 500}).json()["cases"]
    two = api.get("/api/v1/cases", params={"min_documents": 2, "limit": 500}).json()["cases"]
    assert two and all(c["documents"] >= 2 for c in two) and len(two) < len(all_cases)
    sure = api.get("/api/v1/cases", params={"min_confidence": 0.8, "limit": 500}).json()["cases"]
    assert sure and all(c["confidence"] >= 0.8 for c in sure)
    page = api.get("/cases", params={"min_documents": 2}).text
    for case in two[:50]:
        assert f'href="/cases/{case["id"]}"' in page


@JET_VANES_UNDER_THE_FLOOR
def test_case_timeline_by_day(api):
    data = api.get(f"/api/v1/timeline/{JET_VANES}").json()
    assert data["kind"] == "case" and data["link"] == f"/cases/{JET_VANES}"
    november_4 = next(d for d in data["days"] if d["day"] == "2007-11-04")
    assert {i["source"]["document"] for i in november_4["items"]} == {"07STATE152317", "article-03c5935401c2b59c"}
    assert f'id="d2007-11-04"' in api.get(f"/timeline/{JET_VANES}").text


def test_unknown_case_and_entity_are_404_with_did_you_mean(api):
    response = api.get("/api/v1/cases/case-97ecd689846")
    assert response.status_code == 404 and JET_VANES in [s["id"] for s in response.json()["did_you_mean"]]
    assert api.get("/cases/case-97ecd689846").status_code == 404
    response = api.get("/api/v1/cases", params={"entity": "Iran Aair"})
    assert response.status_code == 404 and response.json()["what"] == "entity"
    assert api.get("/api/v1/cases", params={"min_documents": 0}).status_code == 422
