"""The transfer ledger and the diplomatic-action ledger (``/events``): one row per
event as the analyst's review leaves it, filtered and sorted on any column,
paginated, and written as CSV.

Filters behave as ``extraction.find_events``' (parties resolved by
``parties.resolve_party``, never by substring; rejected events left out,
corrections in), and a few more: ``item_code`` takes a code with or without
its regime (``3.B.3``, ``MTCR 3.B.3``), a category (``3.B``) or a control
list alone (``MTCR``: every item it controls; ``(no control code)``: transfers
with no coded item), ``origin`` the reporting post.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from ..citations import with_paragraph_number
from ..store import doc_dates
from ..errors import BadParameter, NotFound, Suggestion
from .context import Reader
from .extraction import reviewed
from .page_sources import Source, document_link, folded, source_of
from .parties import argument_events_sql, resolve_party

PER_PAGE = 50
SORT_LIMIT = 2000   # rows a ledger page sorts at most (the most recently reported); the CSV sorts them all
CSV_ROWS = 50000
NO_CODE = "(no control code)"
TYPES = ("transfer", "diplomatic_action")
PARTY_FILTERS = {"transfer": ("supplier", "recipient"), "diplomatic_action": ("actor", "counterpart")}

# What each sortable column sorts by (an argument's text for the parties, lower-cased).
_DATE = "COALESCE(NULLIF(substr(e.date, 1, 10), ''), substr(d.date, 1, 10))"


def _argument(role: str) -> str:
    return (f"(SELECT min(lower(a.text)) FROM event_arguments a WHERE a.event_pk = e.event_pk"
            f" AND a.role = '{role}')")


SORTS = {
    "date": _DATE, "confidence": "e.ranked_confidence", "status": "e.status", "kind": "e.kind",
    "document": "d.id", "origin": "d.origin",
    "supplier": _argument("supplier"), "recipient": _argument("recipient"), "end_user": _argument("end_user"),
    "item": _argument("items"), "item_code": _argument("item_code"), "via": _argument("via"),
    "carrier": _argument("carrier"), "actor": _argument("actor"), "counterpart": _argument("counterpart"),
}


class Party(BaseModel):
    text: str
    key: str | None
    link: str | None       # the entity page, when it has a key


class Item(Party):
    code: str | None       # its control-list code ("MTCR 3.B.3")


class LedgerRow(BaseModel):
    id: str
    type: str
    date: str | None            # the event's own date, else None (document_date says when it was reported)
    document_date: str | None
    origin: str | None          # the post or outlet that reported it
    status: str | None
    kind: str | None
    confidence: float
    review: str | None
    corrected: list[str]        # roles the analyst corrected
    supplier: list[Party] = []
    recipient: list[Party] = []
    end_user: list[Party] = []
    items: list[Item] = []
    via: list[Party] = []
    carrier: list[Party] = []
    actor: list[Party] = []
    counterpart: list[Party] = []
    transfer: int | None = None  # a diplomatic action: the index of the transfer it is about, in the same document
    transfer_id: str | None = None
    transfer_link: str | None = None  # the transfer's paragraph
    source: Source


class Filters(BaseModel):
    type: str
    supplier: str | None = None
    recipient: str | None = None
    actor: str | None = None
    counterpart: str | None = None
    item_code: str | None = None
    status: str | None = None
    kind: str | None = None
    origin: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    sort: str = "-date"


class Ledger(BaseModel):
    filters: Filters
    page: int
    per_page: int
    has_next: bool
    rows: list[LedgerRow]
    parties: dict[str, list[str]]        # what each party filter resolved to (entity ids)
    statuses: list[str]                   # values there are, for the filter menus
    kinds: list[str]
    sorts: list[str]
    csv_url: str
    sorted_among: int | None = None       # set: more rows match, and the page sorts only this many (the latest)
    note: str | None = None               # what sorted_among means, for the page


def _where(reader: Reader, f: Filters) -> tuple[list[str], list[Any], dict[str, list[str]]]:
    where, params = ["e.type = ?"], [f.type]
    for column, value in (("e.status", f.status), ("e.kind", f.kind)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if f.origin:
        where.append("d.origin = ? COLLATE NOCASE")
        params.append(f.origin)
    if f.min_confidence is not None:
        where.append("e.ranked_confidence >= ?")
        params.append(f.min_confidence)
    if f.since:
        where.append(f"{_DATE} >= ?")
        params.append(f.since)
    if f.until:
        # "2008" keeps all of 2008: the date is cut to the length of the bound before comparing
        where.append(f"substr({_DATE}, 1, {len(f.until)}) <= ?")
        params.append(f.until)
    resolved: dict[str, list[str]] = {}
    for role in ("supplier", "recipient", "actor", "counterpart"):
        value = getattr(f, role)
        if not value:
            continue
        party = resolve_party(reader.store, value)
        if not party.resolved:
            raise NotFound(role, value, _suggested(party.suggestions), hint=f"{role} names no entity or country")
        sql, values = argument_events_sql(role, party)
        where.append(sql)
        params += values
        resolved[role] = [e["id"] for e in party.entities] or party.keys
    if f.item_code:
        code = " ".join(f.item_code.split())
        if code == NO_CODE:
            where.append("e.event_pk NOT IN (SELECT a.event_pk FROM event_arguments a WHERE a.role = 'item_code')")
        else:
            # a whole code, the code without its regime, a category of codes, or a whole control list
            # found from the item_code arguments (their role index), not probed event by event
            where.append("e.event_pk IN (SELECT a.event_pk FROM event_arguments a WHERE a.role = 'item_code'"
                         " AND (a.key = ? OR a.key LIKE ? ESCAPE '\\' OR a.key LIKE ? ESCAPE '\\'"
                         " OR a.key LIKE ? ESCAPE '\\' OR a.key LIKE ? ESCAPE '\\'))")
            escaped = code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params += [code, f"% {escaped}", f"{escaped} %", f"{escaped}.%", f"% {escaped}.%"]
    if any(w.startswith("e.event_pk IN (") for w in where):
        # the matching events are then found from the arguments' indexes (rowid look-ups), not by
        # reading every event of the type (its index, then each row for live_events' review)
        where[0] = "+e.type = ?"
    return where, params, resolved


def _suggested(names: list[str]) -> list[Suggestion]:
    return [Suggestion(n) for n in names]


def _checked(f: Filters) -> tuple[str, bool]:
    if f.type not in TYPES:
        raise BadParameter("type", f"{f.type!r} is not one of: {', '.join(TYPES)}")
    for name, bound in (("since", f.since), ("until", f.until)):
        if bound:
            try:
                doc_dates.parse_bound(bound)  # as search reads it: YYYY, YYYY-MM or YYYY-MM-DD, a real day
            except ValueError as exc:
                raise BadParameter(name, str(exc)) from None
    if f.min_confidence is not None and not 0 <= f.min_confidence <= 1:  # NaN fails both
        raise BadParameter("min_confidence", f"{f.min_confidence} is not between 0 and 1")
    column = f.sort.lstrip("-")
    if column not in SORTS:
        raise BadParameter("sort", f"{f.sort!r}: sort by one of {', '.join(SORTS)} (a leading - for descending)")
    return column, f.sort.startswith("-")


def _rows(reader: Reader, f: Filters, limit: int, offset: int, *, bounded: bool = False,
          ) -> tuple[list[LedgerRow], dict[str, list[str]], int | None]:
    """Rows ``offset`` to ``offset + limit`` in the sort order, what the party filters resolved to, and,
    ``bounded`` and the filters keep more than ``SORT_LIMIT`` rows, ``SORT_LIMIT``: the rows sorted
    were then the ``SORT_LIMIT`` most recently reported (walked by the documents' date index), so
    that a page over a busy store never sorts every transfer; else None (the order is exact)."""
    column, descending = _checked(f)
    where, params, resolved = _where(reader, f)
    condition = " AND ".join(where)
    sorted_among = None
    source = "live_events e JOIN documents d ON d.pk = e.pk"
    if bounded and reader.db.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {condition} LIMIT ?)",
            (*params, SORT_LIMIT + 1)).fetchone()[0] > SORT_LIMIT:
        sorted_among = SORT_LIMIT
        # CROSS JOIN: the documents, newest first, lead; each one's events are read by its pk, and
        # "+e.event_pk IN": a filter's events are a set to test against, not a list to look up per document
        walked = condition.replace("e.event_pk IN (", "+e.event_pk IN (")
        source = (f"(SELECT e.event_pk FROM documents d CROSS JOIN live_events e ON e.pk = d.pk WHERE {walked}"
                  " ORDER BY d.date DESC, d.id, e.idx LIMIT ?) c"
                  " JOIN live_events e ON e.event_pk = c.event_pk JOIN documents d ON d.pk = e.pk")
        params = [*params, SORT_LIMIT]
        condition = "1"
    order = SORTS[column]
    sql = ("SELECT e.eid, d.id, d.date, d.origin, e.record, p.number, e.ranked_confidence, e.review"
           f" FROM {source}"
           " LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph"
           f" WHERE {condition}"
           f" ORDER BY ({order}) IS NULL, {order} {'DESC' if descending else 'ASC'}, d.id, e.idx LIMIT ? OFFSET ?")
    rows = reader.db.execute(sql, (*params, limit, offset)).fetchall()
    found = [_row(*r) for r in rows]
    _link_transfers(reader.db, found)
    return found, resolved, sorted_among


def _party(argument: dict[str, Any]) -> Party:
    key = argument.get("key")
    return Party(text=folded(argument.get("text")), key=key,
                 link=f"/entities/{quote(key, safe='')}" if key else None)


def _row(eid, document, document_date, origin, record, number, confidence, review) -> LedgerRow:
    event = reviewed(json.loads(record))
    evidence = with_paragraph_number(event.get("evidence") or {}, number)
    parties = {role: [_party(a) for a in event.get(role) or []]
               for role in ("supplier", "recipient", "end_user", "via", "carrier", "actor", "counterpart")}
    items = [Item(**_party(a).model_dump(), code=_code(a.get("key"))) for a in event.get("items") or []]
    return LedgerRow(
        id=eid, type=event["type"], date=event.get("date") or None, document_date=document_date, origin=origin,
        status=event.get("status"), kind=event.get("kind"), confidence=confidence, review=review,
        corrected=sorted({c["role"] for c in event["corrections"]}), items=items, transfer=event.get("transfer"),
        source=source_of(evidence, document), **parties)


def _code(key: str | None) -> str | None:
    """An item key's control-list code: ``item:MTCR 3.B.3`` -> ``MTCR 3.B.3``."""
    return key.removeprefix("item:") if key and key.startswith("item:") and " " in key else None


def _link_transfers(db, rows: list[LedgerRow]) -> None:
    """A diplomatic action's ``transfer`` (an index in its document) as the transfer's event id."""
    linked = [r for r in rows if r.transfer is not None]
    documents = sorted({r.source.document for r in linked})
    ids: dict[tuple[str, int], tuple[str, str]] = {}
    for i in range(0, len(documents), 500):
        chunk = documents[i:i + 500]
        for document, idx, eid, paragraph, number in db.execute(
                "SELECT d.id, e.idx, e.eid, e.paragraph, p.number FROM live_events e JOIN documents d ON d.pk = e.pk"
                " LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph"
                f" WHERE d.id IN ({','.join('?' * len(chunk))}) AND +e.type = 'transfer'", chunk):
            ids[document, idx] = (eid, document_link(document, number, paragraph))
    for row in linked:
        row.transfer_id, row.transfer_link = ids.get((row.source.document, row.transfer), (None, None))


def ledger(reader: Reader, filters: Filters, page: int = 1, per_page: int = PER_PAGE, csv_url: str = "") -> Ledger:
    """One page of the ledger of ``filters.type`` events."""
    if page < 1:
        raise BadParameter("page", "must be 1 or more")
    if not 1 <= per_page <= 500:
        raise BadParameter("per_page", "must be between 1 and 500")
    from ..event_decisions import ACTION_KINDS  # the writes' module; imported late, it imports query/

    rows, resolved, sorted_among = _rows(reader, filters, per_page + 1, (page - 1) * per_page, bounded=True)
    note = None if sorted_among is None else (
        f"more than {sorted_among} events match: these are sorted among the {sorted_among} most recently reported"
        " (the CSV has every row in the exact order; a date range, a party or an item code narrows the ledger)")
    return Ledger(filters=filters, page=page, per_page=per_page, has_next=len(rows) > per_page, rows=rows[:per_page],
                  parties=resolved, statuses=_statuses(reader.db, filters.type),
                  kinds=sorted(ACTION_KINDS) if filters.type == "diplomatic_action" else [], sorts=list(SORTS),
                  csv_url=csv_url, sorted_among=sorted_among, note=note)


def _statuses(db, type_: str) -> list[str]:
    """The statuses there are, one seek each in the (type, status) index rather than a read of every event."""
    found: list[str] = []
    while True:
        after = "status > ?" if found else "status IS NOT NULL"
        (status,) = db.execute(f"SELECT min(status) FROM events WHERE type = ? AND {after}",
                               (type_, *found[-1:])).fetchone()
        if status is None:
            return found
        found.append(status)


CSV_COLUMNS = {
    "transfer": ("id", "date", "document_date", "supplier", "items", "item_codes", "recipient", "end_user", "via",
                 "carrier", "status", "confidence", "review", "document", "paragraph", "evidence"),
    "diplomatic_action": ("id", "date", "document_date", "origin", "actor", "counterpart", "kind", "status",
                          "transfer", "confidence", "review", "document", "paragraph", "evidence"),
}


def _csv_values(row: LedgerRow) -> dict[str, Any]:
    def names(parties: list[Party]) -> str:
        return "; ".join(p.text for p in parties)

    return {"id": row.id, "date": row.date or "", "document_date": row.document_date or "",
            "origin": row.origin or "", "supplier": names(row.supplier), "items": names(row.items),
            "item_codes": "; ".join(i.code for i in row.items if i.code), "recipient": names(row.recipient),
            "end_user": names(row.end_user), "via": names(row.via), "carrier": names(row.carrier),
            "actor": names(row.actor), "counterpart": names(row.counterpart), "kind": row.kind or "",
            "status": row.status or "", "transfer": row.transfer_id or "", "confidence": row.confidence,
            "review": row.review or "", "document": row.source.document, "paragraph": row.source.citation,
            "evidence": row.source.evidence}


def ledger_csv(reader: Reader, filters: Filters) -> Iterator[str]:
    """Every row the filters keep (up to ``CSV_ROWS``), as CSV text in chunks; cells that a
    spreadsheet would read as formulas are made inert (``export.cells``).  The rows are read
    (and the filters checked) before the first byte is sent."""
    columns = CSV_COLUMNS[filters.type] if filters.type in CSV_COLUMNS else CSV_COLUMNS["transfer"]
    rows, _, _ = _rows(reader, filters, CSV_ROWS, 0)
    return _csv_chunks(columns, rows)


def _csv_chunks(columns: tuple[str, ...], rows: list[LedgerRow]) -> Iterator[str]:
    from ..export.cells import inert_writer

    buffer = io.StringIO()
    writer = inert_writer(buffer)
    writer.writerow(columns)
    for number, row in enumerate(rows, 1):
        values = _csv_values(row)
        writer.writerow([values[c] for c in columns])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
