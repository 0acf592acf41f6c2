"""Timelines: everything known about an entity or a case, in date order, each with its source.

Dates: an event's own date (day, month, year or a ``start/end`` window) sorts
by its start; an undated event sorts by its document's date.  A listing sorts
by the date the list gives (``listed_on``); a document by its own date.
A document's date carries its precision and source (``document_date_precision``,
``document_date_source``): "2008" known to the year is not 2008-01-01, and an
estimate is not a date read.

The faces read these through ``timeline_page.timeline_page`` (typed, grouped by day).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..citations import with_paragraph_number
from ..resolve.cases_dates import sort_key
from ..store import doc_dates
from .cases import entity_keys

# On one date: what documents say happened before the documents themselves.
_TYPE_ORDER = {"listing": 0, "transfer": 1, "diplomatic_action": 2, "document": 3}
# The sort key of what has no date at all: after every dated item (never shown).
_UNDATED = "9999"
_SNIPPET = 160  # characters of context each side of a mention
# A document's stated date precision and source, beside d.date (read from the record JSON)
_DOC_DATE = "json_extract(d.record, '$.created_precision'), json_extract(d.record, '$.created_source')"


def _in(keys: list[str]) -> str:
    return ",".join("?" * len(keys))


def _document_date(date: str | None, stated: str | None, source: str | None) -> dict[str, Any]:
    return {"document_date": date, "document_date_precision": doc_dates.precision_of(date, stated),
            "document_date_source": source}


def _event_item(event_pk: int, doc: str, doc_date: tuple, title: str | None, record: str, number: str | None,
                case_id: str | None, roles: list[str] | None = None) -> dict[str, Any]:
    """``doc_date``: the document's (date, stated precision, source)."""
    event = json.loads(record)
    evidence = event.get("evidence") or {}
    parties = {role: [" ".join(a.get("text", "").split()) for a in event.get(role) or []]
               for role in ("supplier", "recipient", "end_user", "items", "carrier", "via", "actor", "counterpart")
               if event.get(role)}
    item = {
        "date": event.get("date") or None, "sort": sort_key(event.get("date"), doc_date[0]),
        "type": event["type"], "kind": event.get("kind"), "status": event.get("status"),
        "parties": parties, "case": case_id, "event_pk": event_pk,
        "source": with_paragraph_number(
            {"document": doc, **_document_date(*doc_date), "title": title, "paragraph": evidence.get("paragraph"),
             "evidence": " ".join(evidence.get("text", "").split())}, number),
    }
    if roles is not None:
        item["roles"] = roles
    return item


def _events(db, keys: list[str]) -> list[dict[str, Any]]:
    rows = db.execute(
        f"""
        SELECT e.event_pk, d.id, d.date, {_DOC_DATE}, d.title, e.record, p.number, group_concat(DISTINCT a.role),
               (SELECT ce.case_id FROM case_events ce WHERE ce.event_pk = e.event_pk LIMIT 1)
        FROM event_arguments a JOIN live_events e ON e.event_pk = a.event_pk JOIN documents d ON d.pk = e.pk
        LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph
        WHERE a.key IN ({_in(keys)}) AND a.role != 'item_code'
        GROUP BY e.event_pk
        """,
        keys,
    ).fetchall()
    return [_event_item(pk, doc, (date, stated, source), title, record, number, case, sorted(roles.split(",")))
            for pk, doc, date, stated, source, title, record, number, roles, case in rows]


def _listings(db, keys: list[str]) -> list[dict[str, Any]]:
    """One item per list entry: an entity's member keys are screened one by one,
    so one entry can be hit through several of them (LIMMT and Dalian Sunny);
    the best score stands.  The date is the list's own listing date when it
    gives one as a date, else None (the item sorts after every dated one)."""
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for list_name, entry_id, name, score, record in db.execute(
        f"SELECT list_name, entry_id, entity_name, score, record FROM screening_hits WHERE entity_key IN ({_in(keys)})"
        " ORDER BY score DESC, entity_key",
        keys,
    ):
        if (list_name, entry_id) in best:
            continue
        hit = json.loads(record)
        listed = _iso_day(hit.get("listed_on"))
        best[list_name, entry_id] = {
            "date": listed, "sort": listed or _UNDATED, "type": "listing",
            "list": list_name, "entry_id": entry_id, "name": hit.get("name") or name, "score": score,
            "programmes": hit.get("programmes", []),
            "source": {"list": list_name, "entry_id": entry_id, "list_as_of": hit.get("list_as_of")},
        }
    return list(best.values())


def _iso_day(text: str | None) -> str | None:
    """``text`` as an ISO day if it is one (a list's listing date), else None."""
    try:
        return dt.date.fromisoformat((text or "")[:10]).isoformat()
    except ValueError:
        return None


def _documents(db, keys: list[str], limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """Each document that mentions the entity once, with its first mention in context,
    and how many documents there are.  Documents sort by their own date, so only the
    first ``limit`` of them can be among a timeline's first ``limit`` items: a country
    named in 100,000 cables does not have every one read."""
    marks = _in(keys)
    total = db.execute(f"SELECT COUNT(DISTINCT pk) FROM mentions WHERE key IN ({marks})", keys).fetchone()[0]
    chosen = (
        f"SELECT DISTINCT m.pk, COALESCE(substr(d.date, 1, 10), '9999') AS sort, d.id FROM mentions m "
        f"JOIN documents d ON d.pk = m.pk WHERE m.key IN ({marks}) ORDER BY sort, d.id"
        + (" LIMIT ?" if limit else "")
    )
    rows = db.execute(
        f"""
        SELECT d.id, d.kind, d.date, {_DOC_DATE}, d.title, m.paragraph, p.number, m.text, m.mentions,
               substr(d.body, max(m.start - {_SNIPPET}, p.start) + 1,
                      min(m."end" + {_SNIPPET}, p."end") - max(m.start - {_SNIPPET}, p.start))
        FROM (SELECT pk, paragraph, start, "end", text, COUNT(*) OVER (PARTITION BY pk) AS mentions,
                     ROW_NUMBER() OVER (PARTITION BY pk ORDER BY start) AS n
              FROM mentions WHERE key IN ({marks}) AND pk IN (SELECT pk FROM ({chosen}))) m
        JOIN documents d ON d.pk = m.pk
        LEFT JOIN paragraphs p ON p.pk = m.pk AND p.idx = m.paragraph
        WHERE m.n = 1
        """,
        [*keys, *keys, *([limit] if limit else [])],
    ).fetchall()
    items = []
    for doc, kind, date, stated, source, title, paragraph, number, text, mentions, snippet in rows:
        dated = _document_date(date, stated, source)
        items.append({
            "date": doc_dates.shown(date, dated["document_date_precision"]),  # "2008" for the year, not 2008-01-01
            "date_precision": dated["document_date_precision"],
            "sort": (date or "9999")[:10], "type": "document", "kind": kind, "mentions": mentions,
            "source": {"document": doc, **dated, "title": title, "paragraph": paragraph,
                       "paragraph_number": number, "text": " ".join(text.split()),
                       "evidence": " ".join((snippet or text).split())},
        })
    return items, total


def _ordered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda i: (i["sort"], _TYPE_ORDER.get(i["type"], 9),
                                        i["source"].get("document") or i["source"].get("list") or "",
                                        i.get("event_pk") or 0))


def entity_timeline(store, name: str, *, limit: int | None = None) -> dict[str, Any] | None:
    """Transfers, diplomatic actions, listings and documents of an entity, in date order (None if unknown)."""
    found = entity_keys(store, name)
    if found is None:
        return None
    entity, keys = found
    events, listings = _events(store.db, keys), _listings(store.db, keys)
    documents, document_total = _documents(store.db, keys, limit)
    items = _ordered(events + listings + documents)
    total = len(events) + len(listings) + document_total
    return {"entity": entity, "keys": keys, "total": total, "items": items[:limit] if limit else items}


def case_timeline(store, case_id: str, *, limit: int | None = None) -> dict[str, Any] | None:
    """A case's transfers and related actions in date order, with sources, and its conflicts (None if unknown)."""
    row = store.db.execute("SELECT id, title, first_date, last_date, record FROM cases WHERE id = ?",
                           (case_id,)).fetchone()
    if row is None:
        return None
    id_, title, first, last, record = row
    rows = store.db.execute(
        f"SELECT e.event_pk, d.id, d.date, {_DOC_DATE}, d.title, e.record, p.number FROM case_events ce"
        " JOIN live_events e ON e.event_pk = ce.event_pk JOIN documents d ON d.pk = e.pk"
        " LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph WHERE ce.case_id = ?",
        (case_id,),
    ).fetchall()
    items = _ordered([_event_item(pk, doc, (date, stated, source), t, rec, number, id_)
                      for pk, doc, date, stated, source, t, rec, number in rows])
    return {
        "case": {"id": id_, "title": title, "first_date": first, "last_date": last},
        "conflicts": json.loads(record)["conflicts"], "total": len(items),
        "items": items[:limit] if limit else items,
    }
