"""The whole store as one GraphML graph, streamed: entities, documents (with
"not in collection" ones), cases, and the edges the neighbourhood graph uses
(query/graph.py), without any fan-out cap.

Memory: nodes and mention edges stream from SQL cursors; entity-to-entity
edges are aggregated in a dict (one entry per distinct pair and kind).  A
250,000-cable store gives a file of a few GB; Gephi copes with about a
million edges, so use ``prolifwatch graph`` for views.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TextIO

from ..query import export_rows as rows
from .graphml import GraphMLWriter


def write_store_graphml(db: sqlite3.Connection, out: TextIO, on_item: Callable[[], None] | None = None) -> dict[str, int]:
    tick = on_item or (lambda: None)
    with GraphMLWriter(out) as graph:
        for entity in rows.iter_entities(db):
            graph.node({"id": entity["id"], "kind": "entity", "type": entity["type"], "name": entity["name"],
                        "mentions": entity["mentions"], "documents": entity["documents"]})
            tick()
        for doc in rows.iter_documents(db, body=False):
            graph.node({"id": doc["id"], "kind": "document", "doc_kind": doc["doc_kind"], "date": doc["date"],
                        "title": doc["title"], "in_collection": True})
            tick()
        for missing in rows.iter_missing_documents(db):
            graph.node({"id": missing["id"], "kind": "document", "in_collection": False})
            tick()
        for case in rows.iter_cases(db):
            graph.node({"id": case["id"], "kind": "case", "title": case["title"],
                        "first_date": case["first_date"], "last_date": case["last_date"]})
            tick()
        for edge_source in (rows.iter_mention_edges(db), rows.entity_edges(db),
                            rows.iter_document_links(db), rows.iter_case_edges(db)):
            for edge in edge_source:
                if "src" in edge:  # a document link row
                    edge = {"source": edge["src"], "target": edge["dst"], "kind": edge["link_kind"],
                            "weight": edge["score"], "evidence": edge["evidence"],
                            "description": edge["description"]}
                graph.edge(edge)
                tick()
    return {"nodes": graph.nodes, "edges": graph.edges}
