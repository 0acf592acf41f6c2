"""Ranked full-text search with highlighted snippets, filters and facet counts."""
from __future__ import annotations

from collections import Counter
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
        source = "documents_fts f CROSS JOIN documents d ON d.pk = f.rowid"
        where.insert(0, "documents_fts MATCH ?")
        args.insert(0, match)
        score = f"bm25(documents_fts, {_WEIGHTS})"
    else:
        source, score = "documents d", "0.0"
    clause = f"WHERE {' AND '.join(where)}" if where else ""

    # The matching set is computed once, with its scores; the page, the
    # total and the facets all read it.
    db.execute("CREATE TEMP TABLE IF NOT EXISTS matched (pk INTEGER PRIMARY KEY, score REAL)")
    db.execute("DELETE FROM matched")
    if match and len(where) == 1:  # no filter: the index alone gives the set
        db.execute(f"INSERT INTO matched SELECT rowid, {score} FROM documents_fts WHERE documents_fts MATCH ?", args)
    else:
        db.execute(f"INSERT INTO matched SELECT d.pk, {score} FROM {source} {clause}", args)
    total = db.execute("SELECT count(*) FROM matched").fetchone()[0]
    order = "m.score, d.id" if match else "d.date DESC, d.id"
    rows = db.execute(
        "SELECT d.pk, d.id, d.kind, d.title, d.date, d.origin, d.classification, m.score "
        f"FROM matched m CROSS JOIN documents d ON d.pk = m.pk ORDER BY {order} LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    snippets = _snippets(db, match, [r[0] for r in rows]) if match else {}
    hits = [
        Hit(r[1], r[2], r[3], r[4], r[5], r[6], round(-r[7], 4) if r[7] else 0.0, snippets.get(r[0]))
        for r in rows
    ]
    return SearchResult(query=query, total=total, hits=hits, facets=_facets(db))


def _snippets(db, match: str, pks: list[int]) -> dict[int, str]:
    """Snippets for the page only: snippet() re-reads each document's text."""
    if not pks:
        return {}
    marks = ",".join("?" * len(pks))
    return dict(
        db.execute(
            f"SELECT rowid, snippet(documents_fts, 2, '{HIGHLIGHT[0]}', '{HIGHLIGHT[1]}', '…', 24) "
            f"FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN ({marks})",
            (match, *pks),
        )
    )


def _top(counts: Counter) -> dict[str, int]:
    return {str(k): n for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:FACET_SIZE]}


def _facets(db) -> dict[str, dict[str, int]]:
    """Facet counts over the whole matching set, in one pass over its documents."""
    by: dict[str, Counter] = {name: Counter() for name in FACETS}
    for origin, level, kind, year, n in db.execute(
        "SELECT d.origin, d.classification, d.kind, substr(d.date, 1, 4), count(*) "
        "FROM matched m CROSS JOIN documents d ON d.pk = m.pk GROUP BY 1, 2, 3, 4"
    ):
        for name, value in (("origin", origin), ("classification", level), ("kind", kind), ("year", year)):
            if value is not None:
                by[name][value] += n
    by["tag"].update(
        dict(db.execute("SELECT t.tag, count(*) FROM matched m CROSS JOIN document_tags t ON t.pk = m.pk GROUP BY 1"))
    )
    return {name: _top(by[name]) for name in FACETS}
