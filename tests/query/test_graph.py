"""The neighbourhood graph on a small hand-written store (tests/export/small_store.py):
every node and edge is known in advance from the rows written."""
from __future__ import annotations

import pytest

from prolifwatch.query.graph import GraphError, entity_graph
from prolifwatch.store import open_store
from tests.export.small_store import (
    ARTICLE, CABLE_A, CABLE_B, CASE, ITEM, LIMMT, MISSING, SBIG, VESSEL, build_small_store,
)


@pytest.fixture
def store(tmp_path):
    with open_store(build_small_store(tmp_path / "small.sqlite")) as opened:
        yield opened


@pytest.fixture
def unresolved_store(tmp_path):
    with open_store(build_small_store(tmp_path / "raw.sqlite", resolved=False)) as opened:
        yield opened


def _edges(graph):
    return {(e["source"], e["kind"], e["target"]): e for e in graph["edges"]}


def _nodes(graph):
    return {n["id"]: n for n in graph["nodes"]}


def test_depth_one_around_limmt_has_every_neighbour_and_edge(store):
    graph = entity_graph(store, "LIMMT Economic and Trade Company")
    nodes = _nodes(graph)
    assert set(nodes) == {LIMMT, CABLE_A, CABLE_B, ARTICLE, SBIG, ITEM, VESSEL, CASE}
    assert nodes[LIMMT] == {"id": LIMMT, "kind": "entity", "type": "Organization",
                            "name": "LIMMT Economic and Trade Company", "depth": 0}
    assert nodes[CABLE_A]["in_collection"] is True and nodes[CABLE_A]["depth"] == 1
    assert nodes[CASE]["title"] == "LIMMT → SBIG: flow forming machine"
    edges = _edges(graph)
    assert {k: e["weight"] for k, e in edges.items()} == {
        (LIMMT, "mentioned_in", CABLE_A): 4,     # three as entity:limmt, one as its alias key
        (LIMMT, "mentioned_in", CABLE_B): 1,
        (LIMMT, "mentioned_in", ARTICLE): 1,
        (LIMMT, "supplies", SBIG): 2,            # both transfers, the second by the alias key
        (LIMMT, "supplies_item", ITEM): 1,
        (LIMMT, "ships_via", VESSEL): 1,
        (LIMMT, "party_to", CASE): 2,
    }
    assert edges[(LIMMT, "supplies", SBIG)]["evidence"] == [
        {"document": CABLE_A, "event": 0}, {"document": CABLE_B, "event": 0}]
    assert graph["truncated"] == {}


def test_keys_without_entity_rows_are_their_own_nodes(store):
    nodes = _nodes(entity_graph(store, LIMMT))
    assert nodes[SBIG]["type"] == "Organization"           # from its mention
    assert nodes[SBIG]["name"] == "Shahid Bakeri\nIndustrial Group"
    assert (nodes[VESSEL]["type"], nodes[VESSEL]["name"]) == ("Vessel", "Iran Matin")  # only events name it


def test_unresolved_store_falls_back_to_mention_keys(unresolved_store):
    graph = entity_graph(unresolved_store, LIMMT)
    assert graph is not None
    edges = _edges(graph)
    assert edges[(LIMMT, "mentioned_in", CABLE_A)]["weight"] == 3   # the alias key is someone else now
    assert edges[(LIMMT, "supplies", SBIG)]["weight"] == 1
    assert "org:limmt-economic" not in _nodes(graph)
    assert entity_graph(unresolved_store, "LIMMT Economic and Trade Company") is None


def test_depth_two_reaches_cited_cable_not_in_collection(store):
    graph = entity_graph(store, LIMMT, depth=2)
    nodes, edges = _nodes(graph), _edges(graph)
    assert set(nodes) == {LIMMT, CABLE_A, CABLE_B, ARTICLE, SBIG, ITEM, VESSEL, CASE,
                          "country:IR", "country:CN", MISSING}
    assert nodes[MISSING]["in_collection"] is False and nodes[MISSING]["depth"] == 2
    assert nodes["country:IR"]["name"] == "Iran"
    assert (CABLE_A, "cites", MISSING) in edges
    assert (CABLE_A, "cites", CABLE_B) in edges
    describes = edges[(ARTICLE, "describes", CABLE_A)]
    assert describes["weight"] == 0.8 and describes["description"] == {"date": "2007-11-03", "signer": "Rice"}
    assert describes["evidence"][0]["text"].startswith("a cable dated Nov. 3, 2007")
    assert edges[(CASE, "reported_in", CABLE_A)]["weight"] == 1
    assert edges[("country:IR", "mentioned_in", CABLE_A)]["weight"] == 2
    assert edges[(ITEM, "party_to", CASE)]["weight"] == 1
    # the démarche is in cable A, but the United States is three steps from LIMMT
    assert "country:US" not in nodes
    assert len(graph["edges"]) == 20


def test_fan_out_cap_takes_each_kind_in_turn_and_reports_the_cut(store):
    graph = entity_graph(store, LIMMT, limit=2)
    assert set(_nodes(graph)) == {LIMMT, SBIG, CABLE_A}  # best entity, then best document
    assert graph["truncated"] == {LIMMT: {"candidates": 7, "kept": 2, "omitted": 5, "complete": True}}
    assert set(_nodes(entity_graph(store, LIMMT, limit=3))) == {LIMMT, SBIG, CABLE_A, CASE}


def test_scan_limit_reached_is_reported_as_incomplete(store):
    graph = entity_graph(store, LIMMT, scan_limit=2)
    assert graph["truncated"][LIMMT]["complete"] is False


def test_document_and_case_ids_start_a_graph_too(store):
    around_missing = entity_graph(store, MISSING)
    assert _nodes(around_missing)[MISSING]["in_collection"] is False
    assert set(_nodes(around_missing)) == {MISSING, CABLE_A}
    assert set(_nodes(entity_graph(store, CASE))) == {CASE, CABLE_A, CABLE_B, LIMMT, SBIG, ITEM, VESSEL}


def test_unknown_entity_and_bad_depth(store):
    assert entity_graph(store, "no such actor") is None
    with pytest.raises(GraphError):
        entity_graph(store, LIMMT, depth=4)
    with pytest.raises(GraphError):
        entity_graph(store, LIMMT, limit=0)
