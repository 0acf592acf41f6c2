"""/lists: what is loaded, and loading a list file (through actions.load_list)."""
from __future__ import annotations

from tests.screen.conftest import OFAC_XML, UN_XML


def _token(client) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/v1/session").json()["csrf_token"]}


def test_no_list_is_loaded_in_the_corpus_store(api):
    assert api.get("/api/v1/lists").json() == {"lists": [], "entries": 0}
    page = api.get("/lists").text
    assert "No list is loaded yet" in page and 'href="/api/v1/lists"' in page


def test_loading_a_list_shows_it_in_both_faces(api_rw):
    response = api_rw.post("/api/v1/lists", files={"file": ("un_consolidated.xml", UN_XML.read_bytes())},
                           headers=_token(api_rw))
    assert response.status_code == 200, response.text
    assert response.json() == {"name": "un", "format": "un", "entries": 124, "as_of": "2015-12-31"}
    listed = api_rw.get("/api/v1/lists").json()
    assert [(item["name"], item["entries"], item["as_of"]) for item in listed["lists"]] == [("un", 124, "2015-12-31")]
    page = api_rw.get("/lists").text
    assert "<td>un</td><td>un</td><td>124</td><td>2015-12-31</td>" in page


def test_the_form_loads_a_list_under_a_chosen_name_and_shows_the_table(api_rw):
    response = api_rw.post("/lists", files={"file": ("sdn.xml", OFAC_XML.read_bytes())},
                           data={"format": "ofac", "name": "treasury"}, headers={**_token(api_rw), "HX-Request": "true"})
    assert response.status_code == 200, response.text
    assert "into list “treasury”" in response.text and "<td>treasury</td><td>ofac</td>" in response.text
    assert "<html" not in response.text  # a fragment for htmx


def test_a_file_in_no_list_format_is_refused_naming_it(api_rw):
    response = api_rw.post("/api/v1/lists", files={"file": ("notes.txt", b"just some notes\n")}, headers=_token(api_rw))
    assert response.status_code == 422
    assert response.json()["parameter"] == "list file"
    assert response.json()["message"].startswith("list file: notes.txt: not a list format")  # not the server's path
    assert "prolifwatch-list-" not in response.text and "/tmp" not in response.text
    assert api_rw.get("/api/v1/lists").json()["lists"] == []


def test_a_file_name_too_long_to_save_is_shortened_and_said_whole(api_rw):
    long_name = "sanctions-" + "x" * 300 + ".txt"
    response = api_rw.post("/api/v1/lists", files={"file": (long_name, b"just some notes\n")}, headers=_token(api_rw))
    assert response.status_code == 422, response.text
    assert response.json()["message"].startswith(f"list file: {long_name}: not a list format")
    loaded = api_rw.post("/api/v1/lists", files={"file": ("un-" + "y" * 300 + ".xml", UN_XML.read_bytes())},
                         headers=_token(api_rw))
    assert loaded.status_code == 200 and loaded.json()["entries"] == 124


def test_an_unknown_format_is_refused(api_rw):
    response = api_rw.post("/api/v1/lists", files={"file": ("un.xml", UN_XML.read_bytes())}, data={"format": "eu"},
                           headers=_token(api_rw))
    assert response.status_code == 422 and response.json()["parameter"] == "format"


def test_loading_without_the_csrf_token_is_refused(api_rw):
    # a form another site could submit: multipart, no X-CSRF-Token header
    response = api_rw.post("/api/v1/lists", files={"file": ("un.xml", UN_XML.read_bytes())})
    assert response.status_code == 403 and response.json()["error"] == "forbidden"
    assert api_rw.get("/api/v1/lists").json()["lists"] == []
