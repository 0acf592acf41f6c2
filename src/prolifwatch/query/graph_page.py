"""The graph explorer: an entity's neighbourhood as typed nodes and edges
(``query.graph.entity_graph``), with what the fan-out cap left out, and the
graph on screen written as GEXF or GraphML (``export.gexf`` / ``export.graphml``).
"""
from __future__ import annotations

import io
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import BadParameter, TooLarge
from .cache import cached
from .context import Reader
from .entity_page import entity_not_found
from .graph import DEFAULT_LIMIT, MAX_DEPTH, GraphError, entity_graph

MAX_LIMIT = 200          # new neighbours kept per expanded node
EXPORT_NODES = 20000     # what a browser can have on screen, with room to spare
EXPORT_EDGES = 100000


class GraphNode(BaseModel):
    id: str
    kind: Literal["entity", "document", "case"]
    type: str | None = None            # entity type (Organization, Country ...)
    name: str | None = None
    doc_kind: str | None = None        # cable | article ...
    date: str | None = None
    title: str | None = None
    in_collection: bool | None = None  # a cited document may not be in the store
    first_date: str | None = None
    last_date: str | None = None
    depth: int | None = None           # distance from the start


class GraphEdge(BaseModel):
    source: str
    target: str
    kind: str                          # mentioned_in, supplies, party_to, cites ...
    weight: float = 1.0
    evidence: list[dict[str, Any]] = []
    description: Any = None


class Truncation(BaseModel):
    candidates: int                    # neighbours found (at least: see complete)
    kept: int
    omitted: int
    complete: bool                     # False: the scan limit was reached, there are more


class Graph(BaseModel):
    start: str | None
    depth: int
    limit: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: dict[str, Truncation]   # node id -> what its expansion left out
    node_kinds: list[str]
    edge_kinds: list[str]


class GraphElements(BaseModel):
    """What is on screen, posted back for a download."""
    nodes: list[GraphNode] = Field(max_length=EXPORT_NODES)
    edges: list[GraphEdge] = Field(max_length=EXPORT_EDGES)


def _checked(depth: int, limit: int) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise BadParameter("depth", f"must be between 1 and {MAX_DEPTH}")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadParameter("limit", f"must be between 1 and {MAX_LIMIT}")


def graph(reader: Reader, start: str | None, depth: int = 1, limit: int = DEFAULT_LIMIT) -> Graph:
    """The neighbourhood of ``start`` (an entity, or a document or case id) to ``depth``;
    an empty graph when no start is given."""
    _checked(depth, limit)
    if not start or not start.strip():
        return Graph(start=None, depth=depth, limit=limit, nodes=[], edges=[], truncated={}, node_kinds=[],
                     edge_kinds=[])
    # kept until the store changes (query.cache): a depth-2 graph of a busy entity reads thousands of rows
    return cached(reader, "graph", (start.strip(), depth, limit), lambda: _graph(reader, start.strip(), depth, limit))


def _graph(reader: Reader, start: str, depth: int, limit: int) -> Graph:
    try:
        found = entity_graph(reader.store, start, depth=depth, limit=limit)
    except GraphError as exc:
        raise BadParameter("depth", str(exc)) from exc
    if found is None:
        raise entity_not_found(reader, start)
    nodes = [GraphNode.model_validate({k: v for k, v in n.items() if k in GraphNode.model_fields})
             for n in found["nodes"]]
    edges = [GraphEdge.model_validate(e) for e in found["edges"]]
    return Graph(start=nodes[0].id if nodes else start, depth=depth, limit=limit, nodes=nodes, edges=edges,
                 truncated={k: Truncation(**v) for k, v in found["truncated"].items()},
                 node_kinds=sorted({n.kind for n in nodes}), edge_kinds=sorted({e.kind for e in edges}))


EXPORT_TYPES = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml"}


def export_graph(elements: GraphElements, format: str) -> bytes:
    """The elements as a GEXF or GraphML file; edges whose ends are not among the nodes are dropped."""
    if format not in EXPORT_TYPES:
        raise BadParameter("format", f"{format!r} is not one of: {', '.join(EXPORT_TYPES)}")
    if len(elements.nodes) > EXPORT_NODES or len(elements.edges) > EXPORT_EDGES:
        raise TooLarge(f"at most {EXPORT_NODES} nodes and {EXPORT_EDGES} edges can be exported from the screen")
    ids = {n.id for n in elements.nodes}
    graph_ = {"nodes": [n.model_dump(exclude_none=True) for n in elements.nodes],
              "edges": [e.model_dump(exclude_none=True) for e in elements.edges
                        if e.source in ids and e.target in ids]}
    if format == "gexf":
        from ..export.gexf import write_gexf

        out = io.BytesIO()
        write_gexf(graph_, out)
        return out.getvalue()
    from ..export.graphml import write_graphml

    text = io.StringIO()
    write_graphml(graph_, text)
    return text.getvalue().encode("utf-8")
