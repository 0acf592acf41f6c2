"""GEXF (Gephi's format) for a neighbourhood graph, through networkx's writer.

A neighbourhood is small (capped fan-out), so building it as a networkx
MultiDiGraph is fine; several edge kinds between the same two nodes stay
separate edges.  Attribute values are scalars (evidence as JSON text) and
absent values are left out, as GEXF declares one type per attribute.
"""
from __future__ import annotations

from typing import Any, BinaryIO

import networkx as nx

from .graphml import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, node_label, xml_text

_PYTHON_TYPES = {"string": str, "int": int, "double": float, "boolean": bool}


def _scalar(value: Any, type_: str) -> Any:
    if type_ == "string":
        return xml_text(value)
    return _PYTHON_TYPES[type_](value)


def to_networkx(graph: dict[str, Any]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in graph["nodes"]:
        values = {**node, "label": node_label(node)}
        g.add_node(node["id"], **{
            name: _scalar(values[name], type_) for name, type_ in NODE_ATTRIBUTES
            if values.get(name) is not None
        })
    for number, edge in enumerate(graph["edges"], 1):
        attributes = {name: _scalar(edge[name], type_) for name, type_ in EDGE_ATTRIBUTES
                      if edge.get(name) not in (None, [])}
        g.add_edge(edge["source"], edge["target"], key=f"e{number}", **attributes)
    return g


def write_gexf(graph: dict[str, Any], fh: BinaryIO) -> dict[str, int]:
    """A neighbourhood graph (query.graph) as GEXF 1.2; returns node and edge counts."""
    g = to_networkx(graph)
    nx.write_gexf(g, fh, encoding="utf-8", version="1.2draft")
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
