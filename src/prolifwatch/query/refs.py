"""Document links for users: what a document cites, what cites it, and its thread.

Reads ``document_links`` (rebuilt by ``prolifwatch resolve``).  A link's far
end may be missing from the store: a cited cable we do not hold, or a cable
an article describes that matched none we hold (a ``cable-described:...``
id).  Such nodes are listed with ``in_collection: false`` so gaps show.

``refs_graph`` and ``document_thread`` are what the faces call (``prolifwatch
refs`` and ``GET /api/v1/refs/{id}``); ``refs`` and ``thread`` are the readers
beneath them, which the document page uses too.
"""
from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ..cable import canonical_id
from ..citations import with_paragraph_number
from ..errors import BadParameter
from ..resolve.threads import ThreadNode, order_thread
from .context import Reader
from .lookup import not_found

__all__ = ["resolve_ref_id", "node", "refs", "thread", "refs_graph", "document_thread", "RefsGraph", "ThreadMember"]

DESCRIBED_PREFIX = "cable-described:"
MAX_REFS_DEPTH = 3   # what the API follows (a page of links); the CLI may go further
MAX_DEPTH = 5
LINK_KINDS = ("cites", "names", "describes", "answers")


class RefNode(BaseModel):
    id: str
    kind: str | None
    date: str | None
    title: str | None
    origin: str | None
    in_collection: bool


class RefEdge(BaseModel):
    depth: int
    src: str
    dst: str
    kind: str
    score: float
    evidence: dict[str, Any] | str
    description: dict[str, Any] | None
    node: RefNode


class RefsGraph(BaseModel):
    """What ``prolifwatch refs --json`` prints: the document, what it links to and what links to it."""
    document: RefNode
    outgoing: list[RefEdge]
    incoming: list[RefEdge]


class ThreadMember(RefNode):
    """A document of a request/answer thread, in date order."""
    depth: int                          # steps from the thread's first request
    answers: str | None                 # the document it answers
    evidence: dict[str, Any] | None     # what says it answers it (reference, reply cue)


def refs_graph(reader: Reader, raw_id: str, depth: int = 1, kinds: tuple[str, ...] | None = None,
               max_depth: int = MAX_REFS_DEPTH) -> RefsGraph:
    """What the document ``raw_id`` (an id in any cable spelling, or a link end) links to and what
    links to it, to ``depth`` steps, only links of ``kinds`` when given."""
    if not 1 <= depth <= min(max_depth, MAX_DEPTH):
        raise BadParameter("depth", f"between 1 and {min(max_depth, MAX_DEPTH)}")
    for kind in kinds or ():
        if kind not in LINK_KINDS:
            raise BadParameter("kind", f"unknown link kind {kind!r}; use one of {', '.join(LINK_KINDS)}")
    found = refs(reader.store, raw_id, depth=depth, kinds=tuple(kinds) if kinds else None)
    if found is None:
        raise not_found(reader.store, "document or link", raw_id)
    return RefsGraph(**found)


def document_thread(reader: Reader, raw_id: str) -> list[ThreadMember]:
    """The request/answer thread holding the document ``raw_id``, in date order (empty if it is in none)."""
    found = thread(reader.store, raw_id)
    if found is None:
        raise not_found(reader.store, "document or link", raw_id)
    return [ThreadMember(**member) for member in found]


def resolve_ref_id(store, raw: str) -> str | None:
    """The id a user means: a stored document, or a link end, in any cable-id spelling."""
    db = store.db
    candidates = [raw.strip()]
    if (normalised := canonical_id(raw)) and normalised not in candidates:
        candidates.append(normalised)
    for candidate in candidates:
        if db.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
            return candidate
    for candidate in candidates:
        if db.execute("SELECT 1 FROM document_links WHERE dst = ? OR src = ? LIMIT 1",
                      (candidate, candidate)).fetchone():
            return candidate
    return None


def node(store, doc_id: str) -> dict[str, Any]:
    """{id, kind, date, title, origin, in_collection} of a document or link end."""
    row = store.db.execute("SELECT kind, date, title, origin FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row:
        kind, date, title, origin = row
        return {"id": doc_id, "kind": kind, "date": date, "title": title, "origin": origin, "in_collection": True}
    if doc_id.startswith(DESCRIBED_PREFIX):
        _, date, origin, signer = (doc_id.split(":") + ["UNKNOWN"] * 4)[:4]
        known = lambda v: None if v == "UNKNOWN" else v  # noqa: E731
        title = "cable described in an article" + (f", signed {signer}" if known(signer) else "")
        return {"id": doc_id, "kind": "described cable", "date": known(date), "title": title,
                "origin": known(origin), "in_collection": False}
    return {"id": doc_id, "kind": "cable", "date": None, "title": None, "origin": None, "in_collection": False}


def _edge(store, row, depth: int, far: str) -> dict[str, Any]:
    src, dst, kind, score, evidence, description = row
    return {
        "depth": depth, "src": src, "dst": dst, "kind": kind, "score": score,
        "evidence": _cited(store, json.loads(evidence), src, dst),
        "description": json.loads(description) if description else None,
        "node": node(store, far),
    }


def _cited(store, evidence: dict[str, Any], src: str, dst: str) -> dict[str, Any]:
    """Link evidence with the printed number beside each paragraph index: the
    link's own paragraph and an answer's reply are in ``src``, the request in ``dst``."""
    if not isinstance(evidence, dict):
        return evidence  # older stores kept a reference's evidence as the string printed
    if evidence.get("paragraph") is not None:
        evidence = with_paragraph_number(evidence, _number(store, src, evidence["paragraph"]))
    for part, doc in (("reply", src), ("request", dst)):
        if isinstance(evidence.get(part), dict) and evidence[part].get("paragraph") is not None:
            evidence[part] = with_paragraph_number(evidence[part], _number(store, doc, evidence[part]["paragraph"]))
    return evidence


def _number(store, doc_id: str, index: int) -> str | None:
    row = store.db.execute(
        "SELECT p.number FROM paragraphs p JOIN documents d ON d.pk = p.pk WHERE d.id = ? AND p.idx = ?",
        (doc_id, index),
    ).fetchone()
    return row[0] if row else None


def _walk(store, start: str, depth: int, outgoing: bool, kinds: tuple[str, ...] | None) -> list[dict[str, Any]]:
    """Breadth-first along links in one direction, each document visited once."""
    near, far = ("src", "dst") if outgoing else ("dst", "src")
    kind_filter = f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else ""
    sql = (f"SELECT src, dst, kind, score, evidence, description FROM document_links "
           f"WHERE {near} = ?{kind_filter} ORDER BY kind, {far}")
    seen, frontier, edges = {start}, [start], []
    for level in range(1, depth + 1):
        following = []
        for current in frontier:
            for row in store.db.execute(sql, (current, *(kinds or ()))):
                other = row[1] if outgoing else row[0]
                edges.append(_edge(store, row, level, other))
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
        if not frontier:
            break
    # REF A, B, C ... in the order the cable prints them.
    edges.sort(key=lambda e: (e["depth"], e["kind"], e["evidence"].get("position") or 0, e["node"]["id"]))
    return edges


def refs(store, raw_id: str, depth: int = 1, kinds: tuple[str, ...] | None = None) -> dict[str, Any] | None:
    """What ``raw_id`` links to (cites, names, describes, answers) and what links to it, to ``depth``.

    None when no stored document or link end has that id.
    """
    doc_id = resolve_ref_id(store, raw_id)
    if doc_id is None:
        return None
    return {
        "document": node(store, doc_id),
        "outgoing": _walk(store, doc_id, max(depth, 1), True, kinds),
        "incoming": _walk(store, doc_id, max(depth, 1), False, kinds),
    }


def thread(store, raw_id: str) -> list[dict[str, Any]] | None:
    """The request/answer thread holding ``raw_id``, in date order (empty if it is in none)."""
    doc_id = resolve_ref_id(store, raw_id)
    if doc_id is None:
        return None
    members, pairs, frontier = {doc_id}, set(), [doc_id]
    while frontier:
        current = frontier.pop()
        for src, dst in store.db.execute(
            "SELECT src, dst FROM document_links WHERE kind = 'answers' AND (src = ? OR dst = ?)", (current, current)
        ):
            pairs.add((src, dst))
            for other in (src, dst):
                if other not in members:
                    members.add(other)
                    frontier.append(other)
    if not pairs:
        return []
    nodes = {m: node(store, m) for m in members}
    ordered = order_thread([ThreadNode(m, nodes[m]["date"]) for m in members], sorted(pairs))
    evidence = {
        src: _cited(store, json.loads(row[0]), src, dst)
        for src, dst in pairs
        if (row := store.db.execute(
            "SELECT evidence FROM document_links WHERE src = ? AND dst = ? AND kind = 'answers'", (src, dst)
        ).fetchone())
    }
    return [{**nodes[item["id"]], "depth": item["depth"], "answers": item["answers"],
             "evidence": evidence.get(item["id"])} for item in ordered]
