"""The neighbourhood of an entity, to depth N: entities, documents and cases
around it, and the edges between them.

Nodes
  entity    {id, kind: "entity", type, name}
  document  {id, kind: "document", doc_kind, date, title, in_collection}
  case      {id, kind: "case", title, first_date, last_date}
  each with ``depth``, its distance from the start.
Edges (``source`` -> ``target``, ``kind``, ``weight``, ``evidence``)
  entity   -mentioned_in->  document   weight = mentions
  entity   -supplies / supplies_item / ships_via / end_user_of / acts_on-> entity
           (rules in data/graph_edges.yaml; weight = events; evidence = [{document, event}])
  document -cites / describes / names / answers-> document   (document_links; weight = score)
  entity   -party_to->      case       weight = the case's events the entity takes part in
  case     -reported_in->   document   weight = the case's events in that document

Mention keys and event-argument keys become entities through entity_members;
a key with no member row (resolution not run yet) is its own node.

Busy entities: ``country:IR`` is mentioned in most of a proliferation corpus.
Every node expanded keeps at most ``limit`` new neighbours (taking entities,
documents and cases in turn; within a kind, event/link/case edges before bare
mentions, then by weight), and every look-up reads at most ``scan_limit``
mention or link rows and ``event_limit`` events, so a query costs the same in a store of
800 documents or 250,000 (around a busy entity, edge weights then count
the events and mentions read, not all there are).  What was cut is reported per node in
``truncated``: {node id: {"candidates", "kept", "omitted", "complete"}}, where
``complete: false`` means the scan limit was reached and more neighbours exist
than were counted.  Edges are those found while expanding nodes nearer than
``depth``; links between two nodes at the outer rim are not looked up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import graph_store as q
from .entities import find_entity
from .graph_rules import event_edges, rule_roles

DEFAULT_DEPTH = 1
MAX_DEPTH = 3
DEFAULT_LIMIT = 25
SCAN_LIMIT = 2000        # mention / link rows read per look-up around one node
EVENT_LIMIT = 200        # events read around one entity (each costs its arguments: ~5 rows)
EVIDENCE_LIMIT = 10      # evidence references kept per edge (the weight counts them all)
MENTION_EDGE = "mentioned_in"
PARTY_EDGE = "party_to"
REPORT_EDGE = "reported_in"
_ROLES = sorted(rule_roles())  # the event roles that make entity edges and case parties


class GraphError(ValueError):
    """A depth or limit out of range."""


@dataclass
class _Candidate:
    """One neighbour of the node being expanded and the edges that lead to it."""
    node_id: str
    node_kind: str
    edges: list[dict[str, Any]] = field(default_factory=list)
    structural: bool = False

    @property
    def weight(self) -> float:
        return sum(e["weight"] for e in self.edges)


class _Neighbourhood:
    def __init__(self, db, limit: int, scan_limit: int, event_limit: int):
        self.db, self.limit, self.scan_limit, self.event_limit = db, limit, scan_limit, event_limit
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.truncated: dict[str, dict[str, Any]] = {}
        # documents already read by pk while expanding, so adding them as nodes costs no query
        self._pending_documents: dict[str, dict[str, Any]] = {}
        self._document_ids: dict[int, str] = {}  # pk -> id of the document nodes in the graph
        self._unread_candidates = 0
        # What was read once while expanding, read from here again: the nodes around
        # a busy entity share most of their events (and so their keys and cases).
        self._events: dict[int, dict[str, Any] | None] = {}   # None: not a live event
        self._cases: dict[int, list[str]] = {}
        self._entity_of: dict[str, str] = {}

    # -- expansion ---------------------------------------------------------
    def expand(self, node: dict[str, Any], depth: int) -> list[str]:
        """Add the node's neighbours (capped) and edges; return the new node ids."""
        self._unread_candidates = 0  # candidates counted but not read (see _around_entity)
        kind = node["kind"]
        if kind == "entity":
            candidates, complete = self._around_entity(node["id"])
        elif kind == "document":
            candidates, complete = self._around_document(node)
        else:
            candidates, complete = self._around_case(node["id"])
        known = [c for c in candidates.values() if c.node_id in self.nodes]
        new = [c for c in candidates.values() if c.node_id not in self.nodes]
        kept = _interleave_kinds(new, self.limit)
        total = len(new) + self._unread_candidates
        if total > len(kept) or not complete:
            self.truncated[node["id"]] = {"candidates": total, "kept": len(kept),
                                          "omitted": total - len(kept), "complete": complete}
        self._add_nodes(kept, depth + 1)
        for candidate in known + kept:
            for edge in candidate.edges:
                self._add_edge(edge)
        return [c.node_id for c in kept]

    def _around_entity(self, entity_id: str) -> tuple[dict[str, _Candidate], bool]:
        db, scan = self.db, self.scan_limit
        keys = q.entity_keys(db, entity_id)
        candidates: dict[str, _Candidate] = {}
        counts, mentions_complete = q.mention_counts_by_document(db, keys, scan)
        # Only documents that can make the cut are read: those already in the
        # graph and the top ``limit`` others by mentions (around an entity,
        # documents come only from mentions, so no other can be kept).
        known = [pk for pk in counts if pk in self._document_ids]
        others = sorted((pk for pk in counts if pk not in self._document_ids), key=lambda pk: (-counts[pk], pk))
        self._unread_candidates = max(0, len(others) - self.limit)
        documents = q.document_nodes_by_pk(db, known + others[: self.limit])
        for pk, doc in documents.items():
            self._candidate(candidates, doc["id"], "document", False).edges.append(
                _edge(entity_id, MENTION_EDGE, doc["id"], counts[pk]))
            self._pending_documents[doc["id"]] = doc
        event_pks, events_complete = q.events_with_keys(db, keys, _ROLES, self.event_limit)
        details = self._event_details(event_pks)
        entity_of = self._entities_of(k for d in details.values() for _, k in d["arguments"])
        aggregated: dict[tuple[str, str, str], dict[str, Any]] = {}
        for event_pk in event_pks:
            event = details.get(event_pk)
            if not event:
                continue
            for src_key, kind, dst_key in event_edges(event["type"], event["arguments"]):
                src, dst = entity_of[src_key], entity_of[dst_key]
                if src == dst or entity_id not in (src, dst):
                    continue
                edge = aggregated.setdefault((src, kind, dst), _edge(src, kind, dst, 0))
                _add_evidence(edge, event)
        for (src, _, dst), edge in aggregated.items():
            other = dst if src == entity_id else src
            self._candidate(candidates, other, "entity", True).edges.append(edge)
        for event_pk, case_ids in self._cases_of(event_pks).items():
            for case_id in case_ids:
                self._through(candidates, case_id, "case", _edge(entity_id, PARTY_EDGE, case_id, 0),
                              details.get(event_pk))
        return candidates, mentions_complete and events_complete

    def _around_document(self, node: dict[str, Any]) -> tuple[dict[str, _Candidate], bool]:
        db, scan = self.db, self.scan_limit
        doc_id = node["id"]
        candidates: dict[str, _Candidate] = {}
        pk = node.get("pk")
        if pk is not None:
            counts = q.mention_counts_in_document(db, pk)
            entity_of = self._entities_of(counts)
            per_entity: dict[str, int] = {}
            for key, count in counts.items():
                per_entity[entity_of[key]] = per_entity.get(entity_of[key], 0) + count
            for entity_id, count in per_entity.items():
                self._candidate(candidates, entity_id, "entity", False).edges.append(
                    _edge(entity_id, MENTION_EDGE, doc_id, count))
            event_pks = q.events_in_document(db, pk)
            details = self._event_details(event_pks)
            for event_pk, case_ids in self._cases_of(event_pks).items():
                for case_id in case_ids:
                    self._through(candidates, case_id, "case", _edge(case_id, REPORT_EDGE, doc_id, 0),
                                  details.get(event_pk))
        links, complete = q.document_links_of(db, doc_id, scan)
        for link in links:
            other = link["dst"] if link["src"] == doc_id else link["src"]
            edge = _edge(link["src"], link["kind"], link["dst"], float(link["score"]))
            edge["evidence"] = [link["evidence"]] if link["evidence"] is not None else []
            if link["description"] is not None:
                edge["description"] = link["description"]
            self._candidate(candidates, other, "document", True).edges.append(edge)
        return candidates, complete

    def _around_case(self, case_id: str) -> tuple[dict[str, _Candidate], bool]:
        db = self.db
        candidates: dict[str, _Candidate] = {}
        event_pks, complete = q.events_of_case(db, case_id, self.event_limit)
        details = self._event_details(event_pks)
        entity_of = self._entities_of(k for d in details.values() for _, k in d["arguments"])
        documents = q.document_nodes_by_id(db, (d["document"] for d in details.values()))
        self._pending_documents.update(documents)
        for event_pk in event_pks:
            event = details.get(event_pk)
            if not event:
                continue
            self._through(candidates, event["document"], "document",
                          _edge(case_id, REPORT_EDGE, event["document"], 0), event)
            for entity_id in sorted({entity_of[k] for _, k in event["arguments"]}):
                self._through(candidates, entity_id, "entity", _edge(entity_id, PARTY_EDGE, case_id, 0), event)
        return candidates, complete

    # -- reads kept for the rest of the graph -------------------------------
    def _event_details(self, event_pks: list[int]) -> dict[int, dict[str, Any]]:
        missing = [e for e in event_pks if e not in self._events]
        if missing:
            found = q.event_details(self.db, missing, _ROLES)
            self._events.update({e: found.get(e) for e in missing})
        return {e: self._events[e] for e in event_pks if self._events[e] is not None}

    def _cases_of(self, event_pks: list[int]) -> dict[int, list[str]]:
        missing = [e for e in event_pks if e not in self._cases]
        if missing:
            found = q.cases_of_events(self.db, missing)
            self._cases.update({e: found.get(e, []) for e in missing})
        return {e: self._cases[e] for e in event_pks if self._cases[e]}

    def _entities_of(self, keys) -> dict[str, str]:
        keys = set(keys)
        missing = keys - self._entity_of.keys()
        if missing:
            self._entity_of.update(q.entities_of_keys(self.db, missing))
        return {k: self._entity_of[k] for k in keys}

    # -- bookkeeping -------------------------------------------------------
    @staticmethod
    def _candidate(candidates: dict[str, _Candidate], node_id: str, kind: str, structural: bool) -> _Candidate:
        candidate = candidates.setdefault(node_id, _Candidate(node_id, kind))
        candidate.structural = candidate.structural or structural
        return candidate

    def _through(self, candidates: dict[str, _Candidate], node_id: str, kind: str, edge: dict[str, Any],
                 event: dict[str, Any] | None) -> None:
        """A structural neighbour reached through events: one edge, ``edge`` the
        first time, carrying the evidence of every event through it."""
        candidate = self._candidate(candidates, node_id, kind, True)
        if not candidate.edges:
            candidate.edges.append(edge)
        _add_evidence(candidate.edges[0], event)

    def _add_nodes(self, kept: list[_Candidate], depth: int) -> None:
        by_kind: dict[str, list[str]] = {}
        for candidate in kept:
            by_kind.setdefault(candidate.node_kind, []).append(candidate.node_id)
        found: dict[str, dict[str, Any]] = {}
        found.update(q.entity_nodes(self.db, by_kind.get("entity", [])))
        documents = by_kind.get("document", [])
        missing = [d for d in documents if d not in self._pending_documents]
        found.update({d: self._pending_documents[d] for d in documents if d in self._pending_documents})
        found.update(q.document_nodes_by_id(self.db, missing))
        found.update(q.case_nodes(self.db, by_kind.get("case", [])))
        for node_id in (c.node_id for c in kept):
            self.nodes[node_id] = {**found[node_id], "depth": depth}
            if found[node_id].get("pk") is not None:
                self._document_ids[found[node_id]["pk"]] = node_id

    def _add_edge(self, edge: dict[str, Any]) -> None:
        key = (edge["source"], edge["kind"], edge["target"])
        if key not in self.edges:  # the same edge seen from both ends is the same edge
            self.edges[key] = edge

    def result(self) -> dict[str, Any]:
        nodes = [{k: v for k, v in n.items() if k != "pk"} for n in self.nodes.values()]
        edges = sorted(self.edges.values(), key=lambda e: (e["source"], e["kind"], e["target"]))
        return {"nodes": nodes, "edges": edges, "truncated": self.truncated}


_KIND_ORDER = ("entity", "document", "case")


def _interleave_kinds(candidates: list[_Candidate], limit: int) -> list[_Candidate]:
    """The best ``limit`` candidates, taken in turn from each kind of node, so a
    busy entity's view shows documents and cases as well as counterparts (and is
    not all cases).  Within a kind: event/link/case edges before bare mentions,
    then by weight."""
    queues = {kind: sorted((c for c in candidates if c.node_kind == kind),
                           key=lambda c: (not c.structural, -c.weight, c.node_id))
              for kind in _KIND_ORDER}
    kept: list[_Candidate] = []
    position = 0
    while len(kept) < limit and any(position < len(q) for q in queues.values()):
        for kind in _KIND_ORDER:
            if position < len(queues[kind]) and len(kept) < limit:
                kept.append(queues[kind][position])
        position += 1
    return kept


def _edge(source: str, kind: str, target: str, weight: float) -> dict[str, Any]:
    return {"source": source, "target": target, "kind": kind, "weight": weight, "evidence": []}


def _add_evidence(edge: dict[str, Any], event: dict[str, Any] | None) -> None:
    edge["weight"] += 1
    if event and len(edge["evidence"]) < EVIDENCE_LIMIT:
        reference = {"document": event["document"], "event": event["idx"]}
        if reference not in edge["evidence"]:
            edge["evidence"].append(reference)


def start_node(store, name: str) -> dict[str, Any] | None:
    """The entity ``name`` means, as a graph node: a resolved entity, or, when
    resolution has not made one, a mention key found in the store; failing
    those, a document (in the collection or cited) or case id."""
    entity = find_entity(store, name)
    if entity is not None:
        return {"id": entity["id"], "kind": "entity", "type": entity["type"], "name": entity["name"]}
    if q.key_exists(store.db, name):
        return q.entity_nodes(store.db, [name])[name]
    # a document or case id works too: the same graph, seen from there
    document = q.document_nodes_by_id(store.db, [name])[name]
    if document["in_collection"] or q.document_links_of(store.db, name, 1)[0]:
        return document
    if store.db.execute("SELECT 1 FROM cases WHERE id = ?", (name,)).fetchone():
        return q.case_nodes(store.db, [name])[name]
    return None


def entity_graph(store, name: str, *, depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_LIMIT,
                 scan_limit: int = SCAN_LIMIT, event_limit: int = EVENT_LIMIT) -> dict[str, Any] | None:
    """The neighbourhood of the entity ``name`` (see the module docstring); None if no such entity."""
    if not 1 <= depth <= MAX_DEPTH:
        raise GraphError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    if min(limit, scan_limit, event_limit) < 1:
        raise GraphError("limit, scan limit and event limit must be at least 1")
    start = start_node(store, name)
    if start is None:
        return None
    graph = _Neighbourhood(store.db, limit, scan_limit, event_limit)
    graph.nodes[start["id"]] = {**start, "depth": 0}
    frontier = [start["id"]]
    for level in range(depth):
        following: list[str] = []
        for node_id in frontier:
            following.extend(graph.expand(graph.nodes[node_id], level))
        frontier = following
    return graph.result()
