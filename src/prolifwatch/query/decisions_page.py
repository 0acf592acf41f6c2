"""Every decision the analyst has made, each with how to undo it (``/decisions``).

Judgements (merge, split, same / different) are undone by forgetting the
judgement; event reviews (accept, reject, correct) by undoing the decision;
a screening verdict is changed by giving the other verdict (the store keeps
one verdict per hit, there is nothing to return to).
"""
from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ..store.listings import hit_decisions
from .context import Reader
from .page_sources import Source, source_of


class KeyRef(BaseModel):
    key: str
    entity: str | None        # the entity the key belongs to now
    name: str | None


class JudgementDecision(BaseModel):
    left: KeyRef
    right: KeyRef
    judgement: str            # positive (same) | negative (different)
    user: str
    created_at: str


class ReviewDecision(BaseModel):
    id: int
    event: str
    action: str               # accept | reject | correct
    role: str | None
    value: Any = None
    original: Any = None
    user: str
    created_at: str
    matched: bool             # whether the event is still found by extraction
    type: str
    source: Source
    start: int | None = None  # where the event's sentence is in its document's text
    end: int | None = None


class XrefDecision(BaseModel):
    entity_type: str
    entity_key: str
    list: str
    entry_id: str
    verdict: str
    note: str | None
    user: str
    decided_at: str


class Decisions(BaseModel):
    judgements: list[JudgementDecision]
    reviews: list[ReviewDecision]
    screening: list[XrefDecision]


def _key_refs(db, keys: set[str]) -> dict[str, KeyRef]:
    refs = {k: KeyRef(key=k, entity=None, name=None) for k in keys}
    ordered = sorted(keys)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for key, entity_id, name in db.execute(
                f"SELECT m.key, m.entity_id, e.name FROM entity_members m JOIN entities e ON e.id = m.entity_id"
                f" WHERE m.key IN ({marks})", chunk):
            refs[key] = KeyRef(key=key, entity=entity_id, name=name)
    return refs


def decisions(reader: Reader) -> Decisions:
    """Judgements, event reviews and screening verdicts, oldest first."""
    judgements = _judgement_rows(reader.store)
    refs = _key_refs(reader.db, {j["left_key"] for j in judgements} | {j["right_key"] for j in judgements})
    return Decisions(
        judgements=[JudgementDecision(left=refs[j["left_key"]], right=refs[j["right_key"]], judgement=j["judgement"],
                                      user=j["user"], created_at=j["created_at"]) for j in judgements],
        reviews=[ReviewDecision(
            id=d["id"], event=d["event"], action=d["action"], role=d["role"], value=d["value"],
            original=d["original"], user=d["user"], created_at=d["created_at"], matched=d["matched"], type=d["type"],
            source=source_of(d), start=d["start"], end=d["end"]) for d in _review_rows(reader.store)],
        screening=[XrefDecision(**d) for d in hit_decisions(reader.db)],
    )


def _judgement_rows(store) -> list[dict[str, str]]:
    """The analyst's judgements, oldest first."""
    columns = ("left_key", "right_key", "judgement", "user", "created_at")
    rows = store.db.execute(f"SELECT {', '.join(columns)} FROM judgements ORDER BY created_at, left_key, right_key")
    return [dict(zip(columns, row)) for row in rows]


def _review_rows(store) -> list[dict[str, Any]]:
    """Every decision, oldest first: who, when, what, on which event, and whether that event is
    in the store now (``matched``; a decision whose event re-extraction no longer finds is kept)."""
    rows = store.db.execute(
        'SELECT x.id, x.event_id, x.document, x.paragraph, x.start, x."end", x.type, x.action, x.role, x.value,'
        " x.user, x.created_at, e.record, p.number FROM event_decisions x"
        " LEFT JOIN events e ON e.eid = x.event_id"
        " LEFT JOIN documents d ON d.id = x.document LEFT JOIN paragraphs p ON p.pk = d.pk AND p.idx = x.paragraph"
        " ORDER BY x.id"
    ).fetchall()
    found = []
    for (id_, eid, document, paragraph, start, end, type_, action, role, value, user, created_at, record,
         number) in rows:
        event = json.loads(record) if record else None
        original = next((c["original"] for c in (event or {}).get("corrections", []) if c["decision"] == id_), None)
        found.append({
            "id": id_, "event": eid, "action": action, "role": role,
            "value": json.loads(value) if value is not None else None, "original": original,
            "user": user, "created_at": created_at, "matched": event is not None,
            "document": document, "paragraph": paragraph, "paragraph_number": number, "start": start, "end": end,
            "type": type_, "evidence": " ".join(((event or {}).get("evidence") or {}).get("text", "").split()),
        })
    return found
