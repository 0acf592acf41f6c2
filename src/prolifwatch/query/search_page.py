"""The search page and ``GET /api/v1/search``: ranked hits with snippets that
name their paragraph, facets, a date histogram to drill into, pagination.

It is ``search.search`` (same query language, filters, ranking, facets, date
semantics; its building blocks are reused, not copied) with what a page adds:

- two more filters, ``entity`` (documents mentioning any member key of a
  resolved entity) and ``item_code`` (documents mentioning a control-list
  item, "MTCR 3.B.3" or "3.B.3" for every list's entry of that code);
- two more facets, entity and item code.  They are counted from the mentions
  table, one row per mention, so they are counted over the best ``SAMPLE``
  hits only (``Facet.over`` says how many): over a whole matching set of
  60,000 documents they would cost seconds;
- the date histogram at the level the since/until range asks for: years,
  the months of one year, the days of one month;
- each snippet's paragraph, as printed, and the anchor to link to.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Literal

import numpy as np
from pydantic import BaseModel

from ..citations import paragraph_citation
from ..errors import BadParameter, NotFound
from .batch_search import BatchFilters
from .cache import cached
from .context import Reader
from .fts_query import QueryError, parse
from .labels import item_keys, item_name, paragraph_anchor, tag_meaning
from .lookup import nearest_entities
from .search import (FACETS, HIGHLIGHT, _all_but, _facet, _hit, _hit_rows, _match_of, _matching, _newest_page,
                     _ranked_page, _snippets, _text_matches, date_range, ranked_among,
                     require_terms_or_filters)

PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000   # the CSV download's rows
MAX_OFFSET = 10_000    # deeper pages cost more ranking (past RANK_BUDGET matches, one more group each)
MAX_HITS = MAX_OFFSET + MAX_PAGE_SIZE   # hits reachable through the pages
SAMPLE = 50            # entity and item facets count among the best this many hits
ENTITY_FACET_SIZE = 12
ELLIPSIS = "…"


class FacetValue(BaseModel):
    value: str
    count: int
    label: str | None = None   # a tag's meaning, an entity's name, a control item's name


class Facet(BaseModel):
    name: str
    values: list[FacetValue]
    over: int | None = None    # counted over this many best hits only (None: every match)


class DateBucket(BaseModel):
    label: str
    since: str
    until: str
    count: int


class DateHistogram(BaseModel):
    level: Literal["year", "month", "day"]
    buckets: list[DateBucket]
    coarser: int = 0           # matches dated only to a coarser precision than ``level``
    undated: int = 0


class SnippetPart(BaseModel):
    text: str
    hit: bool = False


class SearchHit(BaseModel):
    id: str
    kind: str
    title: str | None
    date: str | None
    date_label: str
    created_precision: str | None = None   # day | month | year (articles: as written)
    created_source: str | None = None      # layout, dtg, ..., declassify-estimate, id-year
    date_in_range: str | None
    origin: str | None
    classification: str | None
    score: float
    snippet: list[SnippetPart]
    paragraph_index: int | None = None
    paragraph: str | None = None   # as printed: "¶2", "para. 4 (unnumbered)"
    anchor: str | None = None      # the paragraph's fragment on the document page: "p2"
    warnings: list[dict] = []


class Filters(BatchFilters):
    """The document fields batch search filters on, and the mentions search also filters on."""

    entity: str | None = None
    item_code: str | None = None


class DateFilterNote(BaseModel):
    since: str | None
    until: str | None
    undated_left_out: int
    partly_in_range: int


class SearchPage(BaseModel):
    query: str
    filters: Filters
    total: int
    page: int
    page_size: int
    pages: int
    hits: list[SearchHit]
    facets: list[Facet]
    dates: DateHistogram
    date_filter: DateFilterNote | None = None
    entity_name: str | None = None
    ranked_among: int | None = None  # bm25 chose the first page among this many (see search.ranked_among)


def search_page(reader: Reader, q: str = "", filters: Filters | None = None, *, page: int = 1,
                page_size: int = PAGE_SIZE) -> SearchPage:
    """One page of hits for ``q`` and ``filters``; BadParameter names what cannot be used.
    Kept until the store changes (``query.cache``): counts and facets cost most of it."""
    filters = filters or Filters()
    q = q or ""
    return cached(reader, "search", (q, filters.model_dump_json(), page, page_size),
                  lambda: _search_page(reader, q, filters, page, page_size))


def first_hits(reader: Reader, q: str = "", filters: Filters | None = None, *, limit: int = 10) -> SearchPage:
    """The search page with the first ``limit`` hits (0: none, the counts and facets alone), read
    ``MAX_PAGE_SIZE`` hits at a time: ``prolifwatch search --limit``.  At most ``MAX_HITS``."""
    if not 0 <= limit <= MAX_HITS:
        raise BadParameter("limit", f"between 0 and {MAX_HITS}: narrow the search")
    size = max(1, min(limit, MAX_PAGE_SIZE))
    first = search_page(reader, q, filters, page_size=size)
    hits, page = first.hits[:limit], 1
    while len(hits) < min(limit, first.total):
        page += 1
        more = search_page(reader, q, filters, page=page, page_size=size).hits
        if not more:  # the store changed between pages (an ingest): what was read is what there is
            break
        hits += more
    return first.model_copy(update={"hits": hits[:limit]})  # a copy: the pages read are kept, and shared


def _search_page(reader: Reader, q: str, filters: Filters, page: int, page_size: int) -> SearchPage:
    if page < 1:
        raise BadParameter("page", "pages are counted from 1")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise BadParameter("page_size", f"between 1 and {MAX_PAGE_SIZE}")
    offset = (page - 1) * page_size
    if offset > MAX_OFFSET:
        raise BadParameter("page", f"only the first {MAX_OFFSET} hits are paged: narrow the search")
    try:
        require_terms_or_filters(q, *filters.model_dump().values())
        parsed = parse(q)
    except QueryError as exc:
        raise BadParameter("q", str(exc)) from None
    try:
        days = date_range(filters.since, filters.until)
    except ValueError as exc:
        message = str(exc)  # "--since 2008-13: use YYYY-MM-DD ...", "--until ...", "--since A is after --until B"
        raise BadParameter("until" if message.startswith("--until") else "since", message) from None
    store, db = reader.store, reader.db
    values = store.doc_values()
    match = _match_of(parsed)
    entity_name, restricted = _restriction(reader, filters)
    text_pks = _text_matches(db, match) if match else _all_but(db, values, parsed.exclude)
    if restricted is not None:
        text_pks = restricted if text_pks is None else np.intersect1d(text_pks, restricted)
    matched, date_filter = _matching(values, text_pks, filters.tag, filters.origin, filters.classification,
                                     filters.kind, days)
    wanted = max(offset + page_size, SAMPLE)
    if match:
        narrowed = matched if text_pks is None or len(matched) < len(text_pks) else None
        ranked = _ranked_page(store, match, matched, narrowed, wanted, 0)
    else:
        ranked = _newest_page(db, values, matched, wanted, 0)
    shown = ranked[offset:offset + page_size]
    pks = [pk for pk, _ in shown]
    rows = _hit_rows(db, pks)
    snippets = _snippets(store, match, pks) if match else {}
    places = _snippet_paragraphs(db, snippets)
    in_range = [None] * len(pks) if days is None else \
        ["whole" if whole else "partly" for whole in
         (values.date_first[pks] >= days[0]) & (values.date_last[pks] <= days[1])]
    hits = [_search_hit(_hit(rows[pk], round(-score, 4) if score else 0.0, snippets.get(pk), placed), places.get(pk))
            for (pk, score), placed in zip(shown, in_range)]
    sample = [pk for pk, _ in ranked[:SAMPLE]]
    # date_precision too: not a filter (the page does not list it), but how well the matches are dated
    facets = [_plain_facet(name, _facet(values.counts(name, matched), rest=name != "tag")) for name in FACETS]
    facets += _mention_facets(db, sample, len(matched))
    return SearchPage(
        query=q, filters=filters, total=len(matched), page=page, page_size=page_size,
        pages=max(1, -(-min(len(matched), MAX_OFFSET + page_size) // page_size)), hits=hits, facets=facets,
        dates=date_histogram(values, matched, filters.since, filters.until),
        date_filter=DateFilterNote(**vars(date_filter)) if date_filter else None, entity_name=entity_name,
        ranked_among=ranked_among(len(matched)) if match else None)


def blank_page(reader: Reader) -> SearchPage:
    """No query and no filter: no hits, and the facets of the whole collection to start from."""
    return cached(reader, "blank search", (), lambda: _blank_page(reader))


def _blank_page(reader: Reader) -> SearchPage:
    values = reader.store.doc_values()
    everything = np.flatnonzero(values.present)
    return SearchPage(query="", filters=Filters(), total=0, page=1, page_size=PAGE_SIZE, pages=1, hits=[],
                      facets=[_plain_facet(name, _facet(values.counts(name, everything), rest=name != "tag"))
                              for name in ("kind", "classification", "tag", "origin")],
                      dates=date_histogram(values, everything, None, None))


def _restriction(reader: Reader, filters: Filters) -> tuple[str | None, np.ndarray | None]:
    """(the entity's name, the pks the entity and item filters allow; None: no such filter)."""
    db, name, allowed = reader.db, None, None
    if filters.entity:
        row = db.execute("SELECT name FROM entities WHERE id = ?", (filters.entity,)).fetchone()
        if row is None:
            raise NotFound("entity", filters.entity, nearest_entities(reader.store, filters.entity),
                           hint="the entity filter takes an entity id, as in the entity facet's links")
        name = row[0]
        allowed = _pks(db, "SELECT DISTINCT pk FROM mentions WHERE key IN "
                           "(SELECT key FROM entity_members WHERE entity_id = ? UNION SELECT ?)",
                       (filters.entity, filters.entity))
    if filters.item_code:
        keys = ["item:" + key for key in item_keys(filters.item_code)]
        found = _pks(db, f"SELECT DISTINCT pk FROM mentions WHERE key IN ({','.join('?' * len(keys))})", keys)
        allowed = found if allowed is None else np.intersect1d(allowed, found)
    return name, allowed


def _pks(db, sql: str, args) -> np.ndarray:
    return np.unique(np.array([pk for (pk,) in db.execute(sql, tuple(args))], dtype=np.int64))


def _plain_facet(name: str, counts: dict[str, int]) -> Facet:
    return Facet(name=name, values=[FacetValue(value=v, count=n, label=tag_meaning(v) if name == "tag" else None)
                                    for v, n in counts.items()])


def _mention_facets(db, sample: list[int], total: int) -> list[Facet]:
    """The entity and item facets over ``sample`` (best hit first): one pass over its mentions
    (pk, key), one lookup of their entities; each document counts once per entity or item, and
    among equal counts what the better hits mention comes first."""
    pairs = db.execute("SELECT DISTINCT m.pk, m.key FROM json_each(?) j CROSS JOIN mentions m ON m.pk = j.value "
                       "WHERE m.key IS NOT NULL", (json.dumps(sample),)).fetchall() if sample else []
    keys = sorted({key for _, key in pairs})
    entity_of = dict(db.execute("SELECT key, entity_id FROM entity_members WHERE key IN "
                                "(SELECT value FROM json_each(?))", (json.dumps(keys),))) if keys else {}
    rank = {pk: n for n, pk in enumerate(sample)}
    top = _commonest({(pk, entity_of[key]) for pk, key in pairs if key in entity_of}, rank)
    names = {i: (name, kind) for i, name, kind in db.execute(
        "SELECT id, name, type FROM entities WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([e for e, _ in top]),))} if top else {}
    items = _commonest({(pk, key[5:]) for pk, key in pairs if key.startswith("item:")}, rank)
    over = len(sample) if total > len(sample) else None
    return [Facet(name="entity", over=over, values=[
                FacetValue(value=e, count=n, label=f"{names[e][0]} ({names[e][1]})" if e in names else e)
                for e, n in top]),
            Facet(name="item_code", over=over, values=[FacetValue(value=code, count=n, label=item_name(code))
                                                       for code, n in items])]


def _commonest(pairs: set[tuple[int, str]], rank: dict[int, int]) -> list[tuple[str, int]]:
    """(pk, value) pairs counted by value: commonest first, then the one in the best hit."""
    counts: Counter = Counter()
    best: dict[str, int] = {}
    for pk, value in pairs:
        counts[value] += 1
        best[value] = min(best.get(value, len(rank)), rank[pk])
    return sorted(counts.items(), key=lambda kv: (-kv[1], best[kv[0]], kv[0]))[:ENTITY_FACET_SIZE]


def date_histogram(values, matched: np.ndarray, since: str | None, until: str | None) -> DateHistogram:
    """Years; the months of the one year since..until spans; the days of its one month."""
    span = (since or "")[:7] if since and until and since[:7] == until[:7] and len(since) >= 7 else \
        (since or "")[:4] if since and until and since[:4] == until[:4] else ""
    level = "day" if len(span) == 7 else "month" if len(span) == 4 else "year"
    precision = values.date_precision[matched]
    undated = int(np.count_nonzero(precision == 0))
    needed = {"year": 1, "month": 2, "day": 3}[level]
    placed = matched[precision >= needed]
    unit = {"year": "datetime64[Y]", "month": "datetime64[M]", "day": "datetime64[D]"}[level]
    # counted as dates, then the few distinct periods written out: text for each
    # of 50,000 matches took 160 ms
    periods, counts = np.unique(values.date_first[placed].astype("datetime64[D]").astype(unit), return_counts=True)
    labels = periods.astype(str)
    if span and len(labels):
        keep = np.char.startswith(labels, span)
        labels, counts = labels[keep], counts[keep]
    buckets = [DateBucket(label=str(label), since=str(label), until=str(label), count=int(n))
               for label, n in zip(labels, counts)]
    return DateHistogram(level=level, buckets=buckets, undated=undated,
                         coarser=int(len(matched) - undated - len(placed)))


def marked_snippet(parts: list[SnippetPart]) -> str | None:
    """The snippet as FTS5 wrote it, «hit» marks and all (None: no snippet): what the terminal highlights."""
    return "".join(f"{HIGHLIGHT[0]}{p.text}{HIGHLIGHT[1]}" if p.hit else p.text for p in parts) or None


def _split_snippet(snippet: str | None) -> list[SnippetPart]:
    """«hit» marks to parts: the template marks them, no HTML is built here."""
    parts: list[SnippetPart] = []
    rest = snippet or ""
    while rest:
        start = rest.find(HIGHLIGHT[0])
        end = rest.find(HIGHLIGHT[1], start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            parts.append(SnippetPart(text=rest))
            break
        if start:
            parts.append(SnippetPart(text=rest[:start]))
        parts.append(SnippetPart(text=rest[start + 1:end], hit=True))
        rest = rest[end + 1:]
    return parts


def _snippet_paragraphs(db, snippets: dict[int, str]) -> dict[int, tuple[int, str | None]]:
    """(paragraph index, number as printed) of each snippet's first hit: the
    snippet is a piece of the body, so where it starts in the body says where."""
    found = {}
    for pk, snippet in snippets.items():
        text = snippet.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
        first_hit = text.find(HIGHLIGHT[0])
        plain = text.replace(HIGHLIGHT[0], "").replace(HIGHLIGHT[1], "")
        at = db.execute("SELECT instr(body, ?) FROM documents WHERE pk = ?", (plain, pk)).fetchone()
        if not at or not at[0]:
            continue  # the body holds the marks' characters itself: no place claimed
        row = db.execute("SELECT idx, number FROM paragraphs WHERE pk = ? AND start <= ? ORDER BY idx DESC LIMIT 1",
                         (pk, at[0] - 1 + max(first_hit, 0))).fetchone()
        if row is not None:
            found[pk] = (row[0], row[1])
    return found


def _search_hit(hit, place: tuple[int, str | None] | None) -> SearchHit:
    index, number = place if place else (None, None)
    return SearchHit(
        id=hit.id, kind=hit.kind, title=hit.title, date=hit.date, date_label=hit.date_label,
        created_precision=hit.created_precision, created_source=hit.created_source, date_in_range=hit.date_in_range, origin=hit.origin, classification=hit.classification, score=hit.score,
        snippet=_split_snippet(hit.snippet), paragraph_index=index,
        paragraph=paragraph_citation(number, index) if place else None,
        anchor=paragraph_anchor(number, index) if place else None, warnings=hit.warnings)


def csv_rows(result: SearchPage):
    """The hits as CSV rows (a header first); cells go through ``export.cells``'s escaping."""
    yield ["id", "kind", "date", "origin", "classification", "title", "score", "paragraph", "snippet"]
    for hit in result.hits:
        yield [hit.id, hit.kind, hit.date_label, hit.origin or "",
               hit.classification or "", hit.title or "", hit.score, hit.paragraph or "",
               "".join(f"[{p.text}]" if p.hit else p.text for p in hit.snippet)]
