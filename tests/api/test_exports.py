"""/exports: the whole store streamed as FtM, JSON lines, CSV (a zip) and GraphML, and parsed back."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import zipfile
from xml.etree import ElementTree

import pytest

from prolifwatch.export.cells import FORMULA_STARTS

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def _export_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("export-")]


def test_the_page_lists_every_format_with_what_it_holds(api):
    data = api.get("/api/v1/exports").json()
    assert [f["format"] for f in data["formats"]] == ["ftm", "jsonl", "csv", "graphml"]
    assert data["documents"] > 700 and data["entities"] > 0
    page = api.get("/exports").text
    for line in data["formats"]:
        assert f'href="{line["url"]}" download>{line["format"]}</a>' in page
    assert f"{data['documents']} documents" in page


def test_ftm_lines_are_valid_entities(api):
    response = api.get("/api/v1/export/ftm")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="prolifwatch-entities.ftm.json"'
    entities = [json.loads(line) for line in response.text.splitlines()]
    assert entities and all(e["id"] and e["schema"] for e in entities)
    names = {name for e in entities for name in e["properties"].get("name", [])}
    assert "LIMMT Economic and Trade Company" in names or any("LIMMT" in n for n in names)


def test_jsonl_holds_the_documents_with_their_text(api):
    response = api.get("/api/v1/export/jsonl")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    records = [json.loads(line) for line in response.text.splitlines()]
    kinds = {r["kind"] for r in records}
    assert {"document", "entity", "event", "case"} <= kinds
    beijing = next(r for r in records if r["kind"] == "document" and r["id"] == "09BEIJING724")
    assert "3GFF-700" in json.dumps(beijing)


def test_csv_is_a_zip_of_tables_whose_cells_parse_back_and_are_inert(api):
    response = api.get("/api/v1/export/csv")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["documents.csv", "entities.csv", "mentions.csv", "events.csv", "links.csv",
                                      "cases.csv"]
        for name in archive.namelist():
            rows = list(csv.reader(io.TextIOWrapper(archive.open(name), encoding="utf-8", newline="")))
            header = rows[0]
            assert all(len(row) == len(header) for row in rows), name  # quoting survived commas and newlines
            assert not [c for row in rows[1:] for c in row if c.startswith(FORMULA_STARTS)], name
        documents = list(csv.DictReader(io.TextIOWrapper(archive.open("documents.csv"), encoding="utf-8")))
    assert any(d["id"] == "09BEIJING724" and d["origin"] == "Embassy Beijing" for d in documents)


def test_graphml_parses_as_one_graph(api):
    response = api.get("/api/v1/export/graphml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    graph = root.find(f"{GRAPHML}graph")
    nodes = graph.findall(f"{GRAPHML}node")
    assert len(nodes) > 700 and graph.findall(f"{GRAPHML}edge")
    assert "09BEIJING724" in {n.get("id") for n in nodes}


def test_an_unknown_format_is_422(api):
    response = api.get("/api/v1/export/xlsx")
    assert response.status_code == 422 and response.json()["parameter"] == "format"


@pytest.fixture
def served(corpus_db):
    """The app behind a real server on loopback (the test client does not tell the app a client left)."""
    import socket

    import uvicorn

    from prolifwatch.api import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_a_client_that_leaves_stops_the_export(served):
    import httpx

    before = set(_export_threads())
    with httpx.stream("GET", f"{served}/api/v1/export/jsonl", timeout=30) as response:
        assert response.status_code == 200
        first = next(response.iter_bytes())
        assert first.startswith(b'{"kind": "document"')
        ours = set(_export_threads()) - before
        assert ours
    # the writer notices at its next write (a long query between two writes delays it: hence the margin)
    deadline = time.monotonic() + 60
    while any(t.is_alive() for t in ours) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(t.is_alive() for t in ours)
