"""The document reader and its JSON twin, the refs graph, and hostile text shown inert."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from prolifwatch.api import create_app
from prolifwatch.query.context import Reader
from prolifwatch.query.refs import refs

from .hostile_store import HOSTILE_ID, build_hostile_store


@pytest.fixture(scope="module")
def limmt_cable(api):
    return api.get("/api/v1/documents/09BEIJING724").json(), api.get("/documents/09BEIJING724").text


def test_header_box_shows_what_the_cable_states(limmt_cable):
    data, page = limmt_cable
    assert data["title"] == "CHINA URGED TO HALT LIMMT'S CONTINUED PROLIFERATION TO IRAN'S MISSILE PROGRAM"
    assert (data["from"], data["to"], data["info"]) == ("AMEMBASSY BEIJING", ["SECSTATE WASHDC"],
                                                        ["CHINA POSTS COLLECTIVE"])
    assert (data["origin"], data["classification"], data["precedence"]) == ("Embassy Beijing", "SECRET", "IMMEDIATE")
    assert data["created_label"] == "2009-03-20"
    assert data["classified_by"] == "Political Minister Counselor Aubrey Carlson"
    assert data["reasons"] == ["1.4(b)", "1.4(d)", "1.4(h)"] and data["signers"] == ["PICCUTA"]
    assert {"code": "MTCRE", "meaning": "Missile Technology Control Regime"} in data["tags"]
    # the page shows the same facts, tags linking to their browse pages
    for fact in ("AMEMBASSY BEIJING", "SECSTATE WASHDC", "CHINA POSTS COLLECTIVE", "Political Minister Counselor",
                 "PICCUTA", "1.4(b), 1.4(d), 1.4(h)"):
        assert fact in page, fact
    assert 'href="/browse/tag/MTCRE"' in page and 'href="/browse/origin/Embassy%20Beijing"' in page


def test_paragraphs_have_printed_anchors_markings_and_linked_mentions(limmt_cable):
    data, page = limmt_cable
    second = data["paragraphs"][1]
    assert (second["anchor"], second["citation"], second["marking"]) == ("p2", "¶2", "(S)")
    limmt = [s for s in second["segments"] if s["text"] == "LIMMT"]
    assert limmt and limmt[0]["entity_id"] == "entity:limmt" and limmt[0]["mention_type"] == "Organization"
    # the segments put the paragraph back together, letter for letter
    assert "".join(s["text"] for s in second["segments"]).startswith("2. (S) Sun asked if the items sold by LIMMT")
    assert '<div class="para" id="p2">' in page and 'href="#p2"' in page
    paragraph_two = page[page.index('id="p2"'):page.index('id="p3"')]
    assert '<a class="mention Organization" href="/entities/entity%3Alimmt"' in paragraph_two
    assert ">LIMMT</a>" in paragraph_two


def test_each_paragraph_shows_its_events_beside_it(limmt_cable, corpus_sql):
    data, page = limmt_cable
    transfers = [e for e in data["paragraphs"][1]["events"] if e["type"] == "transfer"]
    assert len(transfers) == 1
    transfer = transfers[0]
    assert transfer["id"] == corpus_sql.execute(
        "SELECT e.eid FROM events e JOIN documents d ON d.pk = e.pk WHERE d.id = '09BEIJING724' "
        "AND e.type = 'transfer'").fetchone()[0]
    parties = {(p["role"], p["text"]) for p in transfer["parties"]}
    assert ("supplier", "LIMMT") in parties and ("recipient", "Shahid Bakeri\nIndustrial Group") in parties
    paragraph_two = page[page.index('id="p2"'):page.index('id="p3"')]
    assert transfer["id"] in paragraph_two


def test_references_not_in_the_collection_are_marked(limmt_cable):
    data, page = limmt_cable
    reference = next(r for r in data["references"] if r["id"] == "09STATE25689")
    assert reference["in_collection"] is False and reference["printed"] == "STATE 25689 AND PREVIOUS (NOTAL)"
    section = page[page.index('id="references"'):page.index('id="cited-by"')]
    assert "09STATE25689" in section and "not in collection" in section


def test_cited_by_links_to_the_citing_document(api, corpus_sql):
    src, dst = corpus_sql.execute(
        "SELECT l.src, l.dst FROM document_links l JOIN documents a ON a.id = l.src JOIN documents b ON b.id = l.dst "
        "WHERE l.kind = 'cites' ORDER BY l.src LIMIT 1").fetchone()
    data = api.get(f"/api/v1/documents/{dst}").json()
    assert src in {c["id"] for c in data["cited_by"] if c["in_collection"]}
    assert dst in {r["id"] for r in api.get(f"/api/v1/documents/{src}").json()["references"] if r["in_collection"]}
    section = api.get(f"/documents/{dst}").text.split('id="cited-by"')[1]
    assert f'href="/documents/{src}"' in section


def test_thread_article_links_and_sources(api):
    thread = api.get("/api/v1/documents/08BEIJING3039").json()["thread"]
    assert {t["id"] for t in thread} == {"08BEIJING3039", "08STATE83144"}
    article = api.get("/api/v1/documents/article-03c5935401c2b59c").json()
    described = {d["id"]: d for d in article["described"]}
    assert described["07STATE152317"]["in_collection"] and described["07STATE152317"]["evidence_paragraph"]
    assert "Iran Air flight" in described["07STATE152317"]["evidence"]
    first = article["paragraphs"][0]
    assert (first["number"], first["anchor"], first["citation"]) == (None, "para-1", "para. 1 (unnumbered)")
    assert '<div class="para" id="para-1">' in api.get("/documents/article-03c5935401c2b59c").text
    cable = api.get("/api/v1/documents/07STATE152317").json()
    assert "article-03c5935401c2b59c" in {d["id"] for d in cable["described"]}
    sources = api.get("/api/v1/documents/07STATE159388").json()["sources"]
    assert len(sources) == 2 and sum(s["kept"] for s in sources) == 1
    assert api.get("/documents/07STATE159388").text.count('class="source card"') == 2


def test_any_spelling_and_not_found_with_did_you_mean(api):
    assert api.get("/api/v1/documents/09 BEIJING 724").json()["id"] == "09BEIJING724"
    missing = api.get("/api/v1/documents/09BEIJNG724")
    assert missing.status_code == 404
    assert missing.json()["did_you_mean"][0]["id"] == "09BEIJING724"
    page = api.get("/documents/09BEIJNG724")
    assert page.status_code == 404 and "09BEIJING724" in page.text and "Traceback" not in page.text


def test_opened_from_a_search_the_hits_are_marked_for_next_and_previous(api):
    data = api.get("/api/v1/documents/09BEIJING724", params={"q": "cold flow forming"}).json()
    assert data["hits"] == 3
    marked = [s["text"] for p in data["paragraphs"] for s in p["segments"] if s["hit"]]
    assert marked == ["cold", "flow", "forming"]
    page = api.get("/documents/09BEIJING724", params={"q": "cold flow forming"}).text
    assert '<mark class="hit" data-hit="1">cold</mark>' in page
    assert 'id="next-hit"' in page and '<script src="/static/document.js" defer></script>' in page
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag, tag
    assert api.get("/static/document.js").status_code == 200


def test_refs_graph_is_what_the_query_layer_gives(api, corpus_db):
    data = api.get("/api/v1/refs/08BEIJING3039", params={"depth": 2}).json()
    with Reader.open(corpus_db) as reader:
        expected = refs(reader.store, "08BEIJING3039", depth=2)
    assert data == expected
    assert api.get("/api/v1/refs/08BEIJING3039", params={"depth": 9}).status_code == 422
    assert api.get("/api/v1/refs/NOSUCHDOC").status_code == 404


@pytest.fixture(scope="module")
def hostile_api(tmp_path_factory):
    with TestClient(create_app(build_hostile_store(tmp_path_factory.mktemp("hostile")))) as client:
        yield client


def test_hostile_text_shows_escaped_everywhere(hostile_api):
    data = hostile_api.get(f"/api/v1/documents/{HOSTILE_ID}").json()
    body = "".join(s["text"] for p in data["paragraphs"] for s in p["segments"])
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(1)>" in body
    assert any(s["entity_id"] == "entity:limmt" for p in data["paragraphs"] for s in p["segments"])
    for path in (f"/documents/{HOSTILE_ID}", f"/documents/{HOSTILE_ID}?q=script", "/search?q=alert",
                 "/browse/tag/PARM", "/browse/date/2009"):
        page = hostile_api.get(path).text
        assert HOSTILE_ID in page, path
        assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript:' not in page, path
        for tag in re.findall(r"<script[^>]*>", page):
            assert "src=" in tag, (path, tag)
    page = hostile_api.get(f"/documents/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;" in page
