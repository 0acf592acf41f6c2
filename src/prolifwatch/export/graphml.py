"""GraphML, written as a stream so the whole-store graph never sits in memory.

Attributes are declared once, with types, for every node and edge kind (a
document has no ``name``, an entity no ``title``; absent values are simply not
written).  Lists and objects (edge evidence) are written as JSON text, since
GraphML attributes are scalars.  Gephi, Neo4j's apoc.import.graphml, networkx
and yEd read the result.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("label", "string"), ("kind", "string"), ("type", "string"), ("name", "string"),
    ("doc_kind", "string"), ("date", "string"), ("title", "string"), ("in_collection", "boolean"),
    ("first_date", "string"), ("last_date", "string"), ("depth", "int"),
    ("mentions", "int"), ("documents", "int"),
)
EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("kind", "string"), ("weight", "double"), ("evidence", "string"), ("description", "string"),
)
# XML 1.0 forbids most control characters, which OCR'd cables do contain
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def node_label(node: dict[str, Any]) -> str:
    return str(node.get("name") or node.get("title") or node["id"])


def xml_text(value: Any) -> str:
    """A scalar as GraphML/GEXF text: booleans lower-case, structures as JSON, invalid characters dropped."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return _INVALID_XML.sub("", text)


class GraphMLWriter:
    """``with GraphMLWriter(fh) as out: out.node(...); out.edge(...)``."""

    def __init__(self, fh: TextIO, *, directed: bool = True):
        self.fh, self.directed = fh, directed
        self.nodes = self.edges = 0

    def __enter__(self) -> "GraphMLWriter":
        w = self.fh.write
        w('<?xml version="1.0" encoding="UTF-8"?>\n')
        w('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for domain, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
            for name, type_ in attributes:
                w(f'  <key id="{domain[0]}_{name}" for="{domain}" attr.name="{name}" attr.type="{type_}"/>\n')
        w(f'  <graph id="prolifwatch" edgedefault="{"directed" if self.directed else "undirected"}">\n')
        return self

    def __exit__(self, *exc) -> None:
        self.fh.write("  </graph>\n</graphml>\n")

    def node(self, node: dict[str, Any]) -> None:
        values = {**node, "label": node_label(node)}
        self.fh.write(f"    <node id={quoteattr(xml_text(node['id']))}>")
        self._data("n", NODE_ATTRIBUTES, values)
        self.fh.write("</node>\n")
        self.nodes += 1

    def edge(self, edge: dict[str, Any]) -> None:
        self.edges += 1
        self.fh.write(f'    <edge id="e{self.edges}" source={quoteattr(xml_text(edge["source"]))} '
                      f'target={quoteattr(xml_text(edge["target"]))}>')
        self._data("e", EDGE_ATTRIBUTES, edge)
        self.fh.write("</edge>\n")

    def _data(self, prefix: str, attributes: Iterable[tuple[str, str]], values: dict[str, Any]) -> None:
        for name, type_ in attributes:
            value = values.get(name)
            if value is None or value == []:
                continue
            if type_ == "double":
                value = float(value)
            self.fh.write(f'<data key="{prefix}_{name}">{escape(xml_text(value))}</data>')


def write_graphml(graph: dict[str, Any], fh: TextIO) -> dict[str, int]:
    """A neighbourhood graph (query.graph) as GraphML; returns node and edge counts."""
    with GraphMLWriter(fh) as out:
        for node in graph["nodes"]:
            out.node(node)
        for edge in graph["edges"]:
            out.edge(edge)
    return {"nodes": out.nodes, "edges": out.edges}
