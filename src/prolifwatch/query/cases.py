"""Cases for users: one case in full, or a list (optionally those of an entity)."""
from __future__ import annotations

import json
from typing import Any

from ..citations import with_paragraph_number
from .entities import find_entity
from .parties import PartyResolution, argument_match_sql, resolve_party


def entity_keys(store, name: str) -> tuple[dict[str, Any], list[str]] | None:
    """The entity a user names and the mention keys standing for it (``resolve_party``: ids,
    names, aliases, country codes; several entities when a name is several's), or None.

    Before entity resolution has run (no entity found), a mention key such as
    ``entity:limmt`` or a surface form used in event arguments stands for itself."""
    party = resolve_party(store, name)
    if not party.keys:  # a text only keyless arguments carry (a corrected value) is no entity to follow
        return None
    if party.entities:
        entity = find_entity(store, party.entities[0]["id"]) or {**party.entities[0], "aliases": []}
        if len(party.entities) > 1:
            entity = {**entity, "also": party.entities[1:]}
        return entity, party.keys
    return {"id": party.keys[0], "name": name, "type": None, "aliases": [], "resolved": False}, party.keys


def _documents(store, ids: list[str]) -> list[dict[str, Any]]:
    """Each document id with its title and date, or marked not in the collection."""
    found = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for id_, kind, date, title in store.db.execute(
            f"SELECT id, kind, date, title FROM documents WHERE id IN ({marks})", chunk
        ):
            found[id_] = {"id": id_, "kind": kind, "date": date, "title": title, "in_collection": True}
    return [found.get(i, {"id": i, "in_collection": False}) for i in ids]


def get_case(store, case_id: str) -> dict[str, Any] | None:
    """One case: title, dates, merged roles with sources, statuses, conflicts, related actions, documents.
    The record ``case_page.case_page`` types, which the faces read."""
    row = store.db.execute(
        "SELECT id, title, first_date, last_date, record FROM cases WHERE id = ?", (case_id,)
    ).fetchone()
    if row is None:
        return None
    id_, title, first, last, record = row
    case = json.loads(record)
    case.update(id=id_, title=title, first_date=first, last_date=last)
    case = with_paragraph_numbers(case, paragraph_numbers(store.db, case["documents"]))
    case["documents"] = _documents(store, case["documents"])
    reviews = event_reviews(store.db, [e["event_pk"] for e in case["transfers"] + case["actions"]])
    for event in case["transfers"] + case["actions"]:
        event.update(reviews.get(event["event_pk"], {}))
    case.update(_confidence(store.db, id_))
    return case


def event_reviews(db, event_pks: list[int]) -> dict[int, dict[str, Any]]:
    """event_pk -> the event's id, model confidence and review (accepted or None)."""
    found = {}
    for i in range(0, len(event_pks), 500):
        chunk = event_pks[i:i + 500]
        for event_pk, eid, confidence, review in db.execute(
            "SELECT event_pk, eid, confidence, review FROM live_events"
            f" WHERE event_pk IN ({','.join('?' * len(chunk))})", chunk,
        ):
            found[event_pk] = {"event_id": eid, "confidence": confidence, "review": review}
    return found


# A case's confidence is that of its transfers (an accepted one counts as 1.0): the best and the mean.
_CASE_CONFIDENCE = ("SELECT max(e.ranked_confidence), avg(e.ranked_confidence) FROM case_events ce"
                    " JOIN live_events e ON e.event_pk = ce.event_pk WHERE ce.case_id = ? AND e.type = 'transfer'")


def _confidence(db, case_id: str) -> dict[str, Any]:
    best, mean = db.execute(_CASE_CONFIDENCE, (case_id,)).fetchone()
    return {"confidence": best, "mean_confidence": round(mean, 4) if mean is not None else None}


def paragraph_numbers(db, ids: list[str]) -> dict[tuple[str, int], str | None]:
    """(document id, paragraph index) -> the paragraph's number as printed, for the documents ``ids``."""
    numbers: dict[tuple[str, int], str | None] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for doc, idx, number in db.execute(
            "SELECT d.id, p.idx, p.number FROM documents d JOIN paragraphs p ON p.pk = d.pk"
            f" WHERE d.id IN ({','.join('?' * len(chunk))})", chunk
        ):
            numbers[(doc, idx)] = number
    return numbers


def with_paragraph_numbers(value: Any, numbers: dict[tuple[str, int], str | None]) -> Any:
    """Every source in a case record (transfers, actions, role and conflict sources: a dict
    naming a ``document`` and a ``paragraph``) with ``paragraph_number`` beside the index."""
    if isinstance(value, list):
        return [with_paragraph_numbers(v, numbers) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: with_paragraph_numbers(v, numbers) for k, v in value.items()}
    if "document" in out and "paragraph" in out:
        out = with_paragraph_number(out, numbers.get((out["document"], out["paragraph"])))
    return out


def _summary(id_: str, title: str, first: str | None, last: str | None, record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": id_, "title": title, "first_date": first, "last_date": last,
        "documents": len(record["documents"]), "document_ids": record["documents"],
        "transfers": len(record["transfers"]), "actions": len(record["actions"]),
        "statuses": list(dict.fromkeys(s["status"] for s in record["statuses"])),
        "conflicts": [c["role"] for c in record["conflicts"]],
        "state": {k: (record.get("state") or {}).get(k) for k in ("state", "date", "document")}
        if record.get("state") else None,
    }


def find_cases(store, *, entity: str | None = None, min_documents: int = 1, min_confidence: float | None = None,
               limit: int = 50) -> tuple[list[dict[str, Any]], PartyResolution | None]:
    """Cases, most documents first; with ``entity``, those where it takes part; with ``min_confidence``,
    those with a transfer at least that confident (an accepted one counts as 1.0).  Also what ``entity``
    resolved to (no cases when it resolves to nothing).  ``case_page.case_list`` is the typed face of it."""
    db = store.db
    # a case needs real parties (resolve/cases_parties.py): one without is reachable by id, not listed
    where = ["json_array_length(c.record, '$.documents') >= ?", "COALESCE(json_extract(c.record, '$.has_parties'), 1)"]
    params: list[Any] = [min_documents]
    if min_confidence is not None:
        where.append("c.id IN (SELECT ce.case_id FROM case_events ce JOIN live_events e ON e.event_pk = ce.event_pk"
                     " WHERE e.type = 'transfer' AND e.ranked_confidence >= ?)")
        params.append(min_confidence)
    party = None
    if entity:
        party = resolve_party(store, entity)
        if not party.resolved:
            return [], party
        sql, values = argument_match_sql(None, party)
        where.append("c.id IN (SELECT ce.case_id FROM case_events ce JOIN live_events e"
                     f" ON e.event_pk = ce.event_pk WHERE {sql})")
        params += values
    rows = db.execute(
        "SELECT c.id, c.title, c.first_date, c.last_date, c.record FROM cases c WHERE " + " AND ".join(where)
        + " ORDER BY json_array_length(c.record, '$.documents') DESC,"
        " json_array_length(c.record, '$.transfers') DESC, c.first_date, c.id LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [{**_summary(i, t, f, last, json.loads(r)), **_confidence(db, i)} for i, t, f, last, r in rows], party
