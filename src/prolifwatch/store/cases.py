"""Cases in the store: transfers reported by several documents, merged.

Reads transfer events and the diplomatic actions that point at them, maps
every argument key to its entity id through ``entity_members`` (a key with no
member row stands for itself, so this works before or without entity
resolution), lets ``resolve.cases`` group them, and replaces ``cases`` and
``case_events``.  The caller (``pipeline.resolve_store``) holds the transaction.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..datafiles import data_yaml
from ..resolve.cases import ActionInput, TransferInput, build_cases, default_config
from ..resolve.cases_parties import host_country

# Document links that make two documents' transfers likelier to be one shipment.
_LINK_KINDS = ("cites", "describes", "names", "answers")


def _map_keys(record: dict[str, Any], members: dict[str, str]) -> dict[str, Any]:
    """The event with each argument's key replaced by its entity id; the mention key stays as ``raw_key``."""
    for value in record.values():
        if not isinstance(value, list):
            continue
        for argument in value:
            if isinstance(argument, dict) and argument.get("key"):
                argument["raw_key"] = argument["key"]
                argument["key"] = members.get(argument["key"], argument["key"])
    return record


# live_events: an event the analyst rejected is in no case; a corrected one has its corrections in its record.
_EVENTS_SQL = "SELECT e.event_pk, d.id, d.date, e.idx, e.record FROM live_events e JOIN documents d ON d.pk = e.pk "


# Diplomatic actions that may belong to a case: those pointing at a transfer, and the outcomes
# (any kind: build_cases keeps the configured ones) of documents holding a transfer.
_ACTIONS_SQL = (_EVENTS_SQL + "WHERE e.type = 'diplomatic_action' AND (json_extract(e.record, '$.transfer') IS NOT NULL"
                " OR e.pk IN (SELECT pk FROM live_events WHERE type = 'transfer')) ORDER BY d.id, e.idx")


def _hosts(db: sqlite3.Connection, documents: set[str]) -> dict[str, str]:
    """Document id -> the host government's key (the post's country), for documents with actions."""
    config = default_config()
    hosts, ids = {}, sorted(documents)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for id_, origin, recipients in db.execute(
                "SELECT id, origin, json_extract(record, '$.recipients') FROM documents"
                f" WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            host = host_country(origin, json.loads(recipients or "[]"), config)
            if host:
                hosts[id_] = host
    return hosts


def load_inputs(db: sqlite3.Connection) -> dict[str, Any]:
    """The keyword arguments of ``build_cases``, from the store: transfers, actions (pointing at a
    transfer, or outcomes beside one), document links, answers, entity names and types, hosts."""
    members = dict(db.execute("SELECT key, entity_id FROM entity_members"))
    entities = {id_: (name, type_) for id_, name, type_ in db.execute("SELECT id, name, type FROM entities")}
    transfers = [
        TransferInput(event_pk, doc, doc_date, idx, _map_keys(json.loads(record), members))
        for event_pk, doc, doc_date, idx, record in db.execute(
            _EVENTS_SQL + "WHERE e.type = 'transfer' ORDER BY d.id, e.idx")
    ]
    actions = []
    for event_pk, doc, doc_date, idx, record in db.execute(_ACTIONS_SQL):
        parsed = _map_keys(json.loads(record), members)
        pointed = parsed.get("transfer")
        actions.append(ActionInput(event_pk, doc, doc_date, idx, int(pointed) if pointed is not None else None,
                                   parsed))
    marks = ",".join("?" * len(_LINK_KINDS))
    links = list(db.execute(f"SELECT src, dst FROM document_links WHERE kind IN ({marks})", _LINK_KINDS))
    answers = list(db.execute("SELECT src, dst FROM document_links WHERE kind = 'answers'"))
    our_side = {" ".join(w.split()).casefold() for w in data_yaml("prolifwatch.extract", "actions.yaml")["our_side"]}
    return {"transfers": transfers, "actions": actions, "links": links, "answers": answers,
            "names": {id_: name for id_, (name, _) in entities.items()}, "entities": entities,
            "hosts": _hosts(db, {a.document for a in actions}), "our_side": our_side}


def rebuild_cases(db: sqlite3.Connection) -> dict[str, Any]:
    """Replace cases and case_events; return counts (transfers, cases, multi-document cases, conflicts ...)."""
    inputs = load_inputs(db)
    cases, counts = build_cases(inputs.pop("transfers"), inputs.pop("actions"), **inputs)
    db.execute("DELETE FROM case_events")
    db.execute("DELETE FROM cases")
    db.executemany(
        "INSERT INTO cases (id, title, first_date, last_date, record) VALUES (?, ?, ?, ?, ?)",
        [(c.id, c.title, c.first_date, c.last_date, json.dumps(c.record, ensure_ascii=False)) for c in cases],
    )
    db.executemany(
        "INSERT OR IGNORE INTO case_events (case_id, event_pk) VALUES (?, ?)",
        [(c.id, pk) for c in cases for pk in c.event_pks],
    )
    return counts
