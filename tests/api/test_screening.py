"""/screen: one party with the explained hits (page and JSON), goods to control-list items, a batch
CSV as a job with a result CSV; the screener is built once and again only when the lists change."""
from __future__ import annotations

import csv
import io
import shutil
import time

import pytest
from fastapi.testclient import TestClient

from prolifwatch.api import create_app
from prolifwatch.query.context import Reader
from prolifwatch.query.screening import screening_signature
from tests.screen.conftest import OFAC_XML, UN_XML

BAGHERI = {"name": "Shahid Bagheri Industries"}


def _token(client) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/v1/session").json()["csrf_token"]}


@pytest.fixture(scope="module")
def screening(corpus_db, tmp_path_factory):
    """A private copy of the corpus store with the UN fixture list loaded (building a screener takes
    seconds: the tests of this module share one server)."""
    copy = tmp_path_factory.mktemp("screening") / "corpus.sqlite"
    shutil.copyfile(corpus_db, copy)
    with TestClient(create_app(copy)) as client:
        loaded = client.post("/api/v1/lists", files={"file": ("un_consolidated.xml", UN_XML.read_bytes())},
                             headers=_token(client))
        assert loaded.status_code == 200, loaded.text
        yield client


def _wait(client, job_id: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job['state']} after {seconds} s")


def test_without_a_list_screening_is_unavailable_with_a_hint(api):
    response = api.post("/api/v1/screen", json=BAGHERI)
    assert response.status_code == 503
    assert response.json()["error"] == "unavailable" and "/api/v1/lists" in response.json()["hint"]


def test_shahid_bagheri_industries_gives_the_explained_un_hit(screening):
    response = screening.post("/api/v1/screen", json=BAGHERI)
    assert response.status_code == 200, response.text
    best = response.json()["hits"][0]
    assert (best["list"], best["entry_id"], best["name"]) == ("un", "IRe.003", "Shahid Bagheri Industrial Group")
    assert best["score"] >= 0.9 and best["listed_on"] == "2006-12-23" and "Iran" in best["programmes"]
    assert "Shahid Bakeri Industrial Group" in best["aliases"]
    name = next(f for f in best["explanation"] if f["name"] == "name")
    assert "'Shahid Bagheri Industries' ~ 'Shahid Bagheri Industrial Group'" in name["detail"]


def test_the_page_shows_the_same_hit_and_its_reasons(screening):
    data = screening.post("/api/v1/screen", json=BAGHERI).json()["hits"][0]
    page = screening.get("/screen", params=BAGHERI).text
    assert f'<span class="score">{data["score"]:.2f}</span>' in page
    assert "<strong class=\"listed-name\">Shahid Bagheri Industrial Group</strong>" in page
    assert "<code>IRe.003</code>" in page and "2006-12-23" in page
    assert "&#39;Shahid Bagheri Industries&#39; ~ &#39;Shahid Bagheri Industrial Group&#39;" in page  # escaped
    fragment = screening.post("/screen", data=BAGHERI, headers={**_token(screening), "HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "<code>IRe.003</code>" in fragment.text and "1 hit for “Shahid Bagheri Industries”" in fragment.text


def test_a_country_that_differs_counts_against_the_hit(screening):
    hits = screening.post("/api/v1/screen", json={**BAGHERI, "country": "China"}).json()["hits"]
    assert hits, "the name alone still gives the hit"
    country = next(f for f in hits[0]["explanation"] if f["name"] == "country")
    assert country["score"] == -1.0 and "differs from the listed IR" in country["detail"]


def test_bad_parameters_are_named(screening):
    unknown_country = screening.post("/api/v1/screen", json={**BAGHERI, "country": "Narnia"})
    assert unknown_country.status_code == 422 and unknown_country.json()["parameter"] == "country"
    bad_type = screening.post("/api/v1/screen", json={**BAGHERI, "type": "spaceship"})
    assert bad_type.status_code == 422 and "type" in bad_type.json()["parameter"]
    page = screening.get("/screen", params={**BAGHERI, "as_of": "yesterday"})
    assert page.status_code == 422 and "as_of: &#39;yesterday&#39; is not a date" in page.text


def test_goods_description_to_control_list_items(screening):
    data = screening.get("/api/v1/goods", params={"q": "cold flow forming machine"}).json()
    assert data["items"][0]["item"] == "MTCR 3.B.3" and data["items"][0]["confidence"] >= 0.9
    page = screening.get("/screen", params={"goods": "cold flow forming machine"}).text
    assert '<a href="/events?item_code=3.B.3">MTCR 3.B.3</a>' in page


def test_the_screener_is_built_once_and_again_when_the_lists_change(screening):
    warm = screening.app.state.screener
    screening.post("/api/v1/screen", json=BAGHERI)
    with Reader.open(screening.app.state.db_path) as reader:
        assert warm.signature == screening_signature(reader.db)
        first = warm.screener(reader)
        screening.post("/api/v1/screen", json=BAGHERI)
        assert warm.screener(reader) is first  # not rebuilt per request
        loaded = screening.post("/api/v1/lists", files={"file": ("sdn.xml", OFAC_XML.read_bytes())},
                                headers=_token(screening))
        assert loaded.status_code == 200
        hits = screening.post("/api/v1/screen", json={"name": "LIMMT Economic and Trade Company"}).json()["hits"]
        assert any(h["list"] == "ofac" for h in hits)  # the new list is screened against
        assert warm.signature == screening_signature(reader.db) and warm.screener(reader) is not first


def test_batch_csv_upload_runs_to_done_with_a_result_csv(screening):
    parties = ("name,type,country,identifier,goods\n"
               "Shahid Bagheri Industries,organization,Iran,,cold flow forming machine\n"
               "=HYPERLINK(\"http://evil.example\"),company,,,\n"
               "Harmony Wish Shipping,company,,,\n")
    response = screening.post("/api/v1/screen/batch", files={"file": ("parties.csv", parties.encode())},
                              headers=_token(screening))
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/api/v1/jobs/{response.json()['id']}"
    job = _wait(screening, response.json()["id"])
    assert job["state"] == "done" and job["parties"] == 3 and job["screened"] == 3 and job["progress"] == 1.0
    assert [(h["line"], h["entry_id"]) for h in job["hits"]][:1] == [(2, "IRe.003")]
    result = screening.get(job["result_url"])
    assert result.status_code == 200 and "attachment" in result.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(result.text)))
    assert [(r["name"], r["hit"]) for r in rows][0] == ("Shahid Bagheri Industries", "yes")
    assert rows[0]["entry_id"] == "IRe.003" and rows[0]["goods_items"].startswith("MTCR 3.B.3")
    assert rows[1]["name"].startswith("'=HYPERLINK")  # a name is never a live formula in the result
    page = screening.get(f"/jobs/{job['id']}").text
    assert f'href="{job["result_url"]}"' in page and "Shahid Bagheri Industrial Group" in page


def test_batch_from_json_rows(screening):
    response = screening.post("/api/v1/screen/batch", json={"rows": [BAGHERI, {"name": "Nobody In Particular"}]})
    assert response.status_code == 202, response.text
    job = _wait(screening, response.json()["id"])
    assert job["state"] == "done" and (job["parties"], job["with_hits"]) == (2, 1)


def test_a_batch_with_a_bad_row_is_refused_naming_the_line(screening):
    bad = "name,type\nShahid Bagheri Industries,organization\nSomeone,spaceship\n"
    response = screening.post("/api/v1/screen/batch", files={"file": ("p.csv", bad.encode())}, headers=_token(screening))
    assert response.status_code == 422
    assert "line 3" in response.json()["message"] and "spaceship" in response.json()["message"]


def test_screening_forms_need_the_csrf_token(screening):
    assert screening.post("/api/v1/screen/batch", files={"file": ("p.csv", b"name\nX\n")}).status_code == 403
    assert screening.post("/api/v1/screen", data=BAGHERI).status_code == 403  # a form, not JSON
