"""/xref: every stored entity screened against the loaded lists as a background job (POST, CSRF as
the other POSTs, with its JSON twin), its progress on the jobs page, then the hits with the
analyst's verdict buttons.

The store is a copy of the corpus store keeping only the mentions of 09LONDON118 (the UK's
briefing on the Iran designations): screening the whole corpus's 8,000 entities takes a minute,
one cable's takes a second.  That cable names Bank Sepah, Kalaye Electric Company and Novin Energy
company, which the UN fixture list holds as IRe.017, IRe.006 and IRe.015.
"""
from __future__ import annotations

import shutil
import sqlite3
import time

import pytest
from fastapi.testclient import TestClient

from prolifwatch import jobs
from prolifwatch.api import create_app
from tests.screen.conftest import UN_XML

CABLE = "09LONDON118"


def _token(client) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/v1/session").json()["csrf_token"]}


def _wait(client, job_id: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job['state']} after {seconds} s")


def keep_one_cables_mentions(store) -> None:
    """Drop every mention but those of CABLE: the entities xref screens are then that cable's."""
    with sqlite3.connect(store) as db:
        db.execute("DELETE FROM mentions WHERE pk != (SELECT pk FROM documents WHERE id = ?)", (CABLE,))


def _one_cable_store(corpus_db, folder):
    copy = folder / "corpus.sqlite"
    shutil.copyfile(corpus_db, copy)
    keep_one_cables_mentions(copy)
    return copy


@pytest.fixture(scope="module")
def one_cable(corpus_db, tmp_path_factory):
    """A server on the one-cable store with the UN fixture list loaded, and its path."""
    path = _one_cable_store(corpus_db, tmp_path_factory.mktemp("xref"))
    with TestClient(create_app(path)) as client:
        loaded = client.post("/api/v1/lists", files={"file": ("un_consolidated.xml", UN_XML.read_bytes())},
                             headers=_token(client))
        assert loaded.status_code == 200, loaded.text
        yield client, path


@pytest.fixture(scope="module")
def first_run(one_cable):
    client, _ = one_cable
    response = client.post("/api/v1/xref", json={})
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/api/v1/jobs/{response.json()['id']}"
    assert response.json()["kind"] == "xref" and response.json()["state"] == "queued"
    return _wait(client, response.json()["id"])


def _hit(hits: list[dict], entity_key: str) -> dict:
    found = [h for h in hits if h["entity_key"] == entity_key]
    assert len(found) == 1, [h["entity_key"] for h in hits]
    return found[0]


def test_without_a_list_xref_is_refused_with_the_way_to_load_one(api_rw, corpus_copy):
    response = api_rw.post("/api/v1/xref", json={})
    assert response.status_code == 503
    assert "no sanctions list is loaded" in response.json()["message"] and "/api/v1/lists" in response.json()["hint"]
    assert not list(jobs.jobs_folder(corpus_copy).glob("*.json"))  # refused before a job is made
    page = api_rw.get("/xref").text
    assert "No sanctions list is loaded" in page and 'href="/lists"' in page


def test_the_job_runs_to_done_and_finds_the_listed_iranian_entities(one_cable, first_run):
    client, _ = one_cable
    assert first_run["state"] == "done" and first_run["progress"] == 1.0 and first_run["message"] is None
    assert first_run["skipped"] == 0 and first_run["screened"] == first_run["entities"] > 20  # the cable names 40
    assert first_run["with_hits"] >= 3 and first_run["result_url"] == "/xref"
    hits = client.get("/api/v1/xref").json()["hits"]
    sepah = _hit(hits, "entity:bank-sepah")
    assert (sepah["listing"], sepah["name"], sepah["listed_on"]) == ("un:IRe.017", "Bank Sepah", "2007-03-24")
    assert sepah["score"] >= 0.9 and sepah["review"] is None
    assert CABLE in sepah["evidence"]["documents"] and sepah["evidence"]["document_count"] == 1
    assert any(f["name"] == "name" for f in sepah["explanation"])
    assert _hit(hits, "entity:kalaye-electric-company")["listing"] == "un:IRe.006"
    assert _hit(hits, "entity:novin-energy-company")["listing"] == "un:IRe.015"
    assert not [h for h in hits if h["entity_key"] == "org:hm-treasury"]  # the UK's Treasury is not listed


def test_the_jobs_page_shows_the_figures_and_leads_to_the_hits(one_cable, first_run):
    client, _ = one_cable
    page = client.get(f"/jobs/{first_run['id']}").text
    assert "Xref job" in page and '<span class="state">done</span>' in page and "hx-trigger" not in page
    assert f'<span class="figure">{first_run["screened"]}</span> screened' in page
    assert '<a class="hits-link" href="/xref">Review the hits</a>' in page
    listing = client.get("/xref").text
    assert f'href="/jobs/{first_run["id"]}"' in listing


def test_the_page_and_its_json_twin_show_the_same_hits_with_verdict_buttons(one_cable, first_run):
    client, _ = one_cable
    data = client.get("/api/v1/xref").json()
    page = client.get("/xref").text
    assert data["total"] == data["open"] == len(data["hits"]) >= 3 and data["lists"] == 1
    assert f"Hits ({data['total']})" in page
    for hit in data["hits"]:
        assert f'<tr data-entity="{hit["entity_key"]}" data-listing="{hit["listing"]}">' in page
    sepah = page.split('data-entity="entity:bank-sepah"', 1)[1].split("</tr>", 1)[0]
    assert '<strong class="listed-name">Bank Sepah</strong>' in sepah and "<code>un:IRe.017</code>" in sepah
    assert f'href="/documents/{CABLE}"' in sepah and 'href="/entities/entity%3Abank-sepah"' in sepah
    assert sepah.count('hx-post="/api/v1/actions/xref"') == 2
    assert 'value="confirmed"' in sepah and 'value="dismissed"' in sepah


def test_xref_show_and_the_json_twin_list_the_same_hits(one_cable, first_run):
    # one query function behind both faces: the CLI prints each hit as xref stored it, the API adds
    # only the listing made of two of its fields
    import json

    from typer.testing import CliRunner

    from prolifwatch.cli import app

    client, path = one_cable
    shown = CliRunner().invoke(app, ["xref", "--show", "--db", str(path), "--json"])
    assert shown.exit_code == 0, shown.output
    printed = [json.loads(line) for line in shown.stdout.splitlines() if line.strip()]
    served = client.get("/api/v1/xref").json()["hits"]
    assert len(printed) == len(served) >= 3
    for cli_hit, api_hit in zip(printed, served):
        assert api_hit["listing"] == f"{cli_hit['list']}:{cli_hit['entry_id']}"
        assert {k: v for k, v in api_hit.items() if k != "listing"} == cli_hit


def test_a_second_run_resumes_and_screens_nothing_already_screened(one_cable, first_run):
    client, _ = one_cable
    again = _wait(client, client.post("/api/v1/xref", json={}).json()["id"])
    assert again["state"] == "done" and again["screened"] == 0
    assert again["skipped"] == again["entities"] == first_run["entities"]


def test_verdicts_from_the_buttons_are_kept_and_a_dismissed_hit_never_comes_back(corpus_db, tmp_path):
    path = _one_cable_store(corpus_db, tmp_path)
    with TestClient(create_app(path)) as client:
        token = _token(client)
        client.post("/api/v1/lists", files={"file": ("un.xml", UN_XML.read_bytes())}, headers=token)
        assert _wait(client, client.post("/api/v1/xref", json={}).json()["id"])["state"] == "done"
        for entity, listing, verdict in (("entity:bank-sepah", "un:IRe.017", "confirmed"),
                                         ("entity:kalaye-electric-company", "un:IRe.006", "dismissed")):
            # as the page's buttons send it: a form with the page's token, from htmx
            answer = client.post("/api/v1/actions/xref", data={"entity": entity, "listing": listing,
                                                                "verdict": verdict},
                                 headers={**token, "HX-Request": "true"})
            assert answer.status_code == 200 and answer.headers["HX-Refresh"] == "true", answer.text
        confirmed = client.get("/api/v1/xref", params={"review": "confirmed"}).json()
        assert [h["entity_key"] for h in confirmed["hits"]] == ["entity:bank-sepah"]
        assert confirmed["hits"][0]["review"] == "confirmed"
        page = client.get("/xref", params={"review": "confirmed"}).text
        assert '<span class="badge">confirmed</span>' in page and ">Confirm</button>" not in page
        everything = client.get("/api/v1/xref").json()["hits"]
        assert "entity:kalaye-electric-company" not in {h["entity_key"] for h in everything}
        assert "un:IRe.006" in client.get("/decisions").text
        restarted = _wait(client, client.post("/api/v1/xref", json={"restart": True}).json()["id"])
        assert restarted["state"] == "done" and restarted["restart"] and restarted["skipped"] == 0
        after = client.get("/api/v1/xref").json()["hits"]
        assert _hit(after, "entity:bank-sepah")["review"] == "confirmed"
        assert "entity:kalaye-electric-company" not in {h["entity_key"] for h in after}


def test_a_second_xref_is_refused_while_one_runs(one_cable):
    client, path = one_cable
    running, _ = jobs.new_job(path, "xref")  # run by this process, which is alive
    jobs.save(path, running.model_copy(update={"state": "running"}))
    try:
        response = client.post("/api/v1/xref", json={})
        assert response.status_code == 409 and running.id in response.json()["message"]
    finally:
        jobs.save(path, running.model_copy(update={"state": "done", "pid": None}))


def test_the_form_starts_a_job_whose_card_polls(one_cable, first_run):
    client, _ = one_cable
    fragment = client.post("/xref", data={"restart": "true"}, headers={**_token(client), "HX-Request": "true"})
    assert fragment.status_code == 202 and "<html" not in fragment.text
    job_id = fragment.text.split('id="job-', 1)[1].split('"', 1)[0]
    assert f'hx-get="/jobs/{job_id}" hx-trigger="every 1s"' in fragment.text and "Xref job" in fragment.text
    job = _wait(client, job_id)
    assert job["restart"] and job["screened"] == first_run["entities"]


def test_without_the_csrf_token_nothing_starts(one_cable):
    client, path = one_cable
    before = set(jobs.jobs_folder(path).glob("*.json"))
    response = client.post("/xref", data={"restart": "true"})
    assert response.status_code == 403
    assert set(jobs.jobs_folder(path).glob("*.json")) == before


@pytest.mark.parametrize("body, parameter", [({"threshold": 1.5}, "threshold"), ({"restart": "perhaps"}, "restart")])
def test_bad_parameters_are_refused_naming_them(one_cable, body, parameter):
    client, _ = one_cable
    response = client.post("/api/v1/xref", json=body)
    assert response.status_code == 422 and parameter in response.json()["message"] + str(response.json())


def test_the_lists_page_leads_to_xref(api):
    assert 'href="/xref"' in api.get("/lists").text and api.get("/xref").status_code == 200
