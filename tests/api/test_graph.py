"""The graph around LIMMT (depth 1 and 2), the explorer page, and GEXF / GraphML of what is on screen."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import networkx as nx


def _graph(api, **params):
    response = api.get("/api/v1/entities/entity:limmt/graph", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_depth_2_has_the_neighbours_09beijing724_gives(api):
    graph = _graph(api, depth=2)
    depth = {n["id"]: n["depth"] for n in graph["nodes"]}
    assert depth["entity:limmt"] == 0
    # depth 1: the cable itself, and who and what LIMMT supplied in it (¶2)
    for node in ("09BEIJING724", "entity:shahid-bakeri-industrial-group", "item:MTCR 3.B.3"):
        assert depth[node] == 1, node
    edges = {(e["source"], e["kind"], e["target"]): e for e in graph["edges"]}
    supplies = edges["entity:limmt", "supplies", "entity:shahid-bakeri-industrial-group"]
    assert {"document": "09BEIJING724", "event": supplies["evidence"][0]["event"]} in supplies["evidence"]
    assert ("entity:limmt", "supplies_item", "item:MTCR 3.B.3") in edges
    # depth 2, through the cable: the cable it answers ("REF: STATE 25689") and Director Sun Lei, whom it names
    assert depth["09STATE25689"] == 2 and ("09BEIJING724", "cites", "09STATE25689") in edges
    assert depth["person:sun-lei"] == 2 and ("person:sun-lei", "mentioned_in", "09BEIJING724") in edges
    # every node past the start hangs on an edge from a node one step nearer
    for node, d in depth.items():
        if d:
            assert any((e["source"] == node and depth.get(e["target"]) == d - 1)
                       or (e["target"] == node and depth.get(e["source"]) == d - 1) for e in graph["edges"]), node
    assert set(graph["node_kinds"]) == {"entity", "document", "case"}


def test_what_the_cap_left_out_is_reported(api):
    graph = _graph(api, depth=2, limit=3)
    assert graph["truncated"]
    for node, cut in graph["truncated"].items():
        assert cut["kept"] <= 3 and cut["omitted"] == cut["candidates"] - cut["kept"] > 0, node
    narrow = {n["id"] for n in graph["nodes"]}
    assert len(narrow) < len({n["id"] for n in _graph(api, depth=2)["nodes"]})


def test_bad_depth_and_unknown_start(api):
    assert api.get("/api/v1/entities/entity:limmt/graph", params={"depth": 4}).json()["parameter"] == "depth"
    response = api.get("/api/v1/entities/LIMTT Economic/graph")
    assert response.status_code == 404 and "entity:limmt" in [s["id"] for s in response.json()["did_you_mean"]]


def test_explorer_page_carries_the_graph_its_twin_gives(api):
    data = api.get("/api/v1/graph", params={"start": "LIMMT"}).json()
    assert data["start"] == "entity:limmt"
    page = api.get("/graph", params={"start": "LIMMT"}).text
    assert 'id="graph" data-graph="' in page and '/static/graph.js' in page and 'cytoscape-dagre' in page
    for node in data["nodes"]:
        if node["kind"] == "entity":
            assert f'href="/entities/{node["id"].replace(":", "%3A").replace(" ", "%20")}"' in page, node["id"]
    for node in data["truncated"]:
        assert f'data-node="{node}"' in page
    assert api.get("/graph").status_code == 200   # no start: the search box only
    assert "<script>" not in page and " style=" not in page


def test_export_writes_what_is_posted_as_gexf_and_graphml(api):
    graph = _graph(api, depth=1)
    on_screen = {"nodes": graph["nodes"][:6], "edges": graph["edges"]}
    kept = {n["id"] for n in on_screen["nodes"]}
    between = [e for e in graph["edges"] if e["source"] in kept and e["target"] in kept]
    response = api.post("/api/v1/graph/export?format=graphml", json=on_screen)
    assert response.status_code == 200 and "graphml" in response.headers["content-type"]
    read = nx.read_graphml(io.BytesIO(response.content))
    assert set(read.nodes) == kept and read.number_of_edges() == len(between)
    response = api.post("/api/v1/graph/export?format=gexf", json=on_screen)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert len(root.findall(".//{*}node")) == len(kept)
    assert api.post("/api/v1/graph/export?format=dot", json=on_screen).status_code == 422


def test_export_form_post_without_token_is_refused(api):
    assert api.post("/api/v1/graph/export?format=gexf", data={"nodes": "[]"}).status_code == 403
