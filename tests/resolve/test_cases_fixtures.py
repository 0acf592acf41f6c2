"""Builders for small stores holding hand-written cables and their events
(used by the case and timeline tests; no tests of its own)."""
from __future__ import annotations

from typing import Any

from prolifwatch.model import Cable, Paragraph, Source
from prolifwatch.store import open_store
from prolifwatch.store.cases import rebuild_cases


def arg(key: str | None, text: str, type_: str = "Organization") -> dict[str, Any]:
    return {"text": text, "key": key, "type": type_}


def transfer(text: str, *, paragraph: int = 0, date: str | None = None, status: str = "completed",
             **roles: list[dict[str, Any]]) -> dict[str, Any]:
    event: dict[str, Any] = {"type": "transfer"}
    for role in ("supplier", "recipient", "end_user", "items", "quantity", "origin", "via", "destination", "carrier"):
        event[role] = roles.get(role, [])
    event.update(status=status, date=date, date_precision=None, confidence=0.8,
                 evidence={"paragraph": paragraph, "start": 0, "end": len(text), "text": text})
    return event


def action(text: str, *, kind: str = "demarche", transfer_idx: int | None = None, date: str | None = None,
           actor: list | None = None, counterpart: list | None = None, paragraph: int = 0) -> dict[str, Any]:
    return {"type": "diplomatic_action", "kind": kind, "actor": actor or [], "counterpart": counterpart or [],
            "status": None, "date": date, "confidence": 0.7, "transfer": transfer_idx,
            "evidence": {"paragraph": paragraph, "start": 0, "end": len(text), "text": text}}


def mention(key: str, text: str, body: str, type_: str = "Organization") -> dict[str, Any]:
    start = body.index(text)
    return {"paragraph": 0, "start": start, "end": start + len(text), "type": type_, "key": key, "text": text,
            "confidence": 0.9, "source": "test"}


def cable(doc_id: str, created: str, body: str, subject: str = "TEST SUBJECT") -> Cable:
    return Cable(
        id=doc_id, subject=subject, created=created, origin="Embassy Beijing", classification="SECRET",
        tags=["PARM"], text=body, paragraphs=[Paragraph(0, body, 0, len(body), "1.", "(S)", "SECRET", [])],
        sources=[Source(f"{doc_id}.txt", "plain-cable-text", doc_id.ljust(64, "0"))],
    )


def build_store(path, documents: list[tuple[str, str, list[dict], list[dict]]], *,
                members: dict[str, str] | None = None, links: list[tuple[str, str]] = ()):
    """A store with ``(doc id, created, events, mentions)`` cables, optional
    entity_members and document_links rows, and cases rebuilt."""
    store = open_store(path)
    for doc_id, created, events, mentions in documents:
        body = " ".join(e["evidence"]["text"] for e in events) or "Nothing."
        store.put(cable(doc_id, created, body), {"mentions": mentions, "events": events})
    with store.transaction():
        for key, entity_id in (members or {}).items():
            store.db.execute("INSERT INTO entity_members (key, entity_id, score, reason) VALUES (?, ?, 1.0, 'test')",
                             (key, entity_id))
        for src, dst in links:
            store.db.execute("INSERT INTO document_links (src, dst, kind, score, evidence) VALUES (?, ?, 'cites', 1, '{}')",
                             (src, dst))
        counts = rebuild_cases(store.db)
    return store, counts


def case_of(store, doc_id: str, idx: int) -> str:
    row = store.db.execute(
        "SELECT ce.case_id FROM case_events ce JOIN events e ON e.event_pk = ce.event_pk "
        "JOIN documents d ON d.pk = e.pk WHERE d.id = ? AND e.idx = ?", (doc_id, idx)).fetchone()
    assert row is not None, f"{doc_id}#{idx} is in no case"
    return row[0]
