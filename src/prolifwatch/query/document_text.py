"""A document's paragraphs as typed segments: plain text, mentions (typed,
linked to their entity) and search hits, cut where any of them starts or ends.

The page renders each segment with ``{{ }}``, so text from a document is
escaped however hostile; no HTML is assembled here.  Mentions come from the
``mentions`` table (offsets into the body), hits from FTS5's ``highlight()``
over the body with two control characters as marks, which the parsed text of
a document cannot hold.
"""
from __future__ import annotations

import json
from bisect import bisect_left
from typing import Any

from pydantic import BaseModel

from .fts_query import QueryError, parse
from .search import _match_of

_OPEN, _CLOSE = "\x02", "\x03"
EVENT_ROLES = ("supplier", "broker", "recipient", "end_user", "items", "quantity", "origin", "via", "destination",
               "carrier", "actor", "counterpart")


class Segment(BaseModel):
    text: str
    mention_type: str | None = None
    mention_key: str | None = None
    entity_id: str | None = None   # the resolved entity the mention belongs to (its page)
    hit: int | None = None         # the search hit this text is part of, counted from 1 in the document


class Mention(BaseModel):
    start: int
    end: int
    type: str
    key: str | None
    text: str
    entity_id: str | None


class EventParty(BaseModel):
    role: str
    text: str
    key: str | None = None
    type: str | None = None
    entity_id: str | None = None


class EventLine(BaseModel):
    id: str | None                 # "ev-…", as `prolifwatch events` shows it
    type: str
    kind: str | None
    status: str | None
    date: str | None
    confidence: float
    review: str | None
    paragraph: int
    parties: list[EventParty]


def mentions_of(db, pk: int) -> list[Mention]:
    """The document's mentions in body order, none overlapping (the longer of two kept)."""
    rows = db.execute(
        'SELECT m.start, m."end", m.type, m.key, m.text, em.entity_id FROM mentions m '
        "LEFT JOIN entity_members em ON em.key = m.key WHERE m.pk = ? ORDER BY m.start, m.\"end\" DESC", (pk,))
    kept: list[Mention] = []
    for start, end, kind, key, text, entity_id in rows:
        if kept and start < kept[-1].end:
            continue
        kept.append(Mention(start=start, end=end, type=kind, key=key, text=text, entity_id=entity_id))
    return kept


def hit_spans(db, pk: int, query: str | None) -> list[tuple[int, int]]:
    """(start, end) in the body of every place ``query`` matches (none without one, or for a query
    the search could not use)."""
    if not query or not query.strip():
        return []
    try:
        match = _match_of(parse(query))
    except QueryError:
        return []
    if match is None:
        return []
    # a range over the rowid, not an equality: a prefix query looked up by rowid
    # is expanded to every term with that prefix (see search._snippets)
    row = db.execute(f"SELECT highlight(documents_fts, 2, '{_OPEN}', '{_CLOSE}') FROM documents_fts "
                     "WHERE documents_fts MATCH ? AND rowid >= ? AND rowid <= ?", (match, pk, pk)).fetchone()
    spans, offset, start = [], 0, None
    for char in (row[0] if row else ""):
        if char == _OPEN:
            start = offset
        elif char == _CLOSE and start is not None:
            spans.append((start, offset))
            start = None
        else:
            offset += 1
    return spans


def within(mentions: list[Mention], ends: list[int], start: int, end: int) -> list[Mention]:
    """The mentions overlapping start..end; ``ends``: each mention's end, in order (both ascend,
    as the mentions do not overlap)."""
    found = []
    for mention in mentions[bisect_left(ends, start + 1):]:
        if mention.start >= end:
            break
        found.append(mention)
    return found


def segments(body: str, start: int, end: int, mentions: list[Mention], hits: list[tuple[int, int]],
             first_hit: int) -> list[Segment]:
    """body[start:end] cut into segments; ``mentions`` (those of this range: see ``within``) and
    ``hits`` are in body order and do not overlap among themselves; ``first_hit``: the number of the
    first hit in this range."""
    inside = mentions
    spans = [(max(a, start), min(b, end), n) for n, (a, b) in enumerate(hits, first_hit) if a < end and b > start]
    cuts = sorted({start, end, *(p for m in inside for p in (m.start, m.end) if start < p < end),
                   *(p for a, b, _ in spans for p in (a, b))})
    out: list[Segment] = []
    m = h = 0  # the first mention and hit not yet passed: both advance with the cuts
    for a, b in zip(cuts, cuts[1:]):
        while m < len(inside) and inside[m].end <= a:
            m += 1
        while h < len(spans) and spans[h][1] <= a:
            h += 1
        hit = spans[h][2] if h < len(spans) and spans[h][0] <= a else None
        mention = inside[m] if m < len(inside) and inside[m].start <= a else None
        out.append(Segment(text=body[a:b], hit=hit) if mention is None else
                   Segment(text=body[a:b], hit=hit, mention_type=mention.type, mention_key=mention.key,
                           entity_id=mention.entity_id))
    return out


def events_of(db, pk: int) -> list[EventLine]:
    """The document's live events (rejected ones left out), with each party's entity."""
    rows = db.execute("SELECT eid, type, kind, status, date, confidence, review, paragraph, record "
                      "FROM live_events WHERE pk = ? ORDER BY paragraph, idx", (pk,)).fetchall()
    records = [json.loads(r[8]) for r in rows]
    keys = sorted({a["key"] for rec in records for role in EVENT_ROLES for a in _arguments(rec, role) if a.get("key")})
    entity_of = dict(db.execute(f"SELECT key, entity_id FROM entity_members WHERE key IN ({','.join('?' * len(keys))})",
                                keys)) if keys else {}
    return [EventLine(id=eid, type=kind, kind=sub, status=status, date=date, confidence=confidence, review=review,
                      paragraph=paragraph, parties=[
                          EventParty(role=role, text=a.get("text") or "", key=a.get("key"), type=a.get("type"),
                                     entity_id=entity_of.get(a.get("key")))
                          for role in EVENT_ROLES for a in _arguments(record, role)])
            for (eid, kind, sub, status, date, confidence, review, paragraph, _), record in zip(rows, records)]


def _arguments(record: dict[str, Any], role: str) -> list[dict[str, Any]]:
    value = record.get(role) or []
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []
