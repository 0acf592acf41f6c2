"""The search page and its JSON twin, its CSV download, and batch search."""
from __future__ import annotations

import csv
import io
import math

import pytest
from fastapi.testclient import TestClient

from prolifwatch.api import create_app

from .hostile_store import build_hostile_store


@pytest.fixture(scope="module")
def hostile_api(tmp_path_factory):
    with TestClient(create_app(build_hostile_store(tmp_path_factory.mktemp("hostile")))) as client:
        yield client


def test_cold_flow_forming_finds_the_limmt_cable_first_and_names_its_paragraph(api):
    data = api.get("/api/v1/search", params={"q": "cold flow forming"}).json()
    first = data["hits"][0]
    assert first["id"] == "09BEIJING724"
    assert (first["paragraph"], first["anchor"]) == ("¶2", "p2")  # the 3GFF-700 sentence is in ¶2
    assert [p["text"] for p in first["snippet"] if p["hit"]] == ["cold", "flow", "forming"]
    page = api.get("/search", params={"q": "cold flow forming"}).text
    assert 'href="/documents/09BEIJING724?q=cold%20flow%20forming#p2"' in page
    assert "<mark>cold</mark>" in page
    assert page.index("09BEIJING724") < page.index(data["hits"][1]["id"])


def test_facets_count_what_sql_counts(api, corpus_sql):
    data = api.get("/api/v1/search", params={"q": "missile", "tag": "PARM"}).json()
    matching = ("SELECT d.pk FROM documents d JOIN document_tags t ON t.pk = d.pk AND t.tag = 'PARM' "
                "WHERE d.pk IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH '\"missile\"')")
    assert data["total"] == corpus_sql.execute(f"SELECT count(*) FROM ({matching})").fetchone()[0] > 20
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in data["facets"]}
    by_sql = dict(corpus_sql.execute(f"SELECT coalesce(classification, '(unknown)'), count(*) FROM documents "
                             f"WHERE pk IN ({matching}) GROUP BY 1"))
    assert facets["classification"] == by_sql
    assert facets["tag"]["PARM"] == data["total"]
    assert sum(facets["kind"].values()) == data["total"]
    tag_labels = {v["value"]: v["label"] for f in data["facets"] if f["name"] == "tag" for v in f["values"]}
    assert tag_labels["PARM"] == "Arms controls and disarmament"


def test_the_cli_and_the_json_twin_read_one_search(api, corpus_db):
    import json

    from typer.testing import CliRunner

    from prolifwatch.cli import app

    shown = CliRunner().invoke(app, ["search", "Iran missile", "--since", "2008-06", "--limit", "20",
                                     "--db", str(corpus_db), "--json"])
    assert shown.exit_code == 0, shown.output
    cli = json.loads(shown.stdout)
    data = api.get("/api/v1/search", params={"q": "Iran missile", "since": "2008-06"}).json()
    assert cli["total"] == data["total"] > 20
    assert [h["id"] for h in cli["hits"]] == [h["id"] for h in data["hits"]]
    for printed, served in zip(cli["hits"], data["hits"]):
        assert (printed["created_precision"], printed["created_source"], printed["date_in_range"]) == \
            (served["created_precision"], served["created_source"], served["date_in_range"])
        # the «» marks the terminal highlights are the page's hit parts
        assert printed["snippet"].replace("«", "").replace("»", "") == "".join(p["text"] for p in served["snippet"])
    facets = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in data["facets"]}
    assert cli["facets"] == {name: facets[name] for name in cli["facets"]}
    assert {"kind", "year", "tag", "origin", "classification"} <= set(cli["facets"])  # none left out of both
    assert sum(facets["date_precision"].values()) == data["total"]  # every match once: day, month, year or unknown
    assert cli["date_filter"] == data["date_filter"]


def test_entity_and_item_facets_and_filters(api, corpus_sql):
    data = api.get("/api/v1/search", params={"q": "LIMMT"}).json()
    facets = {f["name"]: {v["value"]: v for v in f["values"]} for f in data["facets"]}
    assert facets["entity"]["entity:limmt"]["count"] == data["total"] == 3  # each cable naming LIMMT mentions it
    assert facets["entity"]["entity:limmt"]["label"] == "LIMMT Economic and Trade Company (Organization)"
    assert facets["item_code"]["MTCR 3.B.3"]["count"] == 1  # the 3GFF-700 of 09BEIJING724
    assert facets["item_code"]["MTCR 3.B.3"]["label"].startswith("Flow-forming machines")
    limmt = api.get("/api/v1/search", params={"entity": "entity:limmt"}).json()
    expected = {i for (i,) in corpus_sql.execute(
        "SELECT DISTINCT d.id FROM mentions m JOIN documents d ON d.pk = m.pk WHERE m.key IN "
        "(SELECT key FROM entity_members WHERE entity_id = 'entity:limmt')")}
    assert {h["id"] for h in limmt["hits"]} == expected and "09BEIJING724" in expected
    assert limmt["entity_name"].startswith("LIMMT")
    items = api.get("/api/v1/search", params={"item_code": "3.B.3"}).json()
    assert "09BEIJING724" in {h["id"] for h in items["hits"]}
    missing = api.get("/api/v1/search", params={"entity": "entity:limt"})
    assert missing.status_code == 404
    assert "entity:limmt" in [s["id"] for s in missing.json()["did_you_mean"]]


def test_pages_follow_each_other_and_keep_the_state_in_links(api):
    first = api.get("/api/v1/search", params={"tag": "PARM"}).json()
    second = api.get("/api/v1/search", params={"tag": "PARM", "page": 2}).json()
    assert first["pages"] == math.ceil(first["total"] / 20) >= 2
    assert len(first["hits"]) == 20
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    dates = [h["date"] for h in first["hits"] + second["hits"]]
    assert dates == sorted(dates, reverse=True)  # no query: newest first, across pages
    page = api.get("/search", params={"tag": "PARM", "page": 2}).text
    assert 'href="/search?tag=PARM&amp;page=3"' in page and 'href="/search?tag=PARM&amp;page=1"' in page


def test_date_histogram_drills_from_years_to_months_to_days(api, corpus_sql):
    years = api.get("/api/v1/search", params={"q": "Iran"}).json()["dates"]
    assert years["level"] == "year"
    in_2008 = api.get("/api/v1/search", params={"q": "Iran", "since": "2008", "until": "2008"}).json()
    months = in_2008["dates"]
    assert months["level"] == "month"
    assert sum(b["count"] for b in months["buckets"]) + months["coarser"] + months["undated"] == in_2008["total"]
    march = {b["label"]: b["count"] for b in months["buckets"]}["2008-03"]
    assert march == corpus_sql.execute(
        "SELECT count(*) FROM documents WHERE date >= '2008-03' AND date < '2008-04' AND pk IN "
        "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH '\"iran\"')").fetchone()[0]
    page = api.get("/search", params={"q": "Iran", "since": "2008", "until": "2008"}).text
    assert 'href="/search?q=Iran&amp;since=2008-03&amp;until=2008-03"' in page
    days = api.get("/api/v1/search", params={"q": "Iran", "since": "2008-03", "until": "2008-03"}).json()["dates"]
    assert days["level"] == "day" and all(b["label"].startswith("2008-03-") for b in days["buckets"])
    one_day = days["buckets"][0]
    that_day = api.get("/api/v1/search", params={"q": "Iran", "since": one_day["since"], "until": one_day["until"]}
                       ).json()
    # the filter also keeps what is dated only to that month, marked as overlapping it
    assert that_day["total"] - that_day["date_filter"]["partly_in_range"] == one_day["count"]


def test_a_blank_search_is_a_bad_parameter_in_json_and_a_form_in_html(api):
    response = api.get("/api/v1/search")
    assert response.status_code == 422 and response.json()["parameter"] == "q"
    page = api.get("/search")
    assert page.status_code == 200 and 'name="q"' in page.text
    bad_date = api.get("/api/v1/search", params={"q": "Iran", "since": "03/09/2008"})
    assert bad_date.status_code == 422 and bad_date.json()["parameter"] == "since"
    assert api.get("/api/v1/search", params={"q": "*"}).json()["parameter"] == "q"


def test_csv_download_lists_the_hits_and_escapes_formulas(api, hostile_api):
    rows = list(csv.reader(io.StringIO(api.get("/api/v1/search.csv", params={"q": "cold flow forming"}).text)))
    assert rows[0][:2] == ["id", "kind"] and rows[1][0] == "09BEIJING724" and rows[1][7] == "¶2"
    hostile = hostile_api.get("/api/v1/search.csv", params={"q": "LIMMT"})
    assert hostile.headers["content-type"].startswith("text/csv")
    titles = [row[5] for row in csv.reader(io.StringIO(hostile.text))][1:]
    assert titles and all(t.startswith("'=HYPERLINK") for t in titles)


def test_batch_search_counts_each_term_as_search_does(api):
    terms = ["LIMMT", '"cold flow forming"', "*", "zzzxqq"]
    data = api.post("/api/v1/search/batch", json={"terms": terms}).json()
    lines = {line["term"]: line for line in data["lines"]}
    for term in ("LIMMT", '"cold flow forming"'):
        assert lines[term]["hits"] == api.get("/api/v1/search", params={"q": term}).json()["total"] > 0
    assert lines['"cold flow forming"']["documents"][0]["id"] == "09BEIJING724"
    assert lines["*"]["error"] and lines["zzzxqq"]["hits"] == 0
    assert data["terms_with_hits"] == 2
    tagged = api.post("/api/v1/search/batch", json={"terms": ["LIMMT"], "filters": {"tag": "PARM"}}).json()
    assert tagged["lines"][0]["hits"] <= lines["LIMMT"]["hits"]


def test_batch_limits_and_csv(api):
    too_many = api.post("/api/v1/search/batch", json={"terms": [f"t{i}" for i in range(501)]})
    assert too_many.status_code == 413
    assert api.post("/api/v1/search/batch", json={"terms": ["  "]}).status_code == 422
    rows = list(csv.reader(io.StringIO(api.post("/api/v1/search/batch.csv", json={"terms": ["=1+1", "LIMMT"]}).text)))
    assert rows[0] == ["term", "hits", "documents", "error"]
    assert rows[1][0] == "'=1+1" and rows[2][0] == "LIMMT" and "09BEIJING724" in rows[2][2]


def test_batch_page_takes_pasted_terms_and_an_uploaded_file(api):
    form = api.get("/search/batch").text
    assert 'hx-post="/search/batch"' in form and "/static/search.js" in form
    token = api.get("/api/v1/session").json()["csrf_token"]
    pasted = api.post("/search/batch", data={"terms": "LIMMT\nIran"}, headers={"X-CSRF-Token": token})
    assert pasted.status_code == 200
    assert 'href="/search?q=LIMMT"' in pasted.text and 'href="/documents/09BEIJING724?q=LIMMT"' in pasted.text
    uploaded = api.post("/search/batch", files={"file": ("terms.csv", b"LIMMT,first\nShahid Bakeri,second\n")},
                        headers={"X-CSRF-Token": token})
    assert "Shahid Bakeri" in uploaded.text and "<strong>2</strong> of 2 terms" in uploaded.text
    refused = api.post("/search/batch", data={"terms": "\n".join(f"t{i}" for i in range(600))},
                       headers={"X-CSRF-Token": token})
    assert refused.status_code == 413 and "at most 500" in refused.text
    no_token = api.post("/search/batch", data={"terms": "LIMMT"}, headers={"accept": "application/json"})
    assert no_token.status_code == 403
