"""Browsing like the WikiLeaks viewer: by date, origin, tag and classification."""
from __future__ import annotations

import re
import sqlite3

import pytest


@pytest.fixture(scope="module")
def db(corpus_db):
    connection = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield connection
    connection.close()


def test_index_counts_what_the_store_holds(api, db):
    data = api.get("/api/v1/browse").json()
    assert data["documents"] == db.execute("SELECT count(*) FROM documents").fetchone()[0]
    years = {c["value"]: c["count"] for c in data["years"]}
    assert years["2008"] == db.execute("SELECT count(*) FROM documents WHERE date LIKE '2008%'").fetchone()[0]
    tags = {c["value"]: c for c in data["tags"]}
    assert tags["PARM"]["count"] == db.execute("SELECT count(*) FROM document_tags WHERE tag = 'PARM'").fetchone()[0]
    assert tags["PARM"]["meaning"] == "Arms controls and disarmament" and tags["IR"]["meaning"] == "Iran"
    origins = {c["value"]: c["count"] for c in data["origins"]}
    assert origins["Embassy Beijing"] == db.execute(
        "SELECT count(*) FROM documents WHERE origin = 'Embassy Beijing'").fetchone()[0]
    page = api.get("/browse").text
    assert 'href="/browse/tag/PARM"' in page and "Arms controls and disarmament" in page
    assert 'href="/browse/origin/Embassy%20Beijing"' in page


def test_a_year_lists_its_documents_oldest_first_with_its_months(api, db):
    data = api.get("/api/v1/browse/date/2008").json()
    expected = [i for (i,) in db.execute(
        "SELECT id FROM documents WHERE date >= '2008' AND date < '2009' ORDER BY date, pk")]
    assert data["total"] == len(expected) and data["pages"] == -(-len(expected) // 50)
    second = api.get("/api/v1/browse/date/2008", params={"page": 2}).json()
    assert [d["id"] for d in data["documents"] + second["documents"]] == expected[:100]
    months = {m["value"]: m["count"] for m in data["months"]}
    assert months["2008-03"] == db.execute(
        "SELECT count(*) FROM documents WHERE date LIKE '2008-03%'").fetchone()[0]
    page = api.get("/browse/date/2008").text
    assert 'href="/browse/date/2008/03"' in page
    march = api.get("/api/v1/browse/date/2008/03").json()
    assert march["value"] == "2008-03" and march["total"] == months["2008-03"]
    html = api.get("/browse/date/2008/03").text
    for document in march["documents"]:
        assert f'href="/documents/{document["id"]}"' in html


def test_tag_origin_and_classification_listings(api, db):
    parm = api.get("/api/v1/browse/tag/parm").json()
    assert parm["meaning"] == "Arms controls and disarmament"
    assert parm["total"] == db.execute("SELECT count(*) FROM document_tags WHERE tag = 'PARM'").fetchone()[0]
    assert "(Arms controls and disarmament)" in api.get("/browse/tag/PARM").text
    beijing = api.get("/api/v1/browse/origin/embassy beijing").json()  # any ASCII case, as search has it
    listed = {d["id"] for n in range(1, beijing["pages"] + 1)
              for d in api.get("/api/v1/browse/origin/Embassy Beijing", params={"page": n}).json()["documents"]}
    assert "09BEIJING724" in listed and len(listed) == beijing["total"]
    dates = [d["date"] for d in beijing["documents"]]
    assert dates == sorted(dates, reverse=True)
    secret = api.get("/api/v1/browse/classification/SECRET").json()
    assert secret["total"] == db.execute("SELECT count(*) FROM documents WHERE classification = 'SECRET'").fetchone()[0]


def test_every_browse_link_of_the_home_page_answers(api, db):
    home = api.get("/").text
    links = set(re.findall(r'href="(/browse/[^"]+)"', home))
    assert any(link.startswith("/browse/classification/") for link in links)
    assert any(link.startswith("/browse/date/") for link in links)
    for link in links:
        assert api.get(link.replace("&amp;", "&")).status_code == 200, link
    unknown = api.get("/api/v1/browse/classification/(unknown)").json()
    assert unknown["total"] == db.execute("SELECT count(*) FROM documents WHERE classification IS NULL").fetchone()[0]
    assert unknown["total"] > 0


def test_unknown_values_are_404_with_the_nearest_and_bad_dates_422(api):
    missing = api.get("/api/v1/browse/origin/Embasy Bejing")
    assert missing.status_code == 404
    assert missing.json()["did_you_mean"][0]["id"] == "Embassy Beijing"
    assert api.get("/api/v1/browse/tag/NOSUCHTAG").status_code == 404
    bad = api.get("/api/v1/browse/date/20x8")
    assert bad.status_code == 422 and bad.json()["parameter"] == "date"
    assert api.get("/api/v1/browse/date/2008/13").status_code == 422
