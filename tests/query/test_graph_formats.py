"""GraphML and GEXF of a neighbourhood parse back, with networkx and with a
plain XML parser, to the same nodes, edges and typed attributes."""
from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from prolifwatch.export.gexf import write_gexf
from prolifwatch.export.graphml import write_graphml
from prolifwatch.query.graph import entity_graph
from prolifwatch.store import open_store
from tests.export.small_store import CABLE_A, LIMMT, MISSING, SBIG, build_small_store

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = build_small_store(tmp_path_factory.mktemp("graph") / "small.sqlite")
    with open_store(path) as store:
        return entity_graph(store, LIMMT, depth=2)


def test_graphml_parses_back_with_networkx(graph, tmp_path):
    path = tmp_path / "g.graphml"
    with open(path, "w", encoding="utf-8") as fh:
        counts = write_graphml(graph, fh)
    assert counts == {"nodes": 11, "edges": 20}
    parsed = nx.read_graphml(path)
    assert parsed.number_of_nodes() == 11 and parsed.number_of_edges() == 20
    assert parsed.nodes[MISSING]["in_collection"] is False      # declared boolean, read as one
    assert parsed.nodes[CABLE_A]["in_collection"] is True
    assert parsed.nodes[SBIG]["name"] == "Shahid Bakeri\nIndustrial Group"
    assert parsed.nodes[LIMMT]["depth"] == 0
    supplies = [d for _, target, d in parsed.out_edges(LIMMT, data=True) if d["kind"] == "supplies"]
    assert len(supplies) == 1 and supplies[0]["weight"] == 2.0
    assert json.loads(supplies[0]["evidence"])[0] == {"document": CABLE_A, "event": 0}


def test_graphml_declares_attribute_types_for_a_plain_xml_parser(graph):
    buffer = io.StringIO()
    write_graphml(graph, buffer)
    root = ET.fromstring(buffer.getvalue())
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.iter(f"{GRAPHML_NS}key")}
    assert keys[("node", "in_collection")] == "boolean"
    assert keys[("edge", "weight")] == "double"
    assert keys[("node", "depth")] == "int"
    assert len(list(root.iter(f"{GRAPHML_NS}node"))) == 11
    assert len(list(root.iter(f"{GRAPHML_NS}edge"))) == 20


def test_graphml_drops_characters_xml_forbids():
    graph = {"nodes": [{"id": "x", "kind": "entity", "name": "bad\x0cname & <co>"}], "edges": []}
    buffer = io.StringIO()
    write_graphml(graph, buffer)
    assert nx.read_graphml(io.BytesIO(buffer.getvalue().encode())).nodes["x"]["name"] == "badname & <co>"


def test_gexf_parses_back_with_networkx(graph, tmp_path):
    path = tmp_path / "g.gexf"
    with open(path, "wb") as fh:
        counts = write_gexf(graph, fh)
    assert counts == {"nodes": 11, "edges": 20}
    parsed = nx.read_gexf(path)
    assert parsed.number_of_nodes() == 11 and parsed.number_of_edges() == 20
    assert parsed.nodes[MISSING]["in_collection"] is False
    assert parsed.nodes[LIMMT]["label"] == "LIMMT Economic and Trade Company"
    root = ET.parse(path).getroot()
    assert root.tag.endswith("gexf")
