"""The app's frame: security headers, CSRF, errors, the JSON twin, local API docs."""
from __future__ import annotations

import re

from prolifwatch.api.security import HEADERS


def test_every_response_carries_the_security_headers(api):
    for path in ("/", "/api/v1/home", "/no-such-page", "/static/app.css", "/api/openapi.json"):
        response = api.get(path)
        for name, value in HEADERS.items():
            assert response.headers[name] == value, (path, name)
    assert "script-src 'self'" in HEADERS["Content-Security-Policy"]
    assert "unsafe-inline" not in HEADERS["Content-Security-Policy"]


def test_home_page_and_its_json_twin_show_the_same_counts(api):
    data = api.get("/api/v1/home").json()
    page = api.get("/").text
    assert data["documents"] > 700  # seeds + corpus
    assert f"{data['documents']} documents" in page
    for kind in data["kinds"]:
        assert f">{kind['value']}</a></td><td>{kind['count']}<" in page
    assert 'href="/api/v1/home"' in page  # the page links its twin


def test_the_store_figures_agree_with_the_home_page(api):
    # one store, two views of it: the figures count in SQL, the home page over its column copies
    figures, home = api.get("/api/v1/stats").json(), api.get("/api/v1/home").json()
    assert figures["documents"] == home["documents"] == sum(figures["by kind"].values())
    assert figures["by kind"] == {k["value"]: k["count"] for k in home["kinds"]}
    assert sum(figures["by classification"].values()) == figures["documents"]
    assert figures["sources"] >= figures["documents"] and figures["paragraphs"] > figures["documents"]
    assert figures["store"] is None  # the server's file paths are not told to clients


def test_pages_have_no_inline_script(api):
    page = api.get("/").text
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag, tag
    assert " on" not in "".join(re.findall(r"<[a-z]+ [^>]*>", page)).lower().replace(" one", "")


def test_unknown_page_is_404_in_both_faces_without_a_trace(api):
    response = api.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    html = api.get("/no-such-thing")
    assert html.status_code == 404 and "Traceback" not in html.text


def test_post_without_token_or_json_is_refused(api):
    assert api.post("/api/v1/session", data={"a": "b"}).status_code == 403
    assert api.post("/api/v1/session", content=b"x", headers={"content-type": "text/plain"}).status_code == 403


def test_cross_site_post_is_refused_even_with_json(api):
    response = api.post("/api/v1/session", json={}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    response = api.post("/api/v1/session", json={}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_token_from_session_is_accepted_and_a_wrong_one_is_not(api_rw):
    token = api_rw.get("/api/v1/session").json()["csrf_token"]
    # the session route is GET-only: a POST that passes CSRF reaches routing and gets 405, not 403
    assert api_rw.post("/api/v1/session", headers={"X-CSRF-Token": token}).status_code == 405
    assert api_rw.post("/api/v1/session", headers={"X-CSRF-Token": "forged"}).status_code == 403


def test_api_docs_are_served_locally(api):
    page = api.get("/api/docs").text
    assert "/api/v1/home" in page
    # a CDN host, not the letters "cdn": the page's random CSRF token may hold them
    assert not re.search(r"cdn\.|jsdelivr|unpkg|cdnjs", page.lower()) and "https://" not in page


def test_no_template_marks_text_safe_or_turns_escaping_off():
    from pathlib import Path

    import prolifwatch.api

    templates = Path(prolifwatch.api.__file__).parent / "templates"
    found = sorted(templates.rglob("*.html"))
    assert len(found) > 10
    for template in found:
        text = template.read_text(encoding="utf-8").replace(" ", "")
        assert "|safe" not in text and "autoescapefalse" not in text and "Markup(" not in text, template


def test_our_scripts_never_parse_strings_as_markup():
    from pathlib import Path

    import prolifwatch.api

    static = Path(prolifwatch.api.__file__).parent / "static"
    for script in static.glob("*.js"):  # our own; vendor/ holds the pinned libraries
        text = script.read_text(encoding="utf-8")
        for sink in (".innerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in text, (script.name, sink)


def test_a_host_the_server_does_not_answer_to_is_refused(api):
    """DNS rebinding: a hostile name pointed at 127.0.0.1 is neither served nor obeyed."""
    assert api.get("/api/v1/home", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert api.get("/api/v1/home", headers={"host": "[::1]:8000"}).status_code == 200
    refused = api.get("/api/v1/home", headers={"host": "evil.example:8000"})
    assert refused.status_code == 422 and refused.json()["parameter"] == "Host"
    posted = api.post("/api/v1/actions/forget", json={"a": "x", "b": "y"},
                      headers={"host": "evil.example:8000", "origin": "http://evil.example:8000"})
    assert posted.status_code == 422


def test_a_host_given_to_serve_is_answered(corpus_db):
    from fastapi.testclient import TestClient

    from prolifwatch.api import create_app

    with TestClient(create_app(corpus_db, hosts=("10.1.2.3",))) as client:
        assert client.get("/api/v1/session", headers={"host": "10.1.2.3:8000"}).status_code == 200
        assert client.get("/api/v1/session", headers={"host": "10.1.2.4:8000"}).status_code == 422
    # on every address (serve --host 0.0.0.0 warns of it) the names it is reached by are not known
    with TestClient(create_app(corpus_db, hosts=("0.0.0.0",))) as client:
        assert client.get("/api/v1/session", headers={"host": "pw.example.org:8000"}).status_code == 200


def test_a_body_past_the_limit_is_refused_before_it_is_read(api):
    from prolifwatch.api.security import MAX_BODY_BYTES

    big = api.post("/api/v1/search/batch", content=b" " * (MAX_BODY_BYTES + 1),
                   headers={"content-type": "application/json"})
    assert big.status_code == 413 and big.json()["error"] == "too_large"

    def chunks():
        yield b'{"terms": ["LIMMT"]}'

    chunked = api.post("/api/v1/search/batch", content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 411


def test_an_unexpected_error_is_a_500_with_the_headers_and_no_trace(corpus_db):
    from fastapi.testclient import TestClient

    from prolifwatch.api import create_app

    app = create_app(corpus_db)

    @app.get("/api/v1/broken-on-purpose")
    def broken():
        raise RuntimeError("secret internal detail /srv/store.sqlite")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/broken-on-purpose")
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
    for name, value in HEADERS.items():
        assert response.headers[name] == value


def test_paging_and_filters_out_of_range_are_422_naming_the_parameter(api):
    for url, parameter in (("/api/v1/entities?page=100000000000000000000", "page"),
                           ("/api/v1/events?page=100000000000000000000", "page"),
                           ("/api/v1/cases?min_documents=100000000000000000000", "min_documents"),
                           ("/api/v1/events?since=2008-13", "since"),
                           ("/api/v1/events?min_confidence=nan", "min_confidence")):
        response = api.get(url)
        assert response.status_code == 422, url
        assert response.json()["parameter"] == parameter, url


def test_a_json_body_that_is_not_text_is_a_422(api_rw):
    """Found by the OpenAPI property run: json.loads reads thirteen NUL bytes as UTF-32 and fails decoding."""
    for body in (b"\x00" * 13, b"\x80"):
        response = api_rw.post("/api/v1/actions/review/undo", content=body,
                               headers={"content-type": "application/json"})
        assert response.status_code == 422 and response.json()["parameter"] == "body"
