"""``/search`` and ``GET /api/v1/search``: full-text search with facets, its
CSV download, and batch search (``/search/batch``, ``POST /api/v1/search/batch``)."""
from __future__ import annotations

import io
from typing import Annotated

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from ...errors import ProlifwatchError, TooLarge
from ...export.cells import inert_writer
from ...query.batch_search import BatchFilters, BatchRequest, BatchResult, MAX_TERMS, batch_search, terms_of
from ...query.batch_search import csv_rows as batch_csv_rows
from ...query.labels import item_name, tag_meaning
from ...query.search_page import MAX_PAGE_SIZE, Filters, SearchPage, blank_page, csv_rows, search_page
from ..templating import render
from ..twins import ReaderDep, Twins

MAX_UPLOAD_BYTES = 1_000_000
QUERY_HELP = ('Words (all must appear), "exact phrases", prefix*, a OR b, -exclude or NOT exclude. '
              "Blank: needs a filter, and lists documents newest first.")


def search_filters(
    tag: str | None = Query(None, description="Only documents with this TAG, e.g. PARM."),
    origin: str | None = Query(None, description="Only this origin, e.g. 'Embassy Beijing'."),
    classification: str | None = Query(None, description="Only this classification level, e.g. SECRET."),
    kind: str | None = Query(None, description="cable or article."),
    since: str | None = Query(None, description="Created/published on or after: YYYY-MM-DD, YYYY-MM or YYYY."),
    until: str | None = Query(None, description="Created/published on or before: YYYY-MM-DD, YYYY-MM or YYYY."),
    entity: str | None = Query(None, description="Only documents mentioning this entity (its id, e.g. entity:limmt)."),
    item_code: str | None = Query(None, description="Only documents mentioning this control-list item: "
                                                    "'MTCR 3.B.3', or '3.B.3' for every list."),
) -> Filters:
    # an empty form field is no filter
    return Filters(tag=tag or None, origin=origin or None, classification=classification or None, kind=kind or None,
                   since=since or None, until=until or None, entity=entity or None, item_code=item_code or None)


FiltersDep = Annotated[Filters, Depends(search_filters)]


def _csv(rows, filename: str) -> Response:
    buffer = io.StringIO()
    inert_writer(buffer).writerows(rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def register(twins: Twins, app: FastAPI) -> None:
    # the knowledge base gives tags and items their meanings: loaded once, at start-up
    app.state.warmers["knowledge"] = lambda app: (tag_meaning("PARM"), item_name("MTCR 3.B.3"))

    @twins.page("/search", "/search", "search/search.html", tags=["search"])
    def search(request: Request, reader: ReaderDep, filters: FiltersDep,
               q: str = Query("", description=QUERY_HELP),
               page: int = Query(1, ge=1, le=1_000_000, description="Page of hits, from 1.")) -> SearchPage:
        """Full-text search: ranked hits with snippets naming their paragraph, facets, a date histogram.
        A blank query needs a filter (422 without one)."""
        if not request.url.path.startswith("/api/") and not q.strip() and not any(filters.model_dump().values()):
            return blank_page(reader)  # the page's landing: the form and the collection's facets
        return search_page(reader, q, filters, page=page)

    @twins.api.get("/search.csv", tags=["search"], response_class=Response,
                   responses={200: {"content": {"text/csv": {}}, "description": "The hits as CSV."}})
    def search_csv(reader: ReaderDep, filters: FiltersDep, q: str = Query("", description=QUERY_HELP)):
        """The first 1000 hits of a search as CSV (cells a spreadsheet could run as formulas are escaped)."""
        return _csv(csv_rows(search_page(reader, q, filters, page_size=MAX_PAGE_SIZE)), "search.csv")

    @twins.api.post("/search/batch", tags=["search"], response_model=BatchResult)
    def batch(reader: ReaderDep, request: BatchRequest) -> BatchResult:
        """Many terms at once (at most 500): each term's hit count and first documents."""
        return batch_search(reader, request)

    @twins.api.post("/search/batch.csv", tags=["search"], response_class=Response,
                    responses={200: {"content": {"text/csv": {}}, "description": "One row per term."}})
    def batch_csv(reader: ReaderDep, request: BatchRequest):
        """A batch search as CSV: term, hits, first documents, error."""
        return _csv(batch_csv_rows(batch_search(reader, request)), "batch-search.csv")

    @app.get("/search/batch", include_in_schema=False, response_class=HTMLResponse)
    def batch_form(request: Request):
        return render(request, "search/batch.html", max_terms=MAX_TERMS)

    @app.post("/search/batch", include_in_schema=False, response_class=HTMLResponse)
    def batch_results(request: Request, reader: ReaderDep,
                            terms: str = Form(""), file: UploadFile | None = File(None),
                            tag: str = Form(""), origin: str = Form(""), classification: str = Form(""),
                            kind: str = Form(""), since: str = Form(""), until: str = Form("")):
        """The htmx fragment: the results table (or what was wrong, with its status)."""
        try:
            text = terms
            if file is not None and file.filename:
                data = file.file.read(MAX_UPLOAD_BYTES + 1)
                if len(data) > MAX_UPLOAD_BYTES:
                    raise TooLarge(f"the file is over {MAX_UPLOAD_BYTES // 1000} kB", hint="split the list")
                text += "\n" + data.decode("utf-8", errors="replace")
            filters = BatchFilters(tag=tag or None, origin=origin or None, classification=classification or None,
                                   kind=kind or None, since=since or None, until=until or None)
            result = batch_search(reader, BatchRequest(terms=terms_of(text), filters=filters))
        except ProlifwatchError as error:
            return render(request, "search/_batch_results.html", status_code=error.http_status, error=error,
                          result=None)
        return render(request, "search/_batch_results.html", error=None, result=result,
                      request_json=BatchRequest(terms=[line.term for line in result.lines],
                                                filters=filters).model_dump_json())
