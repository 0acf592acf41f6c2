"""``/entities`` (list and search), ``/entities/{id}`` (one entity) and its
neighbourhood graph ``/api/v1/entities/{id}/graph``.

Entity ids may hold ":" and "/" (``entity:limmt``, ``item:MTCR 3.B.3``), so
the id is a ``path`` parameter; the graph route is registered first, or the
entity route would take ``.../graph`` as part of an id.
"""
from __future__ import annotations

from fastapi import FastAPI, Query

from ...query.entity_page import EntityList, EntityPage, entity_list, entity_page
from ...query.graph import DEFAULT_LIMIT
from ...query.graph_page import Graph, graph
from ..twins import ReaderDep, Twins


def register(twins: Twins, app: FastAPI) -> None:
    @twins.api.get("/entities/{id:path}/graph", tags=["graph"], response_model=Graph)
    def entity_graph(reader: ReaderDep, id: str,
                     depth: int = Query(1, description="how many steps out from the entity (1-3)"),
                     limit: int = Query(DEFAULT_LIMIT, description="new neighbours kept per node expanded (1-200)"),
                     ) -> Graph:
        """The entity's neighbourhood: entities, documents and cases, typed edges, and what the cap left out."""
        return graph(reader, id, depth, limit)

    @twins.page("/entities", "/entities", "entities/list.html", tags=["entities"])
    def entities(reader: ReaderDep,
                 q: str | None = Query(None, description="a part of the name or of an alias (any case)"),
                 type: str | None = Query(None, description="entity type: Organization, Person, Country ..."),
                 page: int = Query(1, ge=1, le=1_000_000, description="page number, from 1"),
                 per_page: int = Query(50, description="entities per page (1-500)")) -> EntityList:
        """Entities, busiest first, searched by name or alias."""
        return entity_list(reader, q, type or None, page, per_page)

    @twins.page("/entities/{id:path}", "/entities/{id:path}", "entities/entity.html", tags=["entities"])
    def entity(reader: ReaderDep, id: str) -> EntityPage:
        """One entity: aliases, members, documents, events by role with evidence, counterparts, listings."""
        return entity_page(reader, id)
