"""Ranked full-text search with highlighted snippets, filters and facet counts.

Dates.  A document's date is the interval of days it stands for at its
precision (``store/doc_dates.py``): "2008" known to the year is 2008-01-01..
2008-12-31.  ``since``/``until`` take YYYY, YYYY-MM or YYYY-MM-DD, meaning the
first day of what they name for ``since`` and the last for ``until``
(``until="2008"`` reaches 2008-12-31).  A document matches when its interval
overlaps the range: a year-precision 2008 cable matches ``since="2008-06-01"``,
since it may have been written then.  Such a hit is marked: ``date_in_range``
is "partly" (else "whole"), and the result counts them (``date_filter``) beside
the undated documents the range left out, so a filter never drops silently.

Facets count the whole matching set; documents without a value are counted
under ``UNKNOWN`` and, past the FACET_SIZE commonest values, the rest under
``OTHER``, so a single-valued facet (all but "tag") sums to the total.  A
document with several tags counts under each; "(unknown)" there counts the
documents without any.
"""
from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..store import doc_dates
from ..store.doc_values import DocValues
from .fts_query import QUERY_EXAMPLES, ParsedQuery, QueryError, any_included, parse

HIGHLIGHT = ("«", "»")
# bm25 weights for (title, tags, body): a word in the subject says more than
# the same word somewhere in a long body.
_WEIGHTS = "10.0, 4.0, 1.0"
FACETS = ("tag", "origin", "classification", "kind", "year", "date_precision")
FACET_SIZE = 10
# Facet keys that are not values: JSON object keys cannot be null, and a
# parenthesised word is no tag, origin, classification, kind, year or precision.
UNKNOWN, OTHER = "(unknown)", "(other)"
MAX_RANKING_THREADS = 4
RANGE_MIN_DOCUMENTS = 10_000  # below this, a thread costs more than it saves
# bm25 costs 1.3-5 µs a matching document, and a broad query on a large store
# matches tens of thousands: past this many matches they are scored in groups
# of this many, strongest first (see _ranked_page); the total, the facets and
# the dates count them all.
RANK_BUDGET = 5_000
SUBJECT_COLUMNS = "{title tags}"


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
    created_precision: str | None = None  # day | month | year (articles: as written)
    created_source: str | None = None     # layout, dtg, ..., declassify-estimate, id-year
    date_in_range: str | None = None      # with a date filter: "whole", or "partly" (overlaps only)
    # the record's consistency warnings (a page holding another cable's text)
    warnings: list[dict] = field(default_factory=list)

    @property
    def date_label(self) -> str:
        """"2008-03-09", "2008 (year)", "2008 (year, estimated)"."""
        return doc_dates.label(self.date, self.created_precision, self.created_source)


@dataclass
class DateFilter:
    """The range a since/until filter stands for, and what it did."""

    since: str | None            # first day, ISO
    until: str | None            # last day, ISO
    undated_left_out: int = 0    # matched everything else, but have no date
    partly_in_range: int = 0     # kept: their interval only overlaps the range


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    date_filter: DateFilter | None = None
    # among how many matches bm25 chose the first page: the total, or RANK_BUDGET
    # when the query matches more (None: no ranking, newest first)
    ranked_among: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [asdict(h) for h in self.hits],
            "facets": self.facets,
            "date_filter": asdict(self.date_filter) if self.date_filter else None,
            "ranked_among": self.ranked_among,
        }


def date_range(since: str | None, until: str | None) -> tuple[int, int] | None:
    """(first day, last day) of a since/until pair (None without either).  A
    ValueError says which bound is not YYYY, YYYY-MM or YYYY-MM-DD, in the form
    the command line shows ("--since 03/09/2008: use YYYY-MM-DD ...")."""
    if not since and not until:
        return None
    first = _bound("since", since)[0] if since else int(np.iinfo(np.int32).min)
    last = _bound("until", until)[1] if until else int(np.iinfo(np.int32).max)
    if first > last:
        raise ValueError(f"--since {since} is after --until {until}: nothing can match")
    return first, last


def _bound(name: str, text: str) -> tuple[int, int]:
    try:
        return doc_dates.parse_bound(text)
    except ValueError as exc:
        raise ValueError(f"--{name} {exc}") from None


def _matching(values: DocValues, pks: np.ndarray | None, tag, origin, classification, kind, days):
    """The pks of the documents that match, ``pks`` (all documents when None)
    narrowed by the filters, and what the date range did (None without one)."""
    mask = values.present.copy()
    if pks is not None:
        only = np.zeros_like(mask)
        only[pks[pks < len(only)]] = True  # a document stored since the values were read waits for the next search
        mask &= only
    if tag:
        mask &= values.has_tag(tag.upper())
    if origin:
        mask &= values.origin_is(origin)
    if classification:
        mask &= values.classification_starts(classification.upper().split("//")[0])
    if kind:
        mask &= values.kind_is(kind.lower())
    if days is None:
        return np.flatnonzero(mask), None
    first, last = days
    dated = values.dated  # an open bound is the int32 limit, which the undated sentinels would meet
    undated = int(np.count_nonzero(mask & ~dated))
    matched = np.flatnonzero(mask & dated & values.dated_from(first) & values.dated_until(last))
    partly = len(matched) - int(np.count_nonzero(_within(values, matched, days)))
    bounds = (doc_dates.day_text(first) if first > np.iinfo(np.int32).min else None,
              doc_dates.day_text(last) if last < np.iinfo(np.int32).max else None)
    return matched, DateFilter(*bounds, undated_left_out=undated, partly_in_range=partly)


def _within(values: DocValues, pks: np.ndarray, days: tuple[int, int]) -> np.ndarray:
    """Whether each document's whole interval lies in the range (it surely matches)."""
    return (values.date_first[pks] >= days[0]) & (values.date_last[pks] <= days[1])


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
    """Documents matching ``query`` and the filters, best first (newest first
    without a query), with the total and the facets of the whole matching set.
    ``since``/``until``: YYYY, YYYY-MM or YYYY-MM-DD, else ValueError (see
    ``date_range``).  ``query``: blank for every document; ``-word`` or
    ``NOT word`` alone for every document but those; one holding no word at
    all raises QueryError (see ``fts_query.parse``)."""
    db = store.db
    days = date_range(since, until)
    parsed = parse(query)
    values = store.doc_values()
    match = _match_of(parsed)
    filters = (tag, origin, classification, kind, days)
    # Ranking needs the matching set (to choose what to score, see _strongest):
    # it runs on the read connections while this thread counts the facets.
    with ThreadPoolExecutor(1) as pool:
        ranking = None
        hits_of_text = _text_matches(db, match) if match else _all_but(db, values, parsed.exclude)
        matched, date_filter = _matching(values, hits_of_text, *filters)
        if match:
            only = matched if len(matched) < len(hits_of_text) else None
            ranking = pool.submit(_ranked_page, store, match, matched, only, limit, offset)
        facets = {name: _facet(values.counts(name, matched), rest=name != "tag") for name in FACETS}
        page = ranking.result() if ranking else _newest_page(db, values, matched, limit, offset)
    pks = np.array([pk for pk, _ in page], dtype=np.int64)
    rows = _hit_rows(db, pks.tolist())
    snippets = _snippets(store, match, pks.tolist()) if match else {}
    in_range = [None] * len(pks) if days is None else \
        ["whole" if whole else "partly" for whole in _within(values, pks, days)]
    hits = [_hit(rows[pk], round(-score, 4) if score else 0.0, snippets.get(pk), placed)
            for (pk, score), placed in zip(page, in_range)]
    return SearchResult(query=query, total=len(matched), hits=hits, facets=facets, date_filter=date_filter,
                        ranked_among=ranked_among(len(matched)) if match else None)


def require_terms_or_filters(query: str, *filters) -> None:
    """A blank query lists every document, which is only worth asking for
    narrowed by a filter: without one, QueryError says what to type.  (A query
    with no word in it is refused by ``parse`` whatever the filters.)"""
    if not query.strip() and not any(filters):
        raise QueryError("no query: type words to search for, e.g. " + ", ".join(f"'{e}'" for e in QUERY_EXAMPLES)
                         + "; or list documents by a filter, e.g. --tag PARM, --since 2008")


def _match_of(parsed: ParsedQuery) -> str | None:
    """The MATCH expression ranked and snippeted: None when nothing is included
    (no words, or exclusions alone, whose hits are listed newest first)."""
    if parsed.include is None:
        return None
    return f"({parsed.include}) NOT ({parsed.exclude})" if parsed.exclude else parsed.include


def _all_but(db, values: DocValues, exclude: str | None) -> np.ndarray | None:
    """Every stored pk but those matching ``exclude`` (None: no exclusion, every document)."""
    if exclude is None:
        return None
    return np.setdiff1d(np.flatnonzero(values.present), _text_matches(db, exclude))


def _hit(row: tuple, score: float, snippet: str | None, in_range: str | None) -> Hit:
    doc_id, kind, title, date, origin, classification, stated, source, warnings = row
    return Hit(doc_id, kind, title, date, origin, classification, score, snippet,
               created_precision=doc_dates.precision_of(date, stated), created_source=source,
               date_in_range=in_range, warnings=json.loads(warnings) if warnings else [])


def _text_matches(db, match: str) -> np.ndarray:
    # One string instead of a Python row per match: 170,000 rowids in 40 ms, not 170.
    joined = db.execute(
        "SELECT group_concat(rowid) FROM documents_fts WHERE documents_fts MATCH ?", (match,)
    ).fetchone()[0]
    return np.fromstring(joined, dtype=np.int64, sep=",") if joined else np.zeros(0, dtype=np.int64)


def ranked_among(matches: int) -> int:
    """Among how many matches the first page of a query with ``matches`` is the best
    by bm25 (see _ranked_page)."""
    return min(matches, RANK_BUDGET)


def _ranked_page(store, match: str, candidates: np.ndarray, only: np.ndarray | None, limit: int, offset: int):
    """(pk, bm25) of the page among ``candidates`` (sorted pks: the query's
    matches, or a range of pks holding them when ``only`` is given), best
    first, ties in pk order; ``only``: the text matches are narrowed to these
    pks.  It runs on the read connections, leaving the store's own to the
    calling thread.

    Up to ``budget`` (RANK_BUDGET)
    matches are all scored.  Past it the matches are put in order of strength (``_strongest``)
    and scored in groups of ``budget``: the first ``budget`` hits are the best
    of the strongest ``budget`` matches, the next ``budget`` the best of the
    next group, and so on (deeper pages cost one more group each)."""
    if len(candidates) == 0 or limit <= 0:
        return []
    budget = RANK_BUDGET  # read at the call: tests lower it
    matches = candidates if only is None else only
    if len(matches) <= budget:
        return _best(store, match, candidates, only, offset + limit)[offset:offset + limit]
    by_strength = _strongest(store, match, matches)
    page: list[tuple[int, float]] = []
    for group in range(offset // budget, (offset + limit - 1) // budget + 1):
        chosen = np.sort(by_strength[group * budget:(group + 1) * budget])
        if len(chosen) == 0:
            break
        skip = max(0, offset - group * budget)
        page += _best(store, match, chosen, chosen, skip + limit - len(page))[skip:]
    return page[:limit]


def _best(store, match: str, candidates: np.ndarray, only: np.ndarray | None, count: int):
    """The best ``count`` (pk, bm25) among ``candidates`` (see _ranked_page): a
    large set is cut into ranges of pks ranked side by side on their own
    connections (SQLite releases the GIL while it steps), and the best of each
    range merged."""
    parts = max(1, min(os.cpu_count() or 1, MAX_RANKING_THREADS, len(candidates) // RANGE_MIN_DOCUMENTS))
    bounds = [int(candidates[len(candidates) * i // parts]) for i in range(parts)] + [int(candidates[-1]) + 1]
    ranges = [(bounds[i], bounds[i + 1]) for i in range(parts)]
    connections = store.readers(parts)

    def best_of(connection, lo: int, hi: int) -> list[tuple[int, float]]:
        return _rank_range(connection, match, only, lo, hi, count)

    if parts == 1:
        best = best_of(connections[0], *ranges[0])
    else:
        with ThreadPoolExecutor(parts - 1) as pool:
            others = [pool.submit(best_of, c, *r) for c, r in zip(connections[1:], ranges[1:])]
            best = best_of(connections[0], *ranges[0])
            for future in others:
                best += future.result()
    return sorted(best, key=lambda hit: (hit[1], hit[0]))[:count]


def _strongest(store, match: str, matches: np.ndarray) -> np.ndarray:
    """The matches (pks) strongest first, the order in which they are scored.
    bm25 weighs a word in the subject 10 times, in the tags 4 times one in the
    body, so the best scores are nearly always where the subject or tags hold
    the query: first the matches holding all of it there, then those holding
    any of its phrases there, then the rest; within each, newest first (ties:
    the later stored)."""
    reader = store.readers(1)[0]
    tier = np.full(len(matches), 2, dtype=np.int8)
    loose = any_included(match)
    if loose and " AND " in match:  # else the looser set is the strict one
        tier[np.isin(matches, _text_matches(reader, f"{SUBJECT_COLUMNS} : ({loose})"), assume_unique=True)] = 1
    tier[np.isin(matches, _text_matches(reader, f"{SUBJECT_COLUMNS} : ({match})"), assume_unique=True)] = 0
    newest = store.doc_values().newest_key(matches)
    # lexsort sorts by its last key first, each ascending: newest and latest stored negated
    return matches[np.lexsort((-matches, -newest.astype(np.int64), tier))]


def _rank_range(db, match: str, only: np.ndarray | None, lo: int, hi: int, count: int):
    """The best ``count`` matches with lo <= pk < hi; ``only``: among these pks alone."""
    score = f"bm25(documents_fts, {_WEIGHTS})"
    sql = (f"SELECT rowid, {score} AS s FROM documents_fts WHERE documents_fts MATCH ? "
           "AND rowid >= ? AND rowid < ?")
    args: list[Any] = [match, lo, hi]
    if only is not None:
        # '+rowid' keeps SQLite from turning the IN list into one index probe per pk.
        sql += " AND +rowid IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(only[(only >= lo) & (only < hi)].tolist()))
    return db.execute(f"{sql} ORDER BY s, rowid LIMIT ?", (*args, count)).fetchall()


def _newest_page(db, values: DocValues, matched: np.ndarray, limit: int, offset: int) -> list[tuple[int, float]]:
    """Newest first, ties by id: the page is among the documents dated no earlier
    than the page's last one, which SQL then orders exactly."""
    wanted = offset + limit
    if len(matched) == 0 or limit <= 0:
        return []
    ranks = values.newest_key(matched)
    if wanted < len(matched):
        cutoff = np.partition(ranks, len(ranks) - wanted)[len(ranks) - wanted]
        matched = matched[ranks >= cutoff]
    rows = db.execute(
        "SELECT pk FROM documents WHERE pk IN (SELECT value FROM json_each(?)) "
        "ORDER BY date DESC, id LIMIT ? OFFSET ?",
        (json.dumps(matched.tolist()), limit, offset),
    ).fetchall()
    return [(pk, 0.0) for (pk,) in rows]


def _hit_rows(db, pks: list[int]) -> dict[int, tuple]:
    if not pks:
        return {}
    marks = ",".join("?" * len(pks))
    return {
        r[0]: r[1:]
        for r in db.execute(
            f"SELECT pk, id, kind, title, date, origin, classification, json_extract(record, '$.created_precision'), "
            f"json_extract(record, '$.created_source'), json_extract(record, '$.warnings') "
            f"FROM documents WHERE pk IN ({marks})", pks
        )
    }


def _snippets(store, match: str, pks: list[int]) -> dict[int, str]:
    """Snippets for the page only: snippet() re-reads each document's text."""
    if not pks:
        return {}
    if "*" not in match:
        return _snippets_of(store.db, match, pks)
    # Looking a document up by rowid re-expands a prefix query to every indexed
    # term with that prefix (80 ms for "proliferat*"), so a prefix query's
    # snippets come from a pass over its matches: over the pk range of each half
    # of the page, the halves side by side on two read connections.
    ordered = sorted(pks)
    halves = [ordered[: len(ordered) // 2], ordered[len(ordered) // 2 :]] if len(ordered) > 1 else [ordered]
    with ThreadPoolExecutor(len(halves)) as pool:
        parts = [pool.submit(_snippets_of, reader, match, half, within=(half[0], half[-1]))
                 for reader, half in zip(store.readers(len(halves)), halves)]
        return {pk: snippet for part in parts for pk, snippet in part.result().items()}


def _snippets_of(db, match: str, pks: list[int], within: tuple[int, int] | None = None) -> dict[int, str]:
    marks = ",".join("?" * len(pks))
    where = f"rowid IN ({marks})"
    if within:  # '+rowid': filter the pass over the range, do not look each pk up
        where = f"rowid >= {int(within[0])} AND rowid <= {int(within[1])} AND +rowid IN ({marks})"
    return dict(
        db.execute(
            f"SELECT rowid, snippet(documents_fts, 2, '{HIGHLIGHT[0]}', '{HIGHLIGHT[1]}', '…', 24) "
            f"FROM documents_fts WHERE documents_fts MATCH ? AND {where}",
            (match, *pks),
        )
    )


def _facet(counts: dict[str | None, int], rest: bool) -> dict[str, int]:
    """The FACET_SIZE commonest values, then OTHER for the rest (``rest``: when
    each document has one value, so the buckets add up to the total), then
    UNKNOWN for the documents without one."""
    unknown = counts.pop(None, 0)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    out = {str(k): n for k, n in ordered[:FACET_SIZE]}
    if rest and len(ordered) > FACET_SIZE:
        out[OTHER] = sum(n for _, n in ordered[FACET_SIZE:])
    if unknown:
        out[UNKNOWN] = unknown
    return out
