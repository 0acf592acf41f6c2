"""Ranked full-text search with highlighted snippets, filters and facet counts."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .fts_query import to_match

HIGHLIGHT = ("«", "»")
# bm25 weights for (title, tags, body): a word in the subject says more than
# the same word somewhere in a long body.
_WEIGHTS = "10.0, 4.0, 1.0"
FACETS = ("tag", "origin", "classification", "kind", "year")
FACET_SIZE = 10


@dataclass
class Hit:
    id: str
    kind: str
    title: str | None
    date: str | None
    origin: str | None
    classification: str | None
    score: float
    snippet: str | None


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [asdict(h) for h in self.hits],
            "facets": self.facets,
        }


def _filters(tag, origin, classification, kind, since, until) -> tuple[list[str], list[Any]]:
    where, args = [], []
    if tag:
        where.append("d.pk IN (SELECT pk FROM document_tags WHERE tag = ?)")
        args.append(tag.upper())
    if origin:
        where.append("d.origin = ? COLLATE NOCASE")
        args.append(origin)
    if classification:
        where.append("d.classification LIKE ?")
        args.append(classification.upper().split("//")[0] + "%")
    if kind:
        where.append("d.kind = ?")
        args.append(kind.lower())
    if since:
        where.append("d.date >= ?")
        args.append(since)
    if until:
        where.append("substr(d.date, 1, 10) <= ?")
        args.append(until[:10])
    return where, args


def search(
    store,
    query: str,
    *,
    tag: str | None = None,
    origin: str | None = None,
    classification: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    db = store.db
    where, args = _filters(tag, origin, classification, kind, since, until)
    match = to_match(query)
    if match:
        source = "documents_fts f JOIN documents d ON d.pk = f.rowid"
        where.insert(0, "documents_fts MATCH ?")
        args.insert(0, match)
        score = f"bm25(documents_fts, {_WEIGHTS})"
        snippet = f"snippet(documents_fts, 2, '{HIGHLIGHT[0]}', '{HIGHLIGHT[1]}', '…', 24)"
        order = "score"
    else:
        source = "documents d"
        score, snippet, order = "0.0", "NULL", "d.date DESC, d.id"
    clause = f"WHERE {' AND '.join(where)}" if where else ""

    rows = db.execute(
        f"SELECT d.id, d.kind, d.title, d.date, d.origin, d.classification, {score} AS score, {snippet} "
        f"FROM {source} {clause} ORDER BY {order} LIMIT ? OFFSET ?",
        (*args, limit, offset),
    ).fetchall()
    hits = [Hit(r[0], r[1], r[2], r[3], r[4], r[5], round(-r[6], 4) if r[6] else 0.0, r[7]) for r in rows]

    # Facets over the whole matching set, from one temporary list of its keys.
    db.execute("CREATE TEMP TABLE IF NOT EXISTS matched (pk INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM matched")
    db.execute(f"INSERT INTO matched SELECT d.pk FROM {source} {clause}", args)
    total = db.execute("SELECT count(*) FROM matched").fetchone()[0]
    facets = {
        "tag": "SELECT t.tag, count(*) FROM matched m JOIN document_tags t ON t.pk = m.pk GROUP BY 1",
        "origin": "SELECT d.origin, count(*) FROM matched m JOIN documents d ON d.pk = m.pk GROUP BY 1",
        "classification": "SELECT d.classification, count(*) FROM matched m JOIN documents d ON d.pk = m.pk GROUP BY 1",
        "kind": "SELECT d.kind, count(*) FROM matched m JOIN documents d ON d.pk = m.pk GROUP BY 1",
        "year": "SELECT substr(d.date, 1, 4), count(*) FROM matched m JOIN documents d ON d.pk = m.pk GROUP BY 1",
    }
    result = SearchResult(query=query, total=total, hits=hits)
    for name, sql in facets.items():
        counts = db.execute(f"{sql} ORDER BY 2 DESC, 1 LIMIT {FACET_SIZE}").fetchall()
        result.facets[name] = {str(k): n for k, n in counts if k is not None}
    return result
