"""Indexed look-ups the neighbourhood graph is made of.

Every query here goes through an index (mentions_key, mentions_pk,
event_arguments_role, event_arguments_event, entity_members' primary key,
document_links' primary key and dst index, case_events' both keys), and the
ones that can fan out around a busy entity carry a LIMIT, so the cost of a
query is bounded by ``scan_limit`` rows whatever the store's size.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

CHUNK = 500  # parameters per IN (...) list, well under SQLite's limit


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


# -- entities and keys ---------------------------------------------------------

def entity_keys(db: sqlite3.Connection, entity_id: str) -> list[str]:
    """The mention keys that make up an entity; a key without an entity is its own."""
    keys = [k for (k,) in db.execute("SELECT key FROM entity_members WHERE entity_id = ?", (entity_id,))]
    return keys or [entity_id]


def entities_of_keys(db: sqlite3.Connection, keys: Iterable[str]) -> dict[str, str]:
    """key -> entity id, for every key (an unresolved key maps to itself)."""
    keys = sorted(set(keys))
    found = {}
    for part in chunks(keys):
        found.update(db.execute(
            f"SELECT key, entity_id FROM entity_members WHERE key IN ({marks(part)})", part))
    return {k: found.get(k, k) for k in keys}


def key_exists(db: sqlite3.Connection, key: str) -> bool:
    return bool(
        db.execute("SELECT 1 FROM mentions WHERE key = ? LIMIT 1", (key,)).fetchone()
        or db.execute("SELECT 1 FROM event_arguments WHERE key = ? LIMIT 1", (key,)).fetchone()
    )


def entity_nodes(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Nodes for entity ids; an id with no entities row (resolution not run, or a
    key only events name) takes its type and name from one of its mentions."""
    ids = sorted(set(ids))
    nodes: dict[str, dict[str, Any]] = {}
    for part in chunks(ids):
        for id_, type_, name in db.execute(
            f"SELECT id, type, name FROM entities WHERE id IN ({marks(part)})", part
        ):
            nodes[id_] = {"id": id_, "kind": "entity", "type": type_, "name": name}
    for id_ in ids:
        if id_ in nodes:
            continue
        row = db.execute("SELECT type, text FROM mentions WHERE key = ? LIMIT 1", (id_,)).fetchone()
        if row is None:
            row = db.execute("SELECT role, text FROM event_arguments WHERE key = ? LIMIT 1", (id_,)).fetchone()
            row = (id_.split(":", 1)[0].capitalize(), row[1]) if row else (None, id_)
        nodes[id_] = {"id": id_, "kind": "entity", "type": row[0], "name": row[1]}
    return nodes


# -- documents and cases -------------------------------------------------------

_DOC_COLUMNS = "pk, id, kind, date, title"


def _document_node(row) -> dict[str, Any]:
    pk, id_, kind, date, title = row
    return {"id": id_, "kind": "document", "doc_kind": kind, "date": date, "title": title,
            "in_collection": True, "pk": pk}


def document_nodes_by_pk(db: sqlite3.Connection, pks: Iterable[int]) -> dict[int, dict[str, Any]]:
    pks = sorted(set(pks))
    nodes = {}
    for part in chunks(pks):
        for row in db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE pk IN ({marks(part)})", part):
            nodes[row[0]] = _document_node(row)
    return nodes


def document_nodes_by_id(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Nodes for document ids; an id not in the store is a node marked not in the collection."""
    ids = sorted(set(ids))
    nodes = {}
    for part in chunks(ids):
        for row in db.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN ({marks(part)})", part):
            nodes[row[1]] = _document_node(row)
    for id_ in ids:
        nodes.setdefault(id_, {"id": id_, "kind": "document", "doc_kind": None, "date": None,
                               "title": None, "in_collection": False, "pk": None})
    return nodes


def case_nodes(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    ids = sorted(set(ids))
    nodes = {}
    for part in chunks(ids):
        for id_, title, first, last in db.execute(
            f"SELECT id, title, first_date, last_date FROM cases WHERE id IN ({marks(part)})", part
        ):
            nodes[id_] = {"id": id_, "kind": "case", "title": title, "first_date": first, "last_date": last}
    for id_ in ids:  # a case_events row whose case row is missing: still shown, by id
        nodes.setdefault(id_, {"id": id_, "kind": "case", "title": id_, "first_date": None, "last_date": None})
    return nodes


# -- what surrounds a node -----------------------------------------------------

def mention_counts_by_document(db: sqlite3.Connection, keys: Sequence[str], scan_limit: int) -> tuple[dict[int, int], bool]:
    """document pk -> mentions of these keys, from at most ``scan_limit`` mention
    rows; the flag says whether every row was read."""
    counts: dict[int, int] = {}
    read = 0
    for part in chunks(list(keys)):
        rows = db.execute(
            f"SELECT pk FROM mentions WHERE key IN ({marks(part)}) LIMIT ?", (*part, scan_limit - read + 1)
        ).fetchall()
        complete = len(rows) <= scan_limit - read
        for (pk,) in rows[: scan_limit - read]:
            counts[pk] = counts.get(pk, 0) + 1
        read += min(len(rows), scan_limit - read)
        if not complete:
            return counts, False
    return counts, True


def mention_counts_in_document(db: sqlite3.Connection, pk: int) -> dict[str, int]:
    return dict(db.execute(
        "SELECT key, count(*) FROM mentions WHERE pk = ? AND key IS NOT NULL GROUP BY key", (pk,)))


def events_with_keys(db: sqlite3.Connection, keys: Sequence[str], roles: Sequence[str],
                     scan_limit: int) -> tuple[list[int], bool]:
    """Events in which one of ``keys`` plays one of ``roles`` (at most scan_limit argument rows)."""
    event_pks: set[int] = set()
    read = 0
    for part in chunks(list(keys)):
        rows = db.execute(
            f"SELECT event_pk FROM event_arguments WHERE role IN ({marks(roles)}) AND key IN ({marks(part)}) LIMIT ?",
            (*roles, *part, scan_limit - read + 1),
        ).fetchall()
        complete = len(rows) <= scan_limit - read
        event_pks.update(pk for (pk,) in rows[: scan_limit - read])
        read += min(len(rows), scan_limit - read)
        if not complete:
            return sorted(event_pks), False
    return sorted(event_pks), True


def events_in_document(db: sqlite3.Connection, pk: int) -> list[int]:
    return [e for (e,) in db.execute("SELECT event_pk FROM live_events WHERE pk = ?", (pk,))]


def event_details(db: sqlite3.Connection, event_pks: Sequence[int],
                  roles: Sequence[str]) -> dict[int, dict[str, Any]]:
    """event_pk -> {type, idx, document, arguments: [(role, key)]}, arguments in ``roles`` only
    (item_code and quantity arguments carry keys that are not entities)."""
    details: dict[int, dict[str, Any]] = {}
    wanted = frozenset(roles)
    for part in chunks(list(event_pks)):
        for event_pk, type_, idx, doc_id in db.execute(
            f"SELECT e.event_pk, e.type, e.idx, d.id FROM live_events e JOIN documents d ON d.pk = e.pk "
            f"WHERE e.event_pk IN ({marks(part)})", part,
        ):
            details[event_pk] = {"type": type_, "idx": idx, "document": doc_id, "arguments": []}
        for event_pk, role, key in db.execute(
            # '+role': a plain role condition tempts the planner into the (role, key)
            # index, a scan of every argument with those roles
            f"SELECT event_pk, role, key FROM event_arguments WHERE event_pk IN ({marks(part)}) "
            f"AND +role IN ({marks(roles)}) AND key IS NOT NULL",
            (*part, *roles),
        ):
            if event_pk in details and role in wanted:
                details[event_pk]["arguments"].append((role, key))
    return details


def cases_of_events(db: sqlite3.Connection, event_pks: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for part in chunks(list(event_pks)):
        for case_id, event_pk in db.execute(
            f"SELECT case_id, event_pk FROM case_events WHERE event_pk IN ({marks(part)})", part
        ):
            found.setdefault(event_pk, []).append(case_id)
    return found


def events_of_case(db: sqlite3.Connection, case_id: str, scan_limit: int) -> tuple[list[int], bool]:
    rows = db.execute("SELECT event_pk FROM case_events WHERE case_id = ? LIMIT ?",
                      (case_id, scan_limit + 1)).fetchall()
    return [e for (e,) in rows[:scan_limit]], len(rows) <= scan_limit


def document_links_of(db: sqlite3.Connection, doc_id: str, scan_limit: int) -> tuple[list[dict[str, Any]], bool]:
    """Links from and to a document (both directions), at most scan_limit each way."""
    links, complete = [], True
    for column in ("src", "dst"):
        rows = db.execute(
            f"SELECT src, dst, kind, score, evidence, description FROM document_links WHERE {column} = ? LIMIT ?",
            (doc_id, scan_limit + 1),
        ).fetchall()
        complete = complete and len(rows) <= scan_limit
        for src, dst, kind, score, evidence, description in rows[:scan_limit]:
            links.append({"src": src, "dst": dst, "kind": kind, "score": score,
                          "evidence": _json(evidence), "description": _json(description)})
    return links, complete


def _json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
