"""The transfer ledger and the diplomatic-action ledger: filters, sorting, CSV."""
from __future__ import annotations

import csv
import html
import io

from prolifwatch.query.ledger import LedgerRow, _csv_chunks
from prolifwatch.query.page_sources import Source


def _codes(row):
    return [i["code"] for i in row["items"] if i["code"]]


def test_ledger_filtered_to_3b3_has_only_such_rows_and_the_limmt_machine(api):
    data = api.get("/api/v1/events", params={"type": "transfer", "item_code": "3.B.3"}).json()
    assert data["rows"]
    for row in data["rows"]:
        assert any(code.endswith(" 3.B.3") for code in _codes(row)), row["id"]
    limmt = [r for r in data["rows"] if r["source"]["document"] == "09BEIJING724"]
    assert len(limmt) == 1
    assert [p["key"] for p in limmt[0]["supplier"]] == ["entity:limmt"]
    assert limmt[0]["source"]["link"] == "/documents/09BEIJING724#p2"
    page = api.get("/events", params={"type": "transfer", "item_code": "3.B.3"}).text
    for row in data["rows"]:
        assert f'id="{row["id"]}"' in page
    assert page.count("<tr id=") == len(data["rows"])


def test_a_control_list_name_keeps_every_item_it_controls(api):
    # the home page links /events?type=transfer&item_code=MTCR
    data = api.get("/api/v1/events", params={"type": "transfer", "item_code": "MTCR", "per_page": 200}).json()
    assert len(data["rows"]) > 5
    assert all(any(c.startswith("MTCR ") for c in _codes(r)) for r in data["rows"])
    uncoded = api.get("/api/v1/events", params={"type": "transfer", "item_code": "(no control code)"}).json()
    assert uncoded["rows"] and all(not _codes(r) for r in uncoded["rows"])


def test_sorting_on_a_column_in_both_directions(api):
    up = api.get("/api/v1/events", params={"sort": "confidence", "per_page": 100}).json()["rows"]
    down = api.get("/api/v1/events", params={"sort": "-confidence", "per_page": 100}).json()["rows"]
    assert [r["confidence"] for r in up] == sorted(r["confidence"] for r in up)
    assert [r["confidence"] for r in down] == sorted((r["confidence"] for r in down), reverse=True)
    carriers = api.get("/api/v1/events", params={"sort": "carrier", "per_page": 30}).json()["rows"]
    # a row sorts by the first of its carriers in alphabetical order; rows with none come last
    names = [min(c["text"].lower() for c in r["carrier"]) for r in carriers if r["carrier"]]
    assert names and names == sorted(names) and carriers[0]["carrier"]
    assert api.get("/api/v1/events", params={"sort": "colour"}).status_code == 422


def test_party_filters_resolve_aliases_and_unknown_ones_say_did_you_mean(api):
    rows = api.get("/api/v1/events", params={"supplier": "Dalian Sunny Industries"}).json()["rows"]
    assert {r["source"]["document"] for r in rows} >= {"09BEIJING724", "07STATE152317"}
    response = api.get("/api/v1/events", params={"supplier": "LIMMT Economic and Trade Compan"})
    assert response.status_code == 404 and response.json()["what"] == "supplier"
    assert any("LIMMT" in (s["id"] or "") for s in response.json()["did_you_mean"])


def test_pagination_does_not_repeat_rows(api):
    first = api.get("/api/v1/events", params={"per_page": 20, "sort": "document"}).json()
    second = api.get("/api/v1/events", params={"per_page": 20, "sort": "document", "page": 2}).json()
    assert first["has_next"]
    assert not {r["id"] for r in first["rows"]} & {r["id"] for r in second["rows"]}


def test_diplomatic_actions_by_post_and_kind_linked_to_their_transfers(api):
    data = api.get("/api/v1/events", params={"type": "diplomatic_action", "kind": "demarche", "per_page": 200}).json()
    assert data["rows"] and all(r["kind"] == "demarche" for r in data["rows"])
    linked = [r for r in data["rows"] if r["transfer_id"]]
    assert linked and all(r["transfer_link"].startswith(f"/documents/{r['source']['document']}") for r in linked)
    post = data["rows"][0]["origin"]
    by_post = api.get("/api/v1/events", params={"type": "diplomatic_action", "origin": post}).json()["rows"]
    assert by_post and all(r["origin"] == post for r in by_post)
    page = api.get("/events", params={"type": "diplomatic_action", "kind": "demarche"}).text
    assert "Diplomatic actions" in page and html.escape(linked[0]["transfer_id"]) in page


def test_csv_has_the_rows_of_the_page_and_is_inert(api):
    params = {"type": "transfer", "item_code": "3.B.3"}
    rows = api.get("/api/v1/events", params=params).json()["rows"]
    response = api.get("/api/v1/events.csv", params=params)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    read = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in read] == [r["id"] for r in rows]
    limmt = next(r for r in read if r["document"] == "09BEIJING724")
    assert limmt["item_codes"] == "MTCR 3.B.3" and limmt["paragraph"] == "¶2"
    assert "3GFF-700 cold flow forming machine" in limmt["evidence"]   # one line, whitespace folded
    assert 'href="/api/v1/events.csv?type=transfer&amp;item_code=3.B.3"' in api.get("/events", params=params).text


def test_csv_cells_that_would_be_formulas_get_an_apostrophe_and_quotes_are_escaped():
    source = Source(document="doc", citation="¶1", link="/documents/doc#p1", evidence='He said "=1+1", then, left')
    row = LedgerRow(id="ev-1", type="transfer", date=None, document_date="2009", origin=None, status="completed",
                    kind=None, confidence=0.5, review=None, corrected=[], source=source,
                    supplier=[{"text": "=HYPERLINK(\"http://x\")", "key": None, "link": None}],
                    recipient=[{"text": "-5 Corp", "key": None, "link": None}])
    text = "".join(_csv_chunks(("id", "supplier", "recipient", "confidence", "evidence"), [row]))
    read = list(csv.reader(io.StringIO(text)))
    assert read[1] == ["ev-1", "'=HYPERLINK(\"http://x\")", "'-5 Corp", "0.5", 'He said "=1+1", then, left']
