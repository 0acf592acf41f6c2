"""Document links in the store: rebuilt from cable references and article descriptions.

Reads every document with its paragraphs, hands plain records to the pure
finders in ``prolifwatch.resolve`` (references, descriptions, threads) and
replaces ``document_links`` whole.  Runs inside the caller's transaction
(``pipeline.resolve_store``).
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date, timedelta
from collections.abc import Iterator
from typing import Any

from ..resolve.descriptions import Description, find_descriptions, settings
from ..cable.ids import station_of
from ..resolve.descriptions_match import CableCandidate, match_description
from ..resolve.links import CITES, DESCRIBES, DocumentInfo, DocumentLink
from ..resolve.references import cite_links, name_links
from ..resolve.threads import answer_links


def _paragraph_spans(db: sqlite3.Connection, pks: list[int]) -> dict[int, tuple[tuple[int, int, int], ...]]:
    spans: dict[int, list[tuple[int, int, int]]] = {}
    marks = ",".join("?" * len(pks))
    for pk, idx, start, end in db.execute(
        f'SELECT pk, idx, start, "end" FROM paragraphs WHERE pk IN ({marks}) ORDER BY pk, idx', pks
    ):
        spans.setdefault(pk, []).append((idx, start, end))
    return {pk: tuple(v) for pk, v in spans.items()}


_CHUNK = 500  # documents read at a time: a 250,000-cable store does not fit in memory whole
PkRange = tuple[int, int]  # first and last documents.pk, both included


def iter_documents(db: sqlite3.Connection, kind: str | None = None,
                   ids: list[str] | None = None, pks: PkRange | None = None) -> Iterator[DocumentInfo]:
    """Stored documents (of one kind, with these ids, or in this pk range) as
    :class:`DocumentInfo`, a chunk at a time."""
    sql = "SELECT pk, id, kind, date, title, body, record FROM documents"
    if ids is not None:
        chunks = [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
        queries = [(sql + f" WHERE id IN ({','.join('?' * len(c))})", c) for c in chunks]
    else:
        conditions, params = ["1"], []
        if kind:
            conditions.append("kind = ?")
            params.append(kind)
        if pks is not None:
            conditions.append("pk BETWEEN ? AND ?")
            params += pks
        selected = [row[0] for row in db.execute(
            f"SELECT pk FROM documents WHERE {' AND '.join(conditions)} ORDER BY pk", params)]
        chunks = [selected[i : i + _CHUNK] for i in range(0, len(selected), _CHUNK)]
        queries = [(sql + f" WHERE pk IN ({','.join('?' * len(c))}) ORDER BY pk", c) for c in chunks]
    for query, params in queries:
        rows = db.execute(query, params).fetchall()
        spans = _paragraph_spans(db, [row[0] for row in rows])
        for pk, doc_id, doc_kind, doc_date, title, body, record in rows:
            yield DocumentInfo(doc_id, doc_kind, doc_date, title, body or "", json.loads(record or "{}"),
                               spans.get(pk, ()))


_CANDIDATE_SQL = "SELECT id, date, origin, title, body, record FROM documents WHERE kind = 'cable' AND "


def cable_candidates(db: sqlite3.Connection, description: Description) -> list[CableCandidate]:
    """Stored cables worth scoring against a description.

    Every cable dated within the matching tolerance (or the month / year of a
    less precise date), plus -- for the "closest stored" list -- cables of the
    described station within ``near_miss_days``, and undated cables of that
    station and year, or dated only by that year (they can neither confirm
    nor contradict the date).
    Restricting near misses to the station keeps a 250,000-cable store cheap.
    """
    if not description.date:
        return []
    conf = settings()
    near_from, near_to, year = description.candidate_window()
    if description.precision == "day":
        day = date.fromisoformat(description.date)
        slack = timedelta(days=conf["date_tolerance_days"])
        match_from, match_to = (day - slack).isoformat(), (day + slack).isoformat()
    else:
        match_from, match_to = near_from, near_to
    rows = db.execute(_CANDIDATE_SQL + "date >= ? AND date < ?", (match_from, match_to + "~")).fetchall()
    if description.origin:
        pattern = f"{year[-2:]}{description.origin}[0-9]*"
        rows += db.execute(
            _CANDIDATE_SQL + "id GLOB ? AND ((date >= ? AND date < ?) OR date IS NULL OR date = ?)",
            (pattern, near_from, near_to + "~", year),
        ).fetchall()
    unique = {row[0]: row for row in rows}
    return [
        CableCandidate(doc_id, date_, origin, title, body, json.loads(record or "{}").get("signers") or [])
        for doc_id, date_, origin, title, body, record in unique.values()
    ]


def _describe_links(db: sqlite3.Connection, article: DocumentInfo) -> list[DocumentLink]:
    links: dict[str, DocumentLink] = {}
    for description in find_descriptions(article):
        link = match_description(article.id, description, cable_candidates(db, description))
        if link.dst not in links or links[link.dst].score < link.score:
            links[link.dst] = link
    return list(links.values())


def own_links(db: sqlite3.Connection, pks: PkRange | None = None) -> list[DocumentLink]:
    """What each document (of the pk range) says by itself, in pk order: the
    cable ids it names, the cables it cites, the cables an article describes."""
    links: list[DocumentLink] = []
    for doc in iter_documents(db, pks=pks):
        links += name_links(doc)
        links += cite_links(doc) if doc.kind == "cable" else _describe_links(db, doc)
    return links


def pk_ranges(db: sqlite3.Connection, parts: int) -> list[PkRange]:
    """The stored pks cut into ``parts`` consecutive ranges of about as many documents."""
    pks = [pk for (pk,) in db.execute("SELECT pk FROM documents ORDER BY pk")]
    size = -(-len(pks) // max(1, parts))
    return [(pks[i], pks[min(i + size, len(pks)) - 1]) for i in range(0, len(pks), size)]


def own_links_at(path: str, pks: PkRange) -> list[DocumentLink]:
    """``own_links`` read through a connection of its own (in another process)."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA query_only=ON")
        return own_links(db, pks)
    finally:
        db.close()


def find_links(db: sqlite3.Connection, own: list[DocumentLink] | None = None) -> list[DocumentLink]:
    """All document links of the store, computed from scratch (``own``: the
    result of ``own_links`` when it was already found, e.g. in other processes).

    One streaming pass finds cites, names and describes; threads need the
    text of both ends of a citation between stations, so only those cables
    are read again.
    """
    links = own_links(db) if own is None else list(own)
    stored = {row[0] for row in db.execute("SELECT id FROM documents WHERE kind = 'cable'")}
    cites = [link for link in links if link.kind == CITES and link.dst in stored
             and station_of(link.src) != station_of(link.dst)]
    needed = sorted({link.src for link in cites} | {link.dst for link in cites})
    cables = {doc.id: doc for doc in iter_documents(db, ids=needed)}
    links += answer_links(cables, cites)
    return links


def write_links(db: sqlite3.Connection, links: list[DocumentLink]) -> None:
    db.execute("DELETE FROM document_links")
    db.executemany(
        "INSERT OR REPLACE INTO document_links (src, dst, kind, score, evidence, description) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (link.src, link.dst, link.kind, link.score, json.dumps(link.evidence, ensure_ascii=False),
             json.dumps(link.description, ensure_ascii=False) if link.description is not None else None)
            for link in links
        ],
    )


def rebuild_document_links(db: sqlite3.Connection, own: list[DocumentLink] | None = None) -> dict[str, Any]:
    """Replace document_links; return counts by kind and of links to documents not in the store.
    ``own``: see ``find_links``."""
    links = find_links(db, own)
    write_links(db, links)
    stored = {row[0] for row in db.execute("SELECT id FROM documents")}
    counts: dict[str, Any] = dict(Counter(link.kind for link in links))
    counts["not_in_collection"] = sum(1 for link in links if link.dst not in stored)
    counts["described_not_in_collection"] = sum(
        1 for link in links if link.kind == DESCRIBES and link.dst not in stored
    )
    return counts
