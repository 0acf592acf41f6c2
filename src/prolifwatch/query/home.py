"""What the collection holds: the home page of the web app and ``GET /api/v1/home``,
and the store's own figures (``store_stats``: ``prolifwatch stats``, ``GET /api/v1/stats``).

Counting cases by their documents and transfers by control list reads every
case and every transfer: seconds on a 250,000-document store.  Those two
come from a summary kept per store file, made once and then remade in the
background when the documents change or it is older than REFRESH_SECONDS
(a merge or a review changes them without changing a document); until the
new one is ready the page shows the last one with the time it was made.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from .cache import cached
from .context import Reader

LATEST = 10
BUSIEST = 12
CASES = 10
REFRESH_SECONDS = 300


class Count(BaseModel):
    value: str
    count: int


class DocumentLine(BaseModel):
    id: str
    kind: str
    date: str | None
    origin: str | None
    classification: str | None
    title: str | None


class EntityLine(BaseModel):
    id: str
    type: str
    name: str
    documents: int


class CaseLine(BaseModel):
    id: str
    title: str
    first_date: str | None
    last_date: str | None
    documents: int


class Home(BaseModel):
    documents: int
    linking_pending: bool
    kinds: list[Count]
    classifications: list[Count]
    years: list[Count]
    latest: list[DocumentLine]
    busiest_entities: list[EntityLine]
    top_cases: list[CaseLine]
    transfers_by_category: list[Count]
    linked_summary_as_of: str      # when top_cases and transfers_by_category were counted (UTC)


class LinkedSummary(BaseModel):
    top_cases: list[CaseLine]
    transfers_by_category: list[Count]
    as_of: str


class StoreStats(BaseModel):
    """What the store holds, counted in SQL: documents by kind, classification, origin and how
    their dates are known; sources by layout; where the store is and its size.  Serialized
    by alias ("by kind"), the keys ``prolifwatch stats --json`` has always printed."""
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    documents: int
    by_kind: dict[str, int] = Field(alias="by kind")
    by_classification: dict[str, int] = Field(alias="by classification",
                                              description="'(unknown)': documents without one")
    top_origins: dict[str, int] = Field(alias="top origins", description="the ten commonest")
    dates_by_source: dict[str, int] = Field(alias="dates by source",
                                            description="how the dates are known: read, estimated, '(undated)'")
    sources_by_layout: dict[str, int] = Field(alias="sources by layout")
    sources: int
    paragraphs: int
    store: str | None = Field(description="the store's file (not told over HTTP: the server's paths are its own)")
    size_bytes: int = Field(alias="size bytes")
    schema_version: int = Field(alias="schema version")


def store_stats(reader: Reader, *, with_path: bool = True) -> StoreStats:
    """The store's figures (``SQLiteStore.stats``), each document counted: no column copies, no
    summary.  Kept until the store changes (``query.cache``): it reads every document."""
    figures = cached(reader, "stats", (), lambda: StoreStats.model_validate(reader.store.stats()))
    return figures if with_path else figures.model_copy(update={"store": None})


@dataclass
class _Kept:
    key: tuple
    made: float
    summary: LinkedSummary


_kept: dict[str, _Kept] = {}
_remaking: set[str] = set()
_lock = threading.Lock()
_first = threading.Lock()


def _tally(counts: dict[str | None, int], missing: str) -> list[Count]:
    """Counts most first; documents without the value under ``missing``."""
    found = [Count(value=value if value is not None else missing, count=n) for value, n in counts.items()]
    return sorted(found, key=lambda c: (-c.count, c.value))


def _counts(db, sql: str) -> list[Count]:
    return [Count(value=str(v), count=n) for v, n in db.execute(sql)]


def home(reader: Reader) -> Home:
    db = reader.db
    summary = linked_summary(reader)
    # the column copies search counts its facets on: milliseconds where GROUP BY reads every row
    values = reader.store.doc_values()
    every = np.flatnonzero(values.present)
    return Home(
        documents=len(every),
        linking_pending=reader.store.linking_pending(),
        kinds=_tally(values.counts("kind", every), "(unknown)"),
        classifications=_tally(values.counts("classification", every), "(unknown)"),
        # the year a date's interval starts in, as search's year facet counts it
        years=sorted(_tally(values.counts("year", every), "(undated)"), key=lambda c: c.value),
        latest=[DocumentLine(id=r[0], kind=r[1], date=r[2], origin=r[3], classification=r[4], title=r[5])
                for r in db.execute("SELECT id, kind, date, origin, classification, title FROM documents "
                                    "WHERE date IS NOT NULL ORDER BY date DESC, id LIMIT ?", (LATEST,))],
        busiest_entities=[EntityLine(id=r[0], type=r[1], name=r[2], documents=r[3])
                          for r in db.execute("SELECT id, type, name, documents FROM entities "
                                              "ORDER BY documents DESC, id LIMIT ?", (BUSIEST,))],
        top_cases=summary.top_cases,
        transfers_by_category=summary.transfers_by_category,
        linked_summary_as_of=summary.as_of,
    )


def _summary_key(reader: Reader) -> tuple:
    generation = reader.db.execute("SELECT value FROM store_counters WHERE name = 'documents'").fetchone()
    return (generation[0] if generation else 0, reader.store.linking_pending())


def linked_summary(reader: Reader) -> LinkedSummary:
    """The kept summary of ``reader``'s store: made now when there is none, else the
    kept one, remade in a thread of its own when it is stale."""
    path, key = str(reader.store.path), _summary_key(reader)
    kept = _kept.get(path)
    if kept is None:
        with _first:  # the start-up warmer may be making it already: wait for that one
            kept = _kept.get(path)
            if kept is None:
                return _remember(path, key, count_linked(reader))
    if kept.key != key or time.time() - kept.made > REFRESH_SECONDS:
        with _lock:
            start = path not in _remaking
            _remaking.add(path)
        if start:
            threading.Thread(target=_remake, args=(path, key), daemon=True, name="prolifwatch-home").start()
    return kept.summary


def _remember(path: str, key: tuple, summary: LinkedSummary) -> LinkedSummary:
    _kept[path] = _Kept(key, time.time(), summary)
    return summary


def _remake(path: str, key: tuple) -> None:
    try:
        with Reader.open(path) as reader:
            _remember(path, key, count_linked(reader))
    finally:
        with _lock:
            _remaking.discard(path)


def count_linked(reader: Reader) -> LinkedSummary:
    """Cases reported by most documents, and transfers by the control list of their items."""
    db = reader.db
    return LinkedSummary(
        top_cases=[CaseLine(id=r[0], title=r[1], first_date=r[2], last_date=r[3], documents=r[4])
                   for r in db.execute(
                       "SELECT c.id, c.title, c.first_date, c.last_date, count(DISTINCT e.pk) FROM cases c "
                       "JOIN case_events ce ON ce.case_id = c.id JOIN events e ON e.event_pk = ce.event_pk "
                       "GROUP BY c.id ORDER BY 5 DESC, c.id LIMIT ?", (CASES,))],
        # a transfer counts once under each control list its items fall under (no code: under none)
        transfers_by_category=_counts(
            db, "SELECT coalesce(substr(a.key, 1, instr(a.key, ' ') - 1), '(no control code)'), "
                "count(DISTINCT ev.event_pk) FROM live_events ev LEFT JOIN event_arguments a "
                "ON a.event_pk = ev.event_pk AND a.role = 'item_code' "
                "WHERE ev.type = 'transfer' GROUP BY 1 ORDER BY 2 DESC"),
        as_of=time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
    )
