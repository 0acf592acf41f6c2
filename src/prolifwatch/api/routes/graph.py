"""``/graph``: the graph explorer, and ``POST /api/v1/graph/export`` writing what
is on screen as GEXF or GraphML.  The neighbourhood of one node is
``/api/v1/entities/{id}/graph`` (routes/entities.py)."""
from __future__ import annotations

from fastapi import FastAPI, Query, Response
from starlette.concurrency import run_in_threadpool

from ...query.graph import DEFAULT_LIMIT
from ...query.graph_page import EXPORT_TYPES, Graph, GraphElements, export_graph, graph
from ..twins import ReaderDep, Twins


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/graph", "/graph", "graph/explorer.html", tags=["graph"])
    def explorer(reader: ReaderDep,
                 start: str | None = Query(None, description="an entity (id, name or alias), document or case id"),
                 depth: int = Query(1, description="steps out from the start (1-3)"),
                 limit: int = Query(DEFAULT_LIMIT, description="new neighbours kept per node expanded (1-200)"),
                 ) -> Graph:
        """The graph around a start node (nothing without one)."""
        return graph(reader, start, depth, limit)

    @twins.api.post("/graph/export", tags=["graph"], response_class=Response,
                    responses={200: {"content": {t: {} for t in EXPORT_TYPES.values()},
                                     "description": "the graph file"}})
    async def export(elements: GraphElements,
                     format: str = Query("graphml", description="gexf or graphml")) -> Response:
        """The nodes and edges posted (what is on screen) as a GEXF or GraphML file."""
        data = await run_in_threadpool(export_graph, elements, format)
        return Response(data, media_type=EXPORT_TYPES[format], headers={
            "Content-Disposition": f'attachment; filename="prolifwatch-graph.{format}"'})
