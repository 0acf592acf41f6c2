"""The whole store as plain rows, streamed, for the exporters (export/).

Each iterator reads in one pass with a cursor, so an export of a 250,000-cable
store runs in bounded memory (except ``entity_edges``, which aggregates event
edges per entity pair in a dict: one entry per distinct pair, not per event).
Keys map to entities through entity_members; a key with no member row (the
store not resolved yet) stands for itself, as in the neighbourhood graph.
Wherever a row cites a paragraph by its index (``paragraph``), it also carries
the number the document prints there (``paragraph_number``, None when the
paragraph has none), read from the paragraphs table.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from ..citations import with_paragraph_number
from ..store import doc_dates
from .cases import paragraph_numbers, with_paragraph_numbers
from .graph_rules import event_edges, rule_roles

_ENTITY_OF = "COALESCE((SELECT entity_id FROM entity_members em WHERE em.key = {key}), {key})"


def _loads(text: str | None, default: Any = None) -> Any:
    return json.loads(text) if text else default


def iter_documents(db: sqlite3.Connection, *, body: bool = True) -> Iterator[dict[str, Any]]:
    columns = "id, kind, date, released, origin, classification, caveats, title, tags, record"
    for row in db.execute(f"SELECT {columns}{', body' if body else ''} FROM documents ORDER BY pk"):
        id_, kind, date, released, origin, classification, caveats, title, tags, record = row[:10]
        fields = _loads(record, {})
        # how far the date is known and whether it was read or estimated: a year
        # is not its first day, and an estimate is not a date a layout stated
        precision = doc_dates.precision_of(date, fields.get("created_precision"))
        doc = {"id": id_, "doc_kind": kind, "date": date, "created_precision": precision,
               "created_source": fields.get("created_source"), "released": released, "origin": origin,
               "classification": classification, "caveats": _loads(caveats, []), "title": title,
               "tags": tags.split() if tags else [], "record": fields}
        if body:
            doc["body"] = row[10]
        yield doc


def iter_missing_documents(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Documents that links point at but the store does not hold ("not in collection"),
    with what the linking documents say of them."""
    rows = db.execute(
        "SELECT dst, group_concat(description, char(30)) FROM document_links l "
        "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = l.dst) GROUP BY dst ORDER BY dst")
    for dst, descriptions in rows:
        described = [_loads(d) for d in (descriptions or "").split("\x1e") if d]
        yield {"id": dst, "in_collection": False, "descriptions": described}


def iter_entities(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Resolved entities with their member keys, then every key no entity holds,
    named by its commonest surface form."""
    for id_, type_, name, aliases, attributes, mentions, documents in db.execute(
        "SELECT id, type, name, aliases, attributes, mentions, documents FROM entities ORDER BY id"
    ):
        members = [k for (k,) in db.execute("SELECT key FROM entity_members WHERE entity_id = ? ORDER BY key", (id_,))]
        yield {"id": id_, "type": type_, "name": name, "aliases": _loads(aliases, []),
               "attributes": _loads(attributes, {}), "members": members or [id_],
               "mentions": mentions, "documents": documents, "resolved": True}
    current: dict[str, Any] | None = None
    for key, type_, text, count, documents in db.execute(
        "SELECT key, type, text, count(*), count(DISTINCT pk) FROM mentions m WHERE key IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM entity_members em WHERE em.key = m.key) "
        "AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = m.key) "
        "GROUP BY key, type, text ORDER BY key"
    ):
        if current is None or current["id"] != key:
            if current is not None:
                yield _finish_unresolved(current)
            current = {"id": key, "forms": {}, "types": {}, "mentions": 0, "documents": 0}
        current["forms"][text] = current["forms"].get(text, 0) + count
        current["types"][type_] = current["types"].get(type_, 0) + count
        current["mentions"] += count
        current["documents"] = max(current["documents"], documents)  # a lower bound: per surface form
    if current is not None:
        yield _finish_unresolved(current)
    yield from _event_only_keys(db)


def _event_only_keys(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Keys that only event arguments carry (``role:afm`` for "AFM" as an actor)."""
    roles = sorted(rule_roles())
    groups: dict[str, dict[str, Any]] = {}
    for key, text, count in db.execute(
        f"SELECT key, text, count(*) FROM event_arguments a WHERE key IS NOT NULL "
        f"AND role IN ({','.join('?' * len(roles))}) "
        "AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.key = a.key) "
        "AND NOT EXISTS (SELECT 1 FROM entity_members em WHERE em.key = a.key) "
        "AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = a.key) GROUP BY key, text ORDER BY key",
        roles,
    ):
        group = groups.setdefault(key, {"id": key, "forms": {}, "types": {}, "mentions": 0, "documents": 0})
        group["forms"][text] = count
        group["types"][key.split(":", 1)[0].capitalize()] = 1
    for group in groups.values():
        yield _finish_unresolved(group)


def _finish_unresolved(group: dict[str, Any]) -> dict[str, Any]:
    forms = sorted(group["forms"], key=lambda f: (-group["forms"][f], f))
    type_ = max(group["types"], key=lambda t: (group["types"][t], t))
    return {"id": group["id"], "type": type_, "name": forms[0], "aliases": forms[1:], "attributes": {},
            "members": [group["id"]], "mentions": group["mentions"], "documents": group["documents"],
            "resolved": False}


def iter_mentions(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every mention, document by document (pk order, through the mentions_pk
    index), in text order within a document (sorted here, one document at a time)."""
    entity = _ENTITY_OF.format(key="m.key")
    current_pk, buffered = None, []
    for row in db.execute(
        f"SELECT m.pk, d.id, m.paragraph, m.start, m.\"end\", m.type, m.key, {entity}, m.text, m.confidence, "
        "m.source, p.number FROM documents d JOIN mentions m ON m.pk = d.pk "
        "LEFT JOIN paragraphs p ON p.pk = m.pk AND p.idx = m.paragraph ORDER BY d.pk"
    ):
        if row[0] != current_pk:
            yield from _mention_rows(buffered)
            current_pk, buffered = row[0], []
        buffered.append(row)
    yield from _mention_rows(buffered)


def _mention_rows(buffered: list[tuple]) -> Iterator[dict[str, Any]]:
    for _, doc, paragraph, start, end, type_, key, entity_id, text, confidence, source, number in sorted(
        buffered, key=lambda r: (r[3], r[4])
    ):
        yield {"document": doc, "paragraph": paragraph, "paragraph_number": number, "start": start, "end": end,
               "type": type_, "key": key, "entity": entity_id if key else None, "text": text,
               "confidence": confidence, "source": source}


def iter_events(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Events with their full records, the entities their arguments resolve to, and their cases."""
    entity = _ENTITY_OF.format(key="a.key")
    for event_pk, doc, idx, type_, kind, status, date, confidence, record, number, eid, review in db.execute(
        "SELECT e.event_pk, d.id, e.idx, e.type, e.kind, e.status, e.date, e.confidence, e.record, p.number, e.eid,"
        " e.review "
        "FROM live_events e JOIN documents d ON d.pk = e.pk "
        "LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph ORDER BY e.pk, e.idx"
    ):
        arguments = [
            {"role": role, "key": key, "entity": entity_id, "text": text}
            for role, key, entity_id, text in db.execute(
                f"SELECT a.role, a.key, CASE WHEN a.key IS NULL THEN NULL ELSE {entity} END, a.text "
                "FROM event_arguments a WHERE a.event_pk = ?", (event_pk,))
        ]
        cases = [c for (c,) in db.execute("SELECT case_id FROM case_events WHERE event_pk = ?", (event_pk,))]
        event = _loads(record, {})
        event["evidence"] = with_paragraph_number(event.get("evidence") or {}, number)
        # the record carries the analyst's corrections (with the originals); rejected events are not read
        yield {"id": f"{doc}#{idx}", "event_id": eid, "document": doc, "idx": idx, "type": type_,
               "event_kind": kind, "status": status, "date": date, "confidence": confidence, "review": review,
               "arguments": arguments,
               "cases": cases, "record": event}


def iter_document_links(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    # evidence is {paragraph, start, end, text} in src for links read from running text,
    # or the reference as printed (a JSON string, whose '$.paragraph' is NULL)
    for src, dst, kind, score, evidence, description, in_collection, number in db.execute(
        "SELECT src, dst, kind, score, evidence, description, "
        "EXISTS (SELECT 1 FROM documents d WHERE d.id = l.dst), "
        "(SELECT p.number FROM documents s JOIN paragraphs p ON p.pk = s.pk "
        " WHERE s.id = l.src AND p.idx = json_extract(l.evidence, '$.paragraph')) "
        "FROM document_links l ORDER BY src, dst, kind"
    ):
        evidence = _loads(evidence)
        if isinstance(evidence, dict) and "paragraph" in evidence:
            evidence = with_paragraph_number(evidence, number)
        yield {"src": src, "dst": dst, "link_kind": kind, "score": score, "evidence": evidence,
               "description": _loads(description), "dst_in_collection": bool(in_collection)}


def iter_cases(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for id_, title, first, last, record in db.execute(
        "SELECT id, title, first_date, last_date, record FROM cases ORDER BY id"
    ):
        events = [f"{d}#{i}" for d, i in db.execute(
            "SELECT d.id, e.idx FROM case_events c JOIN live_events e ON e.event_pk = c.event_pk "
            "JOIN documents d ON d.pk = e.pk WHERE c.case_id = ? ORDER BY e.pk, e.idx", (id_,))]
        case = _loads(record, {})
        case = with_paragraph_numbers(case, paragraph_numbers(db, case.get("documents", [])))
        yield {"id": id_, "title": title, "first_date": first, "last_date": last, "events": events,
               "record": case}


# -- the whole-store graph ------------------------------------------------------

def _mentions_by_document(db: sqlite3.Connection) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(document id, [(entity id, surface text)]) per document, in pk order.  Read
    through the mentions_pk index and grouped here, one document at a time: a
    GROUP BY over every mention would sort millions of rows in memory."""
    entity = _ENTITY_OF.format(key="m.key")
    current_pk, current_doc, found = None, "", []
    for pk, doc, entity_id, text in db.execute(
        f"SELECT m.pk, d.id, {entity}, m.text FROM documents d JOIN mentions m ON m.pk = d.pk "
        "WHERE m.key IS NOT NULL ORDER BY d.pk"
    ):
        if pk != current_pk:
            if found:
                yield current_doc, found
            current_pk, current_doc, found = pk, doc, []
        found.append((entity_id, text))
    if found:
        yield current_doc, found


def iter_mention_edges(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """entity -mentioned_in-> document, weight = mentions, one per (entity, document)."""
    for doc, found in _mentions_by_document(db):
        counts: dict[str, int] = {}
        for entity_id, _ in found:
            counts[entity_id] = counts.get(entity_id, 0) + 1
        for entity_id in sorted(counts):
            yield {"source": entity_id, "target": doc, "kind": "mentioned_in", "weight": counts[entity_id]}


def entity_edges(db: sqlite3.Connection, evidence_limit: int = 10) -> list[dict[str, Any]]:
    """Entity-to-entity edges from every event (rules in query/data/graph_edges.yaml), aggregated."""
    roles = rule_roles()
    entity = _ENTITY_OF.format(key="a.key")
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    current: tuple[int, str, str, int] | None = None
    arguments: list[tuple[str, str]] = []

    def flush() -> None:
        if current is None:
            return
        _, type_, doc, idx = current
        for src, kind, dst in event_edges(type_, arguments):
            edge = edges.setdefault((src, kind, dst), {"source": src, "target": dst, "kind": kind,
                                                       "weight": 0, "evidence": []})
            edge["weight"] += 1
            if len(edge["evidence"]) < evidence_limit:
                edge["evidence"].append({"document": doc, "event": idx})

    for event_pk, type_, doc, idx, role, entity_id in db.execute(
        f"SELECT e.event_pk, e.type, d.id, e.idx, a.role, {entity} FROM live_events e "
        "JOIN documents d ON d.pk = e.pk JOIN event_arguments a ON a.event_pk = e.event_pk "
        "WHERE a.key IS NOT NULL ORDER BY e.event_pk"
    ):
        if current is None or current[0] != event_pk:
            flush()
            current, arguments = (event_pk, type_, doc, idx), []
        if role in roles:
            arguments.append((role, entity_id))
    flush()
    return sorted(edges.values(), key=lambda e: (e["source"], e["kind"], e["target"]))


def iter_case_edges(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """case -reported_in-> document and entity -party_to-> case, weight = the case's events."""
    for case_id, doc, count in db.execute(
        "SELECT c.case_id, d.id, count(*) FROM case_events c JOIN live_events e ON e.event_pk = c.event_pk "
        "JOIN documents d ON d.pk = e.pk GROUP BY c.case_id, d.id ORDER BY c.case_id, d.id"
    ):
        yield {"source": case_id, "target": doc, "kind": "reported_in", "weight": count}
    roles = sorted(rule_roles())
    entity = _ENTITY_OF.format(key="a.key")
    for entity_id, case_id, count in db.execute(
        f"SELECT {entity} AS entity, c.case_id, count(DISTINCT c.event_pk) FROM case_events c "
        f"JOIN event_arguments a ON a.event_pk = c.event_pk WHERE a.key IS NOT NULL "
        f"AND a.role IN ({','.join('?' * len(roles))}) GROUP BY entity, c.case_id ORDER BY c.case_id, entity",
        roles,
    ):
        yield {"source": entity_id, "target": case_id, "kind": "party_to", "weight": count}


def iter_document_entities(db: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """One row per (document, entity) mentioned in it: surface forms (commonest first) and mention count."""
    for doc, found in _mentions_by_document(db):
        forms: dict[str, dict[str, int]] = {}
        for entity_id, text in found:
            per_entity = forms.setdefault(entity_id, {})
            per_entity[text] = per_entity.get(text, 0) + 1
        for entity_id in sorted(forms):
            names = sorted(forms[entity_id], key=lambda t: (-forms[entity_id][t], t))
            yield {"document": doc, "entity": entity_id, "names": names,
                   "mentions": sum(forms[entity_id].values())}
