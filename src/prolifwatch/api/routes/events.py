"""``/events``: the transfer ledger and the diplomatic-action ledger, and their CSV."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import StreamingResponse

from ...query.ledger import PER_PAGE, Filters, Ledger, ledger, ledger_csv
from ..twins import ReaderDep, Twins


def ledger_filters(
    type: str = Query("transfer", description="transfer or diplomatic_action"),
    supplier: str | None = Query(None, description="a party (entity name, alias, id, country or code)"),
    recipient: str | None = Query(None, description="a party, as supplier"),
    actor: str | None = Query(None, description="diplomatic actions: who acted"),
    counterpart: str | None = Query(None, description="diplomatic actions: towards whom"),
    item_code: str | None = Query(None, description="a control code (3.B.3, MTCR 3.B.3), a category (3.B), "
                                                    "a control list (MTCR) or '(no control code)'"),
    status: str | None = Query(None, description="completed, attempted, planned ..."),
    kind: str | None = Query(None, description="diplomatic actions: demarche, request, response ..."),
    origin: str | None = Query(None, description="the reporting post or outlet (Embassy Beijing)"),
    since: str | None = Query(None, description="from this date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    until: str | None = Query(None, description="up to this date, inclusive"),
    min_confidence: float | None = Query(None, description="at least this confidence (accepted events count 1.0)"),
    sort: str = Query("-date", description="column to sort by, '-' first for descending: date, confidence, "
                                           "supplier, recipient, item, item_code, via, carrier, status, kind, "
                                           "origin, actor, counterpart, document"),
) -> Filters:
    return Filters(type=type.replace("-", "_"), supplier=supplier or None, recipient=recipient or None,
                   actor=actor or None, counterpart=counterpart or None, item_code=item_code or None,
                   status=status or None, kind=kind or None, origin=origin or None, since=since or None,
                   until=until or None, min_confidence=min_confidence, sort=sort or "-date")


FiltersDep = Annotated[Filters, Depends(ledger_filters)]


def register(twins: Twins, app: FastAPI) -> None:
    @twins.api.get("/events.csv", tags=["events"], response_class=StreamingResponse,
                   responses={200: {"content": {"text/csv": {}}, "description": "the ledger as CSV"}})
    def events_csv(reader: ReaderDep, filters: FiltersDep):
        """Every event the filters keep, as CSV (cells a spreadsheet would read as formulas made inert)."""
        chunks = ledger_csv(reader, filters)
        return StreamingResponse(chunks, media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="prolifwatch-{filters.type}s.csv"'})

    @twins.page("/events", "/events", "events/ledger.html", tags=["events"])
    def events(reader: ReaderDep, request: Request, filters: FiltersDep,
               page: int = Query(1, ge=1, le=1_000_000, description="page number, from 1"),
               per_page: int = Query(PER_PAGE, description="rows per page (1-500)")) -> Ledger:
        """One row per transfer (or diplomatic action), filtered and sorted on any column."""
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "per_page")]
        return ledger(reader, filters, page, per_page,
                      csv_url="/api/v1/events.csv" + ("?" + urlencode(params) if params else ""))
