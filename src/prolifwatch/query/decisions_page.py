"""Every decision the analyst has made, each with how to undo it (``/decisions``).

Judgements (merge, split, same / different) are undone by forgetting the
judgement; event reviews (accept, reject, correct) by undoing the decision;
a screening verdict is changed by giving the other verdict (the store keeps
one verdict per hit, there is nothing to return to).
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..store.listings import hit_decisions
from .context import Reader
from .entities import list_judgements
from .page_sources import Source, source_of
from .reviews import list_decisions


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
    judgements = list_judgements(reader.store)
    refs = _key_refs(reader.db, {j["left_key"] for j in judgements} | {j["right_key"] for j in judgements})
    return Decisions(
        judgements=[JudgementDecision(left=refs[j["left_key"]], right=refs[j["right_key"]], judgement=j["judgement"],
                                      user=j["user"], created_at=j["created_at"]) for j in judgements],
        reviews=[ReviewDecision(
            id=d["id"], event=d["event"], action=d["action"], role=d["role"], value=d["value"],
            original=d["original"], user=d["user"], created_at=d["created_at"], matched=d["matched"], type=d["type"],
            source=source_of(d)) for d in list_decisions(reader.store)],
        screening=[XrefDecision(**d) for d in hit_decisions(reader.db)],
    )
